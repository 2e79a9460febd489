// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320; the zlib / PNG / gzip checksum), table
// driven, incremental so the writer and loader can checksum a file chunk by chunk.

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[b] = c >>> 0;
  }
  return table;
})();

/**
 * Continues a CRC-32 over `bytes`. Start with `crc32Update(0, first)`, feed each next chunk the
 * previous result; the value after the last chunk is the CRC-32 of the concatenation.
 */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of `bytes`, an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  return crc32Update(0, bytes);
}

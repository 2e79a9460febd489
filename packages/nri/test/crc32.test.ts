// CRC-32 against its published check value and zlib, and chunked = whole.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Update } from '../src/index.js';

describe('crc32', () => {
  it('gives the standard check value for "123456789" and 0 for no bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib where Node has it, and chunk by chunk equals all at once', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 2654435761) >>> 24);
    const whole = crc32(bytes);
    if (typeof zlibCrc32 === 'function') expect(whole).toBe(zlibCrc32(bytes));
    let running = 0;
    for (let at = 0; at < bytes.length; at += 999)
      running = crc32Update(running, bytes.subarray(at, at + 999));
    expect(running).toBe(whole);
  });
});

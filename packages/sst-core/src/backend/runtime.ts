// Node-only steps (the resolve hook, the .wasm file paths) are skipped in browsers and workers.

/** True when running in Node.js. Read through globalThis so bundles for browsers never touch it. */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

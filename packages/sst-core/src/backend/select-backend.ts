// Chooses the tfjs backend when an app asks for one (never at import): tfjs-node(-gpu) when it is
// installed, else wasm (the embedded default), else cpu. Each backend package is imported only
// when it is tried, so loading this module registers nothing.
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients.js';
import { isNode } from './runtime.js';
import { registerWasmFallbackKernels } from './wasm-kernels.js';

/** 'tensorflow' is tfjs-node or tfjs-node-gpu (libtensorflow), available only when installed. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Every backend name, in the default order of preference. */
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

// Optional packages: never dependencies (their install downloads libtensorflow). Held in
// variables so neither TypeScript nor a bundler tries to resolve them.
const TFJS_NODE_PACKAGES: readonly string[] = [
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-node',
];

/**
 * Sets the tfjs backend and returns its name. Without a preference it tries tfjs-node-gpu and
 * tfjs-node (if installed), then wasm, then cpu. A list is tried in order and the first backend
 * that initialises wins; if none does, the Error names each one and why it failed. Also registers
 * the tfjs-core gradients (`ensureGradients`) and, on wasm, the JS fallback kernels.
 */
export async function selectBackend(
  preference?: BackendName | readonly BackendName[],
): Promise<BackendName> {
  const candidates = parsePreference(preference);
  // Calls run one at a time: interleaved at their awaits, two concurrent calls could each report
  // the backend they set while the other's setBackend wins.
  const run = queue.then(() => selectFrom(candidates));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function selectFrom(candidates: readonly BackendName[]): Promise<BackendName> {
  await ensureGradients();
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      await activate(name);
      return name;
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`selectBackend: no backend could be set (${failures.join('; ')})`);
}

function parsePreference(preference: unknown): readonly BackendName[] {
  if (preference === undefined) return BACKEND_NAMES;
  if (typeof preference !== 'string' && !Array.isArray(preference)) {
    throw new TypeError(
      `selectBackend: preference must be a backend name or an array of them, got ${describeValue(preference)}`,
    );
  }
  const list: readonly unknown[] = typeof preference === 'string' ? [preference] : preference;
  if (list.length === 0) {
    throw new RangeError('selectBackend: preference must not be an empty array');
  }
  for (const name of list) {
    if (typeof name !== 'string') {
      throw new TypeError(
        `selectBackend: preference entries must be strings, got ${describeValue(name)}`,
      );
    }
    if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(
        `selectBackend: unknown backend '${name}' in preference (expected one of ${BACKEND_NAMES.join(', ')})`,
      );
    }
  }
  return list as readonly BackendName[];
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'tensorflow') await loadTfjsNode();
  else if (name === 'wasm') await loadWasm();
  else await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to initialise`);
  await tf.ready();
  if (name === 'wasm') registerWasmFallbackKernels();
}

// Importing tfjs-node registers the 'tensorflow' backend.
async function loadTfjsNode(): Promise<void> {
  if (tf.findBackendFactory('tensorflow') != null) return;
  const reasons: string[] = [];
  let installed = false;
  for (const specifier of TFJS_NODE_PACKAGES) {
    try {
      await import(specifier);
      return;
    } catch (error) {
      const missing = notFound(error);
      installed ||= !missing;
      reasons.push(`${specifier}: ${missing ? 'not installed' : errorMessage(error)}`);
    }
  }
  const what = installed ? 'tfjs-node failed to load' : 'tfjs-node is not installed';
  throw new Error(`${what} (${reasons.join('; ')})`);
}

function notFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// In Node the .wasm binaries are read from the backend package's own dist/ folder; in a browser
// the app (or its bundler) says where they are served, so the paths are left alone. The paths only
// matter before the backend first initialises (`engine().registry` is read directly because
// `tf.findBackend` would start that initialisation).
async function loadWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.engine().registry.wasm != null || !isNode()) return;
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(`${dirname(entry)}/`);
}

// Checkpoints on disk: `step-<step>.json` (the manifest) and `step-<step>.bin` (the payload) in
// one directory. The payload is written first and the manifest last, each atomically, so a
// manifest on disk always has its complete payload: the manifest is the commit point.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { removeStaleTemporaryFiles, syncDirectory, writeFileAtomic } from '../atomic-file.js';
import { checkString } from '../check.js';
import { CheckpointError } from './errors.js';
import {
  type CheckpointContents,
  type CheckpointManifest,
  type CheckpointTensors,
  decodeCheckpoint,
  encodeCheckpoint,
} from './format.js';
import { parseManifest } from './manifest.js';

const MANIFEST = /^step-(\d+)\.json$/;
const PAYLOAD = /^step-(\d+)\.bin$/;

/** A checkpoint read from disk and checked against its manifest. */
export interface LoadedCheckpoint extends CheckpointTensors {
  /** The manifest's path. */
  readonly path: string;
  readonly manifest: CheckpointManifest;
}

function stem(step: number): string {
  return `step-${String(step).padStart(9, '0')}`;
}

/**
 * Indented JSON (one space per level) with arrays of numbers — shapes, generator states — kept on
 * one line, so a manifest stays readable. Built structurally: strings are never touched.
 */
function formatManifest(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) {
    return JSON.stringify(value).replaceAll(',', ', ');
  }
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent} `;
  const parts = Array.isArray(value)
    ? value.map((item) => `${inner}${formatManifest(item, inner)}`)
    : Object.entries(value).map(
        ([key, item]) => `${inner}${JSON.stringify(key)}: ${formatManifest(item, inner)}`,
      );
  if (parts.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
}

/** Writes a checkpoint into `directory` (created if needed) and returns the manifest's path. */
export function writeCheckpoint(directory: string, contents: CheckpointContents): string {
  mkdirSync(directory, { recursive: true });
  const name = stem(contents.step);
  const { manifest, payload } = encodeCheckpoint(contents, `${name}.bin`);
  writeFileAtomic(join(directory, `${name}.bin`), payload);
  const path = join(directory, `${name}.json`);
  writeFileAtomic(path, `${formatManifest(manifest)}\n`);
  return path;
}

/** The manifests in `directory`, oldest first (an absent directory has none). */
export function listCheckpoints(directory: string): { step: number; path: string }[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .map((name) => ({ name, match: MANIFEST.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ step: Number(entry.match?.[1]), path: join(directory, entry.name) }))
    .sort((a, b) => a.step - b.step);
}

/** The newest manifest in `directory`, or null when it holds none. */
export function latestCheckpoint(directory: string): string | null {
  checkString('latestCheckpoint', 'directory', directory);
  return listCheckpoints(directory).at(-1)?.path ?? null;
}

/**
 * Keeps the newest `keep` checkpoints and deletes the rest, manifests before payloads (a manifest
 * is never left without its payload), plus payloads with no manifest and stray temporary files.
 */
export function pruneCheckpoints(directory: string, keep: number): void {
  const checkpoints = listCheckpoints(directory);
  for (const { path } of checkpoints.slice(0, Math.max(0, checkpoints.length - keep))) {
    rmSync(path, { force: true });
  }
  const kept = new Set(checkpoints.slice(-keep).map(({ step }) => step));
  for (const name of readdirSync(directory)) {
    const match = PAYLOAD.exec(name);
    if (match !== null && !kept.has(Number(match[1])))
      rmSync(join(directory, name), { force: true });
  }
  removeStaleTemporaryFiles(directory);
  syncDirectory(directory);
}

/**
 * Reads and checks a checkpoint: `path` is a manifest, or a directory (its newest manifest).
 * Missing files, bad JSON, a wrong format, a truncated or altered payload all throw CheckpointError.
 */
export function readCheckpoint(path: string): LoadedCheckpoint {
  checkString('readCheckpoint', 'path', path);
  let manifestPath = resolve(path);
  if (!existsSync(manifestPath)) {
    throw new CheckpointError(`readCheckpoint: ${path} does not exist`);
  }
  if (statSync(manifestPath).isDirectory()) {
    const latest = latestCheckpoint(manifestPath);
    if (latest === null) throw new CheckpointError(`readCheckpoint: no checkpoint in ${path}`);
    manifestPath = latest;
  }
  const where = `readCheckpoint: ${basename(manifestPath)}`;
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), where);
  const payloadPath = join(dirname(manifestPath), manifest.payload.file);
  if (!existsSync(payloadPath)) {
    throw new CheckpointError(`${where}: its payload ${manifest.payload.file} is missing`);
  }
  const payload = new Uint8Array(readFileSync(payloadPath));
  return { path: manifestPath, manifest, ...decodeCheckpoint(manifest, payload, where) };
}

// This package's version, written into every exported model. package.json sits one level above
// src/ and dist/ (two above dist-bench/src/, the benchmark build).
import { createRequire } from 'node:module';

interface Manifest {
  name: string;
  version: string;
}

function readManifest(): Manifest {
  const require = createRequire(import.meta.url);
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const manifest = require(path) as Manifest;
      if (manifest.name === '@sst-tricks/onnx-export') return manifest;
    } catch {
      // Not at this level; try the next.
    }
  }
  throw new Error('@sst-tricks/onnx-export: cannot find its package.json');
}

const manifest = readManifest();
export const PACKAGE_NAME: string = manifest.name;
export const PACKAGE_VERSION: string = manifest.version;

// `node tooling/import-cycles/check.mjs`: prints every import cycle in packages/*/src and
// apps/*/src and exits 1 if there is one (the test in tooling/test also runs it with its allow-list).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph, workspaceSourceRoots } from './find-import-cycles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cycles = importCycles(importGraph(workspaceSourceRoots(root)), root);
for (const cycle of cycles) process.stdout.write(`import cycle: ${cycle.join(' ↔ ')}\n`);
process.exit(cycles.length > 0 ? 1 : 0);

// Import cycles among a workspace's TypeScript sources. Every relative import counts — static,
// type-only, `export … from` and dynamic `import()` — because each one is a dependency between two
// files that a reader (and a bundler) must follow, and a cycle means neither file can be
// understood first. TypeScript's own pre-processor lists the imports (no regexes over code).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The `.ts` files under `directory`, recursively (node_modules and dist skipped). */
function sourceFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') files.push(...sourceFiles(path));
    } else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

/** The file a relative specifier names: `./x.js` is `./x.ts` in the sources (NodeNext style). */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.cts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/** file → the files it imports (relative imports only; packages are not followed). */
export function importGraph(sourceRoots) {
  const graph = new Map();
  for (const root of sourceRoots) {
    for (const file of sourceFiles(root)) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = new Set();
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith('./') && !fileName.startsWith('../')) continue;
        const target = resolveSpecifier(file, fileName);
        if (target !== null) targets.add(target);
      }
      graph.set(file, targets);
    }
  }
  return graph;
}

/**
 * The cycles of `graph`: each strongly connected component with more than one file (or a file
 * importing itself), as its files sorted, relative to `base`. Tarjan's algorithm, iterative.
 */
export function importCycles(graph, base) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, [...(graph.get(start) ?? [])], 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const next = targets[frame[2]++];
        if (!graph.has(next)) continue; // outside the scanned roots
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push([next, [...graph.get(next)], 0]);
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node), index.get(next)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || graph.get(node).has(node)) {
          cycles.push(component.map((file) => relative(base, file)).sort());
        }
      }
    }
  }
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The `src` directories of every workspace package and app under `root`. */
export function workspaceSourceRoots(root) {
  const roots = [];
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const src = join(dir, name, 'src');
      if (existsSync(src) && statSync(src).isDirectory()) roots.push(src);
    }
  }
  return roots;
}

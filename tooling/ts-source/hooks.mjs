// Node module hooks that let a child process or worker thread run the TypeScript sources directly
// (Node 20 cannot strip types): `.js` imports from a `.ts` file resolve to the `.ts` file when it
// exists, and `.ts` files are transpiled (types erased, nothing checked) by TypeScript itself.
// Only for tests (see register.mjs). TypeScript is loaded on the first `.ts` file, so registering
// the hooks costs a process nothing when it never loads one.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

let ts;

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (relative && parent.endsWith('.ts') && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  ts ??= (await import('typescript')).default;
  const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}

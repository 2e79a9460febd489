// Worker threads run plain JavaScript. Code loaded from a package's TypeScript sources (as the
// tests do, through the "source" export condition) names its worker entry and replica factories
// relative to its own `import.meta.url`, a `src/…/x.ts` file; this resolves such a name to the
// build's `dist/…` file, which must exist (`pnpm build` first). From built code it is a plain
// relative URL.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The URL of the JavaScript module `./<relative>.js` next to `base` (an `import.meta.url`). */
export function builtModuleUrl(relative: string, base: string): string {
  if (!base.endsWith('.ts')) return new URL(`${relative}.js`, base).href;
  const at = base.lastIndexOf('/src/');
  if (at < 0) {
    throw new Error(`builtModuleUrl: ${base} is a TypeScript file outside a src/ folder`);
  }
  const source = new URL(`${relative}.js`, base).href;
  const built = `${base.slice(0, at)}/dist/${source.slice(at + 5)}`;
  if (!existsSync(fileURLToPath(built))) {
    throw new Error(
      `builtModuleUrl: ${fileURLToPath(built)} does not exist: worker threads need the built package (run pnpm build)`,
    );
  }
  return built;
}

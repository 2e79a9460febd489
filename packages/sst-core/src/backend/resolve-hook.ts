// The Node module-resolution hook that lets plain Node ESM load tfjs-core's ESM build, whose
// relative imports omit file extensions ("./gradients/Abs_grad"). It only touches relative
// specifiers without a file extension imported from inside a `@tensorflow/` package — all
// of which plain Node ESM rejects — and falls back to the default resolution (and its error)
// when neither `<specifier>.js` nor `<specifier>/index.js` exists. It also marks the files of
// tfjs-core's `dist/` other than its `tf-core*.js` bundles as ES modules: the package has no
// `"type": "module"`, so a Node without module-syntax detection (< 20.19 / 22.7) would read them
// as CommonJS.
//
// It is kept as source text and registered as a `data:` URL: `module.register()` loads hooks on
// its own thread from a URL, and a data URL is the same string whether this file runs from `src`
// (vitest) or from `dist` (after tsc), with no path to the hook file to compute.

/** JavaScript source of the hook module (`export async function resolve`). */
export const TFJS_RESOLVE_HOOK_SOURCE = `
const ESM_FILE = /\\/@tensorflow\\/tfjs-core\\/dist\\/(?!tf-core[^/]*$)[^?#]*\\.js$/;

function asModule(result) {
  return ESM_FILE.test(result.url) ? { ...result, format: 'module' } : result;
}

export async function resolve(specifier, context, nextResolve) {
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  const parent = context.parentURL ?? '';
  const hasExtension = /\\.(?:[cm]?js|json|node|wasm)$/.test(specifier);
  if (!relative || hasExtension || !parent.includes('/@tensorflow/')) {
    return asModule(await nextResolve(specifier, context));
  }
  // Try the likely file first: an extension-less import would only fail and be retried.
  for (const candidate of [specifier + '.js', specifier + '/index.js']) {
    try {
      return asModule(await nextResolve(candidate, context));
    } catch {}
  }
  return nextResolve(specifier, context);
}
`;

/** The hook as a URL that `module.register()` accepts. */
export const TFJS_RESOLVE_HOOK_URL = `data:text/javascript,${encodeURIComponent(TFJS_RESOLVE_HOOK_SOURCE)}`;

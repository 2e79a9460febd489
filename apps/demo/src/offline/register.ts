// Registers the build's service worker (see build/offline-service-worker.ts) so every page keeps
// working offline after the first visit. Skipped in `vite dev`, where no sw.js exists.
export function registerOfflineSupport(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The chunk lives in assets/, the worker at the site root.
  const url = new URL(/* @vite-ignore */ '../sw.js', import.meta.url);
  navigator.serviceWorker
    .register(url, { scope: new URL(/* @vite-ignore */ '../', import.meta.url).pathname })
    .catch((error: unknown) => {
      // Offline support is an extra: the page itself works without it.
      console.warn('offline support unavailable:', error);
    });
}

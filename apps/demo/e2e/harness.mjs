// Shared set-up of the browser tests: serve the built site (dist/) with Vite's preview server on
// a free localhost port and drive Debian's Chromium with playwright-core (never a downloaded
// browser). Every page is watched for console errors, page errors and failed requests.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const appRoot = join(here, '..');
export const artifacts = join(appRoot, 'e2e-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or '' when Chromium is installed. */
export function chromiumMissing() {
  return existsSync(CHROMIUM)
    ? ''
    : `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
}

export async function startSite() {
  if (!existsSync(join(appRoot, 'dist', 'index.html')))
    throw new Error(
      'apps/demo/dist is missing: run `vite build` first (the test:browser script does)',
    );
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  mkdirSync(artifacts, { recursive: true });
  const server = await preview({
    root: appRoot,
    configFile: join(appRoot, 'vite.config.ts'),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  const base = `http://127.0.0.1:${address.port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}

/** A new page that records every console error, uncaught error and failed request. */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

/** Vite's dev server on the sources (what `pnpm dev` serves), on a free localhost port. */
export async function startDevServer() {
  // Vite's preview (startSite, same process) sets NODE_ENV=production, which would make this dev
  // server a production one (import.meta.env.PROD true): set it back while the server starts.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  const server = await createServer({
    root: appRoot,
    configFile: join(appRoot, 'vite.config.ts'),
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
  });
  await server.listen();
  process.env.NODE_ENV = nodeEnv;
  return {
    base: `http://127.0.0.1:${server.httpServer.address().port}/`,
    close: () => server.close(),
  };
}

import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';

/** Generous on a loaded machine: the first transform of a page's modules can take minutes. */
const LOAD_TIMEOUT_MS = 300_000;

/**
 * A benchmark page (`test/bench/pages/<name>.html`) served by Vite and opened in Chromium, once its
 * global `ready` function exists. The caller runs its work on `page` and calls `close` in a
 * `finally`.
 */
export async function openBenchPage(
  name: string,
  ready: string,
): Promise<{ readonly page: Page; readonly close: () => Promise<void> }> {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  const server = await createServer({
    root: process.cwd(),
    configFile: false,
    plugins: [react()],
    logLevel: 'error',
    // No reload pushed to the page mid-run (a file saved in the tree meanwhile would cut it short).
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  });
  const close = async () => {
    await server.close();
    await browser.close();
  };
  try {
    await server.listen();
    // The port the server bound (port 0: a free one; resolvedUrls can name the default instead).
    const address = server.httpServer?.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/test/bench/pages/${name}.html`, {
      timeout: LOAD_TIMEOUT_MS,
    });
    await page.waitForFunction(
      (fn) => typeof (window as unknown as Record<string, unknown>)[fn] === 'function',
      ready,
      {
        timeout: LOAD_TIMEOUT_MS,
      },
    );
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

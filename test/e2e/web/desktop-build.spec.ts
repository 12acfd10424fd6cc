import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';

// The desktop build's renderer (`npm run build`, out/renderer) opened without its preload, as
// when the preload fails to load: it must stop with a clear screen, never fall back to the web
// host, whose keystore keeps the data key beside the data.
const DESKTOP_RENDERER = 'out/renderer';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(DESKTOP_RENDERER, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test.describe('the desktop build without its preload', () => {
  test.skip(
    !existsSync(join(DESKTOP_RENDERER, 'index.html')),
    'the desktop renderer is not built: `npm run build` first (npm test does)',
  );

  for (const [lang, heading] of [
    ['zh-CN', '终端无法安全启动'],
    ['en', 'The kiosk cannot start safely'],
  ] as const) {
    test(`stops with a clear screen and opens no store (${lang})`, async ({ page }) => {
      await page.goto(`${base}index.html?lang=${lang}#/kiosk`);
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await expect(page.getByRole('button')).toHaveCount(0);
      const databases = await page.evaluate(async () =>
        (await indexedDB.databases()).map((db) => db.name),
      );
      expect(databases).toEqual([]);
    });
  }
});

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

/** The path of the Electron binary, or null where its download was skipped (as on CI here). */
function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const built = existsSync('out/main/index.js');

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD)',
  );
  test.skip(!built, 'the app is not built: run `npm run build` first');

  test('launches the kiosk window with the welcome screen and no Node in the renderer', async () => {
    const app = await electron.launch({
      args: ['.'],
      ...(binary ? { executablePath: binary } : {}),
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('button', { name: '开始办理' })).toBeVisible();
      const exposed = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        host: typeof (globalThis as { kioskHost?: { invoke?: unknown } }).kioskHost?.invoke,
      }));
      expect(exposed).toEqual({ require: 'undefined', process: 'undefined', host: 'function' });
    } finally {
      await app.close();
    }
  });
});

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test';

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

/** Call first in each describe block: says by name why the suite cannot run here. */
export function skipUnlessRunnable(): void {
  test.skip(
    !binary,
    'the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD)',
  );
  test.skip(!built, 'the app is not built: run `npm run build` first');
}

export interface RunningApp {
  readonly app: ElectronApplication;
  readonly window: Page;
}

/** Starts the built app (kiosk unless `--counter` is passed) and waits for its first window. */
export async function launchApp(...extraArgs: string[]): Promise<RunningApp> {
  const app = await electron.launch({
    args: ['.', ...extraArgs],
    ...(binary ? { executablePath: binary } : {}),
    env: { ...process.env, KIOSK_DEVTOOLS: '', ELECTRON_RENDERER_URL: '' },
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return { app, window };
}

/** What the page's host bridge answers, straight from the preload. */
export function invoke(window: Page, channel: string, request: unknown): Promise<unknown> {
  return window.evaluate(
    ([c, r]) =>
      (
        globalThis as unknown as {
          kioskHost: { invoke: (c: unknown, r: unknown) => Promise<unknown> };
        }
      ).kioskHost.invoke(c, r),
    [channel, request] as const,
  );
}

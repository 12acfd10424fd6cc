import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
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

/**
 * Call first in each describe block: says by name why the suite cannot run here. Where the
 * suite is the proof (REQUIRE_ELECTRON=1, set by the desktop workflow), a missing binary or
 * build fails the run instead.
 */
export function skipUnlessRunnable(): void {
  const missing = !binary
    ? 'the Electron binary is not installed on this machine (its download failed or was skipped)'
    : !built
      ? 'the app is not built: run `npm run build` first'
      : null;
  if (missing && process.env.REQUIRE_ELECTRON === '1')
    throw new Error(`REQUIRE_ELECTRON=1, but ${missing}`);
  test.skip(missing !== null, missing ?? '');
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

/**
 * The main process's log from now on: refusals are asserted where the main process records
 * them, not guessed from a page that stayed put.
 */
export async function mainLog(app: ElectronApplication): Promise<() => string> {
  const dir = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  const file = join(dir, 'logs', 'main.log');
  const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const start = read().length;
  return () => read().slice(start);
}

export interface ProbeServer {
  /** An origin the app must never reach: plain http on a loopback address the policy does not name. */
  readonly origin: string;
  /** Requests that reached the server, by path. */
  readonly hits: string[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.2, which reaches this machine but is not one of the loopback names the
 * request policy lets through: a request that was not cancelled is counted here.
 */
export async function startProbeServer(): Promise<ProbeServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    response.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.2:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

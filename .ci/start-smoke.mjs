// CI's check of the README's first command: `npm start` must bring the product up. Without the
// Electron binary that is the web mode: the kiosk page and the reference platform answer on their
// ports. With the binary it is the desktop app, which must still be running once built. Either way
// everything started is stopped again.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const WEB_PORT = 4273;
const PLATFORM_PORT = 8887;
const LIMIT_MS = 240_000;

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const started = Date.now();
const child = spawn('npm', ['start'], {
  detached: true,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    KIOSK_WEB_PORT: String(WEB_PORT),
    KIOSK_PLATFORM_PORT: String(PLATFORM_PORT),
  },
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
let exited = null;
child.on('exit', (code) => (exited = code ?? 1));

const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url, expected) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok && (await response.text()).includes(expected);
  } catch {
    return false;
  }
}

async function reachable(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check, what) {
  while (Date.now() - started < LIMIT_MS) {
    if (exited !== null) throw new Error(`npm start exited (${exited}) before ${what}:\n${output}`);
    if (await check()) return;
    await sleep(500);
  }
  throw new Error(`npm start: ${what} did not happen within ${LIMIT_MS / 1000} s:\n${output}`);
}

try {
  if (electronBinary()) {
    await waitFor(async () => existsSync('out/main/index.js'), 'the desktop app was built');
    await sleep(15_000);
    if (exited !== null) throw new Error(`the desktop app exited (${exited}):\n${output}`);
    console.log('npm start: the desktop app is running.');
  } else {
    await waitFor(
      () => answers(`http://127.0.0.1:${WEB_PORT}/`, '<div id="root">'),
      'the kiosk page answered',
    );
    // Any HTTP answer will do: the platform's routes are POSTs or need the admin's credential.
    await waitFor(
      () => reachable(`http://127.0.0.1:${PLATFORM_PORT}/`),
      'the reference platform answered',
    );
    if (!output.includes('web mode'))
      throw new Error(`npm start did not say it opened the web mode:\n${output}`);
    console.log(`npm start: web mode answered in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  process.exitCode = 1;
} finally {
  stop();
}

// `npm run start:web`: the renderer built and served on loopback for any browser, beside the
// reference platform (test/platform) on loopback, which a supervisor can enrol the device with.
import { spawn, spawnSync } from 'node:child_process';

const PORT = Number(process.env.KIOSK_WEB_PORT ?? 4173);
const PLATFORM_PORT = Number(process.env.KIOSK_PLATFORM_PORT ?? 8787);

const built = spawnSync(
  'npx',
  ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
if (built.status !== 0) process.exit(built.status ?? 1);

const children = [
  spawn(
    'npx',
    [
      'vite',
      'preview',
      '--config',
      'renderer/vite.config.ts',
      '--port',
      String(PORT),
      '--strictPort',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  ),
  // The platform prints its address, key and demo enrolment codes itself. It signs with the DEMO
  // key the app ships as trusted (resources/trust), kept in a database of its own for that key.
  spawn(
    'npx',
    [
      'tsx',
      'test/platform/cli.ts',
      'serve',
      '--port',
      String(PLATFORM_PORT),
      '--db',
      'test-results/platform/web-demo.db',
      '--demo-key',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  ),
];

const base = `http://127.0.0.1:${PORT}/`;
console.log(
  `\nWeb mode is running (demo mode until a supervisor enrols the device with a platform).\n` +
    `  Kiosk:               ${base}\n` +
    `  Clerk console:       ${base}#/counter\n` +
    `  Reference platform:  http://127.0.0.1:${PLATFORM_PORT}/\n` +
    `Press Ctrl+C to stop.\n`,
);
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exit(code ?? 0);
  });

// `npm run start:web`: the renderer built and served on loopback, for any browser.
import { spawn, spawnSync } from 'node:child_process';

const PORT = Number(process.env.KIOSK_WEB_PORT ?? 4173);
const built = spawnSync(
  'npx',
  ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
if (built.status !== 0) process.exit(built.status ?? 1);

const server = spawn(
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
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const base = `http://127.0.0.1:${PORT}/`;
console.log(
  `\nWeb mode is running.\n  Kiosk:           ${base}\n  Clerk console:   ${base}#/counter\nPress Ctrl+C to stop.\n`,
);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

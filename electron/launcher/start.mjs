// `npm start`: build and open the Electron app; where the Electron binary is missing, say so,
// name the web-mode command, and start the web mode instead.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
let binary = null;
try {
  const path = require('electron');
  if (typeof path === 'string' && existsSync(path)) binary = path;
} catch {
  binary = null;
}

const run = (cmd, args) =>
  spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

if (binary) {
  const built = run('npx', ['electron-vite', 'build']);
  if (built.status !== 0) process.exit(built.status ?? 1);
  const extra = process.argv.slice(2);
  process.exit(run('npx', ['electron-vite', 'preview', '--', ...extra]).status ?? 0);
}

console.log(`
The Electron binary is not installed on this machine (its download failed or was skipped), so
the desktop app cannot start here. Where GitHub can be reached, "npm rebuild electron" adds it.

Starting the web mode instead (the same app in your browser): npm run start:web
`);
process.exit(
  run('node', ['electron/launcher/start-web.mjs', ...process.argv.slice(2)]).status ?? 0,
);

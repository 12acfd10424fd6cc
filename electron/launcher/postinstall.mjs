// After `npm install`: say in one line whether the desktop binary is here.
//
// Electron is an optional dependency, so a machine that cannot download its binary (a hall's
// network that reaches only a registry mirror) still installs; npm then removes the package it
// could not build. Its files (type definitions, the launcher's `require('electron')`) come from the
// registry like any other package, so they are put back without the binary: type-checking and
// linting of electron/ work, and `npm start` opens the web mode. `npm rebuild electron` fetches
// the binary later, where GitHub can be reached.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = process.cwd();
const packageDir = join(root, 'node_modules', 'electron');

/** The version the lockfile pins (the package is gone from node_modules when its build failed). */
function lockedVersion() {
  try {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    return lock.packages?.['node_modules/electron']?.version ?? null;
  } catch {
    return null;
  }
}

function binaryPresent() {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const relative = readFileSync(pathFile, 'utf8').trim();
  return relative !== '' && existsSync(join(packageDir, 'dist', relative));
}

/** Unpacks electron@version from the registry (npm's cache first) without running its script. */
async function restorePackage(version) {
  const scratch = mkdtempSync(join(tmpdir(), 'electron-package-'));
  try {
    const packed = spawnSync(
      'npm',
      ['pack', `electron@${version}`, '--json', '--pack-destination', scratch],
      { encoding: 'utf8', shell: process.platform === 'win32' },
    );
    if (packed.status !== 0) return false;
    const [{ filename }] = JSON.parse(packed.stdout);
    const tar = await import('tar');
    mkdirSync(packageDir, { recursive: true });
    await tar.x({ file: join(scratch, filename), cwd: packageDir, strip: 1 });
    return existsSync(join(packageDir, 'electron.d.ts'));
  } catch {
    return false;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (!binaryPresent()) {
  const version = lockedVersion();
  const restored =
    existsSync(join(packageDir, 'package.json')) ||
    (version !== null && (await restorePackage(version)));
  const types = restored ? '' : ' (its type definitions could not be restored either)';
  console.log(
    `Electron's desktop binary is not installed (its download failed or was skipped)${types}: ` +
      '`npm start` will open the web mode; `npm rebuild electron` adds the binary where GitHub is reachable.',
  );
}

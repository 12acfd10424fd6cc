import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface PackageJson {
  readonly engines?: { readonly node?: string };
  readonly scripts: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

const read = (path: string) => readFileSync(path, 'utf8');
const project = JSON.parse(read('package.json')) as PackageJson;
const readme = read('README.md');
const ciRun = read('.ci/run');

/** The lowest Node version a `>= x.y.z` range admits, as one comparable number. */
function lowestNode(range: string): number {
  const match = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`unexpected engines range: ${range}`);
  return Number(match[1]) * 1e6 + Number(match[2]) * 1e3 + Number(match[3] ?? 0);
}

describe('the README first command on a machine that cannot download Electron', () => {
  it('has Electron only as an optional dependency, so its failed download fails no install', () => {
    expect(project.optionalDependencies?.electron).toBeDefined();
    expect(project.dependencies?.electron).toBeUndefined();
    expect(project.devDependencies?.electron).toBeUndefined();
  });

  it('pins the installed Electron exactly, at a version whose engines admit the project Node', () => {
    const pinned = project.optionalDependencies?.electron ?? '';
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(read('node_modules/electron/package.json')) as {
      version: string;
      engines?: { node?: string };
    };
    expect(installed.version).toBe(pinned);
    const needs = lowestNode(installed.engines?.node ?? '>= 0.0.0');
    const projectNode = lowestNode(project.engines?.node ?? '');
    expect(needs).toBeLessThanOrEqual(projectNode);
  });

  it('keeps Electron type definitions for electron/ even without the binary', () => {
    expect(read('node_modules/electron/electron.d.ts')).toContain("declare module 'electron'");
    expect(project.scripts.postinstall).toBe('node electron/launcher/postinstall.mjs');
  });

  it('runs in CI the two commands the README gives, with no install variable set', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(ciRun).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD|--ignore-scripts/);
    expect(ciRun).toMatch(/^npm (install|ci)\b/m);
    expect(ciRun).toMatch(/^node \.ci\/start-smoke\.mjs$/m);
    expect(ciRun).toMatch(/^npm test$/m);
  });
});

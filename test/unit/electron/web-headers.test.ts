import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicyHeader } from '../../../electron/main/csp';

/**
 * Web mode's server (issue 17: it sent no CSP, frame-ancestors, X-Frame-Options or nosniff). The
 * real config (renderer/vite.config.ts) serves a stand-in build on a free port.
 */

let server: PreviewServer;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'web-headers-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
  server = await preview({
    configFile: 'renderer/vite.config.ts',
    logLevel: 'silent',
    build: { outDir: dir },
    preview: { port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview did not say where it listens');
  base = url;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web mode’s server', () => {
  it('sends the desktop app’s CSP with frame-ancestors, X-Frame-Options and nosniff', async () => {
    for (const path of ['', 'assets/app.js']) {
      const response = await fetch(new URL(path, base));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBe(
        contentSecurityPolicyHeader(null),
      );
      expect(response.headers.get('content-security-policy'), path).toContain(
        "frame-ancestors 'none'",
      );
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

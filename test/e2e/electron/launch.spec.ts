import { expect, test } from '@playwright/test';
import { invoke, launchApp, skipUnlessRunnable } from './app';

test.describe('Electron app', () => {
  skipUnlessRunnable();

  test('launches the kiosk window with the welcome screen and no Node in the renderer', async () => {
    const { app, window } = await launchApp();
    try {
      await expect(window.getByRole('button', { name: '开始办理' })).toBeVisible();
      expect(window.url()).toMatch(/^app:\/\/kiosk\/index\.html#\/kiosk/);
      const exposed = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        host: typeof (globalThis as { kioskHost?: { invoke?: unknown } }).kioskHost?.invoke,
        hostKeys: Object.keys((globalThis as { kioskHost?: object }).kioskHost ?? {}),
      }));
      expect(exposed).toEqual({
        require: 'undefined',
        process: 'undefined',
        host: 'function',
        hostKeys: ['invoke'],
      });
      const state = await app.evaluate(({ BrowserWindow }) => {
        const [win] = BrowserWindow.getAllWindows();
        return {
          kiosk: win?.isKiosk(),
          menu: win?.isMenuBarVisible(),
          devTools: win?.webContents.isDevToolsOpened(),
        };
      });
      expect(state).toEqual({ kiosk: true, menu: false, devTools: false });
      expect(await invoke(window, 'app.info', {})).toMatchObject({
        ok: true,
        value: { host: 'electron', windowMode: 'kiosk' },
      });
    } finally {
      await app.close();
    }
  });

  test('serves its pages with a strict CSP header and nosniff', async () => {
    const { app, window } = await launchApp();
    try {
      const headers = await window.evaluate(async () => {
        const response = await fetch('/index.html');
        return {
          csp: response.headers.get('content-security-policy') ?? '',
          nosniff: response.headers.get('x-content-type-options'),
        };
      });
      expect(headers.csp).toContain("frame-ancestors 'none'");
      expect(headers.csp).toContain("script-src 'self'");
      expect(headers.csp).not.toContain('unsafe-inline');
      expect(headers.nosniff).toBe('nosniff');
      // An injected inline script does not run.
      const ran = await window.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'globalThis.__injected = true';
        document.head.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (globalThis as { __injected?: boolean }).__injected ?? false;
      });
      expect(ran).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('opens the counter console as a normal window with --counter', async () => {
    const { app, window } = await launchApp('--counter');
    try {
      expect(window.url()).toMatch(/#\/counter/);
      expect(await invoke(window, 'app.info', {})).toMatchObject({
        ok: true,
        value: { windowMode: 'counter' },
      });
      expect(
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isKiosk()),
      ).toBe(false);
    } finally {
      await app.close();
    }
  });
});

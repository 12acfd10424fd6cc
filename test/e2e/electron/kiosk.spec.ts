import { expect, test } from '@playwright/test';
import { launchApp, skipUnlessRunnable } from './app';

test.describe('kiosk cannot be escaped', () => {
  skipUnlessRunnable();

  test('shortcuts that leave, reload or inspect never reach the page', async () => {
    const { app, window: page } = await launchApp();
    try {
      await page.evaluate(() => {
        const seen: string[] = [];
        (globalThis as { __keys?: string[] }).__keys = seen;
        // Modifiers on their own are not shortcuts; the keys pressed with them are what count.
        const modifiers = ['Control', 'Shift', 'Meta'];
        globalThis.addEventListener(
          'keydown',
          (e) => {
            if (!modifiers.includes(e.key)) seen.push(e.code);
          },
          { capture: true },
        );
      });
      for (const chord of [
        'Control+KeyW',
        'Control+KeyR',
        'F5',
        'F11',
        'F12',
        'Control+Shift+KeyI',
        'Alt+F4',
        'Control+KeyP',
        'Alt+ArrowLeft',
      ]) {
        await page.keyboard.press(chord);
      }
      await page.keyboard.press('KeyA');
      const seen = await page.evaluate(() => (globalThis as { __keys?: string[] }).__keys);
      // The page is still the same one (not reloaded: the recorder survived) and saw only 'a'.
      expect(seen).toEqual(['KeyA']);
      expect(app.windows()).toHaveLength(1);
      expect(
        await app.evaluate(({ BrowserWindow }) => {
          const [win] = BrowserWindow.getAllWindows();
          return { kiosk: win?.isKiosk(), devTools: win?.webContents.isDevToolsOpened() };
        }),
      ).toEqual({ kiosk: true, devTools: false });
    } finally {
      await app.close();
    }
  });

  test('navigation away from the app is refused', async () => {
    const { app, window: page } = await launchApp();
    try {
      const before = page.url();
      for (const target of ['https://example.com/', 'file:///etc/hosts', 'http://127.0.0.1:9/']) {
        await page.evaluate((url) => {
          globalThis.location.href = url;
        }, target);
        await page.waitForTimeout(300);
        expect(page.url()).toBe(before);
      }
    } finally {
      await app.close();
    }
  });

  test('window.open is denied and no window appears', async () => {
    const { app, window: page } = await launchApp();
    try {
      const opened = await page.evaluate(() => globalThis.open('app://kiosk/index.html') === null);
      expect(opened).toBe(true);
      const external = await page.evaluate(() => globalThis.open('https://example.com/') === null);
      expect(external).toBe(true);
      await page.waitForTimeout(300);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('requests to the network are cancelled', async () => {
    const { app, window: page } = await launchApp();
    try {
      const outcome = await page.evaluate(() =>
        fetch('https://example.com/').then(
          () => 'loaded',
          () => 'refused',
        ),
      );
      expect(outcome).toBe('refused');
    } finally {
      await app.close();
    }
  });

  test('closing the locked kiosk window is refused', async () => {
    const { app } = await launchApp();
    try {
      const stillOpen = await app.evaluate(async ({ BrowserWindow }) => {
        const [win] = BrowserWindow.getAllWindows();
        win?.close();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return win !== undefined && !win.isDestroyed();
      });
      expect(stillOpen).toBe(true);
    } finally {
      await app.close();
    }
  });
});

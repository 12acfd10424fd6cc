import { expect, test } from '@playwright/test';
import { launchApp, mainLog, skipUnlessRunnable, startProbeServer } from './app';

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

  test('navigation away from the app is refused, and the main process says so', async () => {
    const { app, window: page } = await launchApp();
    const probe = await startProbeServer();
    try {
      const log = await mainLog(app);
      const before = page.url();
      for (const [target, logged] of [
        [`${probe.origin}/navigate`, probe.origin],
        ['file:///etc/hosts', 'null'],
      ] as const) {
        await page.evaluate((url) => {
          globalThis.location.href = url;
        }, target);
        await expect.poll(log).toContain(`navigation-refused ${logged}`);
        expect(page.url()).toBe(before);
      }
      expect(probe.hits).toEqual([]);
    } finally {
      await app.close();
      await probe.close();
    }
  });

  test('window.open is denied and no window appears', async () => {
    const { app, window: page } = await launchApp();
    try {
      const log = await mainLog(app);
      const opened = await page.evaluate(() => globalThis.open('app://kiosk/index.html') === null);
      expect(opened).toBe(true);
      const external = await page.evaluate(() => globalThis.open('https://example.com/') === null);
      expect(external).toBe(true);
      await expect.poll(() => log().match(/window-open-refused/g)?.length ?? 0).toBe(2);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('requests to the network are cancelled before they leave', async () => {
    const { app, window: page } = await launchApp();
    const probe = await startProbeServer();
    try {
      // The probe answers whoever reaches it: the test itself does.
      expect(await (await fetch(`${probe.origin}/from-test`)).text()).toBe('reached');
      const log = await mainLog(app);
      const outcome = await page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'loaded',
            () => 'refused',
          ),
        `${probe.origin}/from-app`,
      );
      expect(outcome).toBe('refused');
      await expect.poll(log).toContain(`request-refused ${probe.origin}`);
      expect(probe.hits).toEqual(['/from-test']);
    } finally {
      await app.close();
      await probe.close();
    }
  });

  test('closing the locked kiosk window is refused', async () => {
    const { app } = await launchApp();
    try {
      const log = await mainLog(app);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(log).toContain('close-refused');
      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows().map((win) => win.isDestroyed()),
        ),
      ).toEqual([false]);
    } finally {
      await app.close();
    }
  });
});

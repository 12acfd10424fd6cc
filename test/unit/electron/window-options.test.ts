import { describe, expect, it } from 'vitest';
import { devToolsAllowed, mayClose, windowOptions } from '../../../electron/main/window-options';

describe('window per mode', () => {
  it('opens the kiosk full screen in kiosk mode, the counter as a normal window', () => {
    const kiosk = windowOptions('kiosk', '/app/preload/index.cjs', false);
    expect(kiosk).toMatchObject({ kiosk: true, fullscreen: true, resizable: false, show: false });
    const counter = windowOptions('counter', '/app/preload/index.cjs', false);
    expect(counter.kiosk).toBeUndefined();
    expect(counter.fullscreen).toBeUndefined();
    expect(counter.width).toBeGreaterThan(0);
  });

  it('hardens every window the same way', () => {
    for (const mode of ['kiosk', 'counter'] as const) {
      expect(windowOptions(mode, '/p.cjs', false).webPreferences).toMatchObject({
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        devTools: false,
      });
    }
  });

  it('never gives developer tools to a packaged app, and to the kiosk only on request', () => {
    expect(devToolsAllowed('kiosk', true, { KIOSK_DEVTOOLS: '1' })).toBe(false);
    expect(devToolsAllowed('counter', true, {})).toBe(false);
    expect(devToolsAllowed('kiosk', false, {})).toBe(false);
    expect(devToolsAllowed('kiosk', false, { KIOSK_DEVTOOLS: 'true' })).toBe(false);
    expect(devToolsAllowed('kiosk', false, { KIOSK_DEVTOOLS: '1' })).toBe(true);
    expect(devToolsAllowed('counter', false, {})).toBe(true);
  });

  it('lets a locked kiosk close only when the app is quitting', () => {
    expect(mayClose('kiosk', true, false)).toBe(false);
    expect(mayClose('kiosk', true, true)).toBe(true);
    expect(mayClose('kiosk', false, false)).toBe(true);
    expect(mayClose('counter', true, false)).toBe(true);
  });
});

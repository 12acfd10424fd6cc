import { describe, expect, it } from 'vitest';
import {
  devServerFrom,
  isAllowedNavigation,
  isLoopbackHost,
  isAppUrl,
  isPermissionAllowed,
  mimeTypeFor,
  resolveAppPath,
  startUrl,
} from '../../../electron/main/policy';
import { windowModeFromArgs } from '../../../electron/main/window-mode';

describe('main-process policy', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://kiosk/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('refuses navigation away from the app, and allows the dev server only when given', () => {
    expect(isAllowedNavigation('app://kiosk/#/counter', undefined)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', undefined)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', undefined)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('::', 'http://localhost:5173')).toBe(false);
  });

  it('denies every permission but the few the app uses, and only to the app', () => {
    expect(isPermissionAllowed('fullscreen', 'app://kiosk/index.html')).toBe(true);
    expect(isPermissionAllowed('media', 'app://kiosk/index.html')).toBe(false);
    // The camera for the photo at signing; never the microphone, never for another origin.
    expect(isPermissionAllowed('media', 'app://kiosk/index.html', ['video'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://kiosk', ['video'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://kiosk/index.html', ['video', 'audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'app://kiosk/index.html', ['audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'app://kiosk/index.html', ['unknown'])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(isPermissionAllowed('geolocation', 'app://kiosk/index.html')).toBe(false);
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/')).toBe(false);
  });

  it('serves files below the renderer folder only', () => {
    expect(resolveAppPath('app://kiosk/')).toBe('index.html');
    expect(resolveAppPath('app://kiosk/assets/index.js')).toBe('assets/index.js');
    // The URL parser already folds encoded dot segments, so they cannot climb out of the root.
    expect(resolveAppPath('app://kiosk/assets/%2e%2e/%2e%2e/secret')).toBe('secret');
    expect(resolveAppPath('app://kiosk/assets/%252e%252e/x')).toBe('assets/%2e%2e/x');
    expect(resolveAppPath('app://kiosk/a%5Cb')).toBeNull();
    expect(resolveAppPath('app://kiosk/%00')).toBeNull();
    expect(resolveAppPath('app://kiosk/%E0%A4%A')).toBeNull();
    expect(resolveAppPath('app://other/index.html')).toBeNull();
    expect(resolveAppPath('nonsense')).toBeNull();
  });

  it('names content types', () => {
    expect(mimeTypeFor('index.html')).toContain('text/html');
    expect(mimeTypeFor('a/b.JS')).toContain('javascript');
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream');
  });

  it('opens the counter window only when asked', () => {
    expect(windowModeFromArgs(['electron', '.'])).toBe('kiosk');
    expect(windowModeFromArgs(['electron', '.', '--counter'])).toBe('counter');
  });

  it('honours a dev server only unpackaged and only on loopback', () => {
    expect(devServerFrom('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerFrom('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerFrom('https://evil.example/', false)).toBeUndefined();
    expect(devServerFrom('http://10.0.0.5:5173/', false)).toBeUndefined();
    expect(devServerFrom('file:///tmp/index.html', false)).toBeUndefined();
    expect(devServerFrom('::', false)).toBeUndefined();
    expect(devServerFrom(undefined, false)).toBeUndefined();
  });

  it('starts each mode on its own route', () => {
    expect(startUrl('kiosk', undefined)).toBe('app://kiosk/index.html#/kiosk');
    expect(startUrl('counter', 'http://localhost:5173')).toBe('http://localhost:5173/#/counter');
  });

  it('knows loopback hosts by name', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });
});

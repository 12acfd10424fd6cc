import { describe, expect, it } from 'vitest';
import { keystoreStatus } from '../../../electron/main/keystore';

describe('OS keystore', () => {
  it('is available on Windows (DPAPI) and on Linux with a real keyring', () => {
    expect(keystoreStatus(true, 'win32', null)).toBe('available');
    expect(keystoreStatus(true, 'linux', 'gnome_libsecret')).toBe('available');
    expect(keystoreStatus(true, 'linux', 'kwallet5')).toBe('available');
  });

  it('is refused when encryption is off, or Linux fell back to a hard-coded key', () => {
    expect(keystoreStatus(false, 'win32', null)).toBe('no-encryption');
    expect(keystoreStatus(true, 'linux', 'basic_text')).toBe('weak-backend');
    expect(keystoreStatus(true, 'linux', 'unknown')).toBe('weak-backend');
    expect(keystoreStatus(true, 'linux', null)).toBe('weak-backend');
  });
});

import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check, run without packaging (no Electron binary).
const config = await getConfig(process.cwd(), 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema check does catch a misspelt fuse', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });

  it('burns in the fuses that close Node and foreign code paths', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds NSIS x64 for Windows and deb and AppImage for x64 and arm64 on Linux', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.appId).toBe('cn.gov.hebei.credit-commitment-kiosk');
  });

  it('names icons and resources that exist', () => {
    expect(config.win?.icon && existsSync(config.win.icon)).toBe(true);
    expect(config.linux?.icon && existsSync(config.linux.icon)).toBe(true);
    expect(existsSync('resources/catalogue')).toBe(true);
  });
});

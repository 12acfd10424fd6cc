import { describe, expect, it } from 'vitest';
import { IdCardReaderConfigSchema } from '../../../../electron/main/idcard/config';
import { resolveSettings } from '../../../../electron/main/settings';

const parse = (value: unknown) => IdCardReaderConfigSchema.safeParse(value);

describe('ID-card reader settings', () => {
  it('a serial reader: port and baud, 115200 and a 2.5 s read by default', () => {
    expect(parse({ driver: 'serial', port: 'COM3' })).toEqual({
      success: true,
      data: { driver: 'serial', port: 'COM3', baudRate: 115200, readTimeoutMs: 2500 },
    });
    for (const port of ['/dev/ttyUSB0', '/dev/serial/by-id/usb-SAM_reader-if00', '\\\\.\\COM12']) {
      expect(parse({ driver: 'serial', port, baudRate: 9600 }).success, port).toBe(true);
    }
  });

  it('refuses ports that are not devices, odd baud rates and unknown keys', () => {
    for (const port of ['', '/etc/passwd', '/dev/../etc/passwd', 'COM', 'tty0', 'COM1; rm']) {
      expect(parse({ driver: 'serial', port }).success, port).toBe(false);
    }
    expect(parse({ driver: 'serial', port: 'COM3', baudRate: 12345 }).success).toBe(false);
    expect(parse({ driver: 'serial', port: 'COM3', extra: 1 }).success).toBe(false);
    expect(parse({ driver: 'serial', port: 'COM3', readTimeoutMs: 100 }).success).toBe(false);
    expect(parse({ driver: 'bluetooth', port: 'COM3' }).success).toBe(false);
  });

  it('a vendor library: an absolute .dll or .so path, USB port 1001 by default', () => {
    expect(parse({ driver: 'sdtapi', library: 'C:\\Reader\\sdtapi.dll' })).toEqual({
      success: true,
      data: { driver: 'sdtapi', library: 'C:\\Reader\\sdtapi.dll', port: 1001 },
    });
    expect(
      parse({ driver: 'sdtapi', library: '/opt/reader/libsdtapi.so.1', port: 1 }).success,
    ).toBe(true);
    for (const library of [
      'sdtapi.dll',
      './libsdtapi.so',
      '/opt/reader/../../tmp/evil.so',
      '/opt/reader/sdtapi.exe',
      'C:\\Reader\\sdtapi.dll\0.so',
    ]) {
      expect(parse({ driver: 'sdtapi', library }).success, library).toBe(false);
    }
    expect(parse({ driver: 'sdtapi', library: '/opt/libsdtapi.so', port: 0 }).success).toBe(false);
  });

  it('in the settings file: a bad reader disables the reader only, and is named', () => {
    const text = JSON.stringify({
      printer: 'P',
      idCardReader: { driver: 'serial', port: '/etc/shadow' },
    });
    const { settings, problems } = resolveSettings(text, {});
    expect(settings.printer).toBe('P');
    expect(settings.idCardReader).toBeNull();
    expect(problems).toEqual(['id-card-reader-invalid']);
    const good = resolveSettings(
      JSON.stringify({ idCardReader: { driver: 'serial', port: '/dev/ttyUSB0' } }),
      {},
    );
    expect(good.settings.idCardReader).toMatchObject({ port: '/dev/ttyUSB0', baudRate: 115200 });
    expect(good.problems).toEqual([]);
  });
});

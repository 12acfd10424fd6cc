import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { createIdCardReader } from '../../../../electron/main/idcard/reader';
import { sdtApiLink, VendorLibraryError } from '../../../../electron/main/idcard/vendor-library';
import { encodeCardText } from '../../../../shared/idcard/card-text';
import { SIMULATED_CARDS } from '../../../../shared/idcard/simulator';

const TODAY = new Date('2026-12-05T02:00:00Z');

function compile(name: string, defines: string[] = []): string | null {
  const out = join(mkdtempSync(join(tmpdir(), 'sdtapi-')), name);
  try {
    execFileSync('cc', ['-shared', '-fPIC', ...defines, '-o', out, 'test/support/fake-sdtapi.c'], {
      stdio: 'ignore',
    });
    return out;
  } catch {
    return null;
  }
}

describe('the vendor-library driver (koffi, SDT API)', () => {
  it('a library that is not there: a clear "not found" error naming it', async () => {
    const missing = '/opt/reader/libsdtapi-missing.so';
    await expect(sdtApiLink(missing, 1001, koffi)).rejects.toThrow(
      new VendorLibraryError('library-not-found', missing),
    );
    await expect(sdtApiLink(missing, 1001, koffi)).rejects.toThrow(
      'vendor library not found: /opt/reader/libsdtapi-missing.so',
    );
  });

  it('a file that is no library: "cannot be loaded"', async () => {
    await expect(sdtApiLink('test/support/fake-sdtapi.c', 1001, koffi)).rejects.toMatchObject({
      problem: 'library-unloadable',
    });
  });

  it('through the reader, a missing library is an unplugged reader, and is logged', async () => {
    const logged: string[] = [];
    const reader = createIdCardReader(
      { driver: 'sdtapi', library: '/opt/reader/libsdtapi-missing.so', port: 1001 },
      {
        openPort: () => Promise.reject(new Error('not used')),
        vendorLink: (library, port) => sdtApiLink(library, port, koffi),
        log: (m) => logged.push(m),
      },
    );
    expect(await reader.read({ photo: false, today: TODAY })).toEqual({
      status: 'unavailable',
      reason: 'unplugged',
    });
    expect(logged[0]).toBe(
      'ID-card reader: vendor library not found: /opt/reader/libsdtapi-missing.so',
    );
    await reader.close();
  });

  const library = compile('libfake-sdtapi.so');
  it.skipIf(!library)('reads a card through a compiled SDT API library', async () => {
    const path = library ?? '';
    const control = koffi.load(path);
    const setCard = control.func('int FAKE_SetCard(const uint8_t *text, int present)');
    const reader = createIdCardReader(
      { driver: 'sdtapi', library: path, port: 1001 },
      {
        openPort: () => Promise.reject(new Error('not used')),
        vendorLink: (lib, port) => sdtApiLink(lib, port, koffi),
      },
    );
    expect(await reader.read({ photo: false, today: TODAY })).toEqual({ status: 'no-card' });
    setCard(Buffer.from(encodeCardText(SIMULATED_CARDS['long-term'])), 1);
    const outcome = await reader.read({ photo: true, today: TODAY });
    expect(outcome).toMatchObject({
      status: 'card',
      card: { name: '钱长期', validUntil: 'long-term' },
    });
    expect(outcome.status === 'card' && outcome.photo?.length).toBe(1024);
    await reader.close();
    control.unload();
  });

  it.skipIf(!library)('a wrong port: the module does not open, so no reader', async () => {
    const link = await sdtApiLink(library ?? '', 7, koffi);
    expect(await link.exchange('find', () => true)).toEqual({ ok: false, failure: 'disconnected' });
    await link.close();
  });

  const partial = compile('libpartial-sdtapi.so', ['-DFAKE_WITHOUT_READ']);
  it.skipIf(!partial)(
    'a library without SDT_ReadBaseMsg: "lacks an SDT API function"',
    async () => {
      await expect(sdtApiLink(partial ?? '', 1001, koffi)).rejects.toThrow(
        /lacks an SDT API function.*SDT_ReadBaseMsg/u,
      );
    },
  );
});

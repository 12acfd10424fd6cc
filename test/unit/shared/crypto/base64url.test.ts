import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64urlToBytes, bytesToBase64url } from '../../../../shared/crypto/base64url';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors (unpadded, url alphabet)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(bytesToBase64url(utf8(plain))).toBe(encoded);
      expect(base64urlToBytes(encoded)).toEqual(utf8(plain));
    }
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(bytesToBase64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64urlToBytes('-_-_')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it('agrees with Node for any bytes, and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = bytesToBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses anything but canonical unpadded base64url', () => {
    for (const bad of ['Zg==', 'Zm9v+/', 'Zm9v/A', 'Z', 'Zm9vY', 'Zm 9v', 'Zm9v\n']) {
      expect(base64urlToBytes(bad), bad).toBeNull();
    }
  });

  it('refuses a second spelling of the same bytes (non-zero leftover bits)', () => {
    expect(base64urlToBytes('Zg')).toEqual(utf8('f'));
    expect(base64urlToBytes('Zh')).toBeNull();
    expect(base64urlToBytes('Zm8')).toEqual(utf8('fo'));
    expect(base64urlToBytes('Zm9')).toBeNull();
  });
});

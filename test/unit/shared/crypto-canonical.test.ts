import { describe, expect, it } from 'vitest';
import { canonicalize, contentHash, sha256Hex } from '../../../shared/crypto/canonical';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys and writes numbers and strings canonically', () => {
    expect(canonicalize({ b: 1, a: [true, null, 'é'], c: { z: 1e21, y: 0.5 } })).toBe(
      '{"a":[true,null,"é"],"b":1,"c":{"y":0.5,"z":1e+21}}',
    );
  });

  it('gives the same hash whatever the key order', () => {
    expect(contentHash({ a: 1, b: '承诺' })).toBe(contentHash({ b: '承诺', a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });

  it('hashes bytes with SHA-256', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses values with no canonical form', () => {
    expect(() => canonicalize(Number.NaN)).toThrow();
  });
});

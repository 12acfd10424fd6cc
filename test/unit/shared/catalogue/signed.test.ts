import { describe, expect, it } from 'vitest';
import { isNewerThan, signCatalogue, verifyCatalogue } from '../../../../shared/catalogue/signed';
import type { TrustedCatalogueKey } from '../../../../shared/catalogue/signed';
import type { SignatureAlgorithm, Verifier } from '../../../../shared/crypto/signing';
import { WebCryptoVerifier } from '../../../../shared/crypto/webcrypto-signer';
import { P256TestSigner, p256TestVerifier } from './p256-test-signer';
import { at, demoCatalogue } from './fixtures';

const platform = new P256TestSigner();
const other = new P256TestSigner();
const KEY_ID = 'platform-2026';
const trusted: TrustedCatalogueKey[] = [{ keyId: KEY_ID, key: await platform.publicKeyInfo() }];
const verifierFor = (alg: SignatureAlgorithm): Verifier => {
  if (alg !== 'ECDSA-P256-SHA256') throw new Error(`no verifier for ${alg}`);
  return p256TestVerifier;
};
const NOW = new Date('2026-11-25T04:00:00Z');

/** What travels over the wire or on a USB stick: JSON text, parsed back by the receiver. */
async function shipped(
  signer = platform,
  keyId = KEY_ID,
): Promise<
  Record<string, unknown> & {
    catalogue: Record<string, unknown>;
    signature: Record<string, string>;
  }
> {
  return JSON.parse(JSON.stringify(await signCatalogue(demoCatalogue(), signer, keyId)));
}

describe('catalogue signature', () => {
  it('round-trips: what the platform signs, the device accepts', async () => {
    const result = await verifyCatalogue(await shipped(), trusted, verifierFor, NOW);
    expect(result).toEqual({ ok: true, catalogue: demoCatalogue(), keyId: KEY_ID });
  });

  it('uses the wire format of the real WebCrypto provider', async () => {
    const webcrypto = new WebCryptoVerifier(globalThis.crypto.subtle);
    expect((await verifyCatalogue(await shipped(), trusted, () => webcrypto, NOW)).ok).toBe(true);
    const envelope = await shipped();
    envelope.catalogue['catalogueId'] = 'other-hall';
    expect(await verifyCatalogue(envelope, trusted, () => webcrypto, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('refuses, though well signed, a catalogue for another hall than the device’s', async () => {
    const envelope = await shipped();
    const hall = demoCatalogue().hall.code;
    expect((await verifyCatalogue(envelope, trusted, verifierFor, NOW, hall)).ok).toBe(true);
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW, '130104-02')).toEqual({
      ok: false,
      error: 'other-hall',
    });
  });

  it('does not depend on key order in the shipped JSON', async () => {
    const envelope = await shipped();
    const reordered = Object.fromEntries(Object.entries(envelope.catalogue).reverse());
    const result = await verifyCatalogue(
      { signature: envelope.signature, catalogue: reordered },
      trusted,
      verifierFor,
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it('fails with bad-signature when one character of one item is changed', async () => {
    const envelope = await shipped();
    const text = JSON.stringify(envelope);
    const original = '不超出许可范围经营';
    expect(text).toContain(original);
    const tampered = JSON.parse(text.replace(original, '不超出许可范围经鹰'));
    expect(await verifyCatalogue(tampered, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('fails with bad-signature when only whitespace is added (the signature covers the bytes as sent)', async () => {
    const envelope = await shipped();
    const matters = envelope.catalogue['matters'] as { name: { en: string } }[];
    at(matters, 0).name.en += ' ';
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('fails with bad-signature when the version is raised to fake an upgrade', async () => {
    const envelope = await shipped();
    envelope.catalogue['version'] = 99;
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('fails with bad-signature for a signature by another key under the trusted key id', async () => {
    const forged = await shipped(other, KEY_ID);
    expect(await verifyCatalogue(forged, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('fails with bad-signature for a signature the verifier cannot decode or that throws', async () => {
    const envelope = await shipped();
    envelope.signature['value'] = 'AAAA';
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
    const throwing: Verifier = {
      algorithm: 'ECDSA-P256-SHA256',
      verify: () => Promise.reject(new Error('boom')),
    };
    expect(await verifyCatalogue(await shipped(), trusted, () => throwing, NOW)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('fails with unknown-key for an untrusted key id, or a trusted id with another algorithm', async () => {
    expect(
      await verifyCatalogue(await shipped(other, 'someone-else'), trusted, verifierFor, NOW),
    ).toEqual({
      ok: false,
      error: 'unknown-key',
    });
    const envelope = await shipped();
    envelope.signature['alg'] = 'SM2-SM3';
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'unknown-key',
    });
    expect(await verifyCatalogue(await shipped(), [], verifierFor, NOW)).toEqual({
      ok: false,
      error: 'unknown-key',
    });
  });

  it('checks the validity window: not yet valid, valid at the edges, expired', async () => {
    const envelope = await shipped();
    const c = demoCatalogue();
    const at = (ms: number) => verifyCatalogue(envelope, trusted, verifierFor, new Date(ms));
    const from = Date.parse(c.validFrom);
    const until = Date.parse(c.validUntil);
    expect(await at(from - 1)).toEqual({ ok: false, error: 'not-yet-valid' });
    expect((await at(from)).ok).toBe(true);
    expect((await at(until - 1)).ok).toBe(true);
    expect(await at(until)).toEqual({ ok: false, error: 'expired' });
    expect(await at(Number.NaN)).toEqual({ ok: false, error: 'not-yet-valid' });
  });

  it('reports malformed input with the paths and codes of what is wrong', async () => {
    const cases: unknown[] = [null, 'catalogue', [], {}, { catalogue: {} }];
    for (const input of cases) {
      const result = await verifyCatalogue(input, trusted, verifierFor, NOW);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toBe('malformed');
    }

    const envelope = await shipped();
    const matters = envelope.catalogue['matters'] as { code: string }[];
    at(matters, 1).code = at(matters, 0).code;
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toEqual({
      ok: false,
      error: 'malformed',
      issues: [{ path: 'catalogue.matters.1.code', code: 'duplicate-matter-code' }],
    });
  });

  it('reports a malformed signature block, and extra envelope fields, as malformed', async () => {
    const noValue = await shipped();
    delete noValue.signature['value'];
    const result = await verifyCatalogue(noValue, trusted, verifierFor, NOW);
    expect(result).toEqual({
      ok: false,
      error: 'malformed',
      issues: [{ path: 'signature.value', code: 'invalid_type' }],
    });

    const extra = { ...(await shipped()), note: 'trust me' };
    expect((await verifyCatalogue(extra, trusted, verifierFor, NOW)).ok).toBe(false);

    const badChars = await shipped();
    badChars.signature['value'] = 'abc+/=';
    expect(await verifyCatalogue(badChars, trusted, verifierFor, NOW)).toMatchObject({
      error: 'malformed',
    });
  });

  it('does not accept values that JSON cannot carry', async () => {
    const envelope = await shipped();
    envelope.catalogue['version'] = Number.POSITIVE_INFINITY;
    expect(await verifyCatalogue(envelope, trusted, verifierFor, NOW)).toMatchObject({
      ok: false,
      error: 'malformed',
    });
  });

  it('caps the number of reported issues', async () => {
    const envelope = await shipped();
    const matters = envelope.catalogue['matters'] as Record<string, unknown>[];
    for (const m of matters) {
      m['code'] = 'bad code';
      m['level'] = 'town';
    }
    const result = await verifyCatalogue(envelope, trusted, verifierFor, NOW);
    expect(!result.ok && result.error === 'malformed' && result.issues.length).toBe(20);
  });
});

describe('isNewerThan', () => {
  const c = { catalogueId: '130102-01-commitments', version: 3 };
  it('accepts only a strictly higher version of the same catalogue', () => {
    expect(isNewerThan({ ...c, version: 4 }, c)).toBe(true);
    expect(isNewerThan(c, c)).toBe(false);
    expect(isNewerThan({ ...c, version: 2 }, c)).toBe(false);
    expect(isNewerThan({ catalogueId: '130104-01-commitments', version: 9 }, c)).toBe(false);
  });
});

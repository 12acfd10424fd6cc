import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/p256';
import { sha256 } from '@noble/hashes/sha256';
import { base64urlToBytes, bytesToBase64url } from '../../../../shared/crypto/base64url';
import type { PublicKeyInfo } from '../../../../shared/crypto/signing';
import {
  WebCryptoVerifier,
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import type { SubtleLike } from '../../../../shared/crypto/webcrypto-signer';

// Both WebCrypto faces satisfy the structural interface: the DOM's (as typed here) and Node's.
const subtle: SubtleLike = globalThis.crypto.subtle;
const nodeSubtle: SubtleLike = webcrypto.subtle;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (text: string): Uint8Array => {
  const bytes = base64urlToBytes(text);
  if (bytes === null) throw new Error(`not base64url: ${text}`);
  return bytes;
};

async function freshSigner(s: SubtleLike = subtle) {
  const signer = createWebCryptoSigner(s, await generateWebCryptoKeyPair(s));
  return { signer, info: await signer.publicKeyInfo() };
}

describe('WebCrypto P-256 provider', () => {
  it('generates a device key whose private half cannot be exported', async () => {
    const pair = await generateWebCryptoKeyPair(subtle);
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.privateKey.type).toBe('private');
    await expect(
      globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey as CryptoKey),
    ).rejects.toThrow();
    const exportable = await generateWebCryptoKeyPair(subtle, { extractable: true });
    expect(exportable.privateKey.extractable).toBe(true);
  });

  it('publishes the raw uncompressed public key and signs with raw r||s', async () => {
    const { signer, info } = await freshSigner();
    expect(signer.algorithm).toBe('ECDSA-P256-SHA256');
    expect(info.algorithm).toBe('ECDSA-P256-SHA256');
    const raw = decode(info.publicKey);
    expect(raw.length).toBe(65);
    expect(raw[0]).toBe(0x04);
    expect(await signer.publicKeyInfo()).toBe(await signer.publicKeyInfo());
    expect(decode(await signer.sign(utf8('承诺'))).length).toBe(64);
  });

  it('verifies its own signatures and refuses tampering', async () => {
    const verifier = new WebCryptoVerifier(subtle);
    const { signer, info } = await freshSigner();
    const data = utf8('commitment 130102199003071233');
    const sig = await signer.sign(data);
    expect(await verifier.verify(info, data, sig)).toBe(true);
    expect(await verifier.verify(info, utf8('commitment 130102199003071234'), sig)).toBe(false);
    const flipped = decode(sig);
    flipped[10] = (flipped[10] ?? 0) ^ 0x01;
    expect(await verifier.verify(info, data, bytesToBase64url(flipped))).toBe(false);
    const other = await freshSigner();
    expect(await verifier.verify(other.info, data, sig)).toBe(false);
  });

  it("works the same through Node's webcrypto object", async () => {
    const { signer, info } = await freshSigner(nodeSubtle);
    const sig = await signer.sign(utf8('x'));
    expect(await new WebCryptoVerifier(subtle).verify(info, utf8('x'), sig)).toBe(true);
  });

  it('answers false, never throws, for malformed keys and signatures', async () => {
    const verifier = new WebCryptoVerifier(subtle);
    const { signer, info } = await freshSigner();
    const data = utf8('x');
    const sig = await signer.sign(data);
    const raw = decode(info.publicKey);
    const offCurve = raw.slice();
    offCurve[64] = (offCurve[64] ?? 0) ^ 0x01;
    const compressedTag = raw.slice();
    compressedTag[0] = 0x02;
    const badKeys: PublicKeyInfo[] = [
      { ...info, algorithm: 'SM2-SM3' },
      { ...info, publicKey: 'not base64url!' },
      { ...info, publicKey: bytesToBase64url(raw.subarray(0, 64)) },
      { ...info, publicKey: bytesToBase64url(compressedTag) },
      { ...info, publicKey: bytesToBase64url(offCurve) },
    ];
    for (const key of badKeys)
      expect(await verifier.verify(key, data, sig), key.publicKey).toBe(false);
    const sigBytes = decode(sig);
    for (const badSig of [
      '',
      'A=',
      bytesToBase64url(sigBytes.subarray(0, 63)),
      bytesToBase64url(new Uint8Array(64)),
    ]) {
      expect(await verifier.verify(info, data, badSig), badSig).toBe(false);
    }
  });

  it('answers false when the WebCrypto implementation itself fails', async () => {
    const { signer, info } = await freshSigner();
    const failing: SubtleLike = {
      generateKey: (...args) => subtle.generateKey(...args),
      sign: (...args) => subtle.sign(...args),
      exportKey: (...args) => subtle.exportKey(...args),
      importKey: (...args) => subtle.importKey(...args),
      verify: () => Promise.reject(new Error('OperationError')),
    };
    expect(
      await new WebCryptoVerifier(failing).verify(info, utf8('x'), await signer.sign(utf8('x'))),
    ).toBe(false);
  });

  it('keeps verifying correctly past its key cache limit', async () => {
    const verifier = new WebCryptoVerifier(subtle);
    const signers = await Promise.all(Array.from({ length: 70 }, () => freshSigner()));
    const data = utf8('many devices');
    for (const { signer, info } of signers) {
      expect(await verifier.verify(info, data, await signer.sign(data))).toBe(true);
    }
    const first = signers[0];
    if (!first) throw new Error('no signer');
    expect(await verifier.verify(first.info, data, await first.signer.sign(data))).toBe(true);
    expect(await verifier.verify(first.info, utf8('other'), await first.signer.sign(data))).toBe(
      false,
    );
  });
});

describe('cross-check with @noble/curves p256 (the format is what it claims)', () => {
  it('noble verifies WebCrypto signatures as P1363 r||s over SHA-256 with the raw point', async () => {
    const { signer, info } = await freshSigner();
    for (let i = 0; i < 20; i += 1) {
      const data = utf8(`event ${i}`);
      const sig = decode(await signer.sign(data));
      // WebCrypto does not normalise s, so noble must accept high-S here.
      expect(p256.verify(sig, sha256(data), decode(info.publicKey), { lowS: false })).toBe(true);
      expect(
        p256.verify(sig, sha256(utf8(`event ${i + 1}`)), decode(info.publicKey), { lowS: false }),
      ).toBe(false);
    }
  });

  it('WebCrypto verifies noble signatures made with the same raw formats', async () => {
    const secret = p256.utils.randomPrivateKey();
    const info: PublicKeyInfo = {
      algorithm: 'ECDSA-P256-SHA256',
      publicKey: bytesToBase64url(p256.getPublicKey(secret, false)),
    };
    const data = utf8('signed by noble');
    const signature = p256.sign(sha256(data), secret);
    const verifier = new WebCryptoVerifier(subtle);
    expect(await verifier.verify(info, data, bytesToBase64url(signature.toCompactRawBytes()))).toBe(
      true,
    );
    // Both s of the same signature (s and n - s) pass: WebCrypto does not enforce low-S.
    const low = signature.normalizeS();
    const high = new p256.Signature(low.r, p256.CURVE.n - low.s);
    const publicKey = p256.getPublicKey(secret, false);
    for (const variant of [low, high]) {
      expect(await verifier.verify(info, data, bytesToBase64url(variant.toCompactRawBytes()))).toBe(
        true,
      );
    }
    expect(p256.verify(low.toCompactRawBytes(), sha256(data), publicKey, { lowS: true })).toBe(
      true,
    );
    expect(p256.verify(high.toCompactRawBytes(), sha256(data), publicKey, { lowS: true })).toBe(
      false,
    );
  });
});

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
  isCanonicalP256Signature,
  lowSP256Signature,
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

describe('canonical low-S signatures (issue 17: a high-S copy was accepted)', () => {
  it('the signer makes only low-S signatures, though WebCrypto makes high-S half the time', async () => {
    const { signer } = await freshSigner(nodeSubtle);
    const half = p256.CURVE.n / 2n;
    let rawHigh = 0;
    for (let i = 0; i < 200; i += 1) {
      const sig = decode(await signer.sign(utf8(`event ${i}`)));
      expect(isCanonicalP256Signature(sig), `signature ${i}`).toBe(true);
      expect(p256.Signature.fromCompact(sig).s <= half).toBe(true);
    }
    // What WebCrypto gives unnormalised, to show the rule has work to do.
    const pair = await generateWebCryptoKeyPair(nodeSubtle);
    for (let i = 0; i < 64; i += 1) {
      const raw = new Uint8Array(
        await nodeSubtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          pair.privateKey,
          new Uint8Array(utf8(`x${i}`)),
        ),
      );
      if (!isCanonicalP256Signature(raw)) rawHigh += 1;
      expect(isCanonicalP256Signature(lowSP256Signature(raw))).toBe(true);
    }
    expect(rawHigh).toBeGreaterThan(0);
  });

  it('the verifier refuses the high-S copy of a valid signature, and r or s out of range', async () => {
    const { signer, info } = await freshSigner();
    const verifier = new WebCryptoVerifier(subtle);
    const data = utf8('a record');
    const sig = p256.Signature.fromCompact(decode(await signer.sign(data)));
    expect(await verifier.verify(info, data, bytesToBase64url(sig.toCompactRawBytes()))).toBe(true);
    const n = p256.CURVE.n;
    const hex = (r: bigint, s: bigint) =>
      Uint8Array.from(
        Buffer.from(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'), 'hex'),
      );
    for (const [r, s] of [
      [sig.r, n - sig.s],
      [sig.r, 0n],
      [0n, sig.s],
      [sig.r + n, sig.s],
    ] as const) {
      if (r >= 2n ** 256n) continue;
      expect(await verifier.verify(info, data, bytesToBase64url(hex(r, s)))).toBe(false);
    }
  });
});

describe('cross-check with @noble/curves p256 (the format is what it claims)', () => {
  it('noble verifies WebCrypto signatures as P1363 r||s over SHA-256 with the raw point', async () => {
    const { signer, info } = await freshSigner();
    for (let i = 0; i < 20; i += 1) {
      const data = utf8(`event ${i}`);
      const sig = decode(await signer.sign(data));
      // The signer normalises WebCrypto's s, so noble's default low-S rule accepts every one.
      expect(p256.verify(sig, sha256(data), decode(info.publicKey), { lowS: true })).toBe(true);
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
    // noble's p256 leaves s as it falls unless asked; the verifier takes low-S only.
    const signature = p256.sign(sha256(data), secret, { lowS: true });
    const verifier = new WebCryptoVerifier(subtle);
    expect(await verifier.verify(info, data, bytesToBase64url(signature.toCompactRawBytes()))).toBe(
      true,
    );
    // Of the two s of the same signature (s and n - s) only the low one passes, as in noble.
    const low = signature.normalizeS();
    const high = new p256.Signature(low.r, p256.CURVE.n - low.s);
    const publicKey = p256.getPublicKey(secret, false);
    expect(await verifier.verify(info, data, bytesToBase64url(low.toCompactRawBytes()))).toBe(true);
    expect(await verifier.verify(info, data, bytesToBase64url(high.toCompactRawBytes()))).toBe(
      false,
    );
    // WebCrypto itself accepts the high-S copy: the rule is ours, not the library's.
    expect(
      await subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        await subtle.importKey(
          'raw',
          new Uint8Array(publicKey),
          { name: 'ECDSA', namedCurve: 'P-256' },
          true,
          ['verify'],
        ),
        new Uint8Array(high.toCompactRawBytes()),
        new Uint8Array(data),
      ),
    ).toBe(true);
    expect(p256.verify(low.toCompactRawBytes(), sha256(data), publicKey, { lowS: true })).toBe(
      true,
    );
    expect(p256.verify(high.toCompactRawBytes(), sha256(data), publicKey, { lowS: true })).toBe(
      false,
    );
  });
});

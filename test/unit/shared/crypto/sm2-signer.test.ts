import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { sm2 } from 'sm-crypto-v2';
import { base64urlToBytes, bytesToBase64url } from '../../../../shared/crypto/base64url';
import type { PublicKeyInfo } from '../../../../shared/crypto/signing';
import {
  SM2_DEFAULT_USER_ID,
  Sm2Verifier,
  createSm2Signer,
  generateSm2KeyPair,
  sm2PublicKeyOf,
  sm3Hex,
} from '../../../../shared/crypto/sm2-signer';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The signature example on the recommended curve of GM/T 0003.5-2012 / GB/T 32918.5-2017
 * (appendix A). Its signer ID is the default '1234567812345678'; 'ALICE123@YAHOO.COM' belongs to
 * the GB/T 32918.2 example on a different, non-recommended test curve.
 */
const VECTOR = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  publicKey:
    '04' +
    '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
    'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  userId: '1234567812345678',
  message: 'message digest',
  za: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  x1: '04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
} as const;

const vectorKey: PublicKeyInfo = {
  algorithm: 'SM2-SM3',
  publicKey: bytesToBase64url(hexToBytes(VECTOR.publicKey.toLowerCase())),
};
const vectorSig = bytesToBase64url(hexToBytes((VECTOR.r + VECTOR.s).toLowerCase()));

function mustSigner(privateKey: string) {
  const signer = createSm2Signer(privateKey);
  if (signer === null) throw new Error('invalid test key');
  return signer;
}

describe('SM3 (GB/T 32905-2016 examples)', () => {
  it('hashes "abc" and "abcd" x16 to the published digests', () => {
    expect(sm3Hex(utf8('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3Hex(utf8('abcd'.repeat(16)))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM2 signature, published example (GM/T 0003.5 / GB/T 32918.5, recommended curve)', () => {
  it('derives the published public key from the private key', () => {
    expect(sm2PublicKeyOf(VECTOR.d)).toBe(VECTOR.publicKey.toLowerCase());
  });

  it('computes the published ZA and e for the default signer ID', () => {
    const publicKey = VECTOR.publicKey.toLowerCase();
    expect(bytesToHex(sm2.getZ(publicKey, VECTOR.userId))).toBe(VECTOR.za.toLowerCase());
    expect(sm2.getHash(bytesToHex(utf8(VECTOR.message)), publicKey, VECTOR.userId)).toBe(
      VECTOR.e.toLowerCase(),
    );
  });

  it('reproduces (r, s) exactly when the library is given the published k', () => {
    const x1 = sm2.getPublicKeyFromPrivateKey(VECTOR.k.toLowerCase()).slice(2, 66);
    expect(x1).toBe(VECTOR.x1.toLowerCase());
    const signature = sm2.doSignature(utf8(VECTOR.message), VECTOR.d.toLowerCase(), {
      hash: true,
      userId: VECTOR.userId,
      pointPool: [{ k: BigInt(`0x${VECTOR.k}`), x1: BigInt(`0x${VECTOR.x1}`) }],
    });
    expect(signature).toBe((VECTOR.r + VECTOR.s).toLowerCase());
  });

  it('verifies the published (r, s) with the provider, under the default signer ID only', async () => {
    expect(SM2_DEFAULT_USER_ID).toBe(VECTOR.userId);
    expect(await new Sm2Verifier().verify(vectorKey, utf8(VECTOR.message), vectorSig)).toBe(true);
    const alice = new Sm2Verifier({ userId: 'ALICE123@YAHOO.COM' });
    expect(await alice.verify(vectorKey, utf8(VECTOR.message), vectorSig)).toBe(false);
  });

  it('refuses a tampered message or signature', async () => {
    const verifier = new Sm2Verifier();
    expect(await verifier.verify(vectorKey, utf8('message digesT'), vectorSig)).toBe(false);
    const sig = base64urlToBytes(vectorSig);
    if (sig === null) throw new Error('bad fixture');
    for (const position of [0, 31, 32, 63]) {
      const tampered = sig.slice();
      tampered[position] = (tampered[position] ?? 0) ^ 0x80;
      expect(
        await verifier.verify(vectorKey, utf8(VECTOR.message), bytesToBase64url(tampered)),
      ).toBe(false);
    }
  });
});

describe('SM2 provider', () => {
  it('signs with a fresh key and verifies, as SM2-SM3 with raw formats', async () => {
    const pair = generateSm2KeyPair();
    expect(pair.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(pair.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const signer = mustSigner(pair.privateKey);
    expect(signer.algorithm).toBe('SM2-SM3');
    const info = await signer.publicKeyInfo();
    expect(info).toEqual({
      algorithm: 'SM2-SM3',
      publicKey: bytesToBase64url(hexToBytes(pair.publicKey)),
    });
    const data = utf8('信用承诺 event');
    const sig = await signer.sign(data);
    expect(base64urlToBytes(sig)?.length).toBe(64);
    const verifier = new Sm2Verifier();
    expect(await verifier.verify(info, data, sig)).toBe(true);
    expect(await verifier.verify(info, utf8('信用承诺 evenT'), sig)).toBe(false);
    const other = await mustSigner(generateSm2KeyPair().privateKey).publicKeyInfo();
    expect(await verifier.verify(other, data, sig)).toBe(false);
  });

  it('binds the signer ID: a signature under one ID fails under another', async () => {
    const pair = generateSm2KeyPair();
    const signer = createSm2Signer(pair.privateKey, { userId: 'HB1301-W03' });
    if (signer === null) throw new Error('invalid test key');
    const info = await signer.publicKeyInfo();
    const sig = await signer.sign(utf8('x'));
    expect(await new Sm2Verifier({ userId: 'HB1301-W03' }).verify(info, utf8('x'), sig)).toBe(true);
    expect(await new Sm2Verifier().verify(info, utf8('x'), sig)).toBe(false);
  });

  it('keeps verifying correctly past its key cache limit, and remembers bad keys as bad', async () => {
    const verifier = new Sm2Verifier();
    const data = utf8('many devices');
    const signers = Array.from({ length: 20 }, () => mustSigner(generateSm2KeyPair().privateKey));
    for (const signer of signers) {
      const info = await signer.publicKeyInfo();
      const sig = await signer.sign(data);
      expect(await verifier.verify(info, data, sig)).toBe(true);
      expect(await verifier.verify(info, utf8('other'), sig)).toBe(false);
    }
    const offCurve = { ...vectorKey, publicKey: bytesToBase64url(new Uint8Array(65).fill(4)) };
    expect(await verifier.verify(offCurve, data, vectorSig)).toBe(false);
    expect(await verifier.verify(offCurve, data, vectorSig)).toBe(false);
  });

  it('accepts upper-case private key hex', async () => {
    const signer = mustSigner(VECTOR.d);
    expect(await signer.publicKeyInfo()).toEqual(vectorKey);
  });

  it('refuses invalid private keys', () => {
    const n = 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123';
    const nMinus1 = 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54122';
    const nMinus2 = 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54121';
    for (const bad of [
      '',
      '00'.repeat(32),
      n,
      nMinus1,
      'ff'.repeat(32),
      VECTOR.d.slice(2),
      `${VECTOR.d}00`,
      'zz'.repeat(32),
    ]) {
      expect(createSm2Signer(bad), bad).toBeNull();
      expect(sm2PublicKeyOf(bad), bad).toBeNull();
    }
    expect(createSm2Signer(nMinus2)).not.toBeNull();
  });

  it('answers false, never throws, for malformed keys and signatures', async () => {
    const verifier = new Sm2Verifier();
    const data = utf8(VECTOR.message);
    const point = hexToBytes(VECTOR.publicKey.toLowerCase());
    const offCurve = point.slice();
    offCurve[64] = (offCurve[64] ?? 0) ^ 0x01;
    const tagged = point.slice();
    tagged[0] = 0x03;
    const badKeys: PublicKeyInfo[] = [
      { ...vectorKey, algorithm: 'ECDSA-P256-SHA256' },
      { ...vectorKey, publicKey: '!!' },
      { ...vectorKey, publicKey: bytesToBase64url(point.subarray(1)) },
      { ...vectorKey, publicKey: bytesToBase64url(tagged) },
      { ...vectorKey, publicKey: bytesToBase64url(offCurve) },
    ];
    for (const key of badKeys)
      expect(await verifier.verify(key, data, vectorSig), key.publicKey).toBe(false);
    const n = 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123'.toLowerCase();
    const r = VECTOR.r.toLowerCase();
    const s = VECTOR.s.toLowerCase();
    const badSigs = [
      '',
      '=',
      bytesToBase64url(hexToBytes(r)),
      bytesToBase64url(hexToBytes(`${r}${s}00`)),
      bytesToBase64url(hexToBytes(`${'00'.repeat(32)}${s}`)),
      bytesToBase64url(hexToBytes(`${r}${'00'.repeat(32)}`)),
      bytesToBase64url(hexToBytes(`${n}${s}`)),
      bytesToBase64url(hexToBytes(`${r}${n}`)),
    ];
    for (const sig of badSigs) expect(await verifier.verify(vectorKey, data, sig), sig).toBe(false);
  });
});

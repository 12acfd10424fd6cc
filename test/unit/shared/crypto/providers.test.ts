import { describe, expect, it } from 'vitest';
import { createVerifiers } from '../../../../shared/crypto/providers';
import { SIGNATURE_ALGORITHMS } from '../../../../shared/crypto/signing';
import type { Signer } from '../../../../shared/crypto/signing';
import { createSm2Signer, generateSm2KeyPair } from '../../../../shared/crypto/sm2-signer';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';

const subtle = globalThis.crypto.subtle;
const data = new TextEncoder().encode('provider registry');

async function signers(): Promise<Signer[]> {
  const sm2Signer = createSm2Signer(generateSm2KeyPair().privateKey);
  if (sm2Signer === null) throw new Error('invalid key');
  return [createWebCryptoSigner(subtle, await generateWebCryptoKeyPair(subtle)), sm2Signer];
}

describe('verifier registry', () => {
  it('has a verifier for every algorithm, of that algorithm', () => {
    const registry = createVerifiers(subtle);
    for (const algorithm of SIGNATURE_ALGORITHMS) {
      expect(registry.verifierFor(algorithm).algorithm).toBe(algorithm);
    }
  });

  it("verifies each provider's signatures through the verifier of the key's algorithm", async () => {
    const registry = createVerifiers(subtle);
    for (const signer of await signers()) {
      const key = await signer.publicKeyInfo();
      const sig = await signer.sign(data);
      expect(await registry.verifierFor(key.algorithm).verify(key, data, sig)).toBe(true);
      // The wrong algorithm's verifier refuses rather than misreading the key.
      const otherAlgorithm = SIGNATURE_ALGORITHMS.find((a) => a !== key.algorithm);
      if (otherAlgorithm === undefined) throw new Error('one algorithm only');
      expect(await registry.verifierFor(otherAlgorithm).verify(key, data, sig)).toBe(false);
    }
  });

  it('passes the SM2 signer ID through to its verifier', async () => {
    const signer = createSm2Signer(generateSm2KeyPair().privateKey, { userId: 'hall-1301' });
    if (signer === null) throw new Error('invalid key');
    const key = await signer.publicKeyInfo();
    const sig = await signer.sign(data);
    expect(
      await createVerifiers(subtle, { sm2: { userId: 'hall-1301' } })
        .verifierFor('SM2-SM3')
        .verify(key, data, sig),
    ).toBe(true);
    expect(await createVerifiers(subtle).verifierFor('SM2-SM3').verify(key, data, sig)).toBe(false);
  });
});

import { p256 } from '@noble/curves/p256';
import { sha256 } from '@noble/hashes/sha256';
import { base64urlToBytes, bytesToBase64url } from '../../../../shared/crypto/base64url';
import type { PublicKeyInfo, Signer, Verifier } from '../../../../shared/crypto/signing';

/**
 * TEST ONLY: ECDSA P-256 with SHA-256 in the wire format of the WebCrypto provider (raw r||s,
 * uncompressed public key, both base64url), so catalogue signing is tested without depending on
 * the provider module. Keys are made per test run; none is ever written to disk.
 */
export class P256TestSigner implements Signer {
  readonly algorithm = 'ECDSA-P256-SHA256' as const;
  private readonly secret: Uint8Array;

  constructor(secret: Uint8Array = p256.utils.randomPrivateKey()) {
    this.secret = secret;
  }

  async publicKeyInfo(): Promise<PublicKeyInfo> {
    return {
      algorithm: this.algorithm,
      publicKey: bytesToBase64url(p256.getPublicKey(this.secret, false)),
    };
  }

  async sign(data: Uint8Array): Promise<string> {
    // Low-S, as the provider signs and every verifier requires (noble's p256 does not by default).
    return bytesToBase64url(
      p256.sign(sha256(data), this.secret, { lowS: true }).toCompactRawBytes(),
    );
  }
}

export const p256TestVerifier: Verifier = {
  algorithm: 'ECDSA-P256-SHA256',
  async verify(key: PublicKeyInfo, data: Uint8Array, signature: string): Promise<boolean> {
    const sig = base64urlToBytes(signature);
    const pub = base64urlToBytes(key.publicKey);
    if (!sig || !pub || sig.length !== 64) return false;
    // Low-S only, as the WebCrypto provider's verifier.
    return p256.verify(sig, sha256(data), pub, { lowS: true });
  },
};

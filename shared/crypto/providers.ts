import type { SignatureAlgorithm, Verifier } from './signing';
import { Sm2Verifier } from './sm2-signer';
import type { Sm2Options } from './sm2-signer';
import { WebCryptoVerifier } from './webcrypto-signer';
import type { SubtleLike } from './webcrypto-signer';

/** One verifier per algorithm, so that checking code never switches on algorithm names. */
export interface VerifierRegistry {
  verifierFor(algorithm: SignatureAlgorithm): Verifier;
}

export interface VerifierOptions {
  readonly sm2?: Sm2Options;
}

export function createVerifiers(
  subtle: SubtleLike,
  options: VerifierOptions = {},
): VerifierRegistry {
  // A Record over the closed union: adding an algorithm does not compile until it has a verifier.
  const verifiers: Readonly<Record<SignatureAlgorithm, Verifier>> = {
    'ECDSA-P256-SHA256': new WebCryptoVerifier(subtle),
    'SM2-SM3': new Sm2Verifier(options.sm2),
  };
  return { verifierFor: (algorithm) => verifiers[algorithm] };
}

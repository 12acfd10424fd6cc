/**
 * The seam between the product and whatever signs for the device. The default provider uses
 * WebCrypto; a national-algorithm (SM2 with SM3) provider can replace it without any caller
 * knowing. Keys and signatures travel as base64url text so that they fit in JSON records.
 */
export const SIGNATURE_ALGORITHMS = ['ECDSA-P256-SHA256', 'SM2-SM3'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export interface PublicKeyInfo {
  readonly algorithm: SignatureAlgorithm;
  /** base64url of the raw public key (uncompressed point for EC keys). */
  readonly publicKey: string;
}

/** Something that holds one private key and signs with it. */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  publicKeyInfo(): Promise<PublicKeyInfo>;
  /** Returns base64url of the signature over `data`. */
  sign(data: Uint8Array): Promise<string>;
}

/** Checks signatures of one algorithm; holds no secrets. */
export interface Verifier {
  readonly algorithm: SignatureAlgorithm;
  verify(key: PublicKeyInfo, data: Uint8Array, signature: string): Promise<boolean>;
}

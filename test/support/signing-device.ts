import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import type { Signer } from '../../shared/crypto/signing';
import { createSm2Signer, generateSm2KeyPair } from '../../shared/crypto/sm2-signer';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../shared/crypto/webcrypto-signer';
import { base64ToBytes } from '../../renderer/pki/base64';
import { x509 } from '../../renderer/pki/x509';
import { issueDeviceCertificate, SHIPPED_ROOT_FILE } from '../platform/ca';
import { demoKeyMaterial } from '../platform/demo-key';

/**
 * A device as enrolment leaves it, without a platform server: a fresh key (P-256, non-extractable,
 * or SM2) and a certificate for it issued under the shipped demo root by the demo platform key,
 * exactly as the reference platform issues it.
 */
export interface SigningDevice {
  readonly deviceId: string;
  readonly signer: Signer;
  /** DER. */
  readonly certificate: Uint8Array;
}

export const ROOT_PEM_PATH = SHIPPED_ROOT_FILE.pathname;

export async function signingDevice(
  algorithm: 'ECDSA-P256-SHA256' | 'SM2-SM3' = 'ECDSA-P256-SHA256',
  deviceId = '130102001.07',
): Promise<SigningDevice> {
  const signer =
    algorithm === 'SM2-SM3'
      ? createSm2Signer(generateSm2KeyPair().privateKey)
      : createWebCryptoSigner(
          webcrypto.subtle,
          await generateWebCryptoKeyPair(webcrypto.subtle, { extractable: false }),
        );
  if (!signer) throw new Error('no signer');
  const root = new x509.X509Certificate(readFileSync(SHIPPED_ROOT_FILE, 'utf8'));
  const key = await webcrypto.subtle.importKey(
    'jwk',
    demoKeyMaterial().privateJwk,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const certificate = await issueDeviceCertificate({
    root,
    key,
    device: {
      deviceId,
      hallCode: '130102001',
      organ: '石家庄市长安区行政审批局',
      publicKey: await signer.publicKeyInfo(),
    },
    at: new Date(),
  });
  if (certificate === null) throw new Error('no certificate');
  return { deviceId, signer, certificate: base64ToBytes(certificate) };
}

import type { Signer } from '../../shared/crypto/signing';
import { publicKeyInfoOfSpki } from '../../shared/crypto/spki';
import { x509 } from '../pki/x509';
import type { KioskDb } from '../store/db';
import { signerOfKey } from './device-key';
import { loadDeviceIdentity } from './identity';

/**
 * What the device signs a letter with (PAdES): its certificate and the one key that certificate
 * names, read from the store at the moment of signing.
 *
 * Not the app's event signer: during a key rotation (sync/key-rotation.ts) events are signed with
 * the new key from the moment the rotation is stored as pending, but the platform's certificate
 * for that key comes only with its approval. A letter signed meanwhile is signed with the old key
 * under the old certificate, which stays valid (the platform revokes nothing at a rotation), so
 * the letter verifies; once the approval is in, with the new key under the new certificate. Read
 * from the store rather than from the identity the app loaded at start, which a rotation in the
 * same session leaves naming the old key. A device with no certificate for a key it holds (demo,
 * an older platform, an approval whose certificate did not check) prints its letters unsigned.
 */

export interface LetterSigning {
  readonly signer: Signer;
  /** The device certificate, DER in base64 (DeviceIdentity.certificate). */
  readonly certificate: string;
}

/** Whether the certificate's subject public key is `key` (a damaged pair signs nothing). */
function certificateNames(certificate: string, key: Awaited<ReturnType<Signer['publicKeyInfo']>>) {
  try {
    const cert = new x509.X509Certificate(certificate);
    const named = publicKeyInfoOfSpki(new Uint8Array(cert.publicKey.rawData));
    return named?.algorithm === key.algorithm && named.publicKey === key.publicKey;
  } catch {
    return false;
  }
}

export async function letterSigning(db: KioskDb): Promise<LetterSigning | null> {
  const identity = await loadDeviceIdentity(db);
  if (!identity || identity.demo || identity.certificate === undefined) return null;
  if (!certificateNames(identity.certificate, identity.publicKey)) return null;
  const signer = await signerOfKey(db, identity.publicKey);
  return signer ? { signer, certificate: identity.certificate } : null;
}

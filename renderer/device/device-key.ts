import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { base64urlToBytes, bytesToBase64url } from '../../shared/crypto/base64url';
import type { PublicKeyInfo, SignatureAlgorithm, Signer } from '../../shared/crypto/signing';
import { createSm2Signer, generateSm2KeyPair, SM2_ALGORITHM } from '../../shared/crypto/sm2-signer';
import { createWebCryptoSigner, P256_ALGORITHM } from '../../shared/crypto/webcrypto-signer';
import { AtRestError, openFields, sealFields } from '../store/at-rest/field-cipher';
import type { KioskDb } from '../store/db';
import { deleteMeta, readMeta, writeMeta, type MetaValue } from '../store/meta';

/**
 * The device's signing key, sealed like applicants' fields: the private key is stored only under
 * the data key, which the host keystore seals (Electron: the OS keystore), so a copied profile
 * holds no key it can sign with. At start it is opened into memory: for P-256 imported as a
 * non-extractable CryptoKey (the clear PKCS#8 bytes are wiped), for SM2 held as the provider
 * needs it. The key is generated extractable once, sealed, and never exported again.
 */

type SealedDeviceKey = MetaValue<'deviceKey'>;

/** The sealed value is bound to this row (the associated data of field-cipher.ts). */
const TABLE = 'meta';
const ROW = 'deviceKey';
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * How the device's key is kept: sealed; as an older store left it (see deviceSigner); or that
 * older key being replaced by a sealed one (sync/key-rotation.ts: sent, not yet approved).
 */
export type DeviceKeyStatus = 'sealed' | 'legacy-unsealed' | 'rotating' | 'none';

async function newP256Key(): Promise<{ publicKey: PublicKeyInfo; privateKey: Uint8Array }> {
  const pair = await crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const [pkcs8, raw] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
    crypto.subtle.exportKey('raw', pair.publicKey),
  ]);
  return {
    publicKey: { algorithm: P256_ALGORITHM, publicKey: bytesToBase64url(new Uint8Array(raw)) },
    privateKey: new Uint8Array(pkcs8),
  };
}

function newSm2Key(): { publicKey: PublicKeyInfo; privateKey: Uint8Array } {
  const pair = generateSm2KeyPair();
  return {
    publicKey: {
      algorithm: SM2_ALGORITHM,
      publicKey: bytesToBase64url(hexToBytes(pair.publicKey)),
    },
    privateKey: hexToBytes(pair.privateKey),
  };
}

function seal(db: KioskDb, publicKey: PublicKeyInfo, privateKey: Uint8Array): SealedDeviceKey {
  try {
    return { publicKey, sealed: sealFields(db.keys.get(), TABLE, ROW, { privateKey }) };
  } finally {
    privateKey.fill(0);
  }
}

/** Opens the sealed key into a signer; throws AtRestError when the data key does not open it. */
export async function openDeviceKey(db: KioskDb, stored: SealedDeviceKey): Promise<Signer> {
  const fields = openFields(db.keys.get(), TABLE, ROW, stored.sealed);
  if (!(fields.privateKey instanceof Uint8Array)) throw new AtRestError('unreadable');
  // A copy on a plain ArrayBuffer (WebCrypto refuses views of shared memory); both are wiped.
  const privateKey = new Uint8Array(fields.privateKey);
  fields.privateKey.fill(0);
  try {
    if (stored.publicKey.algorithm === SM2_ALGORITHM) {
      const signer = createSm2Signer(bytesToHex(privateKey));
      const info = await signer?.publicKeyInfo();
      // The sealed scalar must be the stored public key's: anything else is a damaged row.
      if (!signer || info?.publicKey !== stored.publicKey.publicKey)
        throw new AtRestError('unreadable');
      return signer;
    }
    const [priv, pub] = await Promise.all([
      crypto.subtle.importKey('pkcs8', privateKey, P256, false, ['sign']),
      crypto.subtle.importKey('raw', publicKeyBytes(stored.publicKey), P256, true, ['verify']),
    ]);
    return createWebCryptoSigner(crypto.subtle, { privateKey: priv, publicKey: pub });
  } catch (error) {
    if (error instanceof AtRestError) throw error;
    throw new AtRestError('unreadable');
  } finally {
    privateKey.fill(0);
  }
}

function publicKeyBytes(info: PublicKeyInfo): Uint8Array<ArrayBuffer> {
  const raw = base64urlToBytes(info.publicKey);
  if (raw === null) throw new AtRestError('unreadable');
  return new Uint8Array(raw);
}

/**
 * A new P-256 key for a key rotation, sealed like a new device's (bound to the `deviceKey` row, where
 * it goes once the platform has approved the rotation), and a signer of it.
 */
export async function newSealedDeviceKey(
  db: KioskDb,
): Promise<{ readonly sealed: SealedDeviceKey; readonly signer: Signer }> {
  const made = await newP256Key();
  const sealed = seal(db, made.publicKey, made.privateKey);
  return { sealed, signer: await openDeviceKey(db, sealed) };
}

/**
 * A legacy key kept in clear and in use (its events are known by it) signs until a rotation
 * replaces it: from the moment a rotation is stored as pending, with the rotation's new key, and
 * once it is approved, with the sealed key. Read per signature (events are signed under the chain
 * lock, and the rotation is stored under it), so every event after the rotation's head is signed
 * with the new key even in a page that was opened before the rotation.
 */
function legacySigner(db: KioskDb, legacy: CryptoKeyPair): Signer {
  const old = createWebCryptoSigner(crypto.subtle, legacy);
  let replaced: Signer | null = null;
  const current = async (): Promise<Signer> => {
    if (replaced) return replaced;
    const stored = await readMeta(db, 'deviceKey');
    if (stored) {
      replaced = await openDeviceKey(db, stored);
      return replaced;
    }
    const pending = await readMeta(db, 'deviceKeyRotation');
    return pending ? openDeviceKey(db, pending.newKey) : old;
  };
  return {
    algorithm: P256_ALGORITHM,
    publicKeyInfo: async () => (await current()).publicKeyInfo(),
    sign: async (data) => (await current()).sign(data),
  };
}

/**
 * A key pair an older store kept in clear can be replaced when nothing was signed with it yet (no
 * identity, no event: a new device, or a demo device after its reset). Otherwise the platform and
 * the device's own chain know it by its public key, and it is kept until a key rotation replaces it.
 */
async function legacyKeyIsFree(db: KioskDb): Promise<boolean> {
  return (await readMeta(db, 'device')) === undefined && (await db.events.count()) === 0;
}

/** An extractable legacy private key (none is, in practice) is sealed as it is: same key. */
async function exportLegacyKey(
  pair: CryptoKeyPair,
): Promise<{ publicKey: PublicKeyInfo; privateKey: Uint8Array }> {
  const [pkcs8, raw] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
    crypto.subtle.exportKey('raw', pair.publicKey),
  ]);
  return {
    publicKey: { algorithm: P256_ALGORITHM, publicKey: bytesToBase64url(new Uint8Array(raw)) },
    privateKey: new Uint8Array(pkcs8),
  };
}

export interface DeviceSignerOptions {
  /** The algorithm of a key made now; an existing key keeps its own. Default P-256. */
  readonly algorithm?: SignatureAlgorithm;
}

/**
 * The device's signer: its sealed key opened, or a new one made and sealed. A store from before
 * sealing is carried on: its key is sealed when it can be exported, replaced when nothing was
 * signed with it, and otherwise used as it is (deviceKeyStatus says 'legacy-unsealed') until the
 * sync engine rotates it (sync/key-rotation.ts).
 */
export async function deviceSigner(
  db: KioskDb,
  options: DeviceSignerOptions = {},
): Promise<Signer> {
  const stored = await readMeta(db, 'deviceKey');
  if (stored) return openDeviceKey(db, stored);
  const legacy = await readMeta(db, 'deviceKeys');
  let fresh: SealedDeviceKey;
  if (legacy && legacy.privateKey.extractable) {
    const exported = await exportLegacyKey(legacy);
    fresh = seal(db, exported.publicKey, exported.privateKey);
  } else if (legacy && !(await legacyKeyIsFree(db))) {
    return legacySigner(db, legacy);
  } else {
    const made =
      (options.algorithm ?? P256_ALGORITHM) === SM2_ALGORITHM ? newSm2Key() : await newP256Key();
    fresh = seal(db, made.publicKey, made.privateKey);
  }
  // Another tab may have raced us: keep whichever key was stored first.
  const winner = await db.transaction('rw', db.meta, async () => {
    const again = await readMeta(db, 'deviceKey');
    if (again) return again;
    await deleteMeta(db, 'deviceKeys');
    return writeMeta(db, 'deviceKey', fresh);
  });
  return openDeviceKey(db, winner);
}

/**
 * A signer of exactly this public key, from what the store holds: the sealed key, or a legacy key
 * kept in clear. Never the key of a pending rotation (the platform has not certified it yet), and
 * never a signer that switches keys underneath (legacySigner): null when no stored key is it.
 */
export async function signerOfKey(db: KioskDb, key: PublicKeyInfo): Promise<Signer | null> {
  const stored = await readMeta(db, 'deviceKey');
  if (stored && samePublicKey(stored.publicKey, key)) return openDeviceKey(db, stored);
  const legacy = await readMeta(db, 'deviceKeys');
  if (!legacy || key.algorithm !== P256_ALGORITHM) return null;
  const raw = await crypto.subtle.exportKey('raw', legacy.publicKey);
  return bytesToBase64url(new Uint8Array(raw)) === key.publicKey
    ? createWebCryptoSigner(crypto.subtle, legacy)
    : null;
}

function samePublicKey(a: PublicKeyInfo, b: PublicKeyInfo): boolean {
  return a.algorithm === b.algorithm && a.publicKey === b.publicKey;
}

export async function deviceKeyStatus(db: KioskDb): Promise<DeviceKeyStatus> {
  if (await readMeta(db, 'deviceKey')) return 'sealed';
  if (!(await readMeta(db, 'deviceKeys'))) return 'none';
  return (await readMeta(db, 'deviceKeyRotation')) ? 'rotating' : 'legacy-unsealed';
}

import { jsonDepthWithin } from './json-depth';
import { z } from 'zod';
import { hkdf } from '@noble/hashes/hkdf';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToUtf8, concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils';
import { summariseIssues } from '../catalogue/signed';
import { base64urlToBytes, bytesToBase64url } from '../crypto/base64url';
import { canonicalBytes } from '../crypto/canonical';
import type { CanonicalJson } from '../crypto/canonical';
import type { VerifierRegistry } from '../crypto/providers';
import { Base64urlSchema, SignatureSchema } from '../crypto/schemas';
import type { PublicKeyInfo, Signer } from '../crypto/signing';
import type { CryptoKeyLike, CryptoKeyPairLike } from '../crypto/webcrypto-signer';
import { DeviceIdSchema } from '../events/envelope';
import type { EventEnvelope } from '../events/envelope';
import { InstantSchema } from '../model';
import { chinaInstant } from '../time';
import { BundleKeySchema, bundleKeyId, bundleKeyRaw } from './bundle-key';
import type { BundleKey } from './bundle-key';
import type { ErrorIssue } from './errors';
import { MAX_EVENT_BYTES, MAX_PUSH_BATCH } from './limits';
import { PushCursorSchema, PushRequestSchema } from './push';
import type { PushRequest } from './push';
import {
  InterfaceVersionSchema,
  PLATFORM_INTERFACE_VERSION,
  checkInterfaceVersion,
} from './version';
import type { VersionMismatch } from './version';

/**
 * The offline transfer bundle: one push batch that a clerk carries on a USB stick from an offline
 * device to a connected machine, which posts it to the platform (or the platform imports the file).
 *
 * - One bundle is one push batch with its own batchId, so the platform feeds it through the same
 *   idempotent push as a network push: a second import, or a network push of the same events,
 *   changes nothing and is answered from the stored receipts.
 * - The events are encrypted (AES-256-GCM) under a fresh content key; that key is wrapped for the
 *   platform's bundle key (ECDH P-256 with an ephemeral key, HKDF-SHA-256, AES-256-GCM). The
 *   header is the additional data of both, so it cannot be moved onto another ciphertext.
 * - The device key signs everything else (encrypt-then-sign), so the platform refuses a tampered
 *   or foreign file before it decrypts anything, and a lost stick gives away no personal data.
 * - The interface version versions the format too: a bundle of another version is refused with
 *   the same VersionMismatch as any message.
 *
 * The file is one UTF-8 JSON object with base64url binary fields.
 */

export const BUNDLE_FORMAT = 'hb-offline-bundle';
export const BUNDLE_ENCRYPTION = 'ECDH-ES-P256+HKDF-SHA256+A256GCM';
/** What an exported file is named with, so the import side can pick bundles out of a stick. */
export const BUNDLE_FILE_EXTENSION = '.hbbundle.json';

/** A full batch of largest events, base64url-encoded (4/3), with room for the rest of the file. */
export const MAX_BUNDLE_BYTES =
  Math.ceil(((MAX_PUSH_BATCH * (MAX_EVENT_BYTES + 1) + 16) * 4) / 3) + 64 * 1024;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 32;
const P256_RAW_BYTES = 65;
const HKDF_INFO = utf8ToBytes(`${BUNDLE_FORMAT}/key-wrap`);

/** base64url of exactly `length` bytes. */
const bytesOf = (length: number) =>
  Base64urlSchema.refine((text) => base64urlToBytes(text)?.length === length, {
    message: `not-${length}-bytes`,
  });

export const BundleHeaderSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    createdAt: InstantSchema,
    cursor: PushCursorSchema,
    eventCount: z.number().int().min(1).max(MAX_PUSH_BATCH),
    /** The push batchId the import uses. */
    batchId: z.uuid(),
  })
  .strict()
  .refine((h) => h.eventCount <= h.cursor.toSeq - h.cursor.fromSeq + 1, {
    message: 'event-count-exceeds-cursor',
    path: ['eventCount'],
  });
export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

export const BundleEncryptionSchema = z
  .object({
    alg: z.literal(BUNDLE_ENCRYPTION),
    /** bundleKeyId() of the platform key the content key is wrapped for. */
    recipientKeyId: bytesOf(32),
    /** Raw uncompressed P-256 point of the sender's one-time ECDH key. */
    ephemeralKey: bytesOf(P256_RAW_BYTES),
    salt: bytesOf(SALT_BYTES),
    wrapIv: bytesOf(IV_BYTES),
    /** The content key under the wrapping key, with its GCM tag. */
    wrappedKey: bytesOf(KEY_BYTES + TAG_BYTES),
    iv: bytesOf(IV_BYTES),
  })
  .strict();
export type BundleEncryption = z.infer<typeof BundleEncryptionSchema>;

export const BundleFileSchema = z
  .object({
    header: BundleHeaderSchema,
    encryption: BundleEncryptionSchema,
    /** The events (UTF-8 JSON array of envelopes) under the content key, with the GCM tag. */
    ciphertext: Base64urlSchema.min(1).max(MAX_BUNDLE_BYTES),
    /** The device key's signature over the canonical JSON of the three fields above. */
    signature: SignatureSchema,
  })
  .strict();
export type BundleFile = z.infer<typeof BundleFileSchema>;

/** The part of `SubtleCrypto` used here; both the browser's and Node's satisfy it. */
export interface EcdhKeyParams {
  readonly name: 'ECDH';
  readonly namedCurve: 'P-256';
}
export interface AesGcmKeyParams {
  readonly name: 'AES-GCM';
}
export interface EcdhDeriveParams {
  readonly name: 'ECDH';
  readonly public: CryptoKeyLike;
}
export interface AesGcmParams {
  readonly name: 'AES-GCM';
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly additionalData: Uint8Array<ArrayBuffer>;
}
export interface BundleSubtle {
  generateKey(
    algorithm: EcdhKeyParams,
    extractable: boolean,
    keyUsages: 'deriveBits'[],
  ): Promise<CryptoKeyPairLike>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: EcdhKeyParams | AesGcmKeyParams,
    extractable: boolean,
    keyUsages: ('encrypt' | 'decrypt')[],
  ): Promise<CryptoKeyLike>;
  deriveBits(
    algorithm: EcdhDeriveParams,
    baseKey: CryptoKeyLike,
    length: number,
  ): Promise<ArrayBuffer>;
  encrypt(
    algorithm: AesGcmParams,
    key: CryptoKeyLike,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: AesGcmParams,
    key: CryptoKeyLike,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
}

const ECDH: EcdhKeyParams = { name: 'ECDH', namedCurve: 'P-256' };
const AES: AesGcmKeyParams = { name: 'AES-GCM' };

const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** A random (version 4) UUID for the batchId. */
export function randomBatchId(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The wrapping key both sides derive from the ECDH secret; the two public keys are bound in. */
function wrappingKey(
  shared: ArrayBuffer,
  salt: Uint8Array,
  ephemeralRaw: Uint8Array,
  recipientRaw: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const info = concatBytes(HKDF_INFO, ephemeralRaw, recipientRaw);
  return own(hkdf(sha256, new Uint8Array(shared), salt, info, KEY_BYTES));
}

async function aesGcm(
  subtle: BundleSubtle,
  direction: 'encrypt' | 'decrypt',
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await subtle.importKey('raw', key, AES, false, [direction]);
  const params: AesGcmParams = { name: 'AES-GCM', iv, additionalData: aad };
  const out =
    direction === 'encrypt'
      ? await subtle.encrypt(params, handle, data)
      : await subtle.decrypt(params, handle, data);
  return new Uint8Array(out);
}

/** What the device signs: everything but the signature, in canonical form. */
function signedContent(
  header: BundleHeader,
  encryption: BundleEncryption,
  ciphertext: string,
): Uint8Array {
  return canonicalBytes({ header, encryption, ciphertext });
}

// ---------------------------------------------------------------------------------------------
// Sealing (the device)

export interface SealBundleOptions {
  readonly deviceId: string;
  /** The device key, the same Signer that seals the device's events. */
  readonly signer: Signer;
  /** The platform's bundle key from enrolment (EnrolResponse.bundleKey). */
  readonly platformEncryptionKey: BundleKey;
  readonly subtle: BundleSubtle;
  readonly now: () => Date;
  /** Default: a fresh one. The same id for the same events makes a re-export a replay. */
  readonly batchId?: string;
}

export type SealBundleError =
  | 'no-events'
  | 'too-many-events'
  /** The events are not one well-formed batch of this device (order, size, other devices). */
  | 'bad-events'
  | 'bad-key'
  | 'too-large'
  | 'encrypt-failed'
  | 'signing-failed';

export type SealBundleResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly header: BundleHeader }
  | {
      readonly ok: false;
      readonly error: SealBundleError;
      readonly issues?: readonly ErrorIssue[];
    };

/** Seals up to MAX_PUSH_BATCH events of one device, in seq order, into one bundle file. */
export async function sealBundle(
  events: readonly EventEnvelope[],
  options: SealBundleOptions,
): Promise<SealBundleResult> {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return { ok: false, error: 'no-events' };
  if (events.length > MAX_PUSH_BATCH) return { ok: false, error: 'too-many-events' };
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    deviceId: options.deviceId,
    createdAt: chinaInstant(options.now()),
    cursor: { fromSeq: first.seq, toSeq: last.seq },
    eventCount: events.length,
    batchId: options.batchId ?? randomBatchId(),
  };
  const batch = PushRequestSchema.safeParse(pushRequestOf(header, events));
  const headerOk = BundleHeaderSchema.safeParse(header);
  if (!batch.success)
    return { ok: false, error: 'bad-events', issues: summariseIssues(batch.error) };
  if (!headerOk.success)
    return { ok: false, error: 'bad-events', issues: summariseIssues(headerOk.error) };
  const key = BundleKeySchema.safeParse(options.platformEncryptionKey);
  if (!key.success) return { ok: false, error: 'bad-key' };

  const { subtle } = options;
  const recipientRaw = bundleKeyRaw(key.data);
  let recipient: CryptoKeyLike;
  try {
    recipient = await subtle.importKey('raw', recipientRaw, ECDH, true, []);
  } catch {
    return { ok: false, error: 'bad-key' };
  }

  const aad = own(canonicalBytes(header));
  let encryption: BundleEncryption;
  let ciphertext: string;
  try {
    const contentKey = own(randomBytes(KEY_BYTES));
    const iv = own(randomBytes(IV_BYTES));
    const plaintext = own(utf8ToBytes(JSON.stringify(events)));
    ciphertext = bytesToBase64url(await aesGcm(subtle, 'encrypt', contentKey, iv, aad, plaintext));
    const ephemeral = await subtle.generateKey(ECDH, false, ['deriveBits']);
    const ephemeralRaw = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
    const shared = await subtle.deriveBits(
      { name: 'ECDH', public: recipient },
      ephemeral.privateKey,
      KEY_BYTES * 8,
    );
    const salt = randomBytes(SALT_BYTES);
    const wrapIv = own(randomBytes(IV_BYTES));
    const kek = wrappingKey(shared, salt, ephemeralRaw, recipientRaw);
    const wrapped = await aesGcm(subtle, 'encrypt', kek, wrapIv, aad, contentKey);
    encryption = {
      alg: BUNDLE_ENCRYPTION,
      recipientKeyId: bundleKeyId(key.data),
      ephemeralKey: bytesToBase64url(ephemeralRaw),
      salt: bytesToBase64url(salt),
      wrapIv: bytesToBase64url(wrapIv),
      wrappedKey: bytesToBase64url(wrapped),
      iv: bytesToBase64url(iv),
    };
  } catch {
    return { ok: false, error: 'encrypt-failed' };
  }

  let signature: string;
  try {
    signature = await options.signer.sign(signedContent(header, encryption, ciphertext));
  } catch {
    return { ok: false, error: 'signing-failed' };
  }
  const file: BundleFile = {
    header,
    encryption,
    ciphertext,
    signature: { alg: options.signer.algorithm, value: signature },
  };
  const bytes = utf8ToBytes(JSON.stringify(file));
  if (bytes.length > MAX_BUNDLE_BYTES) return { ok: false, error: 'too-large' };
  return { ok: true, bytes, header };
}

function pushRequestOf(header: BundleHeader, events: unknown): Record<string, unknown> {
  return {
    interfaceVersion: header.interfaceVersion,
    deviceId: header.deviceId,
    batchId: header.batchId,
    cursor: header.cursor,
    events,
  };
}

// ---------------------------------------------------------------------------------------------
// Opening (the platform)

export const BUNDLE_ERROR_CODES = [
  'too-large',
  /** Not UTF-8 JSON of the bundle schema, or (after decryption) not a well-formed batch. */
  'bad-format',
  'version',
  'unknown-device',
  'device-revoked',
  /** The signature is not the named device's over this content. */
  'bad-signature',
  /** Wrapped for another platform key (another platform, or a key since rotated). */
  'wrong-recipient',
  'decrypt-failed',
] as const;
export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];

export type BundleError =
  | { readonly code: 'version'; readonly mismatch: VersionMismatch }
  | {
      readonly code: Exclude<BundleErrorCode, 'version'>;
      readonly issues?: readonly ErrorIssue[];
    };

export type DeviceKeyLookup =
  | { readonly status: 'known'; readonly key: PublicKeyInfo }
  | { readonly status: 'unknown' | 'revoked' };

export interface OpenBundleOptions {
  readonly platformKey: { readonly publicKey: BundleKey; readonly privateKey: CryptoKeyLike };
  readonly subtle: BundleSubtle;
  readonly verifiers: VerifierRegistry;
  /** The enrolled signing key of a device. */
  readonly deviceKey: (deviceId: string) => DeviceKeyLookup | Promise<DeviceKeyLookup>;
}

export interface OpenedBundle {
  readonly header: BundleHeader;
  /** The batch to push, validated by the push schema. */
  readonly request: PushRequest;
  /** The same batch as decoded JSON: what the push path hashes and stores byte for byte. */
  readonly raw: CanonicalJson;
  /** UTF-8 size of the decrypted events. */
  readonly plaintextBytes: number;
}

export type OpenBundleResult =
  ({ readonly ok: true } & OpenedBundle) | { readonly ok: false; readonly error: BundleError };

const fail = (
  code: Exclude<BundleErrorCode, 'version'>,
  issues?: readonly ErrorIssue[],
): OpenBundleResult => ({ ok: false, error: { code, ...(issues ? { issues } : {}) } });

/**
 * JSON from UTF-8 bytes, or null; a replacement character means the bytes were not UTF-8, and JSON
 * nested deeper than any message is refused before it is parsed (json-depth.ts).
 */
export function parseUtf8Json(bytes: Uint8Array): { readonly json: unknown } | null {
  if (!jsonDepthWithin(bytes)) return null;
  const text = bytesToUtf8(bytes);
  if (text.includes('\uFFFD')) return null;
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/**
 * Checks run in order of cost and trust: size, format, version, schema, device, signature,
 * recipient, decryption, then the batch inside. Nothing is decrypted before the signature holds.
 */
export async function openBundle(
  bytes: Uint8Array,
  options: OpenBundleOptions,
): Promise<OpenBundleResult> {
  if (bytes.length > MAX_BUNDLE_BYTES) return fail('too-large');
  const decoded = parseUtf8Json(bytes);
  if (decoded === null) return fail('bad-format', [{ path: '', code: 'not-utf8-json' }]);
  const header: unknown =
    typeof decoded.json === 'object' && decoded.json !== null && 'header' in decoded.json
      ? decoded.json.header
      : undefined;
  if (
    typeof header !== 'object' ||
    header === null ||
    !('format' in header) ||
    header.format !== BUNDLE_FORMAT
  ) {
    return fail('bad-format', [{ path: 'header.format', code: 'not-a-bundle' }]);
  }
  const mismatch = checkInterfaceVersion(header);
  if (mismatch) return { ok: false, error: { code: 'version', mismatch } };
  const parsed = BundleFileSchema.safeParse(decoded.json);
  if (!parsed.success) return fail('bad-format', summariseIssues(parsed.error));
  const file = parsed.data;

  const device = await options.deviceKey(file.header.deviceId);
  if (device.status !== 'known') {
    return fail(device.status === 'unknown' ? 'unknown-device' : 'device-revoked');
  }
  const content = signedContent(file.header, file.encryption, file.ciphertext);
  const signed =
    file.signature.alg === device.key.algorithm &&
    (await options.verifiers
      .verifierFor(file.signature.alg)
      .verify(device.key, content, file.signature.value));
  if (!signed) return fail('bad-signature');

  const { platformKey, subtle } = options;
  if (file.encryption.recipientKeyId !== bundleKeyId(platformKey.publicKey)) {
    return fail('wrong-recipient');
  }
  const b = (text: string): Uint8Array<ArrayBuffer> => base64urlToBytes(text) ?? new Uint8Array();
  const aad = own(canonicalBytes(file.header));
  const ephemeralRaw = b(file.encryption.ephemeralKey);
  let plaintext: Uint8Array<ArrayBuffer>;
  try {
    let ephemeral: CryptoKeyLike;
    try {
      ephemeral = await subtle.importKey('raw', ephemeralRaw, ECDH, true, []);
    } catch {
      return fail('decrypt-failed', [{ path: 'encryption.ephemeralKey', code: 'bad-key' }]);
    }
    const shared = await subtle.deriveBits(
      { name: 'ECDH', public: ephemeral },
      platformKey.privateKey,
      KEY_BYTES * 8,
    );
    const kek = wrappingKey(
      shared,
      b(file.encryption.salt),
      ephemeralRaw,
      bundleKeyRaw(platformKey.publicKey),
    );
    let contentKey: Uint8Array<ArrayBuffer>;
    try {
      contentKey = await aesGcm(
        subtle,
        'decrypt',
        kek,
        b(file.encryption.wrapIv),
        aad,
        b(file.encryption.wrappedKey),
      );
    } catch {
      return fail('decrypt-failed', [{ path: 'encryption.wrappedKey', code: 'auth-failed' }]);
    }
    try {
      plaintext = await aesGcm(
        subtle,
        'decrypt',
        contentKey,
        b(file.encryption.iv),
        aad,
        b(file.ciphertext),
      );
    } catch {
      return fail('decrypt-failed', [{ path: 'ciphertext', code: 'auth-failed' }]);
    }
  } catch {
    return fail('decrypt-failed');
  }

  const events = parseUtf8Json(plaintext);
  if (events === null) return fail('bad-format', [{ path: 'ciphertext', code: 'not-utf8-json' }]);
  const raw = pushRequestOf(file.header, events.json);
  const batch = PushRequestSchema.safeParse(raw);
  if (!batch.success) {
    const issues = summariseIssues(batch.error).map((i) => ({ ...i, path: `batch.${i.path}` }));
    return fail('bad-format', issues);
  }
  if (batch.data.events.length !== file.header.eventCount) {
    return fail('bad-format', [{ path: 'header.eventCount', code: 'event-count-mismatch' }]);
  }
  return {
    ok: true,
    header: file.header,
    request: batch.data,
    raw: raw as CanonicalJson,
    plaintextBytes: plaintext.length,
  };
}

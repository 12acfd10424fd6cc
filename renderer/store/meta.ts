import { z } from 'zod';
import { CatalogueSchema } from '../../shared/catalogue/schema';
import { PinGuardSchema, PinLockSchema } from '../../shared/console/pin-guard';
import { PublicKeyInfoSchema } from '../../shared/crypto/schemas';
import { ChainDamageSchema, LostLinkSchema } from '../../shared/events/damage';
import { VerifiedCheckpointSchema } from '../../shared/events/verified-checkpoint';
import { DeviceIdSchema, SeqSchema } from '../../shared/events/envelope';
import { DEFAULT_MASKING_RULES } from '../../shared/masking/mask';
import { LanguageSchema } from '../../shared/model';
import { BundleKeySchema } from '../../shared/platform/bundle-key';
import { CertificateDerSchema } from '../../shared/platform/enrol';
import { KeyRotationSchema } from '../../shared/platform/key-rotation';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { CreditStatusSchema, PrecheckPolicySchema } from '../../shared/precheck/rules';
import { CreditSnapshotSchema } from '../../shared/precheck/snapshot';
import {
  MAX_DEVICE_SLOT,
  MIN_DEVICE_SLOT,
  DivisionCodeSchema,
} from '../../shared/record/commitment-code';
import type { KioskDb } from './db';

/**
 * The `meta` table's schema: every key it holds, each with the zod schema of its value. Every read
 * and write of the table goes through this module, so a value is checked on the way in and on the
 * way out, and a key is spelt once. The modules that use a value (settings, device identity,
 * trust, sync) re-export its schema; it lives here because the store sits below them.
 */

// --- The hall's settings (renderer/settings/hall-settings.ts) --------------------------------

export const SIGNING_PHOTO_POLICIES = ['off', 'offered', 'required'] as const;
export const SigningPhotoPolicySchema = z.enum(SIGNING_PHOTO_POLICIES);
export type SigningPhotoPolicy = z.infer<typeof SigningPhotoPolicySchema>;

/** The hall's configuration of this device, kept in IndexedDB and changed by a supervisor. */
export const HallSettingsSchema = z
  .object({
    /** The platform's base URL; null runs the hall in demo mode with the bundled catalogue. */
    platformUrl: z.url({ protocol: /^https?$/ }).nullable(),
    window: z.string().trim().min(1).max(32),
    defaultLanguage: LanguageSchema,
    printer: z.string().max(200).nullable(),
    idle: z
      .object({
        /** Seconds without a touch before the kiosk warns the applicant. */
        warnAfterSeconds: z.number().int().min(15).max(1800),
        /** Seconds of countdown on the warning before everything is wiped. */
        countdownSeconds: z.number().int().min(5).max(300),
        /** Seconds the receipt stays up before the kiosk resets by itself. */
        receiptSeconds: z.number().int().min(10).max(600),
        /** Minutes without activity before a clerk is signed out. */
        clerkSignOutMinutes: z.number().int().min(1).max(240),
      })
      .strict(),
    precheck: PrecheckPolicySchema,
    /** Days a synced record stays on the device before its personal data is purged. */
    retentionDays: z.number().int().min(30).max(3650),
    /** Days an objection has before its deadline (local rule; brief §9). */
    objectionDays: z.number().int().min(1).max(365),
    /** A device clock off by more than this from the platform's is flagged to the clerk. */
    clockToleranceSeconds: z.number().int().min(5).max(3600),
    /**
     * A photo of the applicant at signing (brief §8): not asked, offered (the applicant may
     * decline), or required (without a working camera the applicant is sent to the counter).
     * Defaulted so that settings stored before the option existed still load whole.
     */
    signingPhoto: SigningPhotoPolicySchema.default('off'),
    /**
     * The signer must be identified by an ID-card read (issue 15): typing is then for the clerk's
     * assisted mode only. Defaulted like the photo.
     */
    requireIdCard: z.boolean().default(false),
    /**
     * How much of an ID or phone number stays readable where records are shown (brief §7: first
     * 6 and last 4 of an ID by default, "keep the rule configurable"). Defaulted like the photo.
     */
    masking: z
      .object({
        idKeepStart: z.number().int().min(0).max(8),
        idKeepEnd: z.number().int().min(0).max(6),
        phoneKeepStart: z.number().int().min(0).max(4),
        phoneKeepEnd: z.number().int().min(0).max(4),
      })
      .strict()
      .default({
        idKeepStart: DEFAULT_MASKING_RULES.idKeepStart,
        idKeepEnd: DEFAULT_MASKING_RULES.idKeepEnd,
        phoneKeepStart: DEFAULT_MASKING_RULES.phoneKeepStart,
        phoneKeepEnd: DEFAULT_MASKING_RULES.phoneKeepEnd,
      }),
  })
  .strict();

// --- The device (renderer/device/identity.ts) ------------------------------------------------

/** What enrolment gives the device: who it is, where, and which serial range it owns. */
export const DeviceIdentitySchema = z
  .object({
    deviceId: DeviceIdSchema,
    slot: z.number().int().min(MIN_DEVICE_SLOT).max(MAX_DEVICE_SLOT),
    /** The accepting place's division code, the first 6 digits of every commitment code. */
    divisionCode: DivisionCodeSchema,
    hallCode: z.string().min(1).max(32),
    window: z.string().min(1).max(32),
    publicKey: PublicKeyInfoSchema,
    enrolledAt: z.string(),
    /** Made locally for the demo: records it signs are never sent to a real platform. */
    demo: z.boolean(),
    /** The platform's bearer token from enrolment (shared/platform/enrol.ts). */
    credentials: z.string().max(4096).optional(),
    /**
     * The device's X.509 certificate (base64 DER) from enrolment, checked against a shipped root:
     * the device signs its PDF letters under it. Absent: no PDF signature.
     */
    certificate: CertificateDerSchema.optional(),
    /**
     * The keys this device's key replaced (sync/key-rotation.ts), oldest first, each with the last
     * seq it signed: the device's own chain check verifies its older events under them.
     */
    retiredKeys: z
      .array(z.object({ key: PublicKeyInfoSchema, untilSeq: z.number().int().min(0) }).strict())
      .max(16)
      .optional(),
  })
  .strict();

/** Bytes as IndexedDB keeps them. */
const StoredBytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes');

/**
 * The device identity as stored: the platform's bearer token never in clear, only sealed under the
 * data key (`sealedCredentials`, renderer/device/identity.ts). `credentials` is what a store
 * written before the token was sealed holds; it is read once, to seal it, and never written again.
 */
export const StoredDeviceIdentitySchema = DeviceIdentitySchema.extend({
  sealedCredentials: StoredBytesSchema.optional(),
}).strict();

/**
 * Before the device key was sealed: its pair as non-extractable CryptoKeys, which IndexedDB keeps
 * by structured clone, private key material included, readable by whoever copies the profile.
 * Read only to carry an existing device on (renderer/device/device-key.ts); never written.
 */
const LegacyDeviceKeyPairSchema = z.custom<CryptoKeyPair>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'privateKey' in value &&
    'publicKey' in value &&
    typeof value.privateKey === 'object' &&
    typeof value.publicKey === 'object',
);

/**
 * The device's signing key: its public key in clear, its private key (PKCS#8 for P-256, the raw
 * scalar for SM2) sealed under the data key, which only the host keystore opens.
 */
export const SealedDeviceKeySchema = z
  .object({ publicKey: PublicKeyInfoSchema, sealed: StoredBytesSchema })
  .strict();

/**
 * A key rotation sent and not yet approved (sync/key-rotation.ts): the request as sent (sent again
 * unchanged after a lost answer) and the new key, sealed like `deviceKey`. While it is here the
 * device signs its events after the rotation's head with the new key.
 */
export const PendingKeyRotationSchema = z
  .object({
    rotation: KeyRotationSchema,
    oldKeySig: z.string().min(1).max(512),
    newKeySig: z.string().min(1).max(512),
    newKey: SealedDeviceKeySchema,
  })
  .strict();

// --- The platform's keys (renderer/platform/trust.ts) ----------------------------------------

const TrustedKeySchema = z
  .object({ keyId: z.string().min(1).max(128), key: PublicKeyInfoSchema })
  .strict();
export const TrustedKeysSchema = z.array(TrustedKeySchema).max(16);

// --- Sync (renderer/sync/) -------------------------------------------------------------------

export const SYNC_PHASES = ['idle', 'push', 'pull', 'catalogue', 'snapshot', 'recheck'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export const SyncStatusSchema = z
  .object({
    online: z.boolean(),
    running: z.boolean(),
    phase: z.enum(SYNC_PHASES),
    progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
    /** Events not yet answered by the platform. */
    pending: z.number().int().min(0),
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    /** A machine code (failure.ts, engine errors); the console translates it. */
    lastError: z.string().max(100).nullable(),
    /** Device clock minus platform time at the last receipt; null before any. */
    clockSkewMs: z.number().nullable(),
    /** |clockSkewMs| above the hall's tolerance: the clerk is told to fix the clock. */
    clockSkewFlagged: z.boolean(),
    /**
     * The platform asked (Retry-After) not to be called before this instant: honoured by every
     * run, background or "Sync now", across reloads. Defaulted for statuses stored before it.
     */
    notBefore: z.string().nullable().default(null),
    /**
     * Events of the device's own chain found damaged by its self-check (sync/self-check.ts), by
     * name; empty when the chain is whole. Nothing is pushed while it is not.
     */
    damage: z.array(ChainDamageSchema).max(50).default([]),
  })
  .strict();

export const ProvisionalHitSchema = z
  .object({
    recordId: z.string().min(1),
    commitmentCode: z.string(),
    status: CreditStatusSchema,
    checkedAt: z.string(),
    acknowledged: z.boolean(),
  })
  .strict();

/** The push batch planned before sending: a resend after a crash carries the same batch id. */
export const PushPlanSchema = z
  .object({
    batchId: z.uuid(),
    cursor: z.object({ fromSeq: SeqSchema, toSeq: SeqSchema }).strict(),
    eventIds: z.array(z.string().min(1)).min(1).max(MAX_PUSH_BATCH),
  })
  .strict();

export type PushPlan = z.infer<typeof PushPlanSchema>;
export type ProvisionalHit = z.infer<typeof ProvisionalHitSchema>;

// --- Clerks (renderer/store/clerks.ts) -------------------------------------------------------

/** Staff numbers as halls issue them: letters, digits and a few separators. */
export const ClerkIdInputSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
export const ClerkNameSchema = z.string().trim().min(1).max(40);

export const StoredClerkSchema = z
  .object({
    id: ClerkIdInputSchema,
    name: ClerkNameSchema,
    role: z.enum(['clerk', 'supervisor']),
    salt: z.string().min(1),
    hash: z.string().min(1),
    iterations: z.number().int().min(100_000),
    failedAttempts: z.number().int().min(0),
    /**
     * Epoch milliseconds, as lock-outs were stored before they were counted on the monotonic
     * clock; read once (renderer/store/clerks.ts) and then always null.
     */
    lockedUntil: z.number().nullable(),
    /** The lock-out on the monotonic clock (shared/console/pin-guard.ts). */
    lock: PinLockSchema.nullable().default(null),
    createdAt: z.string(),
    /** A leaver: kept (the audit names them) but can no longer sign in or approve. */
    disabled: z.boolean().default(false),
    /** After a supervisor's reset: the PIN is a one-time one the clerk replaces at sign-in. */
    mustChangePin: z.boolean().default(false),
  })
  .strict();

/**
 * Wrong PINs typed for staff numbers that do not exist, counted like real ones so that a lock-out
 * tells nobody which numbers are real; bounded, the least locked forgotten first.
 */
export const MAX_UNKNOWN_STAFF_GUARDS = 256;
export const UnknownStaffGuardsSchema = z
  .array(z.object({ id: z.string().max(64), guard: PinGuardSchema }).strict())
  .max(MAX_UNKNOWN_STAFF_GUARDS);

// --- The registry ----------------------------------------------------------------------------

/** A position of the device's event chain (shared/events/envelope ChainHead). */
const ChainHeadSchema = z
  .object({ seq: z.number().int().min(0), hash: z.string().min(1) })
  .strict();

/** The clerk console's record search index, sealed as one value (renderer/clerk/text-index.ts). */
export const TextIndexSnapshotSchema = z
  .object({ sealed: z.custom<Uint8Array>((v) => v instanceof Uint8Array), newest: z.string() })
  .strict();

/** What stays of a record after its personal data is purged (renderer/clerk/retention.ts). */
const PurgedNoteSchema = z
  .object({
    commitmentCode: z.string(),
    day: z.string(),
    documentHash: z.string().nullable(),
    eventHashes: z.array(z.string()),
  })
  .strict();

/**
 * The last offline bundles saved (sync/bundle-export.ts): when, which seqs, and the public key that
 * signed them, so that after a key rotation the supervisor is told those files must be exported
 * again (the platform checks a bundle under the device's current key).
 */
export const BundleExportNoteSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    fromSeq: z.number().int().min(1),
    toSeq: z.number().int().min(1),
    files: z.number().int().min(1),
    signedBy: z.string().min(1).max(200),
  })
  .strict();

/** Keys with one value each. */
const META = {
  settings: HallSettingsSchema,
  device: StoredDeviceIdentitySchema,
  /** Legacy, read-only: see LegacyDeviceKeyPairSchema. */
  deviceKeys: LegacyDeviceKeyPairSchema,
  deviceKey: SealedDeviceKeySchema,
  deviceKeyRotation: PendingKeyRotationSchema,
  chainHead: ChainHeadSchema,
  platformCatalogueKeys: TrustedKeysSchema,
  platformBundleKey: BundleKeySchema,
  catalogue: CatalogueSchema,
  creditSnapshot: CreditSnapshotSchema,
  textIndexSnapshot: TextIndexSnapshotSchema,
  provisionalHits: z.array(ProvisionalHitSchema),
  syncPushPlan: PushPlanSchema,
  pullCursor: z.string(),
  syncStatus: SyncStatusSchema,
  /** Seqs of the device's chain declared lost with the platform's approval (sync/self-check.ts). */
  chainLosses: z.array(LostLinkSchema),
  unknownStaffGuards: UnknownStaffGuardsSchema,
  /** How far the self-check verified the chain's signatures (shared/events/verified-checkpoint.ts). */
  chainVerified: VerifiedCheckpointSchema,
  bundleExport: BundleExportNoteSchema,
} as const satisfies Record<string, z.ZodType>;

/** Families of keys, `<family>:<id>`: one value per day, clerk or purged record. */
const META_FAMILIES = {
  /** The last commitment-code serial used on a day (`serial:YYYY-MM-DD`). */
  serial: z.number().int().min(0),
  clerk: StoredClerkSchema,
  purged: PurgedNoteSchema,
} as const satisfies Record<string, z.ZodType>;

export type MetaKey = keyof typeof META;
export type MetaValue<K extends MetaKey> = z.output<(typeof META)[K]>;
export type MetaFamily = keyof typeof META_FAMILIES;
export type MetaFamilyValue<F extends MetaFamily> = z.output<(typeof META_FAMILIES)[F]>;

/** The keys that belong to the device's event chain (the demo reset removes them with it). */
export const CHAIN_META_KEYS = [
  'device',
  'chainHead',
  'chainVerified',
  'textIndexSnapshot',
  'provisionalHits',
  'syncPushPlan',
  'pullCursor',
  'syncStatus',
  'catalogue',
  'creditSnapshot',
  'bundleExport',
] as const satisfies readonly MetaKey[];

// The same registries, typed key by key, so a generic key indexes its own schema.
const SCHEMAS: { readonly [K in MetaKey]: z.ZodType<MetaValue<K>> } = META;
const FAMILY_SCHEMAS: { readonly [F in MetaFamily]: z.ZodType<MetaFamilyValue<F>> } = META_FAMILIES;
const schemaOf = <K extends MetaKey>(key: K): z.ZodType<MetaValue<K>> => SCHEMAS[key];
const familySchema = <F extends MetaFamily>(family: F): z.ZodType<MetaFamilyValue<F>> =>
  FAMILY_SCHEMAS[family];
const familyKey = (family: MetaFamily, id: string) => `${family}:${id}`;

/** The stored value, or undefined when there is none or it does not match its schema. */
export async function readMeta<K extends MetaKey>(
  db: KioskDb,
  key: K,
): Promise<MetaValue<K> | undefined> {
  const parsed = schemaOf(key).safeParse((await db.meta.get(key))?.value);
  return parsed.success ? parsed.data : undefined;
}

/** Checks the value against its key's schema (throwing if it does not match) and stores it. */
export async function writeMeta<K extends MetaKey>(
  db: KioskDb,
  key: K,
  value: MetaValue<K>,
): Promise<MetaValue<K>> {
  const parsed = schemaOf(key).parse(value);
  await db.meta.put({ key, value: parsed });
  return parsed;
}

export async function deleteMeta(db: KioskDb, ...keys: readonly MetaKey[]): Promise<void> {
  await db.meta.bulkDelete([...keys]);
}

export async function readMetaOf<F extends MetaFamily>(
  db: KioskDb,
  family: F,
  id: string,
): Promise<MetaFamilyValue<F> | undefined> {
  const parsed = familySchema(family).safeParse((await db.meta.get(familyKey(family, id)))?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeMetaOf<F extends MetaFamily>(
  db: KioskDb,
  family: F,
  id: string,
  value: MetaFamilyValue<F>,
): Promise<void> {
  await db.meta.put({ key: familyKey(family, id), value: familySchema(family).parse(value) });
}

/** Whether a row is stored under the key, whatever it holds. */
export async function hasMetaOf(db: KioskDb, family: MetaFamily, id: string): Promise<boolean> {
  return (await db.meta.get(familyKey(family, id))) !== undefined;
}

/** Every value of a family that matches its schema (others are left out). */
export async function listMetaOf<F extends MetaFamily>(
  db: KioskDb,
  family: F,
): Promise<MetaFamilyValue<F>[]> {
  const rows = await db.meta.where('key').startsWith(familyKey(family, '')).toArray();
  return rows.flatMap((row) => {
    const parsed = familySchema(family).safeParse(row.value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The first value of a family (with the id it is kept under) that matches its schema and `test`. */
export async function findMetaOf<F extends MetaFamily>(
  db: KioskDb,
  family: F,
  test: (value: MetaFamilyValue<F>) => boolean,
): Promise<{ readonly id: string; readonly value: MetaFamilyValue<F> } | undefined> {
  const prefix = familyKey(family, '');
  const rows = await db.meta.where('key').startsWith(prefix).toArray();
  for (const row of rows) {
    const parsed = familySchema(family).safeParse(row.value);
    if (parsed.success && test(parsed.data))
      return { id: row.key.slice(prefix.length), value: parsed.data };
  }
  return undefined;
}

export async function countMetaOf(db: KioskDb, family: MetaFamily): Promise<number> {
  return db.meta.where('key').startsWith(familyKey(family, '')).count();
}

/** Removes one value of a family. */
export async function deleteMetaOfId(db: KioskDb, family: MetaFamily, id: string): Promise<void> {
  await db.meta.delete(familyKey(family, id));
}

export async function deleteMetaOf(db: KioskDb, family: MetaFamily): Promise<void> {
  await db.meta.where('key').startsWith(familyKey(family, '')).delete();
}

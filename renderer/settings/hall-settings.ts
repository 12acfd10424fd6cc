import { z } from 'zod';
import { DEFAULT_MASKING_RULES, type MaskingRules } from '../../shared/masking/mask';
import { LanguageSchema } from '../../shared/model';
import { PrecheckPolicySchema } from '../../shared/precheck/rules';
import type { KioskDb } from '../store/db';

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
export type HallSettings = z.infer<typeof HallSettingsSchema>;

export const DEFAULT_SETTINGS: HallSettings = {
  platformUrl: null,
  window: 'A01',
  defaultLanguage: 'zh-CN',
  printer: null,
  idle: { warnAfterSeconds: 90, countdownSeconds: 30, receiptSeconds: 90, clerkSignOutMinutes: 15 },
  precheck: { maxSnapshotAgeHours: 72, whenStale: 'provisional' },
  retentionDays: 365,
  objectionDays: 15,
  clockToleranceSeconds: 120,
  signingPhoto: 'off',
  masking: { idKeepStart: 6, idKeepEnd: 4, phoneKeepStart: 3, phoneKeepEnd: 4 },
};

/** The hall's masking rules: its configured ends, the shared defaults for the rest. */
export function maskingRules(settings: Pick<HallSettings, 'masking'>): MaskingRules {
  return { ...DEFAULT_MASKING_RULES, ...settings.masking };
}

const SETTINGS_KEY = 'settings';

/** Stored settings, or the defaults; a corrupt stored value is never silently half-used. */
export async function loadSettings(db: KioskDb): Promise<HallSettings> {
  const stored = HallSettingsSchema.safeParse((await db.meta.get(SETTINGS_KEY))?.value);
  return stored.success ? stored.data : DEFAULT_SETTINGS;
}

export async function saveSettings(db: KioskDb, settings: HallSettings): Promise<HallSettings> {
  const parsed = HallSettingsSchema.parse(settings);
  await db.meta.put({ key: SETTINGS_KEY, value: parsed });
  return parsed;
}

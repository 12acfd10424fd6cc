import type { z } from 'zod';
import { DEFAULT_MASKING_RULES, type MaskingRules } from '../../shared/masking/mask';
import type { KioskDb } from '../store/db';
import type { HallSettingsSchema } from '../store/meta';
import { readMeta, writeMeta } from '../store/meta';

export {
  HallSettingsSchema,
  SIGNING_PHOTO_POLICIES,
  SigningPhotoPolicySchema,
  type SigningPhotoPolicy,
} from '../store/meta';

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
  requireIdCard: false,
  masking: { idKeepStart: 6, idKeepEnd: 4, phoneKeepStart: 3, phoneKeepEnd: 4 },
};

/** The hall's masking rules: its configured ends, the shared defaults for the rest. */
export function maskingRules(settings: Pick<HallSettings, 'masking'>): MaskingRules {
  return { ...DEFAULT_MASKING_RULES, ...settings.masking };
}

/** Stored settings, or the defaults; a corrupt stored value is never silently half-used. */
export async function loadSettings(db: KioskDb): Promise<HallSettings> {
  return (await readMeta(db, 'settings')) ?? DEFAULT_SETTINGS;
}

export async function saveSettings(db: KioskDb, settings: HallSettings): Promise<HallSettings> {
  return writeMeta(db, 'settings', settings);
}

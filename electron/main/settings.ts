import { z } from 'zod';
import { platformOriginFrom } from './request-policy';
import { DEFAULT_RECOVERY } from './recovery';
import { UnlockPinRecordSchema, type UnlockPinRecord } from './kiosk-unlock';
import { IdCardReaderConfigSchema, type IdCardReaderConfig } from './idcard/config';

/**
 * The hall's settings for the host, written by the installer or an administrator to
 * `<userData>/kiosk-settings.json`; KIOSK_PLATFORM_URL and KIOSK_PRINTER override the file.
 */
const SettingsFileSchema = z
  .object({
    platformUrl: z.string().max(500).optional(),
    printer: z.string().min(1).max(200).optional(),
    hangGraceSeconds: z.number().int().min(5).max(300).optional(),
    /** The maintenance PIN that leaves kiosk mode, as a PBKDF2 record (kiosk-unlock.ts). */
    kioskUnlock: UnlockPinRecordSchema.optional(),
    /** Each device's chain head, sealed by the OS keystore (chain-head.ts); written by the host. */
    chainHeads: z.record(z.string().max(64), z.string().max(4096)).optional(),
    /** The ID-card reader (idcard/config.ts), checked on its own: a bad one disables only it. */
    idCardReader: z.unknown().optional(),
  })
  .strict();

export interface HostSettings {
  /** The only non-loopback origin the renderer may reach; null: loopback only. */
  readonly platformOrigin: string | null;
  /** Printer for silent printing; null: the system default. */
  readonly printer: string | null;
  readonly hangGraceMs: number;
  /** null: kiosk mode cannot be left from the screen. */
  readonly kioskUnlock: UnlockPinRecord | null;
  /** null: no reader configured (the kiosk offers typing only). */
  readonly idCardReader: IdCardReaderConfig | null;
}

export type SettingsProblem =
  'settings-unreadable' | 'settings-invalid' | 'platform-url-refused' | 'id-card-reader-invalid';

export const DEFAULT_SETTINGS: HostSettings = {
  platformOrigin: null,
  printer: null,
  hangGraceMs: DEFAULT_RECOVERY.hangGraceMs,
  kioskUnlock: null,
  idCardReader: null,
};

/**
 * Settings from the file's text (null: no file) and the environment. A bad file or URL never
 * stops the kiosk: the safe default applies and the problem is reported for the log.
 */
export function resolveSettings(
  fileText: string | null,
  env: Readonly<Record<string, string | undefined>>,
): { readonly settings: HostSettings; readonly problems: readonly SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  let file: z.infer<typeof SettingsFileSchema> = {};
  if (fileText !== null) {
    let json: unknown;
    try {
      json = JSON.parse(fileText);
    } catch {
      problems.push('settings-unreadable');
    }
    if (json !== undefined) {
      const parsed = SettingsFileSchema.safeParse(json);
      if (parsed.success) file = parsed.data;
      else problems.push('settings-invalid');
    }
  }
  const platformUrl = env.KIOSK_PLATFORM_URL || file.platformUrl;
  const platformOrigin = platformOriginFrom(platformUrl);
  if (platformUrl && !platformOrigin) problems.push('platform-url-refused');
  const printer = env.KIOSK_PRINTER?.trim() || file.printer || null;
  let idCardReader: IdCardReaderConfig | null = null;
  if (file.idCardReader !== undefined) {
    const reader = IdCardReaderConfigSchema.safeParse(file.idCardReader);
    if (reader.success) idCardReader = reader.data;
    else problems.push('id-card-reader-invalid');
  }
  return {
    settings: {
      platformOrigin,
      printer: printer && printer.length <= 200 ? printer : null,
      hangGraceMs: (file.hangGraceSeconds ?? DEFAULT_SETTINGS.hangGraceMs / 1000) * 1000,
      kioskUnlock: file.kioskUnlock ?? null,
      idCardReader,
    },
    problems,
  };
}

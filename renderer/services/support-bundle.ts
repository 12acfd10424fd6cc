import { safeFileName } from '../../shared/bridge/contract';
import { MAX_RECENT_LOG_LINES } from '../../shared/bridge/contract';
import { maskPersonalText } from '../../shared/masking/free-text';
import { deviceKeyStatus, type DeviceKeyStatus } from '../device/identity';
import type { OutboxState } from '../store/db';
import type { SyncStatus } from '../sync/status';
import { loadSyncStatus } from '../sync/status';
import { maskingRules } from '../settings/hall-settings';
import type { AppServices } from './app-services';

/**
 * What a supervisor sends to support when a kiosk misbehaves: the recent log (the host's rotating
 * log, or web mode's list), the app, host and device facts, the sync status and the store's
 * counts. Never personal data: no record, name, identifier, signature or photo is read, the
 * platform token is only said to exist, and every log line is masked again by the hall's rule.
 */

export const SUPPORT_BUNDLE_FORMAT = 'cck-support-bundle/1';
const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'accepted', 'duplicate', 'rejected'];

export interface SupportBundle {
  readonly format: typeof SUPPORT_BUNDLE_FORMAT;
  readonly createdAt: string;
  readonly app:
    | {
        readonly host: string;
        readonly appVersion: string;
        readonly os: string;
        readonly windowMode: string;
      }
    | { readonly unavailable: string };
  readonly device: {
    readonly deviceId: string;
    readonly slot: number;
    readonly divisionCode: string;
    readonly hallCode: string;
    readonly window: string;
    readonly demo: boolean;
    readonly enrolledAt: string;
    readonly keyAlgorithm: string;
    readonly keyStatus: DeviceKeyStatus;
    readonly hasPlatformToken: boolean;
    readonly hasCertificate: boolean;
  };
  readonly settings: {
    readonly platformOrigin: string | null;
    readonly defaultLanguage: string;
    readonly retentionDays: number;
    readonly signingPhoto: string;
    readonly clockToleranceSeconds: number;
  };
  readonly sync: SyncStatus;
  readonly store: {
    readonly events: number;
    readonly records: number;
    readonly outbox: Readonly<Record<OutboxState, number>>;
  };
  readonly log: readonly string[] | { readonly unavailable: string };
}

type BundleServices = Pick<AppServices, 'db' | 'host' | 'settings' | 'device' | 'now'>;

function originOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export async function buildSupportBundle(
  services: BundleServices,
  maxLogLines = 500,
): Promise<SupportBundle> {
  const { db, host, settings, device } = services;
  const rules = maskingRules(settings);
  const [info, recent, sync, keyStatus, events, records, ...outbox] = await Promise.all([
    host.invoke('app.info', {}),
    host.invoke('log.recent', { maxLines: Math.min(maxLogLines, MAX_RECENT_LOG_LINES) }),
    loadSyncStatus(db),
    deviceKeyStatus(db),
    db.events.count(),
    db.records.count(),
    ...OUTBOX_STATES.map((state) => db.outbox.where('state').equals(state).count()),
  ]);
  return {
    format: SUPPORT_BUNDLE_FORMAT,
    createdAt: services.now().toISOString(),
    app: info.ok ? info.value : { unavailable: info.error.code },
    device: {
      deviceId: device.deviceId,
      slot: device.slot,
      divisionCode: device.divisionCode,
      hallCode: device.hallCode,
      window: device.window,
      demo: device.demo,
      enrolledAt: device.enrolledAt,
      keyAlgorithm: device.publicKey.algorithm,
      keyStatus,
      hasPlatformToken: device.credentials !== undefined,
      hasCertificate: device.certificate !== undefined,
    },
    settings: {
      platformOrigin: originOf(settings.platformUrl),
      defaultLanguage: settings.defaultLanguage,
      retentionDays: settings.retentionDays,
      signingPhoto: settings.signingPhoto,
      clockToleranceSeconds: settings.clockToleranceSeconds,
    },
    sync,
    store: {
      events,
      records,
      outbox: Object.fromEntries(OUTBOX_STATES.map((s, i) => [s, outbox[i] ?? 0])) as Record<
        OutboxState,
        number
      >,
    },
    log: recent.ok
      ? recent.value.lines.map((line) => maskPersonalText(line, rules))
      : { unavailable: recent.error.code },
  };
}

/** The bundle as the file the supervisor saves. */
export function supportBundleFile(bundle: SupportBundle): {
  readonly suggestedName: string;
  readonly data: Uint8Array;
} {
  const stamp = bundle.createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return {
    suggestedName: safeFileName(`support-${bundle.device.deviceId}-${stamp}.json`),
    data: new TextEncoder().encode(`${JSON.stringify(bundle, null, 2)}\n`),
  };
}

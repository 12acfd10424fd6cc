import type { TFunction } from 'i18next';
import type { AuditKind } from '../../shared/console/audit-entry';
import type { StoredEvent } from '../store/db';
import { eventWhy } from './records/history-text';

/** The audit log's words for each event: what happened and its details, never raw JSON. */

type T = TFunction;

/** Events added with staff management have their names in the staff area. */
const STAFF_EVENT_NAMES = {
  'audit.clerk.added': 'staff.eventTypes.added',
  'audit.clerk.unlocked': 'staff.eventTypes.unlocked',
  'audit.clerk.pin-reset': 'staff.eventTypes.pinReset',
  'audit.clerk.pin-changed': 'staff.eventTypes.pinChanged',
  'audit.clerk.disabled': 'staff.eventTypes.disabled',
  'audit.clerk.enabled': 'staff.eventTypes.enabled',
  'audit.clerk.role-changed': 'staff.eventTypes.roleChanged',
  'audit.clerk.id-normalised': 'staff.eventTypes.idNormalised',
} as const;

export function eventName(type: string, t: T): string {
  if (type in STAFF_EVENT_NAMES)
    return t(STAFF_EVENT_NAMES[type as keyof typeof STAFF_EVENT_NAMES]);
  return t(`clerk.eventTypes.${type}` as 'clerk.eventTypes.record.signed', {
    defaultValue: t('staff.audit.unknownEvent'),
  });
}

export const kindName = (kind: AuditKind, t: T): string => t(`staff.audit.kinds.${kind}`);

/** The settings screen's label of a stored setting key ('idle.warnAfterSeconds'). */
const SETTING_LABELS: Readonly<Record<string, string>> = {
  platformUrl: 'clerk.settings.platformUrl',
  window: 'clerk.settings.window',
  defaultLanguage: 'clerk.settings.language',
  printer: 'clerk.settings.printer',
  'idle.warnAfterSeconds': 'clerk.settings.warnAfterSeconds',
  'idle.countdownSeconds': 'clerk.settings.countdownSeconds',
  'idle.receiptSeconds': 'clerk.settings.receiptSeconds',
  'idle.clerkSignOutMinutes': 'clerk.settings.clerkSignOutMinutes',
  'precheck.maxSnapshotAgeHours': 'clerk.settings.maxSnapshotAgeHours',
  'precheck.whenStale': 'clerk.settings.whenStale',
  signingPhoto: 'clerk.settings.signingPhoto',
  retentionDays: 'clerk.settings.retentionDays',
  objectionDays: 'clerk.settings.objectionDays',
  clockToleranceSeconds: 'staff.audit.settings.clockToleranceSeconds',
  'masking.idKeepStart': 'clerk.settings.masking.idKeepStart',
  'masking.idKeepEnd': 'clerk.settings.masking.idKeepEnd',
  'masking.phoneKeepStart': 'clerk.settings.masking.phoneKeepStart',
  'masking.phoneKeepEnd': 'clerk.settings.masking.phoneKeepEnd',
  catalogue: 'clerk.catalogue.heading',
};

/** Values that are codes, in words. */
const SETTING_VALUES: Readonly<Record<string, string>> = {
  defaultLanguage: 'language',
  'precheck.whenStale': 'clerk.settings.stale',
  signingPhoto: 'clerk.settings.signingPhotoPolicies',
};

function settingValue(key: string, value: unknown, t: T): string {
  if (value === null || value === undefined || value === '') return t('staff.audit.noValue');
  if (typeof value === 'boolean') return value ? t('staff.audit.yes') : t('staff.audit.no');
  if (typeof value === 'string' || typeof value === 'number') {
    const family = SETTING_VALUES[key];
    const raw = String(value);
    return family ? t(`${family}.${raw}` as 'language.en', { defaultValue: raw }) : raw;
  }
  return t('staff.audit.changedValue');
}

const role = (r: unknown, t: T) => t(`clerk.roles.${String(r)}` as 'clerk.roles.clerk');
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function eventDetail(e: Pick<StoredEvent, 'type' | 'payload'>, t: T): string {
  const p = e.payload as Record<string, unknown>;
  if (p.purged === true) return t('staff.audit.purged');
  switch (e.type) {
    case 'record.signed': {
      const assisted = p.assisted as { assisted?: boolean; clerkId?: string } | undefined;
      return assisted?.assisted && assisted.clerkId
        ? t('staff.audit.detail.signedAssisted', { id: assisted.clerkId })
        : t('staff.audit.detail.signedKiosk');
    }
    case 'repair.started':
      return t('staff.audit.detail.repairStarted');
    case 'precheck.rechecked':
      return t('staff.audit.detail.rechecked');
    case 'audit.clerk.signed-in':
      return role(p.role, t);
    case 'audit.clerk.signed-out':
      return t(
        `clerk.audit.signOutReasons.${String(p.reason)}` as 'clerk.audit.signOutReasons.manual',
      );
    case 'audit.clerk.sign-in-failed':
      return p.reason === 'disabled'
        ? t('staff.audit.detail.failedDisabled', { id: str(p.attemptedClerkId) })
        : `${str(p.attemptedClerkId)} · ${t(`clerk.audit.failReasons.${String(p.reason)}` as 'clerk.audit.failReasons.locked-out')}`;
    case 'audit.clerk.added':
      return t('staff.audit.detail.added', {
        id: str(p.clerkId),
        name: str(p.name),
        role: role(p.role, t),
      });
    case 'audit.clerk.unlocked':
    case 'audit.clerk.pin-reset':
    case 'audit.clerk.disabled':
    case 'audit.clerk.enabled':
    case 'audit.clerk.pin-changed':
      return t('staff.audit.detail.staffNumber', { id: str(p.clerkId) });
    case 'audit.clerk.role-changed':
      return t('staff.audit.detail.roleChanged', {
        id: str(p.clerkId),
        from: role(p.from, t),
        to: role(p.to, t),
      });
    case 'audit.clerk.id-normalised':
      return t(
        `staff.audit.detail.idNormalised.${p.outcome === 'renamed' ? 'renamed' : 'duplicate'}`,
        {
          from: str(p.from),
          to: str(p.to),
        },
      );
    case 'audit.settings.changed': {
      const key = str(p.key);
      if (key === 'clerks') {
        // Logged this way before staff changes had their own events.
        const added = (p.to ?? {}) as Record<string, unknown>;
        return t('staff.audit.detail.added', {
          id: str(added.added),
          name: str(added.name),
          role: role(added.role, t),
        });
      }
      const label = SETTING_LABELS[key];
      const name = label ? t(label as 'clerk.settings.window') : key;
      return 'from' in p
        ? t('staff.audit.detail.settingFromTo', {
            name,
            from: settingValue(key, p.from, t),
            to: settingValue(key, p.to, t),
          })
        : t('staff.audit.detail.settingTo', { name, to: settingValue(key, p.to, t) });
    }
    case 'audit.sync.run':
      return t('staff.audit.detail.sync', {
        outcome: t(
          `staff.audit.syncOutcomes.${String(p.outcome)}` as 'staff.audit.syncOutcomes.ok',
        ),
        pushed: Number(p.pushed),
        accepted: Number(p.accepted),
        rejected: Number(p.rejected),
        pulled: Number(p.pulled),
      });
    case 'audit.export.made':
      return t('clerk.audit.exportDetail', {
        // The statistics came later than the console's other exports: their name is in stats.json.
        kind:
          p.kind === 'statistics'
            ? t('stats.stats.exportKind')
            : t(`clerk.audit.exportKinds.${String(p.kind)}` as 'clerk.audit.exportKinds.records'),
        format: String(p.format).toUpperCase(),
        count: Number(p.recordCount),
      });
    case 'audit.receipts.imported':
      return t('clerk.receipts.audit', {
        accepted: Number(p.accepted),
        refused: Number(p.refused),
      });
    default:
      return eventWhy({ type: e.type as 'record.voided', payload: p }, t);
  }
}

import type { Actor } from '../events/envelope';
import { normaliseStaffNumber } from './staff-number';

/**
 * How the console's audit log sorts and filters the device's chain: every event, record or audit,
 * belongs to one kind and names the staff numbers it involves. Pure: the words are the console's.
 */

export const AUDIT_KINDS = ['staff', 'sign-in', 'record', 'settings', 'sync', 'export'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** What the log needs of a stored event. */
export interface LoggedEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly recordId: string | null;
  readonly actor: Actor;
  readonly payload: Readonly<Record<string, unknown>>;
}

const STAFF_TYPES = new Set([
  'audit.clerk.added',
  'audit.clerk.unlocked',
  'audit.clerk.pin-reset',
  'audit.clerk.pin-changed',
  'audit.clerk.disabled',
  'audit.clerk.enabled',
  'audit.clerk.role-changed',
  'audit.clerk.id-normalised',
]);

export function auditKind(e: Pick<LoggedEvent, 'type' | 'payload'>): AuditKind {
  if (STAFF_TYPES.has(e.type)) return 'staff';
  switch (e.type) {
    case 'audit.clerk.signed-in':
    case 'audit.clerk.signed-out':
    case 'audit.clerk.sign-in-failed':
      return 'sign-in';
    case 'audit.record.reprinted':
      return 'record';
    case 'audit.settings.changed':
      // Before staff changes had their own events, adding one was logged as a setting.
      return e.payload.key === 'clerks' ? 'staff' : 'settings';
    case 'audit.sync.run':
    case 'audit.receipts.imported':
      return 'sync';
    case 'audit.export.made':
      return 'export';
    default:
      return 'record';
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The staff member who did it: the acting clerk, else the assisting clerk of a kiosk record. */
export function actingStaff(e: Pick<LoggedEvent, 'actor' | 'payload' | 'type'>): string | null {
  if (e.actor.kind === 'clerk' && e.actor.id) return normaliseStaffNumber(e.actor.id);
  const assisted = e.payload.assisted as { clerkId?: unknown } | undefined;
  if (e.type === 'record.signed' && assisted) {
    const id = text(assisted.clerkId);
    return id ? normaliseStaffNumber(id) : null;
  }
  return null;
}

/** Every staff number an event involves: who acted, on whom, who approved or witnessed. */
export function staffInvolved(e: Pick<LoggedEvent, 'actor' | 'payload' | 'type'>): string[] {
  const p = e.payload;
  const old = p.key === 'clerks' ? (p.to as { added?: unknown } | null)?.added : undefined;
  const ids = [
    actingStaff(e),
    text(p.by),
    text(p.clerkId),
    text(p.approvedBy),
    text(p.attemptedClerkId),
    text(p.from) && e.type === 'audit.clerk.id-normalised' ? text(p.from) : null,
    text(old),
  ].flatMap((id) => (id ? [normaliseStaffNumber(id)] : []));
  return [...new Set(ids)];
}

export interface AuditFilter {
  /** YYYY-MM-DD, the hall's calendar day of the event; null: every day. */
  readonly day: string | null;
  readonly staff: string | null;
  readonly kind: AuditKind | null;
  /** Part of a commitment code; null: any. */
  readonly record: string | null;
}

/** Whether an event passes the filter; `code` is the commitment code of its record, if any. */
export function matchesFilter(e: LoggedEvent, code: string | null, f: AuditFilter): boolean {
  if (f.day && e.at.slice(0, 10) !== f.day) return false;
  if (f.kind && auditKind(e) !== f.kind) return false;
  if (f.staff && !staffInvolved(e).includes(normaliseStaffNumber(f.staff))) return false;
  if (f.record) {
    const wanted = f.record.trim().toUpperCase();
    if (wanted !== '' && !(code ?? '').toUpperCase().includes(wanted)) return false;
  }
  return true;
}

/** The commitment code an event is about, from its own payload or its record's signing. */
export function commitmentCodeOf(
  e: Pick<LoggedEvent, 'recordId' | 'payload'>,
  codes: ReadonlyMap<string, string>,
): string | null {
  return text(e.payload.commitmentCode) ?? (e.recordId ? (codes.get(e.recordId) ?? null) : null);
}

// --- The day's work per staff member ------------------------------------------------------------

export const TALLY_COLUMNS = [
  'signIns',
  'assisted',
  'voids',
  'findings',
  'objections',
  'repairs',
  'reprints',
  'exports',
] as const;
export type TallyColumn = (typeof TALLY_COLUMNS)[number];
export type Tally = Readonly<Record<TallyColumn, number>>;

function columnOf(type: string): TallyColumn | null {
  switch (type) {
    case 'audit.clerk.signed-in':
      return 'signIns';
    case 'record.signed':
      return 'assisted';
    case 'record.voided':
      return 'voids';
    case 'fulfilment.recorded':
      return 'findings';
    case 'objection.filed':
    case 'objection.resolved':
      return 'objections';
    case 'repair.started':
    case 'repair.step-recorded':
    case 'repair.completed':
    case 'repair.revoked':
      return 'repairs';
    case 'audit.record.reprinted':
      return 'reprints';
    case 'audit.export.made':
      return 'exports';
    default:
      return null;
  }
}

const EMPTY: Tally = Object.fromEntries(TALLY_COLUMNS.map((c) => [c, 0])) as Record<
  TallyColumn,
  number
>;

/** What each staff member did on a day, counted from the chain: staff number → tally. */
export function tallyByStaff(events: Iterable<LoggedEvent>, day: string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const e of events) {
    if (e.at.slice(0, 10) !== day) continue;
    const column = columnOf(e.type);
    const who = actingStaff(e);
    if (!column || !who) continue;
    const before = tallies.get(who) ?? EMPTY;
    tallies.set(who, { ...before, [column]: before[column] + 1 });
  }
  return tallies;
}

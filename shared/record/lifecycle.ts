import type { Actor } from '../events/envelope';
import type {
  CaseLinkedPayload,
  FulfilmentPayload,
  MaterialReceivedPayload,
  FulfilmentStatus,
  ObjectionResult,
  PrecheckRecheckedPayload,
  RecordEvent,
  RecordEventType,
  RecordSignedPayload,
  RecordVoidedPayload,
  RepairCompletedPayload,
  RepairRevokedPayload,
  RepairStep,
} from './events';

/**
 * The life of one commitment record as an explicit state machine. The state is always derived
 * by folding the record's events; it is never stored on its own. Sync status is not part of it.
 *
 * Decisions worth knowing:
 * - One fulfilment finding per record; a second one is refused ('already-recorded'). A finding is
 *   an administrative act whose only lawful correction is the objection procedure (brief §6.5), so
 *   corrections arrive as `objection.resolved` with result 'corrected' and the corrected finding,
 *   or 'withdrawn', which removes the finding. That keeps one way to change a finding, with grounds.
 * - 'revoked' is a finding (any result short of kept) with permitRevoked; repair starts from
 *   'broken' or 'revoked'. A 'partly-kept' finding without revocation is not a dishonesty record.
 * - `repair.completed` is accepted straight from 'broken'/'revoked': the platform decides repairs
 *   and a pull may bring the completion without the steps that led to it.
 * - Whether a void needs a supervisor (synced records) is sync metadata, checked by the console.
 */

export const RECORD_STATES = [
  'signed',
  'voided',
  'kept',
  'partly-kept',
  'broken',
  'revoked',
  'repairing',
  'repaired',
] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export type ObjectionStatus = 'none' | 'pending' | `resolved:${ObjectionResult}`;

export type RefusalReason =
  | 'not-signed'
  | 'already-signed'
  | 'wrong-record'
  | 'voided'
  | 'already-voided'
  | 'has-fulfilment'
  | 'already-recorded'
  | 'not-broken'
  | 'repair-in-progress'
  | 'already-repaired'
  | 'no-repair'
  | 'step-already-recorded'
  | 'objection-pending'
  | 'no-objection'
  | 'no-fulfilment'
  | 'correction-missing'
  | 'correction-not-applicable'
  | 'not-provisional'
  | 'already-rechecked'
  | 'unknown-material'
  | 'material-already-received';

/** Where an event comes from; the envelope (shared/events/envelope.ts) carries these fields. */
export interface EventMeta {
  readonly eventId: string;
  readonly recordId: string;
  readonly deviceId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
}
export type RecordEventEntry = RecordEvent & EventMeta;

export interface HistoryEntry extends EventMeta {
  readonly type: RecordEventType;
  readonly state: RecordState;
  readonly objection: ObjectionStatus;
}

export interface RecordView {
  readonly recordId: string;
  readonly state: RecordState;
  readonly objection: ObjectionStatus;
  /** What the pending (or last) objection disputes. */
  readonly objectionTarget: 'commitment' | 'fulfilment' | null;
  readonly signed: RecordSignedPayload;
  readonly voided: RecordVoidedPayload | null;
  /** The finding in force (after any correction), or null if none or withdrawn. */
  readonly fulfilment: FulfilmentPayload | null;
  readonly publicationWithdrawn: boolean;
  readonly repairSteps: readonly RepairStep[];
  readonly repairCompleted: RepairCompletedPayload | null;
  /** The last repair decision undone because its credit-repair commitment was broken. */
  readonly repairRevoked: RepairRevokedPayload | null;
  readonly recheck: PrecheckRecheckedPayload | null;
  /** Materials to follow handed in so far, by material id. */
  readonly materialsReceived: Readonly<Record<string, MaterialReceivedPayload>>;
  /** The approval case the record is linked to (the latest link). */
  readonly caseLink: CaseLinkedPayload | null;
  readonly history: readonly HistoryEntry[];
}

/** What a finding makes of a record. */
export const FINDING_STATE: Readonly<Record<FulfilmentStatus, RecordState>> = {
  kept: 'kept',
  'partly-kept': 'partly-kept',
  'not-kept': 'broken',
  'false-commitment': 'broken',
};

export function stateFromFinding(finding: FulfilmentPayload): RecordState {
  return finding.permitRevoked ? 'revoked' : FINDING_STATE[finding.status];
}

/** 'finding' / 'resolution': the state the finding or the objection's result makes; 'same': unchanged. */
type Target = RecordState | 'same' | 'finding' | 'resolution';
type Cell = { readonly to: Target } | { readonly refuse: RefusalReason };
const go = (to: Target): Cell => ({ to });
const no = (refuse: RefusalReason): Cell => ({ refuse });

/** An event that leaves the record as it is, in any state but voided. */
const SAME_UNLESS_VOIDED: Readonly<Record<RecordState, Cell>> = {
  signed: go('same'),
  voided: no('voided'),
  kept: go('same'),
  'partly-kept': go('same'),
  broken: go('same'),
  revoked: go('same'),
  repairing: go('same'),
  repaired: go('same'),
};

/** Every (event, state) pair, as data. `record.signed` only ever starts a record. */
export const TRANSITIONS: Readonly<
  Record<Exclude<RecordEventType, 'record.signed'>, Readonly<Record<RecordState, Cell>>>
> = {
  'record.voided': {
    signed: go('voided'),
    voided: no('already-voided'),
    kept: no('has-fulfilment'),
    'partly-kept': no('has-fulfilment'),
    broken: no('has-fulfilment'),
    revoked: no('has-fulfilment'),
    repairing: no('has-fulfilment'),
    repaired: no('has-fulfilment'),
  },
  'fulfilment.recorded': {
    signed: go('finding'),
    voided: no('voided'),
    kept: no('already-recorded'),
    'partly-kept': no('already-recorded'),
    broken: no('already-recorded'),
    revoked: no('already-recorded'),
    repairing: no('already-recorded'),
    repaired: no('already-recorded'),
  },
  'repair.started': {
    signed: no('not-broken'),
    voided: no('voided'),
    kept: no('not-broken'),
    'partly-kept': no('not-broken'),
    broken: go('repairing'),
    revoked: go('repairing'),
    repairing: no('repair-in-progress'),
    repaired: no('already-repaired'),
  },
  'repair.step-recorded': {
    signed: no('no-repair'),
    voided: no('voided'),
    kept: no('no-repair'),
    'partly-kept': no('no-repair'),
    broken: no('no-repair'),
    revoked: no('no-repair'),
    repairing: go('same'),
    repaired: no('already-repaired'),
  },
  'repair.completed': {
    signed: no('not-broken'),
    voided: no('voided'),
    kept: no('not-broken'),
    'partly-kept': no('not-broken'),
    broken: go('repaired'),
    revoked: go('repaired'),
    repairing: go('repaired'),
    repaired: no('already-repaired'),
  },
  'repair.revoked': {
    signed: no('no-repair'),
    voided: no('voided'),
    kept: no('no-repair'),
    'partly-kept': no('no-repair'),
    broken: no('no-repair'),
    revoked: no('no-repair'),
    repairing: no('no-repair'),
    repaired: go('finding'),
  },
  'objection.filed': SAME_UNLESS_VOIDED,
  'objection.resolved': {
    signed: go('resolution'),
    voided: no('voided'),
    kept: go('resolution'),
    'partly-kept': go('resolution'),
    broken: go('resolution'),
    revoked: go('resolution'),
    repairing: go('resolution'),
    repaired: go('resolution'),
  },
  'precheck.rechecked': SAME_UNLESS_VOIDED,
  // Handing in a material, or linking the case, does not change what the record is.
  'material.received': SAME_UNLESS_VOIDED,
  'case.linked': SAME_UNLESS_VOIDED,
};

/** Conditions beyond the state name, checked once the table allows the event. */
function guard(view: RecordView, event: RecordEvent): RefusalReason | null {
  const fulfilmentDisputed = view.objection === 'pending' && view.objectionTarget === 'fulfilment';
  switch (event.type) {
    case 'record.voided':
      return view.objection === 'pending' ? 'objection-pending' : null;
    case 'repair.started':
    case 'repair.completed':
      return fulfilmentDisputed ? 'objection-pending' : null;
    case 'repair.step-recorded':
      return view.repairSteps.includes(event.payload.step) ? 'step-already-recorded' : null;
    case 'objection.filed':
      if (view.objection === 'pending') return 'objection-pending';
      return event.payload.target === 'fulfilment' && view.fulfilment === null
        ? 'no-fulfilment'
        : null;
    case 'objection.resolved':
      return view.objection === 'pending' ? null : 'no-objection';
    case 'precheck.rechecked':
      if (view.signed.precheck.outcome !== 'provisional') return 'not-provisional';
      return view.recheck ? 'already-rechecked' : null;
    case 'material.received': {
      const { materialId } = event.payload;
      if (!(view.signed.deadlines?.materials ?? []).some((m) => m.id === materialId)) {
        return 'unknown-material';
      }
      return materialId in view.materialsReceived ? 'material-already-received' : null;
    }
    default:
      return null;
  }
}

const REPAIR_STATES: readonly RecordState[] = ['repairing', 'repaired'];
const BREACH_STATES: readonly RecordState[] = ['broken', 'revoked'];

/** The view after a pending objection is resolved, or why the resolution does not fit it. */
function resolve(
  view: RecordView,
  event: Extract<RecordEvent, { type: 'objection.resolved' }>,
): RecordView | RefusalReason {
  const { result, correctedFulfilment } = event.payload;
  if (view.objectionTarget === 'commitment') {
    if (correctedFulfilment) return 'correction-not-applicable';
    return result === 'withdrawn' ? { ...view, publicationWithdrawn: true } : view;
  }
  if (result === 'kept') return view;
  // A withdrawn finding never stood: the record is back to signed, with no repair to speak of.
  if (result === 'withdrawn') {
    return { ...view, state: 'signed', fulfilment: null, repairSteps: [], repairCompleted: null };
  }
  if (!correctedFulfilment) return 'correction-missing';
  const corrected = stateFromFinding(correctedFulfilment);
  // A repair under way or done still applies when the corrected finding is still a breach.
  const state =
    REPAIR_STATES.includes(view.state) && BREACH_STATES.includes(corrected)
      ? view.state
      : corrected;
  return { ...view, state, fulfilment: correctedFulfilment };
}

function targetState(to: Target, next: RecordView): RecordState {
  return to === 'same' || to === 'finding' || to === 'resolution' ? next.state : to;
}

export type ApplyResult =
  | { readonly ok: true; readonly state: RecordView }
  | { readonly ok: false; readonly reason: RefusalReason };

export function applyEvent(view: RecordView | null, entry: RecordEventEntry): ApplyResult {
  const { eventId, recordId, deviceId, seq, at, actor } = entry;
  const meta: EventMeta = { eventId, recordId, deviceId, seq, at, actor };
  const event: RecordEvent = entry;

  if (view === null) {
    if (event.type !== 'record.signed') return { ok: false, reason: 'not-signed' };
    const state: RecordState = 'signed';
    return {
      ok: true,
      state: {
        recordId,
        state,
        objection: 'none',
        objectionTarget: null,
        signed: event.payload,
        voided: null,
        fulfilment: null,
        publicationWithdrawn: false,
        repairSteps: [],
        repairCompleted: null,
        repairRevoked: null,
        recheck: null,
        materialsReceived: {},
        caseLink: null,
        history: [{ ...meta, type: event.type, state, objection: 'none' }],
      },
    };
  }
  if (recordId !== view.recordId) return { ok: false, reason: 'wrong-record' };
  if (event.type === 'record.signed') return { ok: false, reason: 'already-signed' };

  const cell = TRANSITIONS[event.type][view.state];
  if ('refuse' in cell) return { ok: false, reason: cell.refuse };
  const refusal = guard(view, event);
  if (refusal) return { ok: false, reason: refusal };

  let next: RecordView = view;
  switch (event.type) {
    case 'record.voided':
      next = { ...view, voided: event.payload };
      break;
    case 'fulfilment.recorded':
      next = { ...view, fulfilment: event.payload, state: stateFromFinding(event.payload) };
      break;
    case 'repair.step-recorded':
      next = { ...view, repairSteps: [...view.repairSteps, event.payload.step] };
      break;
    case 'repair.completed':
      next = { ...view, repairCompleted: event.payload };
      break;
    case 'repair.revoked':
      // Back to the breach the repair had lifted: it is published again.
      next = {
        ...view,
        repairCompleted: null,
        repairSteps: [],
        repairRevoked: event.payload,
        state: view.fulfilment ? stateFromFinding(view.fulfilment) : view.state,
      };
      break;
    case 'objection.filed':
      next = { ...view, objection: 'pending', objectionTarget: event.payload.target };
      break;
    case 'objection.resolved': {
      const resolved = resolve(view, event);
      if (typeof resolved === 'string') return { ok: false, reason: resolved };
      next = { ...resolved, objection: `resolved:${event.payload.result}` };
      break;
    }
    case 'precheck.rechecked':
      next = { ...view, recheck: event.payload };
      break;
    case 'material.received':
      next = {
        ...view,
        materialsReceived: { ...view.materialsReceived, [event.payload.materialId]: event.payload },
      };
      break;
    case 'case.linked':
      next = { ...view, caseLink: event.payload };
      break;
    case 'repair.started':
      break;
  }
  const state = targetState(cell.to, next);
  const history = [
    ...view.history,
    { ...meta, type: event.type, state, objection: next.objection },
  ];
  return { ok: true, state: { ...next, state, history } };
}

export interface Anomaly {
  readonly eventId: string;
  readonly reason: RefusalReason | 'duplicate-event';
}

export type DeriveResult =
  | { readonly ok: true; readonly record: RecordView; readonly anomalies: readonly Anomaly[] }
  | { readonly ok: false; readonly reason: 'not-signed' | 'mixed-records' | 'out-of-order' };

/**
 * Folds a record's events into its present view. Events come in application order: the device's
 * own events by seq, central (pulled) events where the store placed them. `seq` is per device, so
 * it is checked per device (strictly increasing) rather than used to sort events from several
 * sources. An event the machine refuses (e.g. a central finding on a record voided locally before
 * sync) is skipped and reported as an anomaly for the clerk, not silently dropped.
 */
export function deriveRecord(entries: readonly RecordEventEntry[]): DeriveResult {
  const first = entries[0];
  if (!first) return { ok: false, reason: 'not-signed' };
  const lastSeq = new Map<string, number>();
  for (const e of entries) {
    if (e.recordId !== first.recordId) return { ok: false, reason: 'mixed-records' };
    const prev = lastSeq.get(e.deviceId);
    if (prev !== undefined && e.seq <= prev) return { ok: false, reason: 'out-of-order' };
    lastSeq.set(e.deviceId, e.seq);
  }
  let view: RecordView | null = null;
  const seen = new Set<string>();
  const anomalies: Anomaly[] = [];
  for (const e of entries) {
    if (seen.has(e.eventId)) {
      anomalies.push({ eventId: e.eventId, reason: 'duplicate-event' });
      continue;
    }
    seen.add(e.eventId);
    const result = applyEvent(view, e);
    if (result.ok) view = result.state;
    else anomalies.push({ eventId: e.eventId, reason: result.reason });
  }
  return view ? { ok: true, record: view, anomalies } : { ok: false, reason: 'not-signed' };
}

import type { Catalogue } from '../../../shared/catalogue/schema';
import type { EventEnvelope } from '../../../shared/events/envelope';
import { toCollectionItems } from '../../../shared/record/collection';
import { collectedTexts } from '../../../shared/record/collection-texts';
import { ChainEventSchema, type ChainEvent } from '../../../shared/record/audit-events';
import { parseCommitmentCode } from '../../../shared/record/commitment-code';
import { RECORD_EVENT_TYPES, type RecordEvent } from '../../../shared/record/events';
import { applyEvent, type RecordView } from '../../../shared/record/lifecycle';
import type { DeviceRow } from '../context';
import type { Db } from '../db';
import { foldRecord } from '../records';

/**
 * What push checks of a sound event's content (its signature and chain place already hold): the
 * payload fits its type, and a record event applies to the record as the platform holds it.
 */

const RECORD_TYPES = new Set<string>(RECORD_EVENT_TYPES);

/** The payload fits its type, and record events (only they) name a record. */
const isRecordEvent = (e: ChainEvent): e is RecordEvent => RECORD_TYPES.has(e.type);

/** The event parsed once, or what is wrong with its payload. */
function parseContent(
  event: EventEnvelope,
):
  | { readonly ok: true; readonly event: ChainEvent }
  | { readonly ok: false; readonly problem: string } {
  const parsed = ChainEventSchema.safeParse({ type: event.type, payload: event.payload });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = issue?.code === 'custom' ? issue.message : (issue?.code ?? 'invalid');
    return { ok: false, problem: `${issue?.path.join('.') ?? ''}:${code}` };
  }
  return RECORD_TYPES.has(event.type) === (event.recordId !== null)
    ? { ok: true, event: parsed.data }
    : { ok: false, problem: 'recordId:mismatch' };
}

/**
 * Refusals after which the record's later events cannot be judged: its content was invalid, or
 * the record itself was not this device's to make. A later event that merely did not apply (a
 * void after a central finding) leaves the record as it was, so it poisons nothing.
 */
const POISONING_DETAILS = [
  'record-refused',
  'code-not-yours',
  'code-taken',
  'other-device',
  'not-signed',
];

export function poisons(refusal: ContentRefusal): boolean {
  return refusal.code === 'schema' || POISONING_DETAILS.includes(refusal.detail);
}

/**
 * What the platform already holds of the records a batch names, read in one query each (owners,
 * poisoning refusals, commitment codes, records with events) instead of several queries per
 * event. Read right before the batch is judged, with nothing awaited in between, so it is what
 * the per-event queries would have read.
 */
export interface HeldRecords {
  /** recordId → the device that made it. */
  readonly owners: ReadonlyMap<string, string>;
  /** Records with a refusal after which their later events cannot be judged. */
  readonly poisoned: ReadonlySet<string>;
  /** commitmentCode → the record holding it. */
  readonly codes: ReadonlyMap<string, string>;
  /** Records with events or central changes stored: only these have a view to fold. */
  readonly stored: ReadonlySet<string>;
}

export function heldRecords(db: Db, events: readonly EventEnvelope[]): HeldRecords {
  const ids = JSON.stringify([
    ...new Set(events.flatMap((e) => (e.recordId === null ? [] : [e.recordId]))),
  ]);
  const codes = JSON.stringify(
    events.flatMap((e) => {
      const code = e.type === 'record.signed' ? e.payload.commitmentCode : undefined;
      return typeof code === 'string' ? [code] : [];
    }),
  );
  const inIds = 'IN (SELECT value FROM json_each(?))';
  const marks = POISONING_DETAILS.map(() => '?').join(', ');
  const owners = db
    .prepare<[string], { record_id: string; device_id: string }>(
      `SELECT record_id, device_id FROM records WHERE record_id ${inIds}`,
    )
    .all(ids);
  const poisoned = db
    .prepare<string[], { record_id: string }>(
      `SELECT DISTINCT record_id FROM refused_links WHERE record_id ${inIds}
         AND (code = 'schema' OR detail IN (${marks}))`,
    )
    .all(ids, ...POISONING_DETAILS);
  const taken = db
    .prepare<[string], { record_id: string; commitment_code: string }>(
      `SELECT record_id, commitment_code FROM records WHERE commitment_code ${inIds}`,
    )
    .all(codes);
  const stored = db
    .prepare<[string, string], { record_id: string }>(
      `SELECT DISTINCT record_id FROM events WHERE record_id ${inIds}
       UNION SELECT DISTINCT record_id FROM central_changes WHERE record_id ${inIds}`,
    )
    .all(ids, ids);
  return {
    owners: new Map(owners.map((r) => [r.record_id, r.device_id])),
    poisoned: new Set(poisoned.map((r) => r.record_id)),
    codes: new Map(taken.map((r) => [r.commitment_code, r.record_id])),
    stored: new Set(stored.map((r) => r.record_id)),
  };
}

export interface ContentRefusal {
  readonly code: 'schema' | 'conflict';
  readonly detail: string;
}

/**
 * The batch being judged: its refusals so far, the records as its accepted events leave them, and
 * what the platform held of its records before it.
 */
export interface BatchRecords {
  readonly refused: Set<string>;
  readonly views: Map<string, RecordView | null>;
  readonly held: HeldRecords;
}

/**
 * Why a record event cannot apply to the record as the platform holds it (brief §9, the
 * contract's "events of one record are applied in order"), or null: the record must be this
 * device's, a new record's code this device's own (its division code and slot, unused), and the
 * event allowed by the shared lifecycle after what the platform already holds, central changes
 * included (a void after a finding made centrally is a conflict, not a receipt).
 */
function recordConflict(
  db: Db,
  device: DeviceRow,
  event: EventEnvelope,
  content: RecordEvent,
  recordId: string,
  batch: BatchRecords,
): string | null {
  const owner = batch.held.owners.get(recordId);
  if (owner !== undefined && owner !== device.device_id) return 'other-device';
  if (content.type === 'record.signed') {
    const code = parseCommitmentCode(content.payload.commitmentCode);
    if (
      !code.ok ||
      code.value.divisionCode !== device.division_code ||
      code.value.deviceSlot !== device.slot
    )
      return 'code-not-yours';
    const taken = batch.held.codes.get(content.payload.commitmentCode);
    if (taken !== undefined && taken !== recordId) return 'code-taken';
  }
  const view = batch.views.has(recordId)
    ? (batch.views.get(recordId) ?? null)
    : batch.held.stored.has(recordId)
      ? foldRecord(db, recordId)
      : null;
  const applied = applyEvent(view, {
    ...content,
    eventId: event.eventId,
    recordId,
    deviceId: event.deviceId,
    seq: event.seq,
    at: event.at,
    actor: event.actor,
  });
  if (!applied.ok) return applied.reason;
  batch.views.set(recordId, applied.state);
  return null;
}

/**
 * A signed record must yield the collection items of brief §9 (shared/record/collection.ts), checked
 * against the same schema the device builds them with: its texts from the hall's catalogue, its
 * other items from the signed payload. A record that cannot be collected is a content refusal.
 */
export function collectionRefusal(
  view: RecordView | null | undefined,
  catalogue: Catalogue | undefined,
): ContentRefusal | null {
  if (!view) return null;
  // A matter the hall's current catalogue does not list (a record under an older version, which
  // this reference platform does not keep) is checked on its other items, its name standing in
  // for the texts.
  const name = view.signed.matter.name['zh-CN'];
  const texts = (catalogue && collectedTexts(catalogue, view.signed.matter.code)) ?? {
    content: name,
    liabilityForBreach: name,
  };
  const items = toCollectionItems(view, texts);
  if (items.ok || items.error !== 'invalid-item') return null;
  return { code: 'schema', detail: `collection:${(items.paths ?? []).join(',')}` };
}

/** A sound event's content judged: refused (and why), or taken, parsed once for the caller. */
export type ContentVerdict =
  | { readonly ok: false; readonly refusal: ContentRefusal }
  | { readonly ok: true; readonly content: ChainEvent };

export function judgeContent(
  db: Db,
  device: DeviceRow,
  event: EventEnvelope,
  batch: BatchRecords,
  /** The catalogue of the device's hall, for the collected texts of a signed record. */
  catalogue?: Catalogue,
): ContentVerdict {
  const refused = (code: ContentRefusal['code'], detail: string): ContentVerdict => ({
    ok: false,
    refusal: { code, detail },
  });
  const content = parseContent(event);
  if (!content.ok) return refused('schema', content.problem);
  const record = event.recordId;
  if (record === null || !isRecordEvent(content.event)) return { ok: true, content: content.event };
  if (batch.refused.has(record) || batch.held.poisoned.has(record)) {
    return refused('conflict', 'record-refused');
  }
  const conflict = recordConflict(db, device, event, content.event, record, batch);
  if (conflict !== null) return refused('conflict', conflict);
  const collection =
    content.event.type === 'record.signed'
      ? collectionRefusal(batch.views.get(record), catalogue)
      : null;
  return collection === null
    ? { ok: true, content: content.event }
    : { ok: false, refusal: collection };
}

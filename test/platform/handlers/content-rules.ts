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
import { foldRecord, recordByCode } from '../records';

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

function recordRefused(db: Db, recordId: string): boolean {
  const marks = POISONING_DETAILS.map(() => '?').join(', ');
  return (
    db
      .prepare<string[], { n: number }>(
        `SELECT 1 AS n FROM refused_links WHERE record_id = ?
           AND (code = 'schema' OR detail IN (${marks})) LIMIT 1`,
      )
      .get(recordId, ...POISONING_DETAILS) !== undefined
  );
}

export interface ContentRefusal {
  readonly code: 'schema' | 'conflict';
  readonly detail: string;
}

/** The batch being judged: its refusals so far, and the records as its accepted events leave them. */
export interface BatchRecords {
  readonly refused: Set<string>;
  readonly views: Map<string, RecordView | null>;
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
  const owner = recordOwner(db, recordId);
  if (owner !== undefined && owner !== device.device_id) return 'other-device';
  if (content.type === 'record.signed') {
    const code = parseCommitmentCode(content.payload.commitmentCode);
    if (
      !code.ok ||
      code.value.divisionCode !== device.division_code ||
      code.value.deviceSlot !== device.slot
    )
      return 'code-not-yours';
    const taken = recordByCode(db, content.payload.commitmentCode);
    if (taken && taken.record_id !== recordId) return 'code-taken';
  }
  const view = batch.views.has(recordId)
    ? (batch.views.get(recordId) ?? null)
    : foldRecord(db, recordId);
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

/** Why a sound event's content is refused, or null. */
export function contentRefusal(
  db: Db,
  device: DeviceRow,
  event: EventEnvelope,
  batch: BatchRecords,
  /** The catalogue of the device's hall, for the collected texts of a signed record. */
  catalogue?: Catalogue,
): ContentRefusal | null {
  const content = parseContent(event);
  if (!content.ok) return { code: 'schema', detail: content.problem };
  const record = event.recordId;
  if (record === null || !isRecordEvent(content.event)) return null;
  if (batch.refused.has(record) || recordRefused(db, record)) {
    return { code: 'conflict', detail: 'record-refused' };
  }
  const conflict = recordConflict(db, device, event, content.event, record, batch);
  if (conflict !== null) return { code: 'conflict', detail: conflict };
  return content.event.type === 'record.signed'
    ? collectionRefusal(batch.views.get(record), catalogue)
    : null;
}

function recordOwner(db: Db, recordId: string): string | undefined {
  return db
    .prepare<[string], { device_id: string }>('SELECT device_id FROM records WHERE record_id = ?')
    .get(recordId)?.device_id;
}

import { closedDueItems, earliestDue, openDueItems } from '../../shared/deadlines/worklist';
import type { EventEnvelope, UnsignedEvent } from '../../shared/events/envelope';
import type { Signer } from '../../shared/crypto/signing';
import { RecordEventSchema, type RecordSignedPayload } from '../../shared/record/events';
import {
  deriveRecord,
  type RecordEventEntry,
  type RecordView,
} from '../../shared/record/lifecycle';
import { nextCommitmentCode } from '../../shared/record/commitment-code';
import { calendarDay } from '../../shared/ids/calendar';
import { entityTextIssues } from '../../shared/entity';
import { chinaInstant } from '../../shared/time';
import type { Actor } from '../../shared/events/envelope';
import { documentBlobKey, photoBlobKey, signatureBlobKey } from './blob-keys';
import type { CentralRow, KioskDb, OutboxEntry, RecordRow, StoredEvent } from './db';
import { appendEvents, AbortAppend } from './event-log';
import { readMetaOf, writeMetaOf } from './meta';
import type { DeviceIdentity } from '../device/identity';

/** Turns stored envelopes of one record into lifecycle entries (unknown types are skipped). */
export function toEntries(events: readonly EventEnvelope[]): RecordEventEntry[] {
  const entries: RecordEventEntry[] = [];
  for (const e of events) {
    const parsed = RecordEventSchema.safeParse({ type: e.type, payload: e.payload });
    if (!parsed.success || e.recordId === null) continue;
    entries.push({
      ...parsed.data,
      eventId: e.eventId,
      recordId: e.recordId,
      deviceId: e.deviceId,
      seq: e.seq,
      at: e.at,
      actor: e.actor,
    });
  }
  return entries;
}

/** Central changes fold as one more source, in arrival order, apart from the device's seqs. */
const CENTRAL_SOURCE = 'central';

function centralEntry(row: CentralRow): RecordEventEntry {
  const { change } = row;
  return {
    ...change.event,
    eventId: change.changeId,
    recordId: change.recordId,
    deviceId: CENTRAL_SOURCE,
    seq: row.order,
    at: change.at,
    actor: change.actor,
  };
}

/**
 * A record's events in application order: the device's own by seq, each central change after the
 * device events that were stored before it arrived (its `afterSeq`), central ones by arrival.
 */
export function mergeEntries(
  events: readonly EventEnvelope[],
  central: readonly CentralRow[] = [],
): RecordEventEntry[] {
  const own = toEntries([...events].sort((a, b) => a.seq - b.seq));
  const pulled = [...central].sort((a, b) => a.order - b.order);
  const merged: RecordEventEntry[] = [];
  let i = 0;
  for (const row of pulled) {
    while (i < own.length && (own[i]?.seq ?? 0) <= row.afterSeq)
      merged.push(own[i++] as RecordEventEntry);
    merged.push(centralEntry(row));
  }
  return [...merged, ...own.slice(i)];
}

/** The record's present view; pass its central changes so that fulfilment, repair and objection results count. */
export function deriveView(
  events: readonly EventEnvelope[],
  central: readonly CentralRow[] = [],
): RecordView | null {
  const derived = deriveRecord(mergeEntries(events, central));
  return derived.ok ? derived.record : null;
}

/** Synced: every event of the record has a stored platform receipt. */
export function isRecordSynced(outbox: readonly OutboxEntry[]): boolean {
  return outbox.length > 0 && outbox.every((o) => o.receipt !== undefined);
}

/**
 * Rebuilds one record's search row from its events, central changes and outbox. Call inside a
 * transaction over events, outbox, central and records, so that the row never disagrees with them.
 */
export async function refreshRecordRow(db: KioskDb, recordId: string): Promise<RecordRow | null> {
  const row = await db.records.get(recordId);
  if (!row) return null;
  const [events, central, outbox] = await Promise.all([
    db.events.where('recordId').equals(recordId).toArray(),
    db.central.where('recordId').equals(recordId).toArray(),
    db.outbox.where('recordId').equals(recordId).toArray(),
  ]);
  const view = deriveView(events, central);
  if (!view) return row;
  const next = rowOf(view, row.signedAt, isRecordSynced(outbox));
  await db.records.put(next);
  return next;
}

/**
 * refreshRecordRow for many records at once (a push batch's 500): each store is read once for all
 * of them (one request per store, not three per record) and the rows are written in one bulkPut.
 * Same rule, same transaction requirement.
 */
export async function refreshRecordRows(db: KioskDb, recordIds: readonly string[]): Promise<void> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return;
  const [rows, events, central, outbox] = await Promise.all([
    db.records.bulkGet(ids),
    db.events.where('recordId').anyOf(ids).toArray(),
    db.central.where('recordId').anyOf(ids).toArray(),
    db.outbox.where('recordId').anyOf(ids).toArray(),
  ]);
  const byRecord = <T extends { readonly recordId: string | null }>(list: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) {
      if (item.recordId === null) continue;
      const group = map.get(item.recordId);
      if (group) group.push(item);
      else map.set(item.recordId, [item]);
    }
    return map;
  };
  const [eventsOf, centralOf, outboxOf] = [byRecord(events), byRecord(central), byRecord(outbox)];
  const next: RecordRow[] = [];
  for (const row of rows) {
    if (!row) continue;
    const view = deriveView(eventsOf.get(row.recordId) ?? [], centralOf.get(row.recordId) ?? []);
    if (view)
      next.push(rowOf(view, row.signedAt, isRecordSynced(outboxOf.get(row.recordId) ?? [])));
  }
  await db.records.bulkPut(next);
}

/**
 * After receipts only (a push's verdicts): a receipt changes nothing of a record's view, only
 * whether it is synced, so only that flag is set anew, from the outbox; the row is otherwise as its
 * last refresh made it (every write of an event or central change refreshes it in the same
 * transaction). Same transaction requirement as refreshRecordRows; it writes the same rows.
 */
export async function refreshSyncedFlags(db: KioskDb, recordIds: readonly string[]): Promise<void> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return;
  const [rows, outbox] = await Promise.all([
    db.records.bulkGet(ids),
    db.outbox.where('recordId').anyOf(ids).toArray(),
  ]);
  const entries = new Map<string, OutboxEntry[]>();
  for (const entry of outbox) {
    if (entry.recordId === null) continue;
    entries.set(entry.recordId, [...(entries.get(entry.recordId) ?? []), entry]);
  }
  const changed: RecordRow[] = [];
  for (const row of rows) {
    if (!row) continue;
    const synced = isRecordSynced(entries.get(row.recordId) ?? []) ? 1 : 0;
    if (row.synced !== synced) changed.push({ ...row, synced });
  }
  await db.records.bulkPut(changed);
}

/** The record's signing event: found by type, since one record's events come back in key order. */
export function loadSignedEvent(db: KioskDb, recordId: string): Promise<StoredEvent | undefined> {
  return db.events
    .where('recordId')
    .equals(recordId)
    .filter((e) => e.type === 'record.signed')
    .first();
}

/** One record's view with everything the device holds about it, for screens and reprints. */
export async function loadRecordView(db: KioskDb, recordId: string): Promise<RecordView | null> {
  const [events, central] = await Promise.all([
    db.events.where('recordId').equals(recordId).toArray(),
    db.central.where('recordId').equals(recordId).toArray(),
  ]);
  return deriveView(events, central);
}

/** The search row of a record; `synced` reflects the outbox at the time of the write. */
export function rowOf(view: RecordView, signedAt: string, synced: boolean): RecordRow {
  const { signed } = view;
  return {
    recordId: view.recordId,
    commitmentCode: signed.commitmentCode,
    day: calendarDay(new Date(signedAt)),
    signedAt,
    matterCode: signed.matter.code,
    entityKind: signed.entity.kind,
    commitmentType: signed.commitmentType,
    entityName: signed.entity.name,
    idNumber: signed.entity.idNumber,
    state: view.state,
    objection: view.objection,
    synced: synced ? 1 : 0,
    provisional: signed.precheck.outcome === 'provisional' && view.recheck === null ? 1 : 0,
    ...dueFields(view),
    ...(view.caseLink ? { caseNumber: view.caseLink.caseNumber } : {}),
  };
}

function dueFields(view: RecordView): Pick<RecordRow, 'dueBy' | 'due' | 'met'> {
  const due = openDueItems(view);
  const dueBy = earliestDue(due);
  const met = closedDueItems(view);
  return {
    ...(dueBy === undefined ? {} : { dueBy, due }),
    ...(met.length === 0 ? {} : { met }),
  };
}

export interface SignedRecordInput {
  /** Chosen when the applicant's session starts: a second submit of the same id is a no-op. */
  readonly recordId: string;
  readonly at: Date;
  readonly actor: Actor;
  /** Everything but the commitment code, which is assigned under the chain lock. */
  readonly payload: (commitmentCode: string) => RecordSignedPayload;
  readonly signatureImage: { readonly mimeType: string; readonly data: Uint8Array } | null;
  /** The photo taken at signing, where the hall asks for one. */
  readonly photoImage?: { readonly mimeType: string; readonly data: Uint8Array } | null;
  /** The letter exactly as shown and hashed, kept so that a reprint never depends on a later catalogue. */
  readonly document: unknown;
  /**
   * The caller's last word on the payload with its code, before it is signed: a reason refuses
   * it, and nothing is signed or stored (the kiosk's brief §9 check needs the code's date).
   */
  readonly refuse?: (payload: RecordSignedPayload) => string | null;
}

export type SubmitResult =
  | { readonly ok: true; readonly record: RecordRow; readonly created: boolean }
  | { readonly ok: false; readonly error: string };

/**
 * Stores a newly signed record: its event, outbox entry, search row, signature image and the
 * day's serial counter, in one transaction, after signing with the device key.
 */
export async function submitSignedRecord(
  db: KioskDb,
  device: DeviceIdentity,
  signer: Signer,
  input: SignedRecordInput,
): Promise<SubmitResult> {
  const existing = await db.records.get(input.recordId);
  if (existing) return { ok: true, record: existing, created: false };
  const day = calendarDay(input.at);
  const at = chinaInstant(input.at);
  let serial = 0;
  const result = await appendEvents(
    db,
    signer,
    async (): Promise<UnsignedEvent[]> => {
      if (await db.records.get(input.recordId)) return [];
      const last = await readMetaOf(db, 'serial', day);
      const next = nextCommitmentCode({
        divisionCode: device.divisionCode,
        date: day,
        deviceSlot: device.slot,
        lastSerialToday: last ?? null,
      });
      if (!next.ok) throw new AbortAppend(next.error);
      serial = next.value.serial;
      const payload = input.payload(next.value.code);
      // The kiosk's name and character rules, again here for a caller that went around the form.
      if (entityTextIssues(payload.entity).length > 0) throw new AbortAppend('invalid-entity');
      const refused = input.refuse?.(payload) ?? null;
      if (refused !== null) throw new AbortAppend(refused);
      return [
        {
          deviceId: device.deviceId,
          recordId: input.recordId,
          type: 'record.signed',
          at,
          actor: input.actor,
          payload,
        },
      ];
    },
    async (_tx, events) => {
      if (events.length === 0) {
        const row = await db.records.get(input.recordId);
        if (!row) throw new AbortAppend('missing-record');
        return { row, created: false };
      }
      const view = deriveView(events);
      if (!view) throw new AbortAppend('invalid-record');
      const row = rowOf(view, at, false);
      await db.records.add(row);
      if (input.signatureImage) {
        await db.blobs.put({
          key: signatureBlobKey(input.recordId),
          mimeType: input.signatureImage.mimeType,
          data: input.signatureImage.data,
        });
      }
      if (input.photoImage) {
        await db.blobs.put({
          key: photoBlobKey(input.recordId),
          mimeType: input.photoImage.mimeType,
          data: input.photoImage.data,
        });
      }
      await db.blobs.put({
        key: documentBlobKey(input.recordId),
        mimeType: 'application/json',
        data: new TextEncoder().encode(JSON.stringify(input.document)),
      });
      await writeMetaOf(db, 'serial', day, serial);
      return { row, created: true };
    },
  ).catch((error: unknown) => {
    if (error instanceof AbortAppend)
      return { ok: false as const, error: 'rejected' as const, detail: error.reason };
    throw error;
  });
  if (!result.ok) return { ok: false, error: result.detail ?? result.error };
  return { ok: true, record: result.value.row, created: result.value.created };
}

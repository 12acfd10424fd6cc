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
import { chinaInstant } from '../../shared/time';
import type { Actor } from '../../shared/events/envelope';
import type { KioskDb, RecordRow } from './db';
import { appendEvents, AbortAppend } from './event-log';
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

export function deriveView(events: readonly EventEnvelope[]): RecordView | null {
  const derived = deriveRecord(toEntries([...events].sort((a, b) => a.seq - b.seq)));
  return derived.ok ? derived.record : null;
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
    entityName: signed.entity.name,
    idNumber: signed.entity.idNumber,
    state: view.state,
    objection: view.objection,
    synced: synced ? 1 : 0,
    provisional: signed.precheck.outcome === 'provisional' && view.recheck === null ? 1 : 0,
  };
}

const serialKey = (day: string) => `serial:${day}`;

export interface SignedRecordInput {
  /** Chosen when the applicant's session starts: a second submit of the same id is a no-op. */
  readonly recordId: string;
  readonly at: Date;
  readonly actor: Actor;
  /** Everything but the commitment code, which is assigned under the chain lock. */
  readonly payload: (commitmentCode: string) => RecordSignedPayload;
  readonly signatureImage: { readonly mimeType: string; readonly data: Uint8Array } | null;
  /** The letter exactly as shown and hashed, kept so that a reprint never depends on a later catalogue. */
  readonly document: unknown;
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
      const last = (await db.meta.get(serialKey(day)))?.value as number | undefined;
      const next = nextCommitmentCode({
        divisionCode: device.divisionCode,
        date: day,
        deviceSlot: device.slot,
        lastSerialToday: last ?? null,
      });
      if (!next.ok) throw new AbortAppend(next.error);
      serial = next.value.serial;
      const payload = input.payload(next.value.code);
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
          key: `signature:${input.recordId}`,
          mimeType: input.signatureImage.mimeType,
          data: input.signatureImage.data,
        });
      }
      await db.blobs.put({
        key: `document:${input.recordId}`,
        mimeType: 'application/json',
        data: new TextEncoder().encode(JSON.stringify(input.document)),
      });
      await db.meta.put({ key: serialKey(day), value: serial });
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

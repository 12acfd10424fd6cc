import { z } from 'zod';
import { RecordSignedPayloadSchema } from '../../shared/record/events';
import type { Db } from './db';

/** What the platform holds, for the admin command and the admin endpoint. */
export interface PlatformState {
  readonly devices: readonly {
    readonly deviceId: string;
    readonly hallCode: string;
    readonly window: string;
    readonly slot: number;
    readonly revoked: boolean;
    readonly events: number;
    readonly head: { readonly seq: number; readonly hash: string };
  }[];
  readonly rejected: readonly {
    readonly deviceId: string;
    readonly eventId: string;
    readonly code: string;
    readonly detail: string | null;
    readonly batchId: string;
  }[];
  readonly enrolmentCodes: readonly {
    readonly code: string;
    readonly hallCode: string;
    readonly usedBy: string | null;
  }[];
  readonly records: number;
  /**
   * Each signed record as the platform holds it: its code and who signed how (the payload's
   * `identification`, null for a record signed before issue 15), to show the platform's copy
   * names the method.
   */
  readonly signed: readonly {
    readonly commitmentCode: string;
    readonly entityName: string;
    readonly identification: unknown;
  }[];
  readonly centralChanges: number;
  readonly register: readonly {
    readonly idType: string;
    readonly identifier: string;
    readonly name: string;
    readonly status: string;
    readonly derived: string | null;
  }[];
}

/** The admin's view of a stored `record.signed` event (pushed events were checked on arrival). */
function signedView(body: string): PlatformState['signed'][number] {
  const payload = RecordSignedPayloadSchema.parse(
    z.object({ payload: z.unknown() }).parse(JSON.parse(body)).payload,
  );
  return {
    commitmentCode: payload.commitmentCode,
    entityName: payload.entity.name,
    identification: payload.identification ?? null,
  };
}

export function platformState(db: Db): PlatformState {
  const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  return {
    devices: db
      .prepare<
        [],
        {
          device_id: string;
          hall_code: string;
          window: string;
          slot: number;
          revoked_at: string | null;
          head_seq: number;
          head_hash: string;
          events: number;
        }
      >(
        `SELECT d.*, (SELECT COUNT(*) FROM events e WHERE e.device_id = d.device_id) AS events
         FROM devices d ORDER BY d.device_id`,
      )
      .all()
      .map((d) => ({
        deviceId: d.device_id,
        hallCode: d.hall_code,
        window: d.window,
        slot: d.slot,
        revoked: d.revoked_at !== null,
        events: d.events,
        head: { seq: d.head_seq, hash: d.head_hash },
      })),
    rejected: db
      .prepare<
        [],
        {
          device_id: string;
          event_id: string;
          code: string;
          detail: string | null;
          batch_id: string;
        }
      >('SELECT device_id, event_id, code, detail, batch_id FROM rejections ORDER BY id')
      .all()
      .map((r) => ({
        deviceId: r.device_id,
        eventId: r.event_id,
        code: r.code,
        detail: r.detail,
        batchId: r.batch_id,
      })),
    enrolmentCodes: db
      .prepare<[], { code: string; hall_code: string; device_id: string | null }>(
        'SELECT code, hall_code, device_id FROM enrolment_codes ORDER BY code',
      )
      .all()
      .map((c) => ({ code: c.code, hallCode: c.hall_code, usedBy: c.device_id })),
    records: count('SELECT COUNT(*) AS n FROM records'),
    signed: db
      .prepare<[], { body: string }>(
        "SELECT body FROM events WHERE type = 'record.signed' ORDER BY ledger",
      )
      .all()
      .map(({ body }) => signedView(body)),
    centralChanges: count('SELECT COUNT(*) AS n FROM central_changes'),
    register: db
      .prepare<
        [],
        {
          id_type: string;
          identifier: string;
          name: string;
          status: string;
          derived: string | null;
        }
      >('SELECT * FROM credit_register ORDER BY id_type, identifier')
      .all()
      .map((r) => ({
        idType: r.id_type,
        identifier: r.identifier,
        name: r.name,
        status: r.status,
        derived: r.derived,
      })),
  };
}

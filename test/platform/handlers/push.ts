import { canonicalize, contentHash } from '../../../shared/crypto/canonical';
import type { CanonicalJson } from '../../../shared/crypto/canonical';
import { ChainCursor, checkIntegrity } from '../../../shared/events/chain';
import type { ChainDevice, CursorVerdict } from '../../../shared/events/chain';
import type { EventEnvelope } from '../../../shared/events/envelope';
import type { CatalogueSignature } from '../../../shared/catalogue/signed';
import type {
  PushRejectionCode,
  PushRequest,
  PushResponse,
  PushVerdict,
} from '../../../shared/platform/push';
import { timestampTokenContent } from '../../../shared/platform/push';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { chinaInstant } from '../../../shared/time';
import { deviceById, ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import { nextLedgers } from '../db';
import { chainDeviceOf } from '../device-keys';
import type { Db } from '../db';
import { heldRecords, judgeContent, poisons } from './content-rules';
import { declaredLossesOf, overLosses } from './declare-loss';
import type { BatchRecords, ContentRefusal } from './content-rules';
import type { ChainEvent } from '../../../shared/record/audit-events';

/**
 * Push: each event is judged on its own (signature, chain position, payload schema) against the
 * device's chain as stored, and the batch is written in one transaction. A batch sent again with
 * the same batchId gets the stored answer, byte for byte; a held event in another batch gets
 * 'duplicate' with its original receipt.
 *
 * Two kinds of refusal. An event whose signature, hash or chain link is not sound (a forged,
 * altered, deleted or replaced local record) stops the batch: the rest is not examined
 * ('after-rejected'), for it hangs off a link the platform cannot trust. An event that is sound
 * but whose content is refused ('schema'; 'conflict' when an earlier event of its record was
 * refused, so that each record's events apply in order) keeps its place: the platform holds its
 * link, so one bad record does not hold back the device's later records.
 */

interface HeldRow {
  readonly hash: string;
  readonly receipt_no: string;
  readonly platform_time: string;
  readonly ts_sig: string;
}

const MAX_DETAIL = 200;
/** Refusal-log entries kept per device: enough to diagnose, bounded against a flooding device. */
export const MAX_REJECTIONS_PER_DEVICE = 1_000;

function receiptNo(ledger: number): string {
  return `R-${String(ledger).padStart(10, '0')}`;
}

function rejection(event: EventEnvelope, code: PushRejectionCode, detail?: string): PushVerdict {
  return {
    eventId: event.eventId,
    seq: event.seq,
    verdict: 'rejected',
    code,
    ...(detail === undefined ? {} : { detail: detail.slice(0, MAX_DETAIL) }),
  };
}

function chainRejection(event: EventEnvelope, verdict: CursorVerdict, head: number): PushVerdict {
  switch (verdict.kind) {
    case 'altered':
      return rejection(event, 'bad-hash');
    case 'bad-signature':
      return rejection(event, 'bad-signature');
    case 'wrong-device':
      return rejection(event, 'bad-signature', 'wrong-device');
    case 'gap':
      return rejection(event, 'chain-gap', `missing:${verdict.missing.from}-${verdict.missing.to}`);
    case 'fork':
      return rejection(event, 'chain-fork', event.seq <= head ? 'seq-taken' : 'prev-hash');
    default:
      return rejection(event, 'chain-fork', verdict.kind);
  }
}

interface Accepted {
  readonly index: number;
  readonly event: EventEnvelope;
  /** Its content as parsed when it was judged. */
  readonly content: ChainEvent;
  readonly body: string;
  /** The timestamp token's signature, made while the rest of the batch is judged. */
  readonly sig: Promise<CatalogueSignature>;
}

function held(db: Db, deviceId: string, seq: number): HeldRow | undefined {
  return db
    .prepare<[string, number], HeldRow>(
      'SELECT hash, receipt_no, platform_time, ts_sig FROM events WHERE device_id = ? AND seq = ?',
    )
    .get(deviceId, seq);
}

interface RefusedLinkRow {
  readonly hash: string;
  readonly code: PushRejectionCode;
  readonly detail: string | null;
}

function refusedLink(db: Db, deviceId: string, seq: number): RefusedLinkRow | undefined {
  return db
    .prepare<[string, number], RefusedLinkRow>(
      'SELECT hash, code, detail FROM refused_links WHERE device_id = ? AND seq = ?',
    )
    .get(deviceId, seq);
}

interface Refused extends ContentRefusal {
  readonly event: EventEnvelope;
  readonly body: string;
}

function signatureOf(row: HeldRow): CatalogueSignature {
  return JSON.parse(row.ts_sig) as CatalogueSignature;
}

export function push(
  ctx: PlatformContext,
  request: PushRequest,
  raw: CanonicalJson,
  authorised: DeviceRow,
): Promise<Answer> {
  return ctx.locks.run(authorised.device_id, () => judge(ctx, request, raw, authorised.device_id));
}

async function judge(
  ctx: PlatformContext,
  request: PushRequest,
  raw: CanonicalJson,
  deviceId: string,
): Promise<Answer> {
  const db = ctx.db;
  const requestHash = contentHash(raw);
  const stored = db
    .prepare<[string], { device_id: string; request_hash: string; response: string }>(
      'SELECT device_id, request_hash, response FROM batches WHERE batch_id = ?',
    )
    .get(request.batchId);
  if (stored) {
    if (stored.device_id !== deviceId || stored.request_hash !== requestHash) {
      return refuse('malformed', [{ path: 'batchId', code: 'batch-id-reused' }]);
    }
    return ok(JSON.parse(stored.response));
  }

  const device = deviceById(db, deviceId);
  if (!device) return refuse('unknown-device');
  // Each event verifies under the key that signed its seq (a rotated device's older events too).
  const chainDevice: ChainDevice = chainDeviceOf(db, device);
  // The device's declared losses, read once: the device's lock holds them still for the batch.
  const losses = declaredLossesOf(db, deviceId);
  const options = {
    hashAt: (seq: number) =>
      held(db, deviceId, seq)?.hash ?? refusedLink(db, deviceId, seq)?.hash ?? losses.get(seq),
  };
  // Declared losses right after the head are passed over: the next event links to their hash.
  let cursor = new ChainCursor(
    chainDevice,
    ctx.verifiers,
    overLosses(losses, { seq: device.head_seq, hash: device.head_hash }),
    options,
  );
  const time = chinaInstant(ctx.now());
  const rawEvents = (raw as { readonly events: readonly CanonicalJson[] }).events;
  const verdicts: (PushVerdict | null)[] = [];
  const accepted: Accepted[] = [];
  const refused: Refused[] = [];
  let rejected = false;

  // Signatures are checked all at once (WebCrypto works them in parallel); the chain in order.
  const integrity = await Promise.all(
    request.events.map((event) => checkIntegrity(event, chainDevice, ctx.verifiers)),
  );
  // Read after the last wait before the judging: nothing else runs until the events are judged.
  const batch: BatchRecords = {
    refused: new Set(),
    views: new Map(),
    held: heldRecords(db, request.events),
  };
  for (const [index, event] of request.events.entries()) {
    if (rejected) {
      verdicts.push(rejection(event, 'after-rejected'));
      continue;
    }
    const verdict = await cursor.classify(event, integrity[index]);
    if (verdict.kind === 'duplicate') {
      const link = refusedLink(db, deviceId, event.seq);
      if (link) {
        verdicts.push(rejection(event, link.code, link.detail ?? undefined));
        continue;
      }
      const row = held(db, deviceId, event.seq);
      if (!row) throw new Error('duplicate without a held event');
      verdicts.push({
        eventId: event.eventId,
        seq: event.seq,
        verdict: 'duplicate',
        receiptNo: row.receipt_no,
        timestampToken: { time: row.platform_time, platformSig: signatureOf(row) },
      });
      continue;
    }
    if (verdict.kind !== 'next') {
      verdicts.push(chainRejection(event, verdict, cursor.head.seq));
      rejected = true;
      continue;
    }
    const body = canonicalize(rawEvents[index] ?? null);
    const judged = judgeContent(
      db,
      device,
      event,
      batch,
      ctx.catalogues.get(device.hall_code)?.catalogue,
    );
    if (!judged.ok) {
      const { refusal } = judged;
      verdicts.push(rejection(event, refusal.code, refusal.detail));
      refused.push({ ...refusal, event, body });
      if (event.recordId !== null && poisons(refusal)) batch.refused.add(event.recordId);
    } else {
      accepted.push({
        index,
        event,
        content: judged.content,
        body,
        sig: ctx.keys.sign(timestampTokenContent(event.hash, time)),
      });
      verdicts.push(null);
    }
    cursor = new ChainCursor(chainDevice, ctx.verifiers, overLosses(losses, verdict.head), options);
  }

  const signatures = await Promise.all(accepted.map((a) => a.sig));
  const response = db.transaction((): PushResponse => {
    // The batch's ledger numbers in one step, consecutive as one by one would give them.
    const firstLedger = accepted.length > 0 ? nextLedgers(db, accepted.length) : 0;
    for (const [n, a] of accepted.entries()) {
      const sig = signatures[n];
      if (!sig) throw new Error('timestamp signature missing');
      const ledger = firstLedger + n;
      const receipt = receiptNo(ledger);
      db.prepare(
        `INSERT INTO events (ledger, device_id, seq, event_id, record_id, type, hash, body,
           receipt_no, platform_time, ts_sig, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        ledger,
        deviceId,
        a.event.seq,
        a.event.eventId,
        a.event.recordId,
        a.event.type,
        a.event.hash,
        a.body,
        receipt,
        time,
        JSON.stringify(sig),
        request.batchId,
      );
      indexRecord(db, device, a.event, a.content);
      verdicts[a.index] = {
        eventId: a.event.eventId,
        seq: a.event.seq,
        verdict: 'accepted',
        receiptNo: receipt,
        timestampToken: { time, platformSig: sig },
      };
    }
    const link = db.prepare(
      `INSERT INTO refused_links (device_id, seq, event_id, record_id, hash, body, code, detail,
         batch_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of refused) {
      link.run(
        deviceId,
        r.event.seq,
        r.event.eventId,
        r.event.recordId,
        r.event.hash,
        r.body,
        r.code,
        r.detail.slice(0, MAX_DETAIL),
        request.batchId,
        time,
      );
    }
    // The head is the last sound link, accepted or refused for its content.
    if (cursor.head.seq > device.head_seq) {
      db.prepare('UPDATE devices SET head_seq = ?, head_hash = ? WHERE device_id = ?').run(
        cursor.head.seq,
        cursor.head.hash,
        deviceId,
      );
    }
    const log = db.prepare(
      `INSERT INTO rejections (device_id, batch_id, event_id, seq, code, detail, hash, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The log names each refused event once: the events after a broken link are implied by it
    // ('after-rejected', in the stored answer), and a device keeps its latest entries only.
    request.events.forEach((event, i) => {
      const v = verdicts[i];
      if (v?.verdict === 'rejected' && v.code !== 'after-rejected') {
        log.run(
          deviceId,
          request.batchId,
          v.eventId,
          v.seq,
          v.code,
          v.detail ?? null,
          event.hash,
          time,
        );
      }
    });
    db.prepare(
      `DELETE FROM rejections WHERE device_id = ? AND id <= (
         SELECT id FROM rejections WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ).run(deviceId, deviceId, MAX_REJECTIONS_PER_DEVICE);
    const result: PushResponse = {
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      batchId: request.batchId,
      verdicts: verdicts.map((v) => {
        if (v === null) throw new Error('verdict missing');
        return v;
      }),
    };
    db.prepare(
      'INSERT INTO batches (batch_id, device_id, request_hash, response, at) VALUES (?, ?, ?, ?, ?)',
    ).run(request.batchId, deviceId, requestHash, JSON.stringify(result), time);
    return result;
  })();
  return ok(response);
}

/** Signed records are indexed for the public query and the admin commands. */
function indexRecord(db: Db, device: DeviceRow, event: EventEnvelope, content: ChainEvent): void {
  // The content as judged: an accepted record.signed event's payload parsed already.
  if (content.type !== 'record.signed' || event.recordId === null) return;
  const { payload } = content;
  db.prepare(
    `INSERT OR IGNORE INTO records (record_id, hall_code, device_id, commitment_code, id_number, entity_name)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    event.recordId,
    device.hall_code,
    device.device_id,
    payload.commitmentCode,
    payload.entity.idNumber,
    payload.entity.name,
  );
}

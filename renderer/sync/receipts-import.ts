import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import type { EventEnvelope } from '../../shared/events/envelope';
import type { PushVerdict } from '../../shared/platform/push';
import { parseReceiptsFile, type ReceiptsFileError } from '../../shared/platform/receipts-file';
import { verifyPlatformSignature } from '../platform/trust';
import type { KioskDb } from '../store/db';
import { refreshRecordRows } from '../store/records';
import { entryAfter, verifyTokens } from './push';
import { checkStoreNow } from './self-check';

/**
 * The platform's receipts file, carried back after an offline import (shared/platform/
 * receipts-file.ts). Applied like a push answer, to the events still waiting: the file must be
 * this device's and signed by a trusted platform key, each verdict must name an event of this
 * device at the same place in the chain, and each receipt's timestamp token must sign that event's
 * own hash. Anything wrong refuses the whole file and changes nothing.
 */

export type ReceiptsImportError =
  ReceiptsFileError | 'other-device' | 'bad-signature' | 'unknown-event' | 'bad-timestamp-token';

export interface ReceiptsImportSummary {
  readonly accepted: number;
  readonly refused: number;
  /** Verdicts for events this device already had a verdict for (synced earlier). */
  readonly alreadyKnown: number;
  readonly issuedAt: string;
}

export type ReceiptsImportResult =
  | { readonly ok: true; readonly value: ReceiptsImportSummary }
  | { readonly ok: false; readonly error: ReceiptsImportError };

export interface ReceiptsImportDeps {
  readonly db: KioskDb;
  readonly deviceId: string;
  readonly trusted: readonly TrustedCatalogueKey[];
  readonly verifiers: VerifierRegistry;
}

export async function importReceipts(
  deps: ReceiptsImportDeps,
  bytes: Uint8Array,
): Promise<ReceiptsImportResult> {
  const parsed = parseReceiptsFile(bytes);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { body, platformSig } = parsed.file;
  if (body.deviceId !== deps.deviceId) return { ok: false, error: 'other-device' };
  if (!(await verifyPlatformSignature(parsed.signed, platformSig, deps.trusted, deps.verifiers)))
    return { ok: false, error: 'bad-signature' };

  const { db } = deps;
  // Every verdict must name an event of this device at its place in the chain; the outbox holds
  // one entry per event, unsealed, so a file of many settled verdicts opens no sealed event.
  const entries = await db.outbox.bulkGet(body.verdicts.map((v) => v.eventId));
  const pending: PushVerdict[] = [];
  for (const [i, verdict] of body.verdicts.entries()) {
    const entry = entries[i];
    if (!entry || entry.seq !== verdict.seq) return { ok: false, error: 'unknown-event' };
    if (entry.state === 'pending') pending.push(verdict);
  }
  const stored = await db.events.bulkGet(pending.map((v) => v.eventId));
  const events: EventEnvelope[] = [];
  for (const [i, verdict] of pending.entries()) {
    const event = stored[i];
    if (!event || event.seq !== verdict.seq) return { ok: false, error: 'unknown-event' };
    events.push(event);
  }
  // Only the verdicts that change something are checked one by one (an ECDSA verify each).
  if (!(await verifyTokens(deps, pending, events)))
    return { ok: false, error: 'bad-timestamp-token' };

  const imported = await db.transaction(
    'rw',
    [db.outbox, db.records, db.events, db.central, db.meta],
    async () => {
      let accepted = 0;
      let refused = 0;
      const records = new Set<string>();
      for (const verdict of pending) {
        const entry = await db.outbox.get(verdict.eventId);
        // A sync that ran meanwhile may have stored this one already.
        if (!entry || entry.state !== 'pending') continue;
        await db.outbox.put(entryAfter(entry, verdict));
        if (verdict.verdict === 'rejected') refused += 1;
        else accepted += 1;
        if (entry.recordId !== null) records.add(entry.recordId);
      }
      await refreshRecordRows(db, [...records]);
      return {
        ok: true as const,
        value: {
          accepted,
          refused,
          alreadyKnown: body.verdicts.length - accepted - refused,
          issuedAt: body.issuedAt,
        },
      };
    },
  );
  // The receipts now held are checked against the events they attest (self-check.ts).
  await checkStoreNow(db, deps.verifiers).catch(() => null);
  return imported;
}

import { bytesToHex } from '@noble/hashes/utils';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import { checkTimestampToken } from '../pki/timestamp-token';
import { base64ToBytes } from '../pki/base64';
import {
  LETTER_PREFIX,
  LETTER_TIMESTAMP_PREFIX,
  archivedBlobKey,
  letterBlobKey,
  letterTimestampBlobKey,
} from '../store/blob-keys';
import type { KioskDb } from '../store/db';
import type { PhaseContext, PhaseResult } from './context';
import { withRetry } from './retry';

/**
 * The letters' document timestamps (issue 16): each signed letter the device keeps whose record
 * the platform holds (synced) gets the platform's RFC 3161 token as a document timestamp, in an
 * incremental update after the signed bytes. The token is checked against the shipped roots before
 * the letter is replaced; the new letter must start with the old one byte for byte, and both are
 * written with the timestamp note in one transaction. A letter whose record is not yet synced waits
 * for a later run; a refusal of one letter does not stop the others.
 */

export interface TimestampSummary {
  readonly stamped: number;
  /** Letters the platform or the check refused this run (they are tried again next run). */
  readonly refused: number;
}

/** What the note beside a timestamped letter says. */
export interface LetterTimestampNote {
  readonly time: string;
  readonly digest: string;
  /** The length of the letter as signed: its bytes are the first ones of the stored letter. */
  readonly signedLength: number;
}

/** Letters kept without a timestamp, of synced records. */
export async function lettersAwaitingTimestamp(db: KioskDb): Promise<string[]> {
  const letters = await db.blobs.where('key').startsWith(LETTER_PREFIX).primaryKeys();
  const stamped = new Set(
    (await db.blobs.where('key').startsWith(LETTER_TIMESTAMP_PREFIX).primaryKeys()).map((k) =>
      k.slice(LETTER_TIMESTAMP_PREFIX.length),
    ),
  );
  const waiting = letters
    .map((k) => k.slice(LETTER_PREFIX.length))
    .filter((id) => !stamped.has(id));
  const rows = await db.records.bulkGet(waiting);
  return waiting.filter((_, i) => rows[i]?.synced === 1);
}

function sameStart(whole: Uint8Array, start: Uint8Array): boolean {
  if (whole.length <= start.length) return false;
  for (let i = 0; i < start.length; i += 1) if (whole[i] !== start[i]) return false;
  return true;
}

export async function timestampLetters(ctx: PhaseContext): Promise<PhaseResult<TimestampSummary>> {
  const { db } = ctx;
  const waiting = await lettersAwaitingTimestamp(db);
  if (waiting.length === 0) return { ok: true, value: { stamped: 0, refused: 0 } };
  const { prepareDocumentTimestamp, embedTimestampToken } =
    await import('../pdf/sign/doc-timestamp');
  let stamped = 0;
  let refused = 0;
  for (const recordId of waiting) {
    const letter = await db.blobs.get(letterBlobKey(recordId));
    if (!letter) continue;
    // A letter this code cannot extend (not the PDF it wrote) stays as it is, and is counted.
    const prepared = await prepareDocumentTimestamp(letter.data).catch(() => null);
    if (!prepared) {
      refused += 1;
      continue;
    }
    const digest = bytesToHex(prepared.digest);
    const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
      ctx.client.letterTimestamp({ recordId, digest }, ctx.signal ? { signal: ctx.signal } : {}),
    );
    if (!answer.ok) {
      // A letter the platform does not hold (yet) waits; anything else stops the step.
      if (answer.failure.kind === 'http' || answer.failure.kind === 'bad-response') {
        refused += 1;
        continue;
      }
      return { ok: false, error: { kind: 'platform', failure: answer.failure } };
    }
    const token = base64ToBytes(answer.value.token);
    const check = await checkTimestampToken(token, prepared.digest, provisionedRootCertificates());
    if (answer.value.digest !== digest || !check.ok) {
      refused += 1;
      continue;
    }
    const timestamped = embedTimestampToken(prepared, token);
    if (!sameStart(timestamped, letter.data)) throw new Error('timestamp changed the signed bytes');
    const note: LetterTimestampNote = {
      time: answer.value.time,
      digest,
      signedLength: letter.data.length,
    };
    await db.transaction('rw', [db.blobs], async () => {
      // Re-read: a purge in between removed the letter, and then nothing is written back.
      const current = await db.blobs.get(letterBlobKey(recordId));
      if (!current || current.data.length !== letter.data.length) return;
      await db.blobs.put({
        key: letterBlobKey(recordId),
        mimeType: letter.mimeType,
        data: timestamped,
      });
      // The platform's copy is the letter as signed: the timestamped one goes to it again.
      await db.blobs.delete(archivedBlobKey('letter', recordId));
      await db.blobs.put({
        key: letterTimestampBlobKey(recordId),
        mimeType: 'application/json',
        data: new TextEncoder().encode(JSON.stringify(note)),
      });
    });
    stamped += 1;
  }
  return { ok: true, value: { stamped, refused } };
}

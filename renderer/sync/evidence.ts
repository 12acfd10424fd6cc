import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { canonicalBytes } from '../../shared/crypto/canonical';
import { EVIDENCE_KINDS, evidenceContent } from '../../shared/platform/evidence';
import type { EvidenceKind } from '../../shared/platform/evidence';
import { bytesToBase64 } from '../pki/base64';
import { ARCHIVED_PREFIX, EVIDENCE_BLOB_PREFIXES, archivedBlobKey } from '../store/blob-keys';
import type { KioskDb } from '../store/db';
import type { PhaseContext, PhaseResult } from './context';
import { withRetry } from './retry';

/**
 * Evidence to the platform (issue 16): the letter, the signature image and the photo of each
 * synced record, one file per request, each signed for by the device key. The platform's answer
 * is stored as the file's acknowledgement (archived:<kind>:<record>), which the retention purge
 * waits for. A stopped run resumes at the first file without one; a file sent twice is answered
 * 'duplicate' and acknowledged the same.
 */

export interface EvidenceSummary {
  readonly archived: number;
  /** Files the platform refused this run (they stay on the device and are tried again). */
  readonly refused: number;
}

export interface ArchivedNote {
  readonly sha256: string;
  readonly receivedAt: string;
}

interface PendingFile {
  readonly recordId: string;
  readonly kind: EvidenceKind;
}

/** Files of synced records without the platform's acknowledgement, by their keys alone. */
export async function pendingEvidence(db: KioskDb): Promise<PendingFile[]> {
  const acknowledged = new Set(
    await db.blobs.where('key').startsWith(ARCHIVED_PREFIX).primaryKeys(),
  );
  const files: PendingFile[] = [];
  for (const kind of EVIDENCE_KINDS) {
    const prefix = EVIDENCE_BLOB_PREFIXES[kind];
    for (const key of await db.blobs.where('key').startsWith(prefix).primaryKeys()) {
      const recordId = key.slice(prefix.length);
      if (!acknowledged.has(archivedBlobKey(kind, recordId))) files.push({ recordId, kind });
    }
  }
  const rows = await db.records.bulkGet(files.map((f) => f.recordId));
  return files.filter((_, i) => rows[i]?.synced === 1);
}

export async function sendEvidence(ctx: PhaseContext): Promise<PhaseResult<EvidenceSummary>> {
  const { db, signer } = ctx;
  if (!signer) return { ok: true, value: { archived: 0, refused: 0 } };
  let archived = 0;
  let refused = 0;
  for (const { recordId, kind } of await pendingEvidence(db)) {
    const key = `${EVIDENCE_BLOB_PREFIXES[kind]}${recordId}`;
    const file = await db.blobs.get(key);
    if (!file) continue;
    const hash = bytesToHex(sha256(file.data));
    const deviceSig = await signer.sign(
      canonicalBytes(evidenceContent(ctx.device.deviceId, recordId, kind, hash)),
    );
    const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
      ctx.client.evidence(
        {
          recordId,
          kind,
          mimeType: file.mimeType,
          sha256: hash,
          data: bytesToBase64(file.data),
          deviceSig,
        },
        ctx.signal ? { signal: ctx.signal } : {},
      ),
    );
    if (!answer.ok) {
      if (answer.failure.kind === 'http' || answer.failure.kind === 'bad-response') {
        refused += 1;
        continue;
      }
      return { ok: false, error: { kind: 'platform', failure: answer.failure } };
    }
    if (answer.value.sha256 !== hash || answer.value.recordId !== recordId) {
      refused += 1;
      continue;
    }
    const note: ArchivedNote = { sha256: hash, receivedAt: answer.value.receivedAt };
    await db.transaction('rw', [db.blobs], async () => {
      // Acknowledged only for the bytes still held (a timestamp may have replaced the letter).
      const current = await db.blobs.get(key);
      if (!current || bytesToHex(sha256(current.data)) !== hash) return;
      await db.blobs.put({
        key: archivedBlobKey(kind, recordId),
        mimeType: 'application/json',
        data: new TextEncoder().encode(JSON.stringify(note)),
      });
    });
    archived += 1;
  }
  return { ok: true, value: { archived, refused } };
}

import { createHash } from 'node:crypto';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import type { SignatureAlgorithm } from '../../../shared/crypto/signing';
import { EventEnvelopeSchema } from '../../../shared/events/envelope';
import { evidenceContent } from '../../../shared/platform/evidence';
import type {
  EvidenceKind,
  EvidenceUploadRequest,
  EvidenceUploadResponse,
} from '../../../shared/platform/evidence';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { RecordSignedPayloadSchema } from '../../../shared/record/events';
import { chinaInstant } from '../../../shared/time';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';

/**
 * Evidence (shared/platform/evidence.ts): a file of a record this device made and the platform
 * holds, checked against what binds it (the signed event's hashes, or the device's signature over
 * the letter's hash), stored once per record and kind. The same bytes again: 'duplicate' with the
 * first acknowledgement. A letter may be replaced only by itself with an update appended (the
 * document timestamp); any other change is refused and the stored file stays.
 */

interface EvidenceRow {
  readonly sha256: string;
  readonly data: Buffer;
  readonly received_at: string;
}

function signedPayload(ctx: PlatformContext, recordId: string, deviceId: string) {
  const row = ctx.db
    .prepare<[string, string], { body: string }>(
      `SELECT body FROM events WHERE record_id = ? AND device_id = ? AND type = 'record.signed'`,
    )
    .get(recordId, deviceId);
  if (!row) return null;
  const envelope = EventEnvelopeSchema.safeParse(JSON.parse(row.body));
  if (!envelope.success) return null;
  const payload = RecordSignedPayloadSchema.safeParse(envelope.data.payload);
  return payload.success ? payload.data : null;
}

/** The hash the signed event binds for an image kind; null where it binds none. */
function boundHash(
  payload: NonNullable<ReturnType<typeof signedPayload>>,
  kind: Exclude<EvidenceKind, 'letter'>,
): string | null {
  if (kind === 'signature')
    return payload.signature.method === 'drawn' ? payload.signature.imageHash : null;
  return payload.photo?.status === 'taken' ? payload.photo.imageHash : null;
}

export async function uploadEvidence(
  ctx: PlatformContext,
  request: EvidenceUploadRequest,
  device: DeviceRow,
): Promise<Answer> {
  const { recordId, kind, sha256 } = request;
  const payload = signedPayload(ctx, recordId, device.device_id);
  if (!payload) return refuse('not-found', [{ path: 'recordId', code: 'not-held' }]);
  const data = Buffer.from(request.data, 'base64');
  if (createHash('sha256').update(data).digest('hex') !== sha256)
    return refuse('malformed', [{ path: 'sha256', code: 'hash-mismatch' }]);
  if (kind === 'letter') {
    if (data.subarray(0, 5).toString('latin1') !== '%PDF-')
      return refuse('malformed', [{ path: 'data', code: 'not-a-pdf' }]);
  } else if (boundHash(payload, kind) !== sha256) {
    return refuse('malformed', [{ path: 'sha256', code: 'not-bound' }]);
  }
  const signed = await ctx.verifiers
    .verifierFor(device.key_alg as SignatureAlgorithm)
    .verify(
      { algorithm: device.key_alg as SignatureAlgorithm, publicKey: device.public_key },
      canonicalBytes(evidenceContent(device.device_id, recordId, kind, sha256)),
      request.deviceSig,
    )
    .catch(() => false);
  if (!signed) return refuse('malformed', [{ path: 'deviceSig', code: 'bad-signature' }]);

  const answer = (verdict: EvidenceUploadResponse['verdict'], receivedAt: string): Answer =>
    ok({
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      recordId,
      kind,
      sha256,
      verdict,
      receivedAt,
    } satisfies EvidenceUploadResponse);
  return ctx.locks.run(`evidence:${recordId}`, () => {
    const db = ctx.db;
    const held = db
      .prepare<[string, string], EvidenceRow>(
        'SELECT sha256, data, received_at FROM evidence WHERE record_id = ? AND kind = ?',
      )
      .get(recordId, kind);
    if (held?.sha256 === sha256) return Promise.resolve(answer('duplicate', held.received_at));
    // Only a letter grows, and only by an appended update: its stored bytes stay its first bytes.
    if (
      held &&
      !(
        kind === 'letter' &&
        data.length > held.data.length &&
        data.subarray(0, held.data.length).equals(held.data)
      )
    )
      return Promise.resolve(refuse('malformed', [{ path: 'data', code: 'differs-from-held' }]));
    const receivedAt = chinaInstant(ctx.now());
    db.prepare(
      `INSERT INTO evidence (record_id, kind, device_id, mime_type, sha256, data, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (record_id, kind) DO UPDATE SET mime_type = excluded.mime_type,
         sha256 = excluded.sha256, data = excluded.data, received_at = excluded.received_at`,
    ).run(recordId, kind, device.device_id, request.mimeType, sha256, data, receivedAt);
    return Promise.resolve(answer('stored', receivedAt));
  });
}

import { isPublished } from '../../../shared/console/publication';
import type {
  ArchivedLetterRequest,
  ArchivedLetterResponse,
  VerifyRequest,
  VerifyResponse,
} from '../../../shared/platform/verify';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import { foldRecord } from '../records';
import type { RecordRow } from '../records';
import { toPublic } from './public-query';

/**
 * The letter's verify question (shared/platform/verify.ts) and the archived letter for its hall.
 * The verify answer never says more than the public query would: the masked view, and only for a
 * record published to the public; for any other record, its status and whether the hash matches.
 */

function recordRow(ctx: PlatformContext, recordId: string): RecordRow | undefined {
  return ctx.db
    .prepare<[string], RecordRow>('SELECT * FROM records WHERE record_id = ?')
    .get(recordId);
}

export function verifyLetter(ctx: PlatformContext, request: VerifyRequest): VerifyResponse {
  const row = recordRow(ctx, request.recordId);
  const view = row ? foldRecord(ctx.db, row.record_id) : null;
  if (!row || !view)
    return {
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      status: 'unknown',
      hashMatches: false,
      letterArchived: false,
      commitment: null,
    };
  const archived = ctx.db
    .prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM evidence WHERE record_id = ? AND kind = 'letter'`,
    )
    .get(row.record_id);
  return {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    status: view.state === 'voided' ? 'revoked' : 'valid',
    hashMatches: view.signed.document.hash === request.documentHash,
    letterArchived: (archived?.n ?? 0) > 0,
    commitment: isPublished(view)
      ? toPublic(view, ctx.catalogues.get(row.hall_code)?.catalogue)
      : null,
  };
}

export function verifyAnswer(ctx: PlatformContext, request: VerifyRequest): Answer {
  return ok(verifyLetter(ctx, request));
}

/** The archived letter of a record of the device's own hall; any other record is 'not-found'. */
export function archivedLetter(
  ctx: PlatformContext,
  request: ArchivedLetterRequest,
  device: DeviceRow,
): Answer {
  const row = recordRow(ctx, request.recordId);
  // Another hall's record is answered exactly as a record that does not exist.
  if (!row || row.hall_code !== device.hall_code) return refuse('not-found');
  const letter = ctx.db
    .prepare<[string], { sha256: string; data: Buffer; received_at: string }>(
      `SELECT sha256, data, received_at FROM evidence WHERE record_id = ? AND kind = 'letter'`,
    )
    .get(row.record_id);
  if (!letter) return refuse('not-found', [{ path: 'recordId', code: 'no-letter' }]);
  return ok({
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    recordId: row.record_id,
    sha256: letter.sha256,
    data: letter.data.toString('base64'),
    receivedAt: letter.received_at,
  } satisfies ArchivedLetterResponse);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page a phone shows for the QR code: both languages, the Chinese first. */
export function verifyPage(answer: VerifyResponse): string {
  const verdict =
    answer.status === 'unknown'
      ? ['平台没有此承诺记录。', 'The platform holds no such commitment record.']
      : answer.status === 'revoked'
        ? ['此承诺记录已作废。', 'This commitment record has been voided.']
        : answer.hashMatches
          ? ['承诺书与平台记录一致。', 'The letter matches the platform’s record.']
          : [
              '承诺书与平台记录不一致：内容可能被改动。',
              'The letter does not match the platform’s record: it may have been altered.',
            ];
  const c = answer.commitment;
  const rows = c
    ? [
        ['承诺编号 Commitment code', c.commitmentCode],
        ['承诺主体 Committing party', `${c.party.name} (${c.party.code})`],
        ['事由 Reason', c.reason],
        ['承诺日期 Date made', c.dateMade],
        ['受理机关 Accepting organ', c.acceptingOrgan.name],
      ]
    : [];
  const table = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k ?? '')}</th><td>${escapeHtml(v ?? '')}</td></tr>`)
    .join('');
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>承诺书核验 Letter verification</title></head><body>` +
    `<h1>承诺书核验 <span lang="en">Letter verification</span></h1>` +
    `<p>${escapeHtml(verdict[0] ?? '')}</p><p lang="en">${escapeHtml(verdict[1] ?? '')}</p>` +
    (table ? `<table>${table}</table>` : '') +
    `</body></html>`
  );
}

import { isPublished, publishedFinding } from '../../../shared/console/publication';
import type { Catalogue } from '../../../shared/catalogue/schema';
import { maskEntityForAudience } from '../../../shared/masking/mask';
import type {
  PublicCommitment,
  PublicQueryRequest,
  PublicQueryResponse,
} from '../../../shared/platform/public-query';
import { collectedTexts } from '../../../shared/record/collection-texts';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { parseCommitmentCode } from '../../../shared/record/commitment-code';
import { COLLECTED_STATUS, partyCategory } from '../../../shared/record/collection';
import type { RecordView } from '../../../shared/record/lifecycle';
import { ok } from '../context';
import type { Answer, PlatformContext } from '../context';
import { foldRecord } from '../records';
import type { RecordRow } from '../records';

/**
 * The public query: only records published to the public ('public' publication type; natural
 * persons default to 'scope' and so stay out unless they chose otherwise), not voided and not
 * withdrawn after an objection, shown masked for the public audience.
 */

/**
 * The letter's text is not pushed (records carry its hash), so the public content is rebuilt from
 * the catalogue the record pins, as the collection standard's "content" (shared/record/
 * collection-texts.ts): the matter, then the general commitment items it keeps and its own.
 */
function contentOf(view: RecordView, catalogue: Catalogue | undefined): string {
  const texts = catalogue ? collectedTexts(catalogue, view.signed.matter.code) : null;
  return [view.signed.matter.name['zh-CN'], ...(texts ? [texts.content] : [])]
    .join('\n')
    .slice(0, 10_000);
}

export function toPublic(view: RecordView, catalogue: Catalogue | undefined): PublicCommitment {
  const s = view.signed;
  const shown = maskEntityForAudience(s.entity, 'public');
  const code = parseCommitmentCode(s.commitmentCode);
  // Once the entity has repaired its credit, its breach is no longer published (brief §6.5).
  const f = publishedFinding(view) === 'repaired' ? null : view.fulfilment;
  return {
    commitmentCode: s.commitmentCode,
    party: { name: shown.name, category: partyCategory(s.entity), code: shown.idNumber },
    commitmentType: s.commitmentType,
    commitmentTypeName: s.commitmentTypeName ?? null,
    reason: s.matter.name['zh-CN'],
    content: contentOf(view, catalogue),
    dateMade: code.ok ? code.value.date : '',
    validUntil: s.validUntil,
    acceptingOrgan: {
      name: s.acceptingOrgan.name['zh-CN'],
      creditCode: s.acceptingOrgan.creditCode,
    },
    fulfilment: f
      ? {
          status: COLLECTED_STATUS[f.status],
          findingDate: f.findingDate,
          findingOrgan: f.findingOrgan,
        }
      : null,
  };
}

export function publicQuery(ctx: PlatformContext, request: PublicQueryRequest): Answer {
  const { query } = request;
  const rows =
    query.by === 'code'
      ? ctx.db
          .prepare<[string], RecordRow>(
            'SELECT * FROM records WHERE id_number = ? ORDER BY commitment_code',
          )
          .all(query.code)
      : ctx.db
          .prepare<[string], RecordRow>(
            'SELECT * FROM records WHERE entity_name = ? ORDER BY commitment_code',
          )
          .all(query.name);
  const published = rows.flatMap((row) => {
    const view = foldRecord(ctx.db, row.record_id);
    return view && isPublished(view) ? [{ view, hall: row.hall_code }] : [];
  });
  const start = (request.page - 1) * request.pageSize;
  const body: PublicQueryResponse = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    page: request.page,
    total: published.length,
    items: published
      .slice(start, start + request.pageSize)
      .map(({ view, hall }) => toPublic(view, ctx.catalogues.get(hall)?.catalogue)),
  };
  return ok(body);
}

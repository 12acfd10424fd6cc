import type { TFunction } from 'i18next';
import type {
  FulfilmentPayload,
  ObjectionResolvedPayload,
  RepairCompletedPayload,
  RepairRevokedPayload,
} from '../../../shared/record/events';
import { isolated } from '../../../shared/fields/display';
import { rejectionMessage, say } from '../sync/sync-messages';
import type { HistoryRow } from './history';

/** The history table's words: where each event stands with the platform, and what it carries. */

type T = TFunction;

/** Where the event stands with the platform: its receipt, its rejection, or made centrally. */
export function syncText(h: HistoryRow, t: T): string {
  if (h.source === 'central') return t('clerk.detail.fromPlatform');
  const state = h.outbox ? t(`clerk.outbox.${h.outbox.state}`) : t('clerk.outbox.none');
  if (h.receipt)
    return `${state} · ${t('clerk.detail.receiptNo', { receipt: h.receipt.receiptNo })}`;
  if (h.outbox?.rejection) {
    const m = rejectionMessage(h.outbox.rejection.code);
    return `${state} · ${say(t, m)}`;
  }
  return state;
}

const joined = (parts: readonly (string | undefined)[]) =>
  parts.filter((x): x is string => x !== undefined && x !== '').join(' · ');

/**
 * Typed or platform text inside a history line: isolated, with any bidi control written out, so a
 * stored override cannot reverse the date or the words after it.
 */
const own = (text: string | undefined) => (text === undefined ? undefined : isolated(text));

/** "decided by <organ> on <date>", when the event names them. */
function organOn(organ: { readonly name: string } | undefined, date: string | undefined, t: T) {
  return organ && date
    ? t('clerk.detail.decidedBy', { organ: isolated(organ.name), date })
    : undefined;
}

/** The reason an event carries, in words where it is a code. */
export function eventWhy(e: Pick<HistoryRow, 'type' | 'payload'>, t: T): string {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'record.voided':
      return `${t(`clerk.void.reasons.${String(p.reasonCode)}` as 'clerk.void.reasons.other')} · ${isolated(String(p.reasonText))}${p.approvedBy ? ` · ${t('clerk.detail.approvedBy', { id: String(p.approvedBy) })}` : ''}`;
    case 'fulfilment.recorded': {
      // Brief §9: what was not kept, the liability imposed, and the finding organ and date.
      const f = p as Partial<FulfilmentPayload>;
      return joined([
        t(`clerk.fulfilment.statuses.${String(f.status)}` as 'clerk.fulfilment.statuses.kept'),
        own(f.notKept),
        own(f.liabilityImposed),
        f.permitRevoked ? t('clerk.detail.permitRevoked') : undefined,
        organOn(f.findingOrgan, f.findingDate, t),
      ]);
    }
    case 'objection.filed':
      return `${isolated(String(p.grounds))} · ${t('clerk.detail.deadline', { date: String(p.deadline) })}`;
    case 'objection.resolved': {
      const r = p as Partial<ObjectionResolvedPayload>;
      return joined([
        t(`clerk.objection.results.${String(r.result)}` as 'clerk.objection.results.kept'),
        own(r.note),
        organOn(r.resolvedBy, r.resolvedOn, t),
      ]);
    }
    case 'repair.step-recorded':
      return joined([
        t(`clerk.repair.steps.${String(p.step)}` as 'clerk.repair.steps.training'),
        typeof p.note === 'string' ? isolated(p.note) : undefined,
      ]);
    case 'repair.completed': {
      const c = p as Partial<RepairCompletedPayload>;
      return organOn(c.decidedBy, c.completedOn, t) ?? '';
    }
    case 'repair.revoked': {
      const r = p as Partial<RepairRevokedPayload>;
      return joined([own(r.reason), organOn(r.decidedBy, r.revokedOn, t)]);
    }
    case 'material.received':
      return joined([
        String(p.materialId),
        t('stats.detail.received', { date: String(p.receivedOn), by: String(p.by) }),
        typeof p.note === 'string' ? p.note : undefined,
      ]);
    case 'case.linked':
      return `${String(p.caseNumber)} · ${t(`stats.case.source.${p.source === 'scanned' ? 'scanned' : 'typed'}`)}`;
    case 'audit.record.reprinted':
      return typeof p.reason === 'string' ? isolated(p.reason) : '';
    default:
      return '';
  }
}

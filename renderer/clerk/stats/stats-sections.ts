import type { TFunction } from 'i18next';
import type { Catalogue } from '../../../shared/catalogue/schema';
import type { Language } from '../../../shared/model';
import { DUE_KINDS, findings, rate, type StatsFigures } from '../../../shared/stats/figures';
import { matterName } from '../format';
import type { ReportSection } from '../report/render';

/** A rate for people: "87.5 %", or a dash when there is nothing to share. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${value} %`;
}

/**
 * The figures as the tables the screen shows beside its charts and the report engine prints
 * (PDF) and writes (XLSX): one list, so the three never disagree.
 */
export function statsSections(
  f: StatsFigures,
  t: TFunction,
  catalogue: Catalogue | null | undefined,
  lang: Language,
): ReportSection[] {
  const count = t('stats.stats.count');
  const o = f.outcomes;
  const decided = findings(f);
  return [
    {
      heading: t('stats.stats.outcomes'),
      header: [t('stats.stats.item'), count, t('stats.stats.rate')],
      rows: [
        [t('stats.stats.outcome.made'), o.made, ''],
        [t('stats.stats.outcome.awaiting'), o.awaiting, ''],
        [t('stats.stats.outcome.kept'), o.kept, percent(rate(o.kept, decided))],
        [t('stats.stats.outcome.partlyKept'), o.partlyKept, percent(rate(o.partlyKept, decided))],
        [t('stats.stats.outcome.breached'), o.breached, percent(rate(o.breached, decided))],
        [t('stats.stats.outcome.revoked'), o.revoked, ''],
        [t('stats.stats.outcome.repairing'), o.repairing, ''],
        [t('stats.stats.outcome.repaired'), o.repaired, percent(rate(o.repaired, o.breached))],
        [t('stats.stats.outcome.voided'), o.voided, percent(rate(o.voided, o.made))],
        [t('stats.stats.objectionsPending'), f.objections.pending, ''],
        [t('stats.stats.objectionsResolved'), f.objections.resolved, ''],
        [t('stats.stats.deadlinesOpen'), f.deadlines.open, ''],
        [t('stats.stats.deadlinesOverdue'), f.deadlines.overdue, ''],
        [t('stats.stats.provisional'), f.provisional, percent(rate(f.provisional, o.made))],
      ],
    },
    {
      heading: t('stats.stats.byMonth'),
      header: [t('stats.stats.month'), count],
      rows: f.byMonth.map(([m, n]) => [m, n]),
    },
    {
      heading: t('stats.stats.byDay'),
      header: [t('stats.stats.day'), count],
      rows: f.byDay.map(([d, n]) => [d, n]),
    },
    {
      heading: t('stats.stats.byMatter'),
      header: [t('clerk.records.cols.matter'), t('clerk.report.matterName'), count],
      rows: f.byMatter.map(([code, n]) => [code, matterName(catalogue, code, lang), n]),
    },
    {
      heading: t('stats.stats.byType'),
      header: [t('stats.stats.type'), count],
      rows: f.byType.map(([type, n]) => [t(`kiosk.matter.type.${type}`), n]),
    },
    {
      heading: t('stats.stats.byEntityKind'),
      header: [t('stats.stats.entityKind'), count],
      rows: f.byEntityKind.map(([kind, n]) => [t(`clerk.entityKinds.${kind}`), n]),
    },
    {
      heading: t('stats.stats.deadlinesMet'),
      header: [
        t('stats.stats.metKind'),
        t('stats.stats.metOnTime'),
        t('stats.stats.metLate'),
        t('stats.stats.metOpen'),
        t('stats.stats.metOverdue'),
        t('stats.stats.metRate'),
      ],
      rows: DUE_KINDS.map((kind) => {
        const m = f.deadlinesMet[kind];
        return [
          t(kind === 'verification' ? 'stats.stats.metVerification' : 'stats.stats.metMaterial'),
          m.onTime,
          m.late,
          m.open,
          m.overdue,
          // Of the deadlines met, the share met in time; an overdue one is not yet met.
          percent(rate(m.onTime, m.onTime + m.late)),
        ];
      }),
    },
  ];
}

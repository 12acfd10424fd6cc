import type { TFunction } from 'i18next';
import type { MaskingRules } from '../../../shared/masking/mask';
import type { Catalogue } from '../../../shared/catalogue/schema';
import { toCsv, type CsvCell } from '../../../shared/console/csv';
import type { Language } from '../../../shared/model';
import { listedIdentifier, matterName, printedName, shortTime } from '../format';
import type { DayData } from './gather';

/** One report, as sections of rows: the CSV writes them as they are, the PDF as tables. */
export interface ReportSection {
  readonly heading: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

export function reportSections(
  data: DayData,
  t: TFunction,
  catalogue: Catalogue | null | undefined,
  lang: Language,
  masking: MaskingRules,
): ReportSection[] {
  const { report, rows } = data;
  const r = report.reconciliation;
  const count = t('clerk.report.count');
  return [
    {
      heading: t('clerk.report.summary'),
      header: [t('clerk.report.item'), count],
      rows: [
        [t('clerk.report.records'), report.records],
        [t('clerk.report.syncedRecords'), report.synced],
      ],
    },
    {
      heading: t('clerk.report.byMatter'),
      header: [t('clerk.records.cols.matter'), t('clerk.report.matterName'), count],
      rows: report.byMatter.map(([code, n]) => [code, matterName(catalogue, code, lang), n]),
    },
    {
      heading: t('clerk.report.byState'),
      header: [t('clerk.records.cols.state'), count],
      rows: report.byState.map(([state, n]) => [t(`clerk.states.${state}`), n]),
    },
    {
      heading: t('clerk.report.byEntityKind'),
      header: [t('clerk.report.entityKind'), count],
      rows: report.byEntityKind.map(([kind, n]) => [t(`clerk.entityKinds.${kind}`), n]),
    },
    {
      heading: t('identity.report.byMethod'),
      header: [t('identity.record.heading'), count],
      rows: report.byMethod.map(([method, n]) => [
        method === 'not-recorded'
          ? t('identity.report.notRecorded')
          : t(`identity.methods.${method}`),
        n,
      ]),
    },
    {
      heading: t('clerk.report.reconciliation'),
      header: [t('clerk.report.item'), count],
      rows: [
        [t('clerk.report.events'), r.events],
        [t('clerk.outbox.accepted'), r.accepted],
        [t('clerk.outbox.duplicate'), r.duplicate],
        [t('clerk.outbox.rejected'), r.rejected],
        [t('clerk.outbox.pending'), r.pending],
        [t('clerk.outbox.none'), r.missing],
        [
          r.balanced
            ? t('clerk.report.balanced', { total: r.events })
            : t('clerk.report.unbalanced', {
                total: r.events,
                settled: r.accepted + r.duplicate + r.rejected + r.pending,
              }),
          '',
        ],
      ],
    },
    {
      heading: t('clerk.report.provisional'),
      header: [t('clerk.records.cols.code'), t('clerk.report.outcome')],
      rows: report.provisional.map((p) => [
        p.commitmentCode,
        t(`clerk.report.outcomes.${p.outcome}`),
      ]),
    },
    {
      heading: t('clerk.report.repairsByListed'),
      header: [t('clerk.records.cols.code')],
      rows: report.repairsByListed.map((code) => [code]),
    },
    {
      heading: t('clerk.report.list'),
      header: [
        t('clerk.records.cols.code'),
        t('clerk.records.cols.time'),
        t('clerk.records.cols.entity'),
        t('clerk.records.cols.identifier'),
        t('clerk.records.cols.matter'),
        t('clerk.records.cols.state'),
        t('clerk.records.cols.synced'),
      ],
      rows: rows.map((row) => [
        row.commitmentCode,
        shortTime(row.signedAt),
        printedName(row, masking),
        listedIdentifier(row, masking),
        row.matterCode,
        t(`clerk.states.${row.state}`),
        row.synced === 1 ? t('clerk.records.syncedYes') : t('clerk.records.syncedNo'),
      ]),
    },
  ];
}

export function reportCsv(title: string, day: string, sections: readonly ReportSection[]): string {
  const rows: CsvCell[][] = [[title, day]];
  for (const s of sections) rows.push([], [s.heading], [...s.header], ...s.rows.map((r) => [...r]));
  return toCsv(rows);
}

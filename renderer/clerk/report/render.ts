import type { TFunction } from 'i18next';
import type { MaskingRules } from '../../../shared/masking/mask';
import type { Catalogue } from '../../../shared/catalogue/schema';
import { toCsvTable } from '../../../shared/console/csv';
import type { Language } from '../../../shared/model';
import type { TableCell } from '../../pdf/table';
import { hallTime, listedIdentifier, matterName, printedName, shortTime } from '../format';
import type { DayData } from './gather';

/**
 * The day report's content as plain data, in the clerk's language: sections of counts and the
 * day's records (the screen, the PDF and the XLSX's summary sheet), and the records as one table
 * (the CSV and the XLSX). A new count is one more section here.
 */
export interface ReportSection {
  readonly heading: string;
  /**
   * A list of records by code rather than a table of counts. The screen shows only the counts
   * (its records tab lists the records); the PDF and the XLSX print both.
   */
  readonly listsRecords?: true;
  readonly header: readonly string[];
  /** Numbers are counts (set flush right); an empty section prints "none". */
  readonly rows: readonly (readonly TableCell[])[];
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
      heading: t('identity.report.bySignature'),
      header: [t('identity.report.signature'), count],
      rows: report.bySignature.map(([method, n]) => [t(`identity.report.signatures.${method}`), n]),
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
      listsRecords: true,
      heading: t('clerk.report.provisional'),
      header: [t('clerk.records.cols.code'), t('clerk.report.outcome')],
      rows: report.provisional.map((p) => [
        p.commitmentCode,
        t(`clerk.report.outcomes.${p.outcome}`),
      ]),
    },
    {
      listsRecords: true,
      heading: t('clerk.report.repairsByListed'),
      header: [t('clerk.records.cols.code')],
      rows: report.repairsByListed.map((code) => [code]),
    },
    {
      listsRecords: true,
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

/** The columns of the records table, in order; every one is text except none. */
export const RECORD_COLUMNS = [
  'code',
  'signedAt',
  'entity',
  'identifier',
  'entityKind',
  'matterCode',
  'matterName',
  'state',
  'synced',
  'precheck',
  'recheck',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

export interface RecordTable {
  /** In the language of the `t` it was made with. */
  readonly header: readonly string[];
  /** One row a record, oldest first, cells in RECORD_COLUMNS order; identifiers masked. */
  readonly rows: readonly (readonly string[])[];
}

/** The day's records as one table: what the CSV and the XLSX hold. */
export function recordTable(
  data: DayData,
  t: TFunction,
  catalogue: Catalogue | null | undefined,
  lang: Language,
  masking: MaskingRules,
): RecordTable {
  const checks = new Map(data.records.map((r) => [r.commitmentCode, r]));
  return {
    header: RECORD_COLUMNS.map((c) => t(`report.cols.${c}`)),
    rows: data.rows.map((row) => {
      const check = checks.get(row.commitmentCode);
      const cells: Record<RecordColumn, string> = {
        code: row.commitmentCode,
        signedAt: hallTime(row.signedAt),
        entity: printedName(row, masking),
        identifier: listedIdentifier(row, masking),
        entityKind: t(`clerk.entityKinds.${row.entityKind}`),
        matterCode: row.matterCode,
        matterName: matterName(catalogue, row.matterCode, lang),
        state: t(`clerk.states.${row.state}`),
        synced: row.synced === 1 ? t('report.yes') : t('report.no'),
        precheck: t(`report.precheck.${check?.precheck ?? 'eligible'}`),
        recheck: check?.recheck ? t(`clerk.report.outcomes.${check.recheck}`) : '',
      };
      return RECORD_COLUMNS.map((c) => cells[c]);
    }),
  };
}

export function reportCsv(table: RecordTable): string {
  return toCsvTable(table.header, table.rows);
}

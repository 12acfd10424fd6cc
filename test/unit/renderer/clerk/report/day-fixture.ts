import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { dailyReport, type ReportRecord } from '../../../../../shared/console/daily-report';
import { DEFAULT_MASKING_RULES } from '../../../../../shared/masking/mask';
import type { Language } from '../../../../../shared/model';
import { RECORD_STATES } from '../../../../../shared/record/lifecycle';
import { resources } from '../../../../../renderer/i18n/resources';
import type { DayData } from '../../../../../renderer/clerk/report/gather';
import { recordTable, reportSections } from '../../../../../renderer/clerk/report/render';
import type { RecordTable, ReportSection } from '../../../../../renderer/clerk/report/render';
import { reportPdf } from '../../../../../renderer/clerk/report/report-pdf';
import type { RecordRow } from '../../../../../renderer/store/db';

export const font = new Uint8Array(readFileSync('resources/fonts/NotoSansSC-Regular.ttf'));

const i18n = i18next.createInstance();
await i18n.init({
  resources,
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});
export const tFor = (language: Language): TFunction => i18n.getFixedT(language);

export const DAY = '2026-12-06';
const COMPANIES = [
  '石家庄市长安区示例科技发展有限公司',
  '河北省唐山市路北区某某建筑工程劳务分包有限责任公司第三分公司',
  'Hebei Example Import & Export Trading Co., Ltd.',
  '保定小店',
];
const PEOPLE = ['张三', '欧阳建国', '李四'];

/**
 * `count` records of one day on one device: every record state (信用修复中 among them), every
 * entity kind, long names, provisional pre-checks and credit repairs, so every section has rows.
 */
export function dayData(count: number): DayData {
  const rows: RecordRow[] = [];
  const records: ReportRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const serial = String(i + 1).padStart(4, '0');
    const commitmentCode = `130102${DAY.replaceAll('-', '')}01${serial}`;
    const kind =
      (['legal-person', 'natural-person', 'unincorporated'] as const)[i % 3] ?? 'legal-person';
    const person = kind === 'natural-person';
    const state = RECORD_STATES[i % RECORD_STATES.length] ?? 'signed';
    const second = String(i % 60).padStart(2, '0');
    const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
    const hour = String(8 + Math.floor(i / 3600)).padStart(2, '0');
    rows.push({
      recordId: `rec-${serial}`,
      commitmentCode,
      day: DAY,
      signedAt: `${DAY}T${hour}:${minute}:${second}.000+08:00`,
      matterCode: `HB-${String(100 + (i % 7)).padStart(4, '0')}`,
      entityKind: kind,
      entityName: person
        ? (PEOPLE[i % PEOPLE.length] ?? '')
        : (COMPANIES[i % COMPANIES.length] ?? ''),
      idNumber: person ? `13010219900101${serial}` : `91130102MA0${serial}X7`,
      state,
      objection: 'none',
      synced: i % 5 === 0 ? 0 : 1,
      provisional: i % 11 === 0 ? 1 : 0,
    });
    records.push({
      commitmentCode,
      matterCode: rows[i]?.matterCode ?? '',
      entityKind: kind,
      state,
      synced: i % 5 === 0 ? 0 : 1,
      precheck: i % 11 === 0 ? 'provisional' : i % 13 === 0 ? 'eligible-for-repair' : 'eligible',
      recheck: i % 22 === 0 ? 'eligible' : null,
      signature: i % 17 === 0 ? 'typed-name-confirmed' : 'drawn',
    });
  }
  const events = records.map((_record, i) => ({
    eventId: `ev-${i}`,
    outbox: i % 5 === 0 ? ('pending' as const) : ('accepted' as const),
  }));
  return { report: dailyReport({ day: DAY, records, events }), rows, records };
}

export interface BuiltReport {
  readonly sections: ReportSection[];
  readonly table: RecordTable;
  readonly pdf: Uint8Array;
  readonly title: string;
}

/** The report as the console makes it, in one language. */
export async function buildReport(data: DayData, language: Language): Promise<BuiltReport> {
  const t = tFor(language);
  const sections = reportSections(data, t, null, language, DEFAULT_MASKING_RULES);
  const table = recordTable(data, t, null, language, DEFAULT_MASKING_RULES);
  const title = t('clerk.report.title', { window: '3' });
  const pdf = await reportPdf({
    font,
    title,
    subtitle: t('clerk.report.subtitle', { day: DAY, hall: '130102' }),
    sections,
    language,
    generatedAt: new Date('2026-12-06T09:30:00Z'),
    labels: {
      pageOf: (page, total) => t('report.pageOf', { page, total }),
      generated: t('report.generatedAt', { time: '2026-12-06 17:30:00' }),
      exportedBy: t('report.exportedBy', { clerk: 'C001' }),
      none: t('report.none'),
      preparedBy: t('report.preparedBy'),
      checkedBy: t('report.checkedBy'),
      date: t('report.signDate'),
    },
  });
  return { sections, table, pdf, title };
}

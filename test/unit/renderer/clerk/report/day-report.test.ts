import { mkdirSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../../../shared/model';
import {
  recordTable,
  reportCsv,
  type RecordColumn,
} from '../../../../../renderer/clerk/report/render';
import { reportXlsx } from '../../../../../renderer/clerk/report/report-xlsx';
import { DEFAULT_MASKING_RULES } from '../../../../../shared/masking/mask';
import { pdfText } from '../../pdf/poppler';
import { buildReport, dayData, tFor, type BuiltReport } from './day-fixture';

/**
 * The day report of 1,500 records (issue 19), read back as its readers would: the PDF with
 * pdftotext, the CSV with a CSV library, the XLSX with exceljs.
 */
const data = dayData(1500);
const codes = data.rows.map((r) => r.commitmentCode);
const OUT = 'test-results/report';

describe.each(['zh-CN', 'en'] as const)('the day report PDF in %s', (language: Language) => {
  const t = tFor(language);
  let built: BuiltReport;
  let pages: string[];
  beforeAll(async () => {
    built = await buildReport(data, language);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/day-report-1500-${language}.pdf`, built.pdf);
    pages = pdfText(built.pdf).split('\f').slice(0, -1);
  }, 120_000);

  it('prints every record number whole, none broken over two lines', () => {
    const text = pages.join('\n');
    const whole = new Set(text.match(/\d{20}/g) ?? []);
    expect(codes.filter((c) => !whole.has(c))).toEqual([]);
    // A broken code would leave a run of fewer digits on one line and the rest on the next.
    expect(text.match(/(?<![\dA-Z*])\d{8,19}(?![\dA-Z*])/g) ?? []).toEqual([]);
  });

  it('heads every page with the title, numbers it x of y with the generation time', () => {
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(built.title);
      expect(page, `page ${i + 1}`).toContain(
        t('report.pageOf', { page: i + 1, total: pages.length }),
      );
      expect(page, `page ${i + 1}`).toContain(
        t('report.generatedAt', { time: '2026-12-06 17:30:00' }),
      );
    });
  });

  it("repeats the record list's column headers on every page it runs onto", () => {
    const list = built.sections.find((s) => s.heading === t('clerk.report.list'));
    const first = pages.findIndex((p) => p.includes(t('clerk.report.list')));
    expect(first).toBeGreaterThanOrEqual(0);
    const header = (list?.header ?? []).join(' ');
    for (const [i, page] of pages.entries()) {
      if (i < first || !codes.some((c) => page.includes(c))) continue;
      expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(header);
    }
  });

  it('ends with the prepared-by and checked-by lines', () => {
    const last = pages[pages.length - 1] ?? '';
    expect(last).toContain(t('report.preparedBy'));
    expect(last).toContain(t('report.checkedBy'));
    expect(pages.slice(0, -1).some((p) => p.includes(t('report.preparedBy')))).toBe(false);
  });
});

describe('a day with no records', () => {
  it('says none under every empty section, in both languages', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const t = tFor(language);
      const built = await buildReport(dayData(0), language);
      const empty = built.sections.filter((s) => s.rows.length === 0).length;
      expect(empty).toBeGreaterThanOrEqual(5);
      const lines = pdfText(built.pdf).split('\n');
      expect(lines.filter((l) => l.trim() === t('report.none'))).toHaveLength(empty);
    }
  });
});

describe('the CSV', () => {
  it('is one table a CSV library reads back as the records, codes as plain text', () => {
    const t = tFor('zh-CN');
    const table = recordTable(data, t, null, 'zh-CN', DEFAULT_MASKING_RULES);
    const csv = reportCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).not.toContain('="');
    const parsed: string[][] = parse(csv, { bom: true, relax_column_count: false });
    expect(parsed[0]).toEqual(table.header);
    expect(parsed.slice(1)).toEqual(table.rows);
    // Against the source records, not only against the table it was written from.
    const at = (name: RecordColumn) => table.header.indexOf(t(`report.cols.${name}`));
    expect(parsed.slice(1).map((r) => r[at('code')])).toEqual(codes);
    expect(parsed.slice(1).map((r) => r[at('matterCode')])).toEqual(
      data.rows.map((r) => r.matterCode),
    );
    expect(parsed.slice(1).map((r) => r[at('state')])).toEqual(
      data.rows.map((r) => t(`clerk.states.${r.state}`)),
    );
    const company = data.rows.findIndex((r) => r.entityName.includes(','));
    expect(parsed[company + 1]?.[at('entity')]).toBe(data.rows[company]?.entityName);
  });
});

describe('the XLSX', () => {
  it('holds the same rows as text cells, headed in both languages', async () => {
    const zh = recordTable(data, tFor('zh-CN'), null, 'zh-CN', DEFAULT_MASKING_RULES);
    const en = recordTable({ ...data, rows: [] }, tFor('en'), null, 'zh-CN', DEFAULT_MASKING_RULES);
    const bytes = await reportXlsx({
      table: zh,
      otherHeader: en.header,
      sections: [],
      sheetNames: { records: '当日记录', summary: '汇总' },
      title: 'report',
      generatedAt: new Date('2026-12-06T09:30:00Z'),
    });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/day-report-1500.xlsx`, bytes);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = book.getWorksheet('当日记录');
    if (!sheet) throw new Error('no records sheet');
    const values = (n: number) =>
      (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : v));
    expect(values(1)).toEqual(zh.header.map((h, i) => `${h}\n${en.header[i] ?? ''}`));
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2));
    expect(rows).toEqual(
      zh.rows.map((r) => [...r].map((c, i) => (c === '' && i === r.length - 1 ? '' : c))),
    );
    expect(rows.every((r) => r.every((c) => typeof c === 'string'))).toBe(true);
    const code = sheet.getColumn(1);
    expect(code.width ?? 0).toBeGreaterThanOrEqual(20);
  });
});

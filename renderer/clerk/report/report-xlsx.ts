import ExcelJS from 'exceljs';
import type { RecordTable, ReportSection } from './render';

export interface ReportXlsxInput {
  /** The records table with the clerk's language's header; the rows are written as they are. */
  readonly table: RecordTable;
  /** The same header in the other language, printed under each column's name. */
  readonly otherHeader: readonly string[];
  readonly sections: readonly ReportSection[];
  readonly sheetNames: { readonly records: string; readonly summary: string };
  readonly title: string;
  readonly generatedAt: Date;
}

/** Display width of text in Excel's character units: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

/** Wide enough for the longest cell (and each header line), within reason. */
function columnWidth(cells: readonly string[]): number {
  const widest = Math.max(...cells.flatMap((c) => c.split('\n').map(displayWidth)), 4);
  return Math.min(widest + 2, 60);
}

/**
 * The day report for people: the records on the first sheet (one header row naming each column
 * in both languages, frozen, with a filter; every cell text, so a 20-digit code stays whole), and
 * the counts on the second.
 */
export async function reportXlsx(input: ReportXlsxInput): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.created = input.generatedAt;
  book.modified = input.generatedAt;
  book.title = input.title;

  const records = book.addWorksheet(input.sheetNames.records, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = input.table.header.map((h, i) => {
    const other = input.otherHeader[i];
    return other && other !== h ? `${h}\n${other}` : h;
  });
  records.columns = header.map((h, i) => ({
    header: h,
    width: columnWidth([h, ...input.table.rows.map((r) => r[i] ?? '')]),
    // Text format: a spreadsheet never turns a code or an identifier into a number.
    style: { numFmt: '@' },
  }));
  const head = records.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  head.height = 32;
  records.addRows(input.table.rows.map((r) => [...r]));
  records.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };

  const summary = book.addWorksheet(input.sheetNames.summary);
  const widths: string[][] = [];
  for (const section of input.sections) {
    summary.addRow([section.heading]).font = { bold: true, size: 12 };
    summary.addRow([...section.header]).font = { bold: true };
    for (const row of section.rows) summary.addRow([...row]);
    summary.addRow([]);
    [section.header, ...section.rows].forEach((r) =>
      r.forEach((c, i) => (widths[i] ??= []).push(String(c))),
    );
  }
  widths.forEach((cells, i) => {
    summary.getColumn(i + 1).width = columnWidth(cells);
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

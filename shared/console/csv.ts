/**
 * CSV for the clerk console's exports (RFC 4180, CRLF). Cells that a spreadsheet would run as a
 * formula are defused with a leading apostrophe: an entity name typed at a kiosk as
 * `=HYPERLINK(...)` must never become live in the supervisor's spreadsheet.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/u;
/**
 * A record number (20 digits) or an all-digit credit code: a spreadsheet would read it as a number
 * and keep 15 digits (1.30102E+19). Written as the text formula ="...", which Excel and WPS show
 * as the digits; only digits go in, so nothing can run.
 */
const LONG_DIGITS = /^\d{12,}$/u;
const NEEDS_QUOTES = /[",\r\n]/u;

/** Byte order mark: spreadsheet programs in China open UTF-8 CSV as GBK without it. */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (LONG_DIGITS.test(value)) return `"=""${value}"""`;
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${CSV_BOM}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * One cell of a data table for programs: text stays text (a 20-digit code is written as its
 * digits, never as a spreadsheet formula), quoted where RFC 4180 asks. Text that a spreadsheet
 * would run as a formula is still defused, as in csvCell; codes and identifiers never start so.
 */
export function csvDataCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** One table, one header row, then the rows: UTF-8 with a byte order mark, CRLF (RFC 4180). */
export function toCsvTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return `${CSV_BOM}${[header, ...rows].map((row) => row.map(csvDataCell).join(',')).join('\r\n')}\r\n`;
}

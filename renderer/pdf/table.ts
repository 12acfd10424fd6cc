import { rgb } from 'pdf-lib';
import type { Box } from './flow';
import { baselineIn, type Typesetter } from './typesetter';

/**
 * Tables for the PDF text engine: column widths from the content, cells broken by the shared line
 * breaker, one box per row, and the header row repeated on every page the table runs onto.
 */

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** Numbers are set flush right. */
export type TableCell = string | number;

export interface TableStyle {
  readonly left: number;
  readonly width: number;
  readonly size: number;
  /** Horizontal space inside a cell, both sides together. */
  readonly padding: number;
}

const RULE = rgb(0.55, 0.55, 0.58);
const HEADER_FILL = rgb(0.93, 0.93, 0.95);
const LEADING = 1.45;
const ROW_PAD = 3;
/**
 * A column is as wide as its text measured whole; the line breaker adds the same text up piece by
 * piece, which can come out a hair wider in floating point and wrap a text that fits.
 */
const WIDTH_SLACK = 0.01;

const text = (cell: TableCell): string => (typeof cell === 'number' ? String(cell) : cell);

/**
 * Widths that never break a word or a code: each column gets at least its widest unbreakable
 * piece (line-break.ts); what is left goes first to the columns that lack least. `null` when even the unbreakable pieces do not fit in `width`.
 */
export function columnWidths(
  ts: Typesetter,
  table: Table,
  width: number,
  size: number,
  padding: number,
): number[] | null {
  const all = [table.header, ...table.rows.map((r) => r.map(text))];
  const columns = table.header.length;
  const min = Array.from({ length: columns }, (_, i) =>
    all.reduce((m, r) => Math.max(m, ts.minWidth(r[i] ?? '', size)), 0),
  ).map((w) => w + padding);
  const natural = Array.from({ length: columns }, (_, i) =>
    all.reduce((m, r) => Math.max(m, ts.width(r[i] ?? '', size)), 0),
  ).map((w, i) => Math.max(w + padding, min[i] ?? 0));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(min) > width + 0.01) return null;
  if (sum(natural) <= width) {
    const spare = (width - sum(natural)) / columns;
    return natural.map((w) => w + spare);
  }
  // Water-filling: the columns lacking least get all they lack (a time, a state, a count stay on
  // one line); the long ones share what is left equally, and wrap.
  const widths = [...min];
  let remaining = width - sum(min);
  const open = natural
    .map((w, i) => ({ i, lack: w - (min[i] ?? 0) }))
    .sort((a, b) => a.lack - b.lack);
  open.forEach(({ i, lack }, k) => {
    const share = remaining / (open.length - k);
    const give = Math.min(lack, share);
    widths[i] = (widths[i] ?? 0) + give;
    remaining -= give;
  });
  return widths;
}

function rowBox(
  ts: Typesetter,
  cells: readonly TableCell[],
  widths: readonly number[],
  style: TableStyle,
  head: boolean,
): Box {
  const { size, padding, left } = style;
  const lineHeight = size * LEADING;
  const wrapped = widths.map((w, i) => {
    const cell = cells[i] ?? '';
    return {
      lines: ts.lines(text(cell), size, w - padding + WIDTH_SLACK),
      right: typeof cell === 'number',
    };
  });
  const height = Math.max(1, ...wrapped.map((c) => c.lines.length)) * lineHeight + 2 * ROW_PAD;
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  return {
    height,
    spaceBefore: 0,
    // A header row stays with the first row under it.
    keepWithNext: head,
    draw: (page, top) => {
      if (head)
        page.drawRectangle({
          x: left,
          y: top - height,
          width: tableWidth,
          height,
          color: HEADER_FILL,
        });
      let x = left;
      wrapped.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        cell.lines.forEach((line, j) => {
          const baseline = baselineIn(top - ROW_PAD - j * lineHeight, lineHeight, size);
          const at = cell.right ? x + w - padding / 2 - ts.width(line, size) : x + padding / 2;
          ts.draw(page, line, at, baseline, { size, bold: head });
        });
        x += w;
      });
      page.drawLine({
        start: { x: left, y: top - height },
        end: { x: left + tableWidth, y: top - height },
        thickness: head ? 0.8 : 0.3,
        color: RULE,
      });
    },
  };
}

/**
 * The table as boxes for flow.ts: the header row, then one box per row, each carrying the header
 * to repeat when it starts a page. The font shrinks (to 6 pt at least) until every code fits whole.
 */
export function tableBoxes(ts: Typesetter, table: Table, style: TableStyle): Box[] {
  let size = style.size;
  let widths = columnWidths(ts, table, style.width, size, style.padding);
  while (widths === null && size > 6) {
    size -= 0.5;
    widths = columnWidths(ts, table, style.width, size, style.padding);
  }
  // Past 6 pt a code may break: still printed, all of it, over two lines.
  const final = widths ?? table.header.map(() => style.width / Math.max(1, table.header.length));
  const sized = { ...style, size };
  const header = rowBox(ts, table.header, final, sized, true);
  return [
    header,
    ...table.rows.map((row) => ({ ...rowBox(ts, row, final, sized, false), repeat: header })),
  ];
}

import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontUrl from '../../../resources/fonts/NotoSansSC-Regular.ttf?url';
import { csvCell } from '../../../shared/console/csv';
import { fontkit } from '../../pdf/fontkit';
import type { ReportSection } from './render';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const SIZE = 9;
const LINE = 14;

const PAD = 6;

/**
 * Column widths from their content: columns that fit in an equal share keep their natural width,
 * the rest share what is left. Nothing is cut: a cell too wide for its column wraps.
 */
function columnWidths(font: PDFFont, table: readonly (readonly string[])[], usable: number) {
  const columns = table[0]?.length ?? 0;
  const natural = Array.from(
    { length: columns },
    (_, i) => Math.max(...table.map((r) => font.widthOfTextAtSize(r[i] ?? '', SIZE))) + PAD,
  );
  const widths = [...natural];
  let open = natural.map((_, i) => i);
  let remaining = usable;
  for (;;) {
    const share = remaining / Math.max(open.length, 1);
    const fits = open.filter((i) => (natural[i] ?? 0) <= share);
    if (fits.length === 0) {
      for (const i of open) widths[i] = share;
      break;
    }
    for (const i of fits) remaining -= natural[i] ?? 0;
    open = open.filter((i) => !fits.includes(i));
    if (open.length === 0) break;
  }
  return widths;
}

/** Greedy line breaking by character: report cells are short, and CJK breaks anywhere. */
function wrap(font: PDFFont, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && font.widthOfTextAtSize(line + ch, SIZE) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  return [...lines, line];
}

/** The daily report as a plain A4 PDF: title, then each section as a table. */
export async function reportPdf(
  title: string,
  subtitle: string,
  sections: readonly ReportSection[],
): Promise<Uint8Array> {
  const response = await fetch(fontUrl);
  if (!response.ok) throw new Error(`font ${response.status}`);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(new Uint8Array(await response.arrayBuffer()), { subset: true });
  pdf.setTitle(title);
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const ensure = (lines: number) => {
    if (y - lines * LINE < MARGIN) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN;
    }
  };
  const text = (s: string, x: number, size = SIZE) => {
    page.drawText(s, { x, y, size, font, color: rgb(0, 0, 0) });
  };
  text(title, MARGIN, 16);
  y -= LINE * 1.6;
  text(subtitle, MARGIN);
  y -= LINE * 1.5;
  const usable = PAGE.width - 2 * MARGIN;
  for (const section of sections) {
    ensure(4);
    y -= LINE * 0.5;
    text(section.heading, MARGIN, 12);
    y -= LINE * 1.3;
    // csvCell's defusing is for spreadsheets; on paper the text is shown as typed.
    const body = section.rows.map((r) => r.map((c) => (typeof c === 'string' ? c : csvCell(c))));
    const widths = columnWidths(font, [section.header, ...body], usable);
    const row = (cells: readonly string[]) => {
      const wrapped = cells.map((c, i) => wrap(font, c, (widths[i] ?? 0) - PAD));
      const height = Math.max(...wrapped.map((w) => w.length));
      ensure(height);
      let x = MARGIN;
      const top = y;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, j) => {
          y = top - j * LINE;
          text(line, x);
        });
        x += widths[i] ?? 0;
      });
      y = top - height * LINE;
    };
    row(section.header);
    page.drawLine({
      start: { x: MARGIN, y: y + LINE - 3 },
      end: { x: PAGE.width - MARGIN, y: y + LINE - 3 },
      thickness: 0.5,
    });
    for (const r of body) row(r);
  }
  return pdf.save();
}

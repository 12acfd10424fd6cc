import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontUrl from '../../../resources/fonts/NotoSansSC-Regular.ttf?url';
import { csvCell } from '../../../shared/console/csv';
import { fontkit } from '../../pdf/fontkit';
import type { ReportSection } from './render';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const SIZE = 9;
const LINE = 14;

/** Cuts a cell to its column with an ellipsis, so that tables never overlap. */
function fit(font: PDFFont, text: string, width: number): string {
  if (font.widthOfTextAtSize(text, SIZE) <= width) return text;
  let cut = text;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}…`, SIZE) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
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
    const width = usable / section.header.length;
    const row = (cells: readonly string[]) => {
      ensure(1);
      cells.forEach((c, i) => text(fit(font, c, width - 6), MARGIN + i * width));
      y -= LINE;
    };
    row(section.header);
    page.drawLine({
      start: { x: MARGIN, y: y + LINE - 3 },
      end: { x: PAGE.width - MARGIN, y: y + LINE - 3 },
      thickness: 0.5,
    });
    // csvCell's defusing is for spreadsheets; on paper the text is shown as typed.
    for (const r of section.rows) row(r.map((c) => (typeof c === 'string' ? c : csvCell(c))));
  }
  return pdf.save();
}

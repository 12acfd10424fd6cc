import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { paginate, type Box } from '../../pdf/flow';
import { tableBoxes } from '../../pdf/table';
import { Typesetter, baselineIn, embedFont, type Style } from '../../pdf/typesetter';
import type { ReportSection } from './render';

/** The report's own words on paper, in the clerk's language (a plain object: no i18next here). */
export interface ReportPdfLabels {
  readonly pageOf: (page: number, total: number) => string;
  /** "Generated 2026-12-06 17:30:02", printed on every page. */
  readonly generated: string;
  /** Who exported it, printed on every page. */
  readonly exportedBy: string;
  /** The row of an empty section. */
  readonly none: string;
  readonly preparedBy: string;
  readonly checkedBy: string;
  readonly date: string;
}

export interface ReportPdfInput {
  /** The bundled Noto Sans SC (or any font covering the text). */
  readonly font: Uint8Array;
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  readonly labels: ReportPdfLabels;
  readonly language: string;
  /** The PDF's creation date: the generation time. */
  readonly generatedAt: Date;
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 40, bottom: 44, left: 40, right: 40 } as const;
/** The running head: title, subtitle and a rule, on every page. */
const HEAD = 44;
/** Where things sit on the page, for tests that read the rendered page back. */
export const REPORT_GEOMETRY = { page: PAGE, margin: MARGIN, head: HEAD } as const;
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const MUTED = rgb(0.38, 0.38, 0.4);
const RULE = rgb(0.55, 0.55, 0.58);
const SIZE = { title: 13, subtitle: 8.5, heading: 10.5, table: 8, footer: 7.5 } as const;

function lineBox(ts: Typesetter, text: string, style: Style, spaceBefore: number): Box {
  const height = style.size * 1.6;
  return {
    height,
    spaceBefore,
    keepWithNext: true,
    draw: (page, top) =>
      ts.draw(page, text, MARGIN.left, baselineIn(top, height, style.size), style),
  };
}

/** Two sign-off lines side by side: prepared by and checked by, each with a date to write in. */
function signOffBox(ts: Typesetter, labels: ReportPdfLabels, sep: string): Box {
  const size = 9.5;
  const half = WIDTH / 2;
  return {
    height: 64,
    spaceBefore: 28,
    keepWithNext: false,
    draw: (page, top) => {
      [labels.preparedBy, labels.checkedBy].forEach((label, i) => {
        const x = MARGIN.left + i * half;
        const lead = `${label}${sep}`;
        const baseline = top - 22;
        ts.draw(page, lead, x, baseline, { size, bold: true });
        const start = x + ts.width(lead, size) + 4;
        page.drawLine({
          start: { x: start, y: baseline - 3 },
          end: { x: x + half - 24, y: baseline - 3 },
          thickness: 0.6,
          color: MUTED,
        });
        const dateLead = `${labels.date}${sep}`;
        const dateBaseline = baseline - 30;
        ts.draw(page, dateLead, x, dateBaseline, { size });
        page.drawLine({
          start: { x: x + ts.width(dateLead, size) + 4, y: dateBaseline - 3 },
          end: { x: x + half - 24, y: dateBaseline - 3 },
          thickness: 0.6,
          color: MUTED,
        });
      });
    },
  };
}

function sectionBoxes(ts: Typesetter, section: ReportSection, none: string): Box[] {
  const heading = lineBox(ts, section.heading, { size: SIZE.heading, bold: true }, 12);
  if (section.rows.length === 0)
    return [heading, { ...lineBox(ts, none, { size: SIZE.table + 1 }, 0), keepWithNext: false }];
  return [
    heading,
    ...tableBoxes(
      ts,
      { header: section.header, rows: section.rows },
      { left: MARGIN.left, width: WIDTH, size: SIZE.table, padding: 6 },
    ),
  ];
}

/** Title, subtitle and rule at the top; page x of y, generation time and exporter at the foot. */
function drawPageChrome(
  ts: Typesetter,
  page: PDFPage,
  index: number,
  total: number,
  input: ReportPdfInput,
): void {
  const top = PAGE.height - MARGIN.top;
  ts.draw(page, input.title, MARGIN.left, top - SIZE.title, { size: SIZE.title, bold: true });
  ts.draw(page, input.subtitle, MARGIN.left, top - SIZE.title - 14, {
    size: SIZE.subtitle,
    color: MUTED,
  });
  page.drawLine({
    start: { x: MARGIN.left, y: top - HEAD + 6 },
    end: { x: PAGE.width - MARGIN.right, y: top - HEAD + 6 },
    thickness: 0.8,
    color: RULE,
  });
  const foot = MARGIN.bottom / 2;
  const style = { size: SIZE.footer, color: MUTED };
  const { labels } = input;
  ts.draw(page, `${labels.generated}  ${labels.exportedBy}`, MARGIN.left, foot, style);
  const folio = labels.pageOf(index + 1, total);
  ts.draw(page, folio, PAGE.width - MARGIN.right - ts.width(folio, SIZE.footer), foot, style);
}

/**
 * The day report as an A4 PDF on the letter's text engine: every page headed by the title and, in
 * a table that runs on, its column headers; every page numbered "x of y" with the generation time;
 * an empty section says "none"; the last page carries the sign-off lines. No cell breaks a code.
 */
export async function reportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const ts = new Typesetter(await embedFont(pdf, input.font));
  const boxes: Box[] = [
    ...input.sections.flatMap((s) => sectionBoxes(ts, s, input.labels.none)),
    signOffBox(ts, input.labels, input.language === 'zh-CN' ? '：' : ': '),
  ];
  const placed = paginate(boxes, PAGE.height - MARGIN.top - HEAD, MARGIN.bottom);
  const total = (placed[placed.length - 1]?.page ?? 0) + 1;
  const pages = Array.from({ length: total }, () => pdf.addPage([PAGE.width, PAGE.height]));
  for (const { box, page, top } of placed) {
    const target = pages[page];
    if (target) box.draw(target, top);
  }
  pages.forEach((page, i) => drawPageChrome(ts, page, i, total, input));
  pdf.setTitle(input.title, { showInWindowTitleBar: true });
  pdf.setSubject(input.subtitle);
  pdf.setLanguage(input.language);
  pdf.setCreationDate(input.generatedAt);
  pdf.setModificationDate(input.generatedAt);
  return pdf.save();
}

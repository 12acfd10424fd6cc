import {
  TextRenderingMode,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
} from 'pdf-lib';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { fontkit } from './fontkit';
import { breakLines, widestUnit } from './line-break';

/**
 * The PDF text engine the letter and the day report share: one embedded font, widths measured
 * once, lines broken by line-break.ts, text drawn with a faux bold. Pages are placed by flow.ts.
 */

export const INK = rgb(0.08, 0.08, 0.08);

export interface Style {
  readonly size: number;
  readonly bold?: boolean;
  readonly color?: Color;
}

/**
 * Embeds a TrueType/OpenType font as a subset. `subsetTag` (six capitals) names the subset
 * `TAG+PostScriptName` so that the same input gives the same bytes; without it pdf-lib picks one.
 */
export async function embedFont(
  pdf: PDFDocument,
  bytes: Uint8Array,
  subsetTag?: string,
): Promise<PDFFont> {
  pdf.registerFontkit(fontkit);
  if (subsetTag === undefined) return pdf.embedFont(bytes, { subset: true });
  const probe = fontkit.create(bytes);
  return pdf.embedFont(bytes, {
    subset: true,
    customName: `${subsetTag}+${probe.postscriptName || 'Font'}`,
  });
}

export class Typesetter {
  private readonly widths = new Map<string, number>();

  constructor(readonly font: PDFFont) {}

  /** Width at size 1, cached: the line breaker measures the same characters again and again. */
  width(text: string, size: number): number {
    let unit = this.widths.get(text);
    if (unit === undefined) {
      unit = this.font.widthOfTextAtSize(text, 1000) / 1000;
      this.widths.set(text, unit);
    }
    return unit * size;
  }

  lines(text: string, size: number, firstWidth: number, restWidth = firstWidth): string[] {
    return breakLines(text, (t) => this.width(t, size), firstWidth, restWidth);
  }

  /** The narrowest width `text` fits without a break inside a word or a code. */
  minWidth(text: string, size: number): number {
    return widestUnit(text, (t) => this.width(t, size));
  }

  /** Regular text, or a faux bold (fill and a thin outline) since the bundled font has one weight. */
  draw(page: PDFPage, text: string, x: number, baseline: number, style: Style): void {
    const color = style.color ?? INK;
    if (style.bold) {
      page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(style.size * 0.035),
        setStrokingColor(color),
      );
    }
    page.drawText(text, { x, y: baseline, size: style.size, font: this.font, color });
    if (style.bold) page.pushOperators(popGraphicsState());
  }
}

/** The baseline that centres a CJK em box (0.88 above, 0.12 below the baseline) in a line. */
export function baselineIn(top: number, lineHeight: number, size: number): number {
  return top - lineHeight / 2 - 0.38 * size;
}

import type { PDFPage } from 'pdf-lib';

/**
 * A vertical piece of the letter (one line of text, a signature block, the record block) that is
 * never split across pages. Paragraphs are one box per line, so they may break between lines.
 */
export interface Box {
  readonly height: number;
  /** Dropped at the top of a page. */
  readonly spaceBefore: number;
  /** A heading: it moves to the next page rather than end one without what follows it. */
  readonly keepWithNext: boolean;
  /**
   * Placed above this box when the box starts a new page (a table's column headers, so that a
   * table continued on the next page is headed again).
   */
  readonly repeat?: Box;
  /** Draws the box with its top edge at `top` (PDF points from the page's bottom). */
  readonly draw: (page: PDFPage, top: number) => void;
}

export interface Placed {
  readonly box: Box;
  /** From 0. */
  readonly page: number;
  readonly top: number;
}

/** The height from `boxes[i]` to the end of its keep-with-next chain, with the gaps inside it. */
function chainHeight(boxes: readonly Box[], i: number): number {
  let height = 0;
  for (let j = i; j < boxes.length; j += 1) {
    const box = boxes[j];
    if (!box) break;
    height += (j === i ? 0 : box.spaceBefore) + box.height;
    if (!box.keepWithNext) break;
  }
  return height;
}

/** Places boxes top to bottom between `top` and `bottom`, starting a new page when one is full. */
export function paginate(boxes: readonly Box[], top: number, bottom: number): Placed[] {
  const placed: Placed[] = [];
  let page = 0;
  let y = top;
  boxes.forEach((box, i) => {
    const fresh = y === top;
    const gap = fresh ? 0 : box.spaceBefore;
    if (!fresh && y - gap - chainHeight(boxes, i) < bottom) {
      page += 1;
      y = top;
      if (box.repeat) {
        placed.push({ box: box.repeat, page, top: y });
        y -= box.repeat.height;
      }
    } else {
      y -= gap;
    }
    placed.push({ box, page, top: y });
    y -= box.height;
  });
  return placed;
}

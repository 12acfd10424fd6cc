import { rgb } from 'pdf-lib';
import { fontkit } from './fontkit';
import { openRevision, saveIncremental } from './sign/incremental';

/**
 * A reprint of a signed letter (issue 16): the letter exactly as it was signed (and timestamped),
 * with a visible "copy" stamp on every page added in an incremental update after it. The signed
 * revision's bytes stay the file's first bytes, so the device signature and the document
 * timestamp still verify over them, and a reader shows the stamp as a change made after signing.
 * A copy is never signed again.
 */

const RED = rgb(0.72, 0.1, 0.1);

export interface CopyStamp {
  /** What the stamp says, e.g. "副本 COPY". */
  readonly mark: string;
  /** A line under it, e.g. when and by whom the copy was printed. */
  readonly note: string;
  /** The letter's font (the stamp's text is drawn in a subset of it). */
  readonly font: Uint8Array;
}

export async function stampAsCopy(signed: Uint8Array, stamp: CopyStamp): Promise<Uint8Array> {
  const revision = await openRevision(signed);
  return saveIncremental(revision, async (pdf) => {
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(stamp.font, { subset: true });
    for (const page of pdf.getPages()) {
      const { width, height } = page.getSize();
      const markSize = 14;
      const noteSize = 7;
      const boxWidth =
        Math.max(
          font.widthOfTextAtSize(stamp.mark, markSize),
          font.widthOfTextAtSize(stamp.note, noteSize),
        ) + 16;
      const boxHeight = markSize + noteSize + 16;
      const x = width - boxWidth - 24;
      const y = height - boxHeight - 10;
      page.drawRectangle({
        x,
        y,
        width: boxWidth,
        height: boxHeight,
        borderColor: RED,
        borderWidth: 1.5,
        color: rgb(1, 1, 1),
        opacity: 0.9,
      });
      page.drawText(stamp.mark, {
        x: x + 8,
        y: y + noteSize + 10,
        size: markSize,
        font,
        color: RED,
      });
      page.drawText(stamp.note, { x: x + 8, y: y + 6, size: noteSize, font, color: RED });
    }
  });
}

import * as upstream from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/** The font engine pdf-lib expects, as `registerFontkit` declares it. */
export type PdfFontkit = Parameters<PDFDocument['registerFontkit']>[0];
type PdfFont = ReturnType<PdfFontkit['create']>;

/** fontkit 2's subset: it encodes in one call where fontkit 1, which pdf-lib 1.17 calls, streamed. */
interface EncodingSubset {
  encode(): Uint8Array;
}
type StreamingSubset = ReturnType<PdfFont['createSubset']>;
type SubsetStream = ReturnType<StreamingSubset['encodeStream']>;

/** The one-chunk stream pdf-lib reads a subset from (`.on('data').on('end')`). */
function streamOf(encode: () => Uint8Array): SubsetStream {
  const listeners = new Map<string, ((value?: unknown) => void)[]>();
  const stream = {
    on(event: string, listener: (value?: unknown) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return stream;
    },
  };
  // pdf-lib attaches its listeners right after the call; emit once they are all there.
  queueMicrotask(() => {
    const emit = (event: string, value?: unknown): void =>
      (listeners.get(event) ?? []).forEach((listener) => listener(value));
    try {
      emit('data', encode());
      emit('end');
    } catch (error) {
      emit('error', error);
    }
  });
  return stream as unknown as SubsetStream;
}

/**
 * Upstream fontkit (2.x) rather than pdf-lib's fork `@pdf-lib/fontkit`, because the fork writes
 * CJK subsets with glyphs missing. Upstream has no types matching pdf-lib's `Fontkit`, whose
 * `Font` is the same object model (pdf-lib was written against fontkit 1), so this is the one
 * cast; the one difference pdf-lib meets, fontkit 2's `subset.encode()` in place of fontkit 1's
 * `encodeStream()`, is bridged here.
 */
export const fontkit: PdfFontkit = {
  create: (bytes, postscriptName) => {
    const font = upstream.create(bytes, postscriptName) as PdfFont;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as StreamingSubset & Partial<EncodingSubset>;
      if (typeof subset.encodeStream !== 'function' && typeof subset.encode === 'function') {
        const encode = subset.encode.bind(subset);
        subset.encodeStream = () => streamOf(encode);
      }
      return subset;
    };
    return font;
  },
};

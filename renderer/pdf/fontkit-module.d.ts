/**
 * Upstream fontkit ships no type declarations. Only the one entry point the PDF builder uses is
 * declared, and its result is left opaque: `fontkit.ts` is the one place that hands it to pdf-lib.
 */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}

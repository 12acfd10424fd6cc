/**
 * Identifiers are typed on kiosks whose IME may be in full-width or lower-case mode, or pasted
 * with spaces. Every validator in `shared/ids` runs its input through this one function and
 * returns the normalised value, so what is stored is exactly what was checked.
 */

const FULL_TO_HALF = 0xfee0;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/gu;
/** Any whitespace (\s covers U+3000 ideographic space, NBSP, U+FEFF) and zero-width characters. */
const INVISIBLE = /[\s\u200b-\u200d\u2060]/gu;
const ASCII_LOWER = /[a-z]+/g;
const ALREADY_CLEAN = /^[0-9A-Z]*$/;

/** Full-width ASCII (U+FF01–U+FF5E) to half-width; case and spacing untouched. */
export function toHalfWidth(raw: string): string {
  return raw.replace(FULL_WIDTH_ASCII, (c) =>
    String.fromCharCode((c.codePointAt(0) ?? 0) - FULL_TO_HALF),
  );
}

/**
 * Full-width ASCII to half-width, all whitespace removed, ASCII a–z to A–Z. Only ASCII letters
 * change case, so a stray non-ASCII letter stays visible to the validator ('ß'.toUpperCase()
 * would become 'SS' and change the length). Idempotent.
 */
export function normaliseIdentifier(raw: string): string {
  if (ALREADY_CLEAN.test(raw)) return raw;
  return toHalfWidth(raw)
    .replace(INVISIBLE, '')
    .replace(ASCII_LOWER, (s) => s.toUpperCase());
}

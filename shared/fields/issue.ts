/**
 * What is wrong with one form field, in terms a translated message can be built from: a code and
 * the limits or the offending character. Kiosk and console show the same message for the same
 * issue, next to the field; the store and the platform refuse with the same issue.
 */

export type FieldIssueCode =
  | 'required'
  | 'too-short'
  | 'too-long'
  /** A bidirectional control (U+202A–202E, U+2066–2069, U+200E/F, U+061C): it can reverse text. */
  | 'bidi-control'
  /** A zero-width or other invisible formatting character. */
  | 'invisible'
  /** A control character (or a line break in a one-line field). */
  | 'control'
  /** '<' or '>' in a name: markup has no place in a name. */
  | 'markup'
  /** Any other character the field does not take (emoji in an ID number, a letter in a phone…). */
  | 'character'
  | 'not-a-number'
  | 'not-whole'
  | 'out-of-range'
  | 'date-format'
  /** A decision dated before the record it decides on was signed. */
  | 'date-before-signing'
  | 'date-in-future'
  | 'url'
  | 'choice';

export interface FieldIssue {
  readonly code: FieldIssueCode;
  /** The lower limit: characters for text, the value for numbers, the day for dates. */
  readonly min?: number | string;
  readonly max?: number | string;
  /** For 'too-long' / 'too-short': how many characters were given. */
  readonly length?: number;
  /** For character issues: the character's code point as 'U+202E', so the message can name it. */
  readonly char?: string;
}

/** Field path ('findingOrgan.name') → its first issue. Empty when the input is acceptable. */
export type FieldIssues = Readonly<Record<string, FieldIssue>>;

export type FieldResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: FieldIssue };

export function codePointLabel(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The one rule for typed text, kiosk and console alike. Nothing is silently removed: a character
 * that could reverse the text on screen (bidirectional controls), hide in it (zero-width and
 * other format characters) or break a line where none belongs is refused, and the message names
 * it. Lengths count characters (code points), as a person counts them, and every limit is stated.
 */
import { codePointLabel, type FieldIssue, type FieldResult } from './issue';

/** U+202A–202E embeddings and overrides, U+2066–2069 isolates, LRM, RLM and the Arabic letter mark. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
/**
 * Every other format character (zero-width space and joiners, word joiner, BOM, soft hyphen,
 * invisible operators…), plus U+115F/1160/3164/FFA0 Hangul fillers and U+034F, which draw nothing.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u;
/** C0/C1 controls and the Unicode line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** Private-use, unassigned and lone surrogates: nothing a person can read back. */
const UNREADABLE = /[\p{Co}\p{Cn}\p{Cs}]/u;
const MARKUP = /[<>]/u;

export type CharacterIssueCode = 'bidi-control' | 'invisible' | 'control' | 'character';

/**
 * The first character no text field takes, with what kind it is, or null. `lineBreaks` lets '\n'
 * (and '\t') through, for multi-line fields.
 */
export function forbiddenCharacter(
  text: string,
  lineBreaks = false,
): { readonly code: CharacterIssueCode; readonly char: string } | null {
  for (const char of text) {
    if (BIDI_CONTROL.test(char)) return { code: 'bidi-control', char: codePointLabel(char) };
    if (INVISIBLE.test(char)) return { code: 'invisible', char: codePointLabel(char) };
    if (CONTROL.test(char) && !(lineBreaks && (char === '\n' || char === '\t')))
      return { code: 'control', char: codePointLabel(char) };
    if (UNREADABLE.test(char)) return { code: 'character', char: codePointLabel(char) };
  }
  return null;
}

/** Characters as a person counts them: a CJK extension character or an emoji is one. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

export interface TextRule {
  /** Characters; 0 makes the field optional (empty gives ''). */
  readonly min: number;
  readonly max: number;
  /** Free text over several lines (reasons, findings, grounds). */
  readonly multiline?: boolean;
  /** Names: '<' and '>' are refused. */
  readonly name?: boolean;
}

/**
 * Checks one typed text against its rule and returns what to store: trimmed, line ends as '\n',
 * and in a one-line field each run of spaces as one space (spaces are visible; nothing invisible
 * is ever dropped). Characters are checked before length, so a stray override inside a code says
 * "character not allowed", never "wrong length".
 */
export function checkText(raw: string, rule: TextRule): FieldResult<string> {
  const unified = raw.replace(/\r\n?/gu, '\n');
  const value = rule.multiline
    ? unified.replace(/[ \t]+$/gmu, '').trim()
    : unified.replace(/[ \u3000]+/gu, ' ').trim();
  if (value === '')
    return rule.min > 0 ? { ok: false, issue: { code: 'required' } } : { ok: true, value };
  const bad = forbiddenCharacter(value, rule.multiline === true);
  if (bad) return { ok: false, issue: bad };
  if (rule.name) {
    const markup = MARKUP.exec(value);
    if (markup) return { ok: false, issue: { code: 'markup', char: markup[0] } };
  }
  const length = characterCount(value);
  if (length > rule.max) return { ok: false, issue: { code: 'too-long', max: rule.max, length } };
  if (length < rule.min) return { ok: false, issue: { code: 'too-short', min: rule.min, length } };
  return { ok: true, value };
}

/** An issue of the text rule, or null: for validators that normalise the value themselves. */
export function textIssue(raw: string, rule: TextRule): FieldIssue | null {
  const checked = checkText(raw, rule);
  return checked.ok ? null : checked.issue;
}

/**
 * Names and phone numbers typed at the kiosk. Each validator trims and normalises what it can
 * safely normalise (width, spacing, look-alike separators) and returns the value to store.
 * Characters that could reverse, hide or break the text, and markup, are refused by the one text
 * rule of shared/fields, which every name field of kiosk and console shares.
 */
import { HAN_PERSON_NAME, TEXT_RULES } from '../fields/rules';
import { forbiddenCharacter, type CharacterIssueCode } from '../fields/text';
import { codePointLabel } from '../fields/issue';
import { toHalfWidth } from './normalise';

export type NameError =
  'empty' | 'too-short' | 'too-long' | 'character' | 'digits-only' | 'markup' | CharacterIssueCode;
export type NameResult = { readonly ok: true; readonly value: string } | NameFailure;
export interface NameFailure {
  readonly ok: false;
  readonly error: NameError;
  /** The limits of a 'too-short' / 'too-long' name, in characters. */
  readonly min?: number;
  readonly max?: number;
  /** The refused character, as 'U+202E' (or '<' for markup). */
  readonly char?: string;
}

export const NAME_LIMITS = {
  /** Names written in Chinese characters (incl. minority names with '·'). */
  hanPerson: HAN_PERSON_NAME,
  /** Latin and other-script person names, and mixed ones (rare characters typed in pinyin). */
  otherPerson: { min: TEXT_RULES.personName.min, max: TEXT_RULES.personName.max },
  organisation: { min: TEXT_RULES.organisationName.min, max: TEXT_RULES.organisationName.max },
} as const;

const SPACE_RUN = /\s+/gu;
const DIGITS_ONLY = /^[\p{Nd}\s]+$/u;
/** IMEs produce several look-alikes of the middle dot that separates transliterated names. */
const MIDDLE_DOT_LOOKALIKES = /[\u2022\u2027\u2219\u22c5\u30fb\uff65]/gu;
const MIDDLE_DOT = '\u00b7';
/**
 * Letters and marks joined by one separator ('. ' counts as one, as in 'J. R. Smith'); a final
 * '.' only after a Latin letter ('Jr.').
 */
const PERSON_NAME =
  /^\p{L}\p{M}*(?:(?:\. ?|[ ·'-])?\p{L}\p{M}*)*(?:(?<=\p{Script=Latin}\p{M}*)\.)?$/u;
const HAN_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
/** Private-use, unassigned characters and emoji-like symbols (the rest of \p{C} is refused before). */
const ORGANISATION_FORBIDDEN = /[\p{C}\p{So}]/u;
const MARKUP = /[<>\uff1c\uff1e]/u;
const ANY_LETTER = /\p{L}/u;

function length(text: string): number {
  return [...text].length;
}

function lengthIssue(
  text: string,
  limits: { readonly min: number; readonly max: number },
): NameFailure | null {
  const n = length(text);
  if (n > limits.max) return { ok: false, error: 'too-long', min: limits.min, max: limits.max };
  if (n < limits.min) return { ok: false, error: 'too-short', min: limits.min, max: limits.max };
  return null;
}

/**
 * What every name refuses before its own pattern: reversing, invisible and control characters
 * (checked on the raw input, since whitespace clean-up would turn some of them into spaces), and
 * markup.
 */
function hostileIssue(raw: string): NameFailure | null {
  const bad = forbiddenCharacter(raw, true);
  if (bad) return { ok: false, error: bad.code, char: bad.char };
  const markup = MARKUP.exec(raw);
  if (markup) return { ok: false, error: 'markup', char: markup[0] };
  return null;
}

/** The first character that is neither a letter, a mark nor a name separator, to name it. */
function firstOddChar(name: string): { readonly char?: string } {
  const odd = /[^\p{L}\p{M} ·'.-]/u.exec(name);
  return odd ? { char: codePointLabel(odd[0]) } : {};
}

export function validatePersonName(raw: string): NameResult {
  const hostile = hostileIssue(raw);
  if (hostile) return hostile;
  const spaced = toHalfWidth(raw).replace(SPACE_RUN, ' ').trim();
  if (spaced === '') return { ok: false, error: 'empty' };
  if (DIGITS_ONLY.test(spaced)) return { ok: false, error: 'digits-only' };

  const dotted = spaced.replace(MIDDLE_DOT_LOOKALIKES, MIDDLE_DOT);
  // A Chinese name has no spaces, and a '.' typed between its parts means the middle dot.
  const han = dotted.replace(/ /gu, '').replace(/\./gu, MIDDLE_DOT);
  if (HAN_NAME.test(han))
    return lengthIssue(han, NAME_LIMITS.hanPerson) ?? { ok: true, value: han };
  if (!PERSON_NAME.test(dotted)) {
    // A wall of letters is too long before it is anything else.
    const tooLong = lengthIssue(dotted, { min: 0, max: NAME_LIMITS.otherPerson.max });
    return tooLong
      ? { ...tooLong, min: NAME_LIMITS.otherPerson.min }
      : { ok: false, error: 'character', ...firstOddChar(dotted) };
  }
  return lengthIssue(dotted, NAME_LIMITS.otherPerson) ?? { ok: true, value: dotted };
}

/**
 * Organisation names are kept as written on the licence (full-width brackets stay full-width);
 * only surrounding and repeated whitespace is cleaned up.
 */
export function validateOrganisationName(raw: string): NameResult {
  const hostile = hostileIssue(raw);
  if (hostile) return hostile;
  const value = raw.replace(SPACE_RUN, ' ').trim();
  if (value === '') return { ok: false, error: 'empty' };
  if (DIGITS_ONLY.test(value)) return { ok: false, error: 'digits-only' };
  const odd = ORGANISATION_FORBIDDEN.exec(value);
  if (odd) return { ok: false, error: 'character', char: codePointLabel(odd[0]) };
  if (!ANY_LETTER.test(value)) return { ok: false, error: 'character' };
  return lengthIssue(value, NAME_LIMITS.organisation) ?? { ok: true, value };
}

export type PhoneKind = 'mobile' | 'fixed-line';
export type PhoneError = 'empty' | 'character' | 'length' | 'prefix' | 'area-code';
export type PhoneResult =
  | { readonly ok: true; readonly value: string; readonly kind: PhoneKind }
  | { readonly ok: false; readonly error: PhoneError };

const PHONE_SEPARATORS = /[\s\-()]/gu;
const COUNTRY_CODE = /^(?:\+86|0086)/;

/**
 * Digits of a phone number with separators and the +86 / 0086 country code removed; `national`
 * tells whether the country code was there (then a fixed line has lost its leading 0).
 */
function phoneDigits(raw: string): { digits: string; international: boolean } | PhoneError {
  const compact = toHalfWidth(raw).replace(PHONE_SEPARATORS, '');
  if (compact === '') return 'empty';
  const international = COUNTRY_CODE.test(compact);
  const digits = compact.replace(COUNTRY_CODE, '');
  if (!/^\d+$/.test(digits)) return 'character';
  return { digits, international };
}

function mobileFrom(digits: string): PhoneResult {
  // A bare '86' before eleven digits is a country code people type without the '+'.
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (national.length !== 11) return { ok: false, error: 'length' };
  if (!/^1[3-9]/.test(national)) return { ok: false, error: 'prefix' };
  return { ok: true, value: national, kind: 'mobile' };
}

/** Area codes: 010 and 02x have three digits, all others (0311 Shijiazhuang …) four. */
function fixedLineFrom(digits: string, international: boolean): PhoneResult {
  const national = international ? `0${digits}` : digits;
  if (!national.startsWith('0')) return { ok: false, error: 'area-code' };
  const areaLength = /^0(?:10|2\d)/.test(national) ? 3 : 4;
  const area = national.slice(0, areaLength);
  if (!/^0(?:10|2\d|[3-9]\d\d)$/.test(area)) return { ok: false, error: 'area-code' };
  const local = national.slice(areaLength);
  if (local.length < 7 || local.length > 8) return { ok: false, error: 'length' };
  if (!/^[2-9]/.test(local)) return { ok: false, error: 'prefix' };
  return { ok: true, value: `${area}-${local}`, kind: 'fixed-line' };
}

/** A mainland mobile number: 11 digits starting 1[3-9]; stored as the bare 11 digits. */
export function validateMobile(raw: string): PhoneResult {
  const parsed = phoneDigits(raw);
  return typeof parsed === 'string' ? { ok: false, error: parsed } : mobileFrom(parsed.digits);
}

/** A mainland fixed line: area code + 7 or 8 digits; stored as '0311-12345678'. */
export function validateFixedLine(raw: string): PhoneResult {
  const parsed = phoneDigits(raw);
  return typeof parsed === 'string'
    ? { ok: false, error: parsed }
    : fixedLineFrom(parsed.digits, parsed.international);
}

/** Either kind; a number starting with 1 (after any country code) is read as a mobile. */
export function validatePhone(raw: string): PhoneResult {
  const parsed = phoneDigits(raw);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  const { digits, international } = parsed;
  const mobile = digits.startsWith('1') || (digits.length === 13 && digits.startsWith('861'));
  return mobile ? mobileFrom(digits) : fixedLineFrom(digits, international);
}

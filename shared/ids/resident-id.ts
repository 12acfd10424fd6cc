/**
 * Resident identity number (公民身份号码, GB 11643-1999), brief §3: 6-digit division code,
 * birth date YYYYMMDD, 3-digit sequence (odd male, even female), check character.
 * Only the 18-character form: 15-digit first-generation numbers expired in 2013.
 */
import { calendarDay, isRealDate } from './calendar';
import type { Today } from './calendar';
import { hebeiPrefectureOf, isHebeiDivision } from './hebei';
import type { HebeiPrefecture } from './hebei';
import { normaliseIdentifier } from './normalise';

export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** No resident identity number carries a birth date before this year. */
export const EARLIEST_BIRTH_YEAR = 1900;

export type ResidentIdError = 'empty' | 'length' | 'character' | 'date' | 'future-date' | 'check';

export type ResidentIdResult =
  | {
      readonly ok: true;
      readonly value: string;
      readonly divisionCode: string;
      /** YYYY-MM-DD. */
      readonly birthDate: string;
      readonly sex: 'male' | 'female';
      /** The division code is in Hebei (13xx): where the number was issued, not where one lives. */
      readonly hebei: boolean;
      readonly prefecture: HebeiPrefecture | undefined;
    }
  | { readonly ok: false; readonly error: ResidentIdError };

const SHAPE = /^\d{17}[\dX]$/;

/** The check character for 17 digits, or undefined when the input is not 17 digits. */
export function residentIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += (first17.charCodeAt(i) - 0x30) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Validates a typed or pasted number against the given day; the result carries the normalised
 * value (full-width, spaces and a lower-case 'x' are accepted and normalised).
 */
export function validateResidentId(raw: string, today: Today): ResidentIdResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return { ok: false, error: 'empty' };
  if (value.length !== 18) return { ok: false, error: 'length' };
  if (!SHAPE.test(value)) return { ok: false, error: 'character' };

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < EARLIEST_BIRTH_YEAR || !isRealDate(year, month, day)) {
    return { ok: false, error: 'date' };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > calendarDay(today)) return { ok: false, error: 'future-date' };
  if (residentIdCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, error: 'check' };
  }

  const divisionCode = value.slice(0, 6);
  return {
    ok: true,
    value,
    divisionCode,
    birthDate,
    sex: (value.charCodeAt(16) - 0x30) % 2 === 1 ? 'male' : 'female',
    hebei: isHebeiDivision(divisionCode),
    prefecture: hebeiPrefectureOf(divisionCode),
  };
}

/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015), brief §3.
 * Layout: [1] registering authority, [2] entity type, [3-8] division code,
 * [9-17] organisation code (GB 11714: 8 body chars + its check), [18] overall check.
 */
import { normaliseIdentifier } from './normalise';

/** The 31 characters in value order: 0-9 then A-Z without I O S V Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i-1) mod 31 for positions 1-17. */
export const USCC_WEIGHTS = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
] as const;
/** GB 11714 weights on the 8 organisation-code body characters. */
export const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Entity-type hints by positions 1-2. Shown to the applicant as a hint ("this looks like an
 * individual business code"), never used to reject: the tables change and old codes vary.
 */
export const USCC_TYPE_HINTS = {
  '11': 'government-organ',
  '12': 'public-institution',
  '19': 'other',
  '31': 'law-firm',
  '39': 'other',
  '51': 'social-organisation',
  '52': 'private-non-enterprise',
  '53': 'foundation',
  '59': 'other',
  '71': 'religious-venue',
  '79': 'other',
  '81': 'trade-union',
  '89': 'other',
  '91': 'enterprise',
  '92': 'individual-business',
  '93': 'farmers-cooperative',
  N1: 'rural-collective-economic-organisation',
  N2: 'rural-collective-economic-organisation',
  N3: 'rural-collective-economic-organisation',
  N9: 'other',
  Y1: 'other',
} as const satisfies Record<string, string>;

export type UsccTypeHint = (typeof USCC_TYPE_HINTS)[keyof typeof USCC_TYPE_HINTS];

export type UsccWarning = 'org-code-check';
export type UsccError = 'empty' | 'length' | 'character' | 'division' | 'check';

export type UsccResult =
  | {
      readonly ok: true;
      readonly value: string;
      /** 'org-code-check': passes the decisive overall check, fails GB 11714's own check. */
      readonly warnings: readonly UsccWarning[];
      /** Position 1, e.g. '9' (market regulation). */
      readonly registrationAuthority: string;
      /** Positions 1-2, e.g. '91'. */
      readonly entityTypeCode: string;
      readonly entityTypeHint: UsccTypeHint | undefined;
      /** Positions 3-8. */
      readonly divisionCode: string;
    }
  | { readonly ok: false; readonly error: UsccError };

const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const DIVISION = /^\d{6}$/;

function usccValue(char: string): number {
  return USCC_ALPHABET.indexOf(char);
}

/** GB 11714 character value: digits as themselves, A-Z as 10-35. */
function orgCodeValue(char: string): number {
  const code = char.charCodeAt(0);
  return code <= 0x39 ? code - 0x30 : code - 0x37;
}

/**
 * The overall check character for the first 17 characters (already normalised), or undefined
 * when they are not 17 characters of the code alphabet.
 */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = usccValue(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check character for an 8-character organisation-code body (0-9, A-Z), or
 * undefined for another shape. 10 is written 'X' and 11 is written '0'.
 */
export function orgCodeCheckChar(body8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += orgCodeValue(body8.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Validates a typed or pasted code; the result carries the normalised value. */
export function validateUscc(raw: string): UsccResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return { ok: false, error: 'empty' };
  if (value.length !== 18) return { ok: false, error: 'length' };
  if (!USCC_SHAPE.test(value)) return { ok: false, error: 'character' };
  const divisionCode = value.slice(2, 8);
  if (!DIVISION.test(divisionCode)) return { ok: false, error: 'division' };
  if (usccCheckChar(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, error: 'check' };

  const warnings: UsccWarning[] =
    orgCodeCheckChar(value.slice(8, 16)) === value.charAt(16) ? [] : ['org-code-check'];
  const entityTypeCode = value.slice(0, 2);
  return {
    ok: true,
    value,
    warnings,
    registrationAuthority: value.charAt(0),
    entityTypeCode,
    entityTypeHint: Object.hasOwn(USCC_TYPE_HINTS, entityTypeCode)
      ? USCC_TYPE_HINTS[entityTypeCode as keyof typeof USCC_TYPE_HINTS]
      : undefined,
    divisionCode,
  };
}

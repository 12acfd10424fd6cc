/**
 * Documents other than the resident identity number that a natural person may present
 * (brief §3): validated for shape only, except the 18-digit residence permits, which are real
 * GB 11643 numbers and get the full resident-ID check. Shapes accepted (after normalisation):
 *
 * hk-macao-permit
 *   - 港澳居民来往内地通行证 card (since 2013): 'H' (Hong Kong) or 'M' (Macao) + 8 digits.
 *   - the same permit's older booklet form: 'H'/'M' + 10 digits.
 *   - 港澳居民居住证 residence permit: 18 digits starting 810000 (HK) or 820000 (Macao).
 * taiwan-permit
 *   - 台湾居民来往大陆通行证 card (since 2015): 8 digits.
 *   - 台湾居民居住证 residence permit: 18 digits starting 830000.
 * passport
 *   - 5–17 letters and digits with at least one digit (Chinese 'E12345678', 'EA1234567';
 *     foreign passports vary too much for anything stricter).
 * foreign-permanent-resident
 *   - 2004 card: 15 characters, 3-letter nationality code + 12 digits.
 *   - 2017/2023 card: 18 characters, '9' + 16 digits + a digit or 'X'.
 */
import type { Today } from './calendar';
import { normaliseIdentifier } from './normalise';
import { validateResidentId } from './resident-id';
import type { ResidentIdError } from './resident-id';

export type OtherDocumentError =
  'empty' | 'shape' | Extract<ResidentIdError, 'date' | 'future-date' | 'check'>;

export type OtherDocumentForm =
  | 'home-return-card'
  | 'home-return-booklet'
  | 'hk-residence-permit'
  | 'macao-residence-permit'
  | 'taiwan-compatriot-card'
  | 'taiwan-residence-permit'
  | 'passport'
  | 'permanent-resident-2004'
  | 'permanent-resident-2017';

export type OtherDocumentResult =
  | { readonly ok: true; readonly value: string; readonly form: OtherDocumentForm }
  | { readonly ok: false; readonly error: OtherDocumentError };

const RESIDENCE_PERMIT_PREFIX = {
  '810000': 'hk-residence-permit',
  '820000': 'macao-residence-permit',
  '830000': 'taiwan-residence-permit',
} as const;
type ResidencePermitForm = (typeof RESIDENCE_PERMIT_PREFIX)[keyof typeof RESIDENCE_PERMIT_PREFIX];

const EIGHTEEN = /^\d{17}[\dX]$/;

function fail(error: OtherDocumentError): OtherDocumentResult {
  return { ok: false, error };
}

/** An 18-character number: 'shape' unless it carries one of the expected permit prefixes. */
function residencePermit(
  value: string,
  allowed: readonly ResidencePermitForm[],
  today: Today,
): OtherDocumentResult {
  const form = Object.hasOwn(RESIDENCE_PERMIT_PREFIX, value.slice(0, 6))
    ? RESIDENCE_PERMIT_PREFIX[value.slice(0, 6) as keyof typeof RESIDENCE_PERMIT_PREFIX]
    : undefined;
  if (form === undefined || !allowed.includes(form)) return fail('shape');
  const result = validateResidentId(value, today);
  if (!result.ok) {
    // EIGHTEEN has already ruled out 'empty', 'length' and 'character'.
    return fail(result.error === 'date' || result.error === 'future-date' ? result.error : 'check');
  }
  return { ok: true, value, form };
}

export function validateHkMacaoPermit(raw: string, today: Today): OtherDocumentResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return fail('empty');
  if (/^[HM]\d{8}$/.test(value)) return { ok: true, value, form: 'home-return-card' };
  if (/^[HM]\d{10}$/.test(value)) return { ok: true, value, form: 'home-return-booklet' };
  if (EIGHTEEN.test(value)) {
    return residencePermit(value, ['hk-residence-permit', 'macao-residence-permit'], today);
  }
  return fail('shape');
}

export function validateTaiwanPermit(raw: string, today: Today): OtherDocumentResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return fail('empty');
  if (/^\d{8}$/.test(value)) return { ok: true, value, form: 'taiwan-compatriot-card' };
  if (EIGHTEEN.test(value)) return residencePermit(value, ['taiwan-residence-permit'], today);
  return fail('shape');
}

export function validatePassport(raw: string): OtherDocumentResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return fail('empty');
  if (/^[A-Z0-9]{5,17}$/.test(value) && /\d/.test(value)) {
    return { ok: true, value, form: 'passport' };
  }
  return fail('shape');
}

export function validateForeignPermanentResident(raw: string): OtherDocumentResult {
  const value = normaliseIdentifier(raw);
  if (value === '') return fail('empty');
  if (/^[A-Z]{3}\d{12}$/.test(value)) return { ok: true, value, form: 'permanent-resident-2004' };
  if (/^9\d{16}[\dX]$/.test(value)) return { ok: true, value, form: 'permanent-resident-2017' };
  return fail('shape');
}

import { DEFAULT_MASKING_RULES, maskIdNumber, maskPhone, type MaskingRules } from './mask';

/**
 * Free text bound for a log or a support bundle, masked by the same rule as the screens: every
 * run of 11 digits or more (an ID number, with its final X, a mobile or a landline with area
 * code, a bank card) keeps only its ends, as an ID number or an internal phone does. Names cannot
 * be told apart in free text: whatever writes a log sends codes, not names (shared/logging/).
 */
const LONG_NUMBER = /\d{11,}[Xx]?/gu;
const MOBILE = /^1[3-9]\d{9}$/u;

export function maskPersonalText(
  text: string,
  rules: MaskingRules = DEFAULT_MASKING_RULES,
): string {
  return text.replace(LONG_NUMBER, (run) =>
    MOBILE.test(run) ? (maskPhone(run, 'internal', rules) ?? '') : maskIdNumber(run, rules),
  );
}

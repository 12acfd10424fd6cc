/**
 * The credit code in a business licence's QR code (issue 15). Licences print a QR code whose text
 * is a link to the enterprise credit publicity system with the code as a parameter (e.g.
 * `…?uniscid=91130100MA01111107`), or on some older licences the code amid other text. The code
 * is found by its shape, then the check digits decide exactly as for a typed code: a scan never
 * vouches for a code more than typing would.
 */
import { validateUscc } from './uscc';

/** Bound on what is examined: a licence's QR code holds a short link. */
export const MAX_QR_TEXT = 2000;

/** 18 characters of the credit-code alphabet, not inside a longer run of letters or digits. */
const CANDIDATE = /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Za-z])/gu;

export type LicenceQrResult =
  | { readonly ok: true; readonly code: string }
  /** 'no-code': nothing shaped like a credit code; 'bad-code': shaped like one, fails its checks. */
  | { readonly ok: false; readonly error: 'no-code' }
  | { readonly ok: false; readonly error: 'bad-code'; readonly candidate: string };

export function creditCodeFromLicenceQr(text: string): LicenceQrResult {
  const candidates = text.slice(0, MAX_QR_TEXT).match(CANDIDATE) ?? [];
  for (const candidate of candidates) {
    const checked = validateUscc(candidate);
    if (checked.ok) return { ok: true, code: checked.value };
  }
  const first = candidates[0];
  return first === undefined
    ? { ok: false, error: 'no-code' }
    : { ok: false, error: 'bad-code', candidate: first };
}

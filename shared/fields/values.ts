/**
 * Numbers, days and addresses typed into a form: each check states the range it holds the value
 * to, so the message can say it ("between 15 and 1800").
 */
import { isRealDate } from '../ids/calendar';
import type { FieldResult } from './issue';
import { forbiddenCharacter } from './text';

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (seconds, days, digits kept). */
  readonly integer: boolean;
}

/** A number typed as text (or already a number, NaN when the input was empty). */
export function checkNumber(raw: string | number, rule: NumberRule): FieldResult<number> {
  const range = { min: rule.min, max: rule.max };
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
    if (Number.isNaN(value)) return { ok: false, issue: { code: 'required', ...range } };
  } else {
    const text = raw.trim();
    if (text === '') return { ok: false, issue: { code: 'required', ...range } };
    if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/u.test(text))
      return { ok: false, issue: { code: 'not-a-number', ...range } };
    value = Number(text);
  }
  if (!Number.isFinite(value)) return { ok: false, issue: { code: 'not-a-number', ...range } };
  if (rule.integer && !Number.isInteger(value))
    return { ok: false, issue: { code: 'not-whole', ...range } };
  if (value < rule.min || value > rule.max)
    return { ok: false, issue: { code: 'out-of-range', ...range } };
  return { ok: true, value };
}

export interface DayBounds {
  /** The earliest day allowed, and why: the record's signing. */
  readonly notBefore?: string;
  /** The latest day allowed: today. */
  readonly notAfter?: string;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** A 'YYYY-MM-DD' day (what a date input gives) within the bounds. */
export function checkDay(raw: string, bounds: DayBounds = {}): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return { ok: false, issue: { code: 'required' } };
  const match = ISO_DAY.exec(value);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3])))
    return { ok: false, issue: { code: 'date-format' } };
  const range = {
    ...(bounds.notBefore !== undefined ? { min: bounds.notBefore } : {}),
    ...(bounds.notAfter !== undefined ? { max: bounds.notAfter } : {}),
  };
  if (bounds.notBefore !== undefined && value < bounds.notBefore)
    return { ok: false, issue: { code: 'date-before-signing', ...range } };
  if (bounds.notAfter !== undefined && value > bounds.notAfter)
    return { ok: false, issue: { code: 'date-in-future', ...range } };
  return { ok: true, value };
}

const HTTP_URL =
  /^https?:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[\x21-\x7e]*)?$/u;

/** An http(s) address of a platform: no spaces, no credentials, no invisible characters. */
export function checkHttpUrl(raw: string, max: number): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return { ok: false, issue: { code: 'required' } };
  const bad = forbiddenCharacter(value);
  if (bad) return { ok: false, issue: bad };
  if ([...value].length > max) return { ok: false, issue: { code: 'too-long', max } };
  // Scheme, host (a name, IPv4 or bracketed IPv6), optional port and path: no user:password@.
  if (!HTTP_URL.test(value)) return { ok: false, issue: { code: 'url' } };
  return { ok: true, value };
}

import type { Catalogue } from '../../shared/catalogue/schema';
import { maskIdNumber, maskPersonName, type MaskingRules } from '../../shared/masking/mask';
import type { Language } from '../../shared/model';
import { chinaClock } from '../../shared/time';
import type { RecordRow } from '../store/db';

/**
 * The identifier as staff lists show it (internal audience, shared/masking): a person's number
 * masked, an organisation's credit code in full because it is public.
 */
export function listedIdentifier(
  row: Pick<RecordRow, 'entityKind' | 'idNumber'>,
  rules: MaskingRules,
): string {
  return row.entityKind === 'natural-person' ? maskIdNumber(row.idNumber, rules) : row.idNumber;
}

/**
 * The entity's name on a printed list or an export (brief §7): a person's given name masked
 * ('张*'), an organisation's name in full because it is public.
 */
export function printedName(
  row: Pick<RecordRow, 'entityKind' | 'entityName'>,
  rules: MaskingRules,
): string {
  return row.entityKind === 'natural-person'
    ? maskPersonName(row.entityName, rules)
    : row.entityName;
}

export function matterName(
  catalogue: Catalogue | null | undefined,
  code: string,
  language: Language,
): string {
  return catalogue?.matters.find((m) => m.code === code)?.name[language] ?? code;
}

/** Any ISO instant as hall time to the minute: '2026-11-25 10:03' (a UTC one is not 8 hours off). */
export function shortTime(instant: string): string {
  return hallTime(instant).slice(0, 16);
}

/** Any ISO instant (the platform may answer in UTC) as hall time to the second: '2026-11-25 10:03:04'. */
export function hallTime(instant: string): string {
  return chinaClock(instant) ?? instant;
}

/** One entry point for "is this a valid identifier of this document type". */
import type { EntityKind, IdDocumentType } from '../model';
import { codePointLabel } from '../fields/issue';
import { forbiddenCharacter, type CharacterIssueCode } from '../fields/text';
import type { Today } from './calendar';
import {
  validateForeignPermanentResident,
  validateHkMacaoPermit,
  validatePassport,
  validateTaiwanPermit,
} from './other-documents';
import type { OtherDocumentError } from './other-documents';
import { validateResidentId } from './resident-id';
import type { ResidentIdError } from './resident-id';
import { normaliseIdentifier } from './normalise';
import { validateUscc } from './uscc';
import type { UsccError, UsccWarning } from './uscc';

export type IdDocumentError = UsccError | ResidentIdError | OtherDocumentError | CharacterIssueCode;
export type IdDocumentWarning = UsccWarning;

export type IdDocumentResult =
  | {
      readonly ok: true;
      readonly type: IdDocumentType;
      /** The normalised identifier: what to store. */
      readonly value: string;
      readonly warnings: readonly IdDocumentWarning[];
    }
  | {
      readonly ok: false;
      readonly type: IdDocumentType;
      readonly error: IdDocumentError;
      /** A refused character, as 'U+202E'. */
      readonly char?: string;
      /** For 'length': the characters the number has (after normalising) and must have. */
      readonly length?: number;
      readonly expected?: number;
    };

const ORGANISATION_DOCUMENTS = ['uscc'] as const satisfies readonly IdDocumentType[];
const PERSON_DOCUMENTS = [
  'resident-id',
  'hk-macao-permit',
  'taiwan-permit',
  'passport',
  'foreign-permanent-resident',
] as const satisfies readonly IdDocumentType[];

/** Organisations identify by credit code only; natural persons by any personal document. */
export function allowedDocumentTypes(kind: EntityKind): readonly IdDocumentType[] {
  return kind === 'natural-person' ? PERSON_DOCUMENTS : ORGANISATION_DOCUMENTS;
}

export function isDocumentTypeAllowed(kind: EntityKind, type: IdDocumentType): boolean {
  return allowedDocumentTypes(kind).includes(type);
}

/** Documents whose numbers have exactly 18 characters, which a length message can state. */
const EIGHTEEN_CHARACTERS = new Set<IdDocumentType>(['uscc', 'resident-id']);

export function validateIdDocument(
  type: IdDocumentType,
  raw: string,
  today: Today,
): IdDocumentResult {
  // What no identifier holds is named before any length or shape is judged, and nothing
  // invisible is dropped without a word: only spaces (visible) and width/case are normalised.
  const hostile = forbiddenCharacter(raw, true);
  if (hostile) return { ok: false, type, error: hostile.code, char: hostile.char };
  const normalised = normaliseIdentifier(raw);
  const stray = /[^0-9A-Z]/u.exec(normalised);
  if (stray) return { ok: false, type, error: 'character', char: codePointLabel(stray[0]) };
  const result = dispatch(type, raw, today);
  if (!result.ok) {
    const expected = EIGHTEEN_CHARACTERS.has(type) ? 18 : undefined;
    return result.error === 'length' && expected !== undefined
      ? { ok: false, type, error: 'length', length: normalised.length, expected }
      : { ok: false, type, error: result.error };
  }
  const warnings = 'warnings' in result ? result.warnings : [];
  return { ok: true, type, value: result.value, warnings };
}

function dispatch(type: IdDocumentType, raw: string, today: Today) {
  switch (type) {
    case 'uscc':
      return validateUscc(raw);
    case 'resident-id':
      return validateResidentId(raw, today);
    case 'hk-macao-permit':
      return validateHkMacaoPermit(raw, today);
    case 'taiwan-permit':
      return validateTaiwanPermit(raw, today);
    case 'passport':
      return validatePassport(raw);
    case 'foreign-permanent-resident':
      return validateForeignPermanentResident(raw);
  }
}

/** One entry point for "is this a valid identifier of this document type". */
import type { EntityKind, IdDocumentType } from '../model';
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
import { validateUscc } from './uscc';
import type { UsccError, UsccWarning } from './uscc';

export type IdDocumentError = UsccError | ResidentIdError | OtherDocumentError;
export type IdDocumentWarning = UsccWarning;

export type IdDocumentResult =
  | {
      readonly ok: true;
      readonly type: IdDocumentType;
      /** The normalised identifier: what to store. */
      readonly value: string;
      readonly warnings: readonly IdDocumentWarning[];
    }
  | { readonly ok: false; readonly type: IdDocumentType; readonly error: IdDocumentError };

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

export function validateIdDocument(
  type: IdDocumentType,
  raw: string,
  today: Today,
): IdDocumentResult {
  const result = dispatch(type, raw, today);
  if (!result.ok) return { ok: false, type, error: result.error };
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

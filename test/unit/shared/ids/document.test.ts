import { describe, expect, it } from 'vitest';
import {
  allowedDocumentTypes,
  isDocumentTypeAllowed,
  validateIdDocument,
} from '../../../../shared/ids/document';
import { ID_DOCUMENT_TYPES } from '../../../../shared/model';
import { TODAY } from './arbitraries';

describe('allowedDocumentTypes', () => {
  it('gives organisations the credit code only and persons every personal document', () => {
    expect(allowedDocumentTypes('legal-person')).toEqual(['uscc']);
    expect(allowedDocumentTypes('unincorporated')).toEqual(['uscc']);
    expect(allowedDocumentTypes('natural-person')).toEqual(
      ID_DOCUMENT_TYPES.filter((t) => t !== 'uscc'),
    );
    expect(isDocumentTypeAllowed('natural-person', 'uscc')).toBe(false);
    expect(isDocumentTypeAllowed('legal-person', 'resident-id')).toBe(false);
    expect(isDocumentTypeAllowed('natural-person', 'passport')).toBe(true);
  });
});

describe('validateIdDocument', () => {
  it.each([
    ['uscc', '91130100ma01111107', '91130100MA01111107'],
    ['resident-id', '11010519491231002x', '11010519491231002X'],
    ['hk-macao-permit', 'h12345678', 'H12345678'],
    ['taiwan-permit', '01234567', '01234567'],
    ['passport', 'e12345678', 'E12345678'],
    ['foreign-permanent-resident', 'USA110085012345', 'USA110085012345'],
  ] as const)('dispatches %s and returns the normalised value', (type, raw, value) => {
    expect(validateIdDocument(type, raw, TODAY)).toEqual({ ok: true, type, value, warnings: [] });
  });

  it('carries the organisation-code warning of a credit code', () => {
    expect(validateIdDocument('uscc', '91130100MA0111111A', TODAY)).toEqual({
      ok: true,
      type: 'uscc',
      value: '91130100MA0111111A',
      warnings: ['org-code-check'],
    });
  });

  it('reports the validator error with the type', () => {
    expect(validateIdDocument('uscc', '130102199003071233', TODAY)).toEqual({
      ok: false,
      type: 'uscc',
      error: 'check',
    });
    expect(validateIdDocument('resident-id', '91130100MA01111107', TODAY)).toEqual({
      ok: false,
      type: 'resident-id',
      error: 'character',
    });
    expect(validateIdDocument('passport', '', TODAY)).toEqual({
      ok: false,
      type: 'passport',
      error: 'empty',
    });
    expect(validateIdDocument('taiwan-permit', '830000199001010021', TODAY)).toEqual({
      ok: false,
      type: 'taiwan-permit',
      error: 'check',
    });
  });
});

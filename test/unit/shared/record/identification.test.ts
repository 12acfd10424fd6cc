import { describe, expect, it } from 'vitest';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import {
  identificationFor,
  identificationMethods,
  meetsCardRequirement,
  NO_IDENTITY_EVIDENCE,
  signerRole,
  type Identification,
} from '../../../../shared/record/identification';
import { RESIDENT_ID, signedPayload } from './fixtures';

function codes(value: unknown): string[] {
  const r = RecordSignedPayloadSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => (i.code === 'custom' ? i.message : i.code));
}

const byCard: Identification = {
  signer: {
    role: 'legal-representative',
    method: 'id-card',
    card: { validFrom: '2020-01-01', validUntil: '2040-01-01' },
  },
  creditCode: 'licence-qr',
  nameSource: 'platform',
};

describe('the signed record says who signed and how', () => {
  it('a record without identification (signed before it existed) still parses', () => {
    const older = signedPayload();
    expect('identification' in older).toBe(false);
    expect(codes(older)).toEqual([]);
  });

  it('accepts a representative read from a card, the code from the licence QR', () => {
    expect(codes({ ...signedPayload(), identification: byCard })).toEqual([]);
    expect(identificationMethods(byCard)).toEqual(['id-card', 'licence-qr']);
    expect(identificationMethods(undefined)).toEqual([]);
  });

  it('a card read carries the card validity, and only a card read', () => {
    const noCard = { ...byCard, signer: { role: 'legal-representative', method: 'id-card' } };
    expect(codes({ ...signedPayload(), identification: noCard })).toEqual(['card-iff-id-card']);
    const typedWithCard = { ...byCard, signer: { ...byCard.signer, method: 'typed' } };
    expect(codes({ ...signedPayload(), identification: typedWithCard })).toEqual([
      'card-iff-id-card',
    ]);
    const backwards = {
      ...byCard,
      signer: { ...byCard.signer, card: { validFrom: '2030-01-01', validUntil: '2020-01-01' } },
    };
    expect(codes({ ...signedPayload(), identification: backwards })).toEqual([
      'card-validity-order',
    ]);
  });

  it('the role agrees with the entity: an agent, a representative, a natural person', () => {
    const p = signedPayload();
    const withAgent = {
      ...p,
      entity: {
        ...p.entity,
        agent: { name: '赵华', idType: 'resident-id', idNumber: RESIDENT_ID },
      },
    };
    expect(signerRole(withAgent.entity)).toBe('agent');
    expect(codes({ ...withAgent, identification: byCard })).toEqual(['signer-role-mismatch']);
    const person = {
      ...p,
      entity: {
        kind: 'natural-person',
        name: '张三',
        idType: 'resident-id',
        idNumber: RESIDENT_ID,
      },
      publication: 'scope',
    };
    expect(
      codes({
        ...person,
        identification: { signer: { role: 'natural-person', method: 'typed' } },
      }),
    ).toEqual([]);
    // A natural person has no credit code to scan and no registered name.
    expect(
      codes({
        ...person,
        identification: { ...byCard, signer: { role: 'natural-person', method: 'typed' } },
      }),
    ).toEqual(['credit-code-method-iff-organisation', 'name-source-iff-organisation']);
  });

  it('refuses a method it does not know', () => {
    const odd = { ...byCard, signer: { role: 'agent', method: 'fingerprint' } };
    expect(codes({ ...signedPayload(), identification: odd })).toContain('invalid_value');
  });
});

describe("identificationFor: what the entity step saw becomes the record's identification", () => {
  const card = {
    name: '冀测试',
    idNumber: RESIDENT_ID,
    validFrom: '2020-01-01',
    validUntil: 'long-term' as const,
  };
  const person = { kind: 'natural-person' as const, name: '冀测试', idNumber: RESIDENT_ID };

  it('a natural person read from the card', () => {
    const id = identificationFor(person, { ...NO_IDENTITY_EVIDENCE, card }, false);
    expect(id).toEqual({
      signer: {
        role: 'natural-person',
        method: 'id-card',
        card: { validFrom: '2020-01-01', validUntil: 'long-term' },
      },
    });
    expect(meetsCardRequirement(id, true)).toBe(true);
  });

  it('a card read and then another person typed is "typed", and fails a required card', () => {
    const other = { ...person, name: '张三' };
    const id = identificationFor(other, { ...NO_IDENTITY_EVIDENCE, card }, false);
    expect(id.signer).toEqual({ role: 'natural-person', method: 'typed' });
    expect(meetsCardRequirement(id, true)).toBe(false);
    expect(meetsCardRequirement(id, false)).toBe(true);
    // In the clerk's assisted mode the clerk checked the document.
    const assisted = identificationFor(other, NO_IDENTITY_EVIDENCE, true);
    expect(assisted.signer.method).toBe('clerk-checked');
    expect(meetsCardRequirement(assisted, true)).toBe(true);
  });

  it('a company: its representative by card, the code from the QR, the name from the platform', () => {
    const company = {
      kind: 'legal-person' as const,
      name: '石家庄示例科技有限公司',
      idNumber: '91130100MA01111107',
      representative: { name: '冀测试', idNumber: RESIDENT_ID },
    };
    const evidence = {
      card,
      scannedCreditCode: '91130100MA01111107',
      registeredName: '石家庄示例科技有限公司',
    };
    const id = identificationFor(company, evidence, false);
    expect(id.signer.role).toBe('legal-representative');
    expect(id.signer.method).toBe('id-card');
    expect(id.creditCode).toBe('licence-qr');
    expect(id.nameSource).toBe('platform');
    // A code or a name changed after the scan or the lookup was typed.
    const retyped = identificationFor(
      { ...company, idNumber: '91350200776049653A', name: '别的公司' },
      evidence,
      false,
    );
    expect([retyped.creditCode, retyped.nameSource]).toEqual(['typed', 'typed']);
  });
});

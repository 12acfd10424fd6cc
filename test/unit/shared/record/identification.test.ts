import { describe, expect, it } from 'vitest';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import {
  identificationMethods,
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

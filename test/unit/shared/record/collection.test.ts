import { describe, expect, it } from 'vitest';
import {
  CommitmentCollectionItemSchema,
  FulfilmentCollectionItemSchema,
  partyCategory,
  toCollectionItems,
} from '../../../../shared/record/collection';
import { deriveRecord, type RecordView } from '../../../../shared/record/lifecycle';
import type { RecordSignedPayload } from '../../../../shared/record/events';
import {
  CODE,
  COMPANY_USCC,
  INDIVIDUAL_BUSINESS_USCC,
  ORGAN_USCC,
  RESIDENT_ID,
  RecordLog,
  finding,
  signedPayload,
} from './fixtures';

const texts = {
  content: '本人承诺：……（承诺书全文）',
  liabilityForBreach: '承诺不实的，撤销许可并记入信用记录。',
};

function view(log: RecordLog): RecordView {
  const r = deriveRecord(log.entries);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

function signedWith(change: (p: RecordSignedPayload) => void): RecordLog {
  const p = signedPayload();
  change(p);
  return new RecordLog().add('record.signed', p);
}

describe('partyCategory', () => {
  it('derives the three categories of the standard', () => {
    expect(partyCategory({ kind: 'legal-person', idType: 'uscc', idNumber: COMPANY_USCC })).toBe(
      'legal-person-or-unincorporated',
    );
    expect(
      partyCategory({ kind: 'unincorporated', idType: 'uscc', idNumber: INDIVIDUAL_BUSINESS_USCC }),
    ).toBe('individual-business');
    expect(
      partyCategory({ kind: 'unincorporated', idType: 'uscc', idNumber: '93130100MA0333333X' }),
    ).toBe('legal-person-or-unincorporated');
    expect(
      partyCategory({ kind: 'natural-person', idType: 'resident-id', idNumber: RESIDENT_ID }),
    ).toBe('natural-person');
    // A '92' that is not a credit code says nothing about individual business.
    expect(partyCategory({ kind: 'legal-person', idType: 'passport', idNumber: '92ABC' })).toBe(
      'legal-person-or-unincorporated',
    );
  });
});

describe('toCollectionItems', () => {
  it('maps a signed record one to one onto the commitment item', () => {
    const r = toCollectionItems(view(new RecordLog().add('record.signed', signedPayload())), texts);
    expect(r).toEqual({
      ok: true,
      commitment: {
        commitmentCode: CODE,
        party: {
          name: '石家庄示例食品有限公司',
          category: 'legal-person-or-unincorporated',
          code: COMPANY_USCC,
        },
        commitmentType: 'approval-replacing',
        commitmentTypeName: null,
        reason: '食品经营许可',
        content: texts.content,
        liabilityForBreach: texts.liabilityForBreach,
        dateMade: '2026-03-15',
        validUntil: '2027-03-15',
        acceptingOrgan: { name: '石家庄市长安区行政审批局', creditCode: ORGAN_USCC },
        publicationType: 'public',
        remarks: null,
      },
      fulfilment: null,
    });
    if (r.ok) expect(CommitmentCollectionItemSchema.parse(r.commitment)).toEqual(r.commitment);
  });

  it('carries a natural person unmasked, with the scope publication and remarks', () => {
    const log = signedWith((p) => {
      p.entity = {
        kind: 'natural-person',
        name: '张三',
        idType: 'resident-id',
        idNumber: RESIDENT_ID,
      };
      p.publication = 'scope';
      p.remarks = '代办人：李四';
      p.commitmentType = 'other';
      p.commitmentTypeName = '行业自律补充承诺';
      p.validUntil = null;
    });
    const r = toCollectionItems(view(log), texts);
    expect(r).toMatchObject({
      ok: true,
      commitment: {
        party: { name: '张三', category: 'natural-person', code: RESIDENT_ID },
        publicationType: 'scope',
        remarks: '代办人：李四',
        commitmentType: 'other',
        commitmentTypeName: '行业自律补充承诺',
        validUntil: null,
      },
    });
  });

  it('adds the linked fulfilment item; a false commitment is collected as not kept', () => {
    const log = new RecordLog()
      .add('record.signed', signedPayload())
      .add('fulfilment.recorded', finding({ status: 'false-commitment', permitRevoked: true }));
    const r = toCollectionItems(view(log), texts);
    expect(r.ok && r.fulfilment).toEqual({
      commitmentCode: CODE,
      status: 'not-kept',
      notKept: '未按承诺取得健康证明',
      liabilityImposed: '撤销食品经营许可',
      findingDate: '2026-06-01',
      findingOrgan: { name: '石家庄市市场监督管理局', code: '11130100000000000X' },
    });
    if (r.ok && r.fulfilment)
      expect(FulfilmentCollectionItemSchema.parse(r.fulfilment)).toEqual(r.fulfilment);

    const kept = new RecordLog()
      .add('record.signed', signedPayload())
      .add(
        'fulfilment.recorded',
        finding({ status: 'kept', notKept: undefined, liabilityImposed: undefined }),
      );
    expect(toCollectionItems(view(kept), texts)).toMatchObject({
      ok: true,
      fulfilment: { status: 'kept', notKept: null, liabilityImposed: null },
    });
  });

  it('collects nothing for a voided record', () => {
    const log = new RecordLog()
      .add('record.signed', signedPayload())
      .add('record.voided', { reasonCode: 'duplicate', reasonText: '重复录入', by: 'c-1' });
    expect(toCollectionItems(view(log), texts)).toEqual({ ok: false, error: 'voided' });
  });

  it('refuses empty or oversized texts, naming the item', () => {
    const v = view(new RecordLog().add('record.signed', signedPayload()));
    expect(toCollectionItems(v, { ...texts, content: '  ' })).toEqual({
      ok: false,
      error: 'invalid-item',
      paths: ['content'],
    });
    expect(toCollectionItems(v, { ...texts, liabilityForBreach: 'x'.repeat(10_001) })).toEqual({
      ok: false,
      error: 'invalid-item',
      paths: ['liabilityForBreach'],
    });
  });

  it('output schemas refuse extra fields (a phone number must not reach the collection)', () => {
    const r = toCollectionItems(view(new RecordLog().add('record.signed', signedPayload())), texts);
    if (!r.ok) throw new Error(r.error);
    expect(
      CommitmentCollectionItemSchema.safeParse({
        ...r.commitment,
        party: { ...r.commitment.party, phone: '13800000000' },
      }).success,
    ).toBe(false);
  });
});

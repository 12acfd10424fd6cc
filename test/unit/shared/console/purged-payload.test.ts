import { describe, expect, it } from 'vitest';
import { purgedPayload } from '../../../../shared/console/retention';
import { CODE, RESIDENT_ID, signedPayload } from '../record/fixtures';

describe('the payload a purged event keeps', () => {
  it('keeps only the commitment code of the signed event', () => {
    const payload = {
      ...signedPayload(),
      entity: {
        kind: 'natural-person' as const,
        name: '张三丰',
        idType: 'resident-id' as const,
        idNumber: RESIDENT_ID,
        phone: '13812345678',
      },
    };
    const residue = purgedPayload('record.signed', payload);
    expect(residue).toEqual({ purged: true, commitmentCode: CODE });
    expect(JSON.stringify(residue)).not.toMatch(/张三丰|13812345678|130102199003071233/u);
  });

  it('keeps nothing of any other event, even a commitment code', () => {
    expect(
      purgedPayload('record.voided', {
        reasonCode: 'applicant-withdrew',
        reasonText: '张三丰 撤回',
        by: 'c-007',
      }),
    ).toEqual({ purged: true });
    expect(purgedPayload('audit.record.reprinted', { commitmentCode: CODE })).toEqual({
      purged: true,
    });
  });

  it('keeps no code that is not a string', () => {
    expect(purgedPayload('record.signed', {})).toEqual({ purged: true });
    expect(purgedPayload('record.signed', { commitmentCode: 42 })).toEqual({ purged: true });
  });
});

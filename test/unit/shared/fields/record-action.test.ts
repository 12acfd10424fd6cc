import { describe, expect, it } from 'vitest';
import { actionFieldIssues } from '../../../../shared/fields/record-action';

const bounds = { signedOn: '2026-12-06', today: '2026-12-06' };
const organ = { name: '石家庄市市场监督管理局', code: 'SJZ-SC' };

describe('actionFieldIssues', () => {
  it('refuses a finding dated 1900-01-01 on a record signed today, and one dated tomorrow', () => {
    const finding = (findingDate: string) =>
      actionFieldIssues(
        {
          type: 'fulfilment.recorded',
          payload: { status: 'kept', permitRevoked: false, findingDate, findingOrgan: organ },
        },
        bounds,
      );
    expect(finding('1900-01-01')).toEqual({
      findingDate: { code: 'date-before-signing', min: '2026-12-06', max: '2026-12-06' },
    });
    expect(finding('2026-12-07')).toMatchObject({ findingDate: { code: 'date-in-future' } });
    expect(finding('2026-12-06')).toEqual({});
  });

  it('names each hostile field of a finding by its path', () => {
    expect(
      actionFieldIssues(
        {
          type: 'fulfilment.recorded',
          payload: {
            status: 'not-kept',
            notKept: '未按期\u202e整改',
            liabilityImposed: '罚'.repeat(10_000),
            permitRevoked: false,
            findingDate: '2026-12-06',
            findingOrgan: { name: '<b>局</b>', code: 'A\u200bB' },
          },
        },
        bounds,
      ),
    ).toEqual({
      notKept: { code: 'bidi-control', char: 'U+202E' },
      liabilityImposed: { code: 'too-long', max: 4000, length: 10_000 },
      'findingOrgan.name': { code: 'markup', char: '<' },
      'findingOrgan.code': { code: 'invisible', char: 'U+200B' },
    });
  });

  it('checks the void reason, objection grounds and the corrected finding of a resolution', () => {
    expect(
      actionFieldIssues(
        {
          type: 'record.voided',
          payload: { reasonCode: 'other', reasonText: '因'.repeat(501), by: 'S001' },
        },
        bounds,
      ),
    ).toMatchObject({ reasonText: { code: 'too-long', max: 500 } });
    expect(
      actionFieldIssues(
        {
          type: 'objection.filed',
          payload: {
            target: 'commitment',
            grounds: '异'.repeat(10_000),
            filedOn: '2026-12-06',
            deadlineDays: 15,
            deadline: '2026-12-21',
          },
        },
        bounds,
      ),
    ).toMatchObject({ grounds: { code: 'too-long', max: 4000 } });
    expect(
      actionFieldIssues(
        {
          type: 'objection.resolved',
          payload: {
            result: 'corrected',
            resolvedOn: '2026-12-06',
            resolvedBy: organ,
            correctedFulfilment: {
              status: 'kept',
              permitRevoked: false,
              findingDate: '1900-01-01',
              findingOrgan: organ,
            },
          },
        },
        bounds,
      ),
    ).toMatchObject({ 'correctedFulfilment.findingDate': { code: 'date-before-signing' } });
  });

  it('leaves what is not a string to the schema instead of throwing', () => {
    const junk = {
      type: 'record.voided',
      payload: { reasonCode: 'other', reasonText: 42, by: 'S001' },
    } as unknown as Parameters<typeof actionFieldIssues>[0];
    expect(actionFieldIssues(junk, bounds)).toEqual({});
  });
});

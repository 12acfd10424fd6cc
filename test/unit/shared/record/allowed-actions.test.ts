import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../../../shared/record/allowed-actions';
import { deriveRecord, type RecordView } from '../../../../shared/record/lifecycle';
import { finding, RecordLog, signedPayload } from './fixtures';

function view(log: RecordLog): RecordView {
  const r = deriveRecord(log.entries);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}
const signed = () => new RecordLog().add('record.signed', signedPayload());
const voidP = { reasonCode: 'entered-in-error', reasonText: '录错', by: 'c-1' } as const;
const filed = {
  target: 'fulfilment',
  grounds: '材料已补齐',
  filedOn: '2026-06-05',
  deadlineDays: 15,
  deadline: '2026-06-20',
} as const;

describe('the actions a record allows', () => {
  it('follows the lifecycle: a button only where the action applies', () => {
    expect(allowedActions(view(signed()))).toEqual([
      'void',
      'fulfilment',
      'objectionFile',
      'case',
      'reprint',
    ]);
    expect(allowedActions(view(signed().add('record.voided', voidP)))).toEqual(['reprint']);
    const broken = signed().add(
      'fulfilment.recorded',
      finding({ status: 'false-commitment', permitRevoked: true }),
    );
    expect(allowedActions(view(broken))).toEqual(['objectionFile', 'repair', 'case', 'reprint']);
    // While the finding is disputed: only the objection's result, no repair, no second objection.
    expect(allowedActions(view(broken.add('objection.filed', filed)))).toEqual([
      'objectionResolve',
      'case',
      'reprint',
    ]);
  });

  it('offers "material received" while a 容缺受理 record still owes a material', () => {
    const owing = new RecordLog().add('record.signed', {
      ...signedPayload(),
      commitmentType: 'acceptance-pending-materials',
      deadlines: {
        verifyBy: '2026-04-14',
        dayCount: 'calendar',
        certain: true,
        materials: [
          { id: 'lease', name: { 'zh-CN': '租赁合同', en: 'Lease' }, dueBy: '2026-03-30' },
        ],
      },
    });
    expect(allowedActions(view(owing))).toContain('material');
    owing.add('material.received', { materialId: 'lease', receivedOn: '2026-03-20', by: 'c-007' });
    expect(allowedActions(view(owing))).not.toContain('material');
  });
});

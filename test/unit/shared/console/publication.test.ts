import { describe, expect, it } from 'vitest';
import { isPublished, publishedFinding } from '../../../../shared/console/publication';
import { deriveRecord, type RecordView } from '../../../../shared/record/lifecycle';
import { RecordLog, finding, signedPayload } from '../record/fixtures';

const ORGAN = { name: '石家庄市市场监督管理局', code: 'X1' };

function view(log: RecordLog): RecordView {
  const derived = deriveRecord(log.entries);
  if (!derived.ok) throw new Error(derived.reason);
  return derived.record;
}

describe('what the public query shows', () => {
  it('shows a breach until the entity repairs its credit, then that it was repaired', () => {
    const broken = new RecordLog()
      .add('record.signed', signedPayload())
      .add('fulfilment.recorded', finding({ status: 'not-kept' }));
    expect(publishedFinding(view(broken))).toBe('not-kept');
    const repaired = broken.add('repair.completed', {
      completedOn: '2026-09-01',
      steps: ['rectification', 'repair-commitment'],
      decidedBy: ORGAN,
    });
    expect(isPublished(view(repaired))).toBe(true);
    expect(publishedFinding(view(repaired))).toBe('repaired');
  });

  it('publishes neither a voided record nor one published only within a scope', () => {
    const voided = new RecordLog()
      .add('record.signed', signedPayload())
      .add('record.voided', { reasonCode: 'entered-in-error', reasonText: '录错', by: 'c-1' });
    expect(isPublished(view(voided))).toBe(false);
    const scoped = new RecordLog().add('record.signed', {
      ...signedPayload(),
      publication: 'scope',
    });
    expect(isPublished(view(scoped))).toBe(false);
    expect(publishedFinding(view(scoped))).toBeNull();
  });
});

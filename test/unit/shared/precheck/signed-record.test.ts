import { describe, expect, it } from 'vitest';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import { signedPayload } from '../record/fixtures';

const repairPrecheck = {
  outcome: 'eligible-for-repair',
  reason: 'unrepaired-dishonesty',
  basis: 'snapshot',
  checkedAt: null,
  snapshot: { issuedAt: '2026-03-15T07:00:00+08:00', ageHours: 2 },
} as const;

/** The custom codes of a failed parse, or [] when it passed. */
function codesOf(value: unknown): string[] {
  const r = RecordSignedPayloadSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => (i.code === 'custom' ? i.message : i.code));
}

describe('a signed record with a listed entity', () => {
  it('is recorded on a credit-repair matter, with what the check found', () => {
    const p = { ...signedPayload(), commitmentType: 'credit-repair', precheck: repairPrecheck };
    expect(codesOf(p)).toEqual([]);
    expect(RecordSignedPayloadSchema.parse(p).precheck).toEqual(repairPrecheck);
  });

  it('is refused on any other matter, whichever way the outcome is put', () => {
    expect(codesOf({ ...signedPayload(), precheck: repairPrecheck })).toEqual([
      'repair-precheck-not-credit-repair',
    ]);
    const refused = { ...repairPrecheck, outcome: 'not-eligible' };
    expect(
      codesOf({ ...signedPayload(), commitmentType: 'credit-repair', precheck: refused }),
    ).toEqual(['precheck-not-passed']);
  });
});

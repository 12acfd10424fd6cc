import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import {
  CreditSnapshotSchema,
  loadSnapshot,
  snapshotKey,
  snapshotLists,
  type CreditSnapshot,
} from '../../../../shared/precheck/snapshot';
import {
  PrecheckDecisionSchema,
  PrecheckPolicySchema,
  decidePrecheck,
  signablePrecheck,
  type PrecheckInput,
} from '../../../../shared/precheck/rules';
import { COMMITMENT_TYPES } from '../../../../shared/model';

const SALT = '0123456789abcdef0123456789abcdef';
const LISTED = '91130100MA01111107';
const CLEAN = '130102199003071233';
const ISSUED = '2026-03-15T00:00:00+08:00';
const hoursAfterIssue = (h: number) => new Date(Date.parse(ISSUED) + h * 3_600_000);

const snapshot: CreditSnapshot = {
  issuedAt: ISSUED,
  salt: SALT,
  unrepairedKeys: [snapshotKey(LISTED, SALT)],
};
const loaded = loadSnapshot(snapshot);
const policy = { maxSnapshotAgeHours: 24, whenStale: 'provisional' } as const;

function decide(over: Partial<PrecheckInput>) {
  const d = decidePrecheck({
    identifier: LISTED,
    now: hoursAfterIssue(2),
    policy,
    snapshot: loaded,
    ...over,
  });
  // Every decision is storable as-is in the signed record.
  expect(PrecheckDecisionSchema.parse(d)).toEqual(d);
  return d;
}

describe('snapshotKey', () => {
  it('is hex SHA-256 of salt, colon and the normalised identifier', () => {
    expect(snapshotKey(LISTED, SALT)).toBe(bytesToHex(sha256(utf8ToBytes(`${SALT}:${LISTED}`))));
  });

  it('normalises what the applicant typed (case, spaces, full width)', () => {
    const key = snapshotKey('11010519491231002X', SALT);
    expect(snapshotKey('110105 19491231 002x', SALT)).toBe(key);
    expect(snapshotKey('１１０１０５１９４９１２３１００２Ｘ', SALT)).toBe(key);
  });

  it('changes with the salt, so a table for one issue is useless on the next', () => {
    expect(snapshotKey(LISTED, SALT)).not.toBe(snapshotKey(LISTED, 'f'.repeat(32)));
    expect(snapshotKey(LISTED, SALT)).not.toContain(LISTED);
  });
});

describe('CreditSnapshotSchema', () => {
  it('accepts a snapshot and finds listed entities only', () => {
    expect(CreditSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshotLists(loaded, LISTED)).toBe(true);
    expect(snapshotLists(loaded, LISTED.toLowerCase())).toBe(true);
    expect(snapshotLists(loaded, CLEAN)).toBe(false);
  });

  it('refuses identifiers in the clear, short salts, duplicates and extra fields', () => {
    expect(CreditSnapshotSchema.safeParse({ ...snapshot, unrepairedKeys: [LISTED] }).success).toBe(
      false,
    );
    expect(CreditSnapshotSchema.safeParse({ ...snapshot, salt: 'abcd' }).success).toBe(false);
    expect(CreditSnapshotSchema.safeParse({ ...snapshot, salt: SALT.toUpperCase() }).success).toBe(
      false,
    );
    const dup = CreditSnapshotSchema.safeParse({
      ...snapshot,
      unrepairedKeys: [...snapshot.unrepairedKeys, ...snapshot.unrepairedKeys],
    });
    expect(dup.error?.issues[0]?.message).toBe('duplicate-key');
    expect(CreditSnapshotSchema.safeParse({ ...snapshot, plain: [LISTED] }).success).toBe(false);
    expect(CreditSnapshotSchema.safeParse({ ...snapshot, issuedAt: '2026-03-15' }).success).toBe(
      false,
    );
  });
});

describe('decidePrecheck', () => {
  it('lets the online answer win over the snapshot', () => {
    const checkedAt = '2026-03-15T09:00:00+08:00';
    expect(decide({ online: { status: 'none', checkedAt } })).toEqual({
      outcome: 'eligible',
      basis: 'online',
      checkedAt,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
    expect(decide({ online: { status: 'repaired', checkedAt } })).toMatchObject({
      outcome: 'eligible',
      basis: 'online',
    });
    expect(decide({ identifier: CLEAN, online: { status: 'unrepaired', checkedAt } })).toEqual({
      outcome: 'not-eligible',
      reason: 'unrepaired-dishonesty',
      basis: 'online',
      checkedAt,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
    expect(decide({ online: { status: 'none', checkedAt }, snapshot: undefined })).toMatchObject({
      snapshot: null,
    });
    // Online wins even when the only snapshot is far too old.
    expect(
      decide({ online: { status: 'none', checkedAt }, now: hoursAfterIssue(1000) }),
    ).toMatchObject({ outcome: 'eligible' });
  });

  it('decides from a fresh snapshot, with its age', () => {
    expect(decide({})).toEqual({
      outcome: 'not-eligible',
      reason: 'unrepaired-dishonesty',
      basis: 'snapshot',
      checkedAt: null,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
    expect(decide({ identifier: CLEAN })).toEqual({
      outcome: 'eligible',
      basis: 'snapshot',
      checkedAt: null,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
  });

  it('treats a snapshot exactly at the maximum age as fresh, and one millisecond older as stale', () => {
    expect(decide({ identifier: CLEAN, now: hoursAfterIssue(24) })).toMatchObject({
      outcome: 'eligible',
      snapshot: { ageHours: 24 },
    });
    const justOver = new Date(hoursAfterIssue(24).getTime() + 1);
    expect(decide({ identifier: CLEAN, now: justOver })).toMatchObject({
      outcome: 'provisional',
      reason: 'snapshot-stale',
    });
  });

  it('follows hall policy when the snapshot is stale, and tells the clerk of a stale hit', () => {
    const now = hoursAfterIssue(30);
    expect(decide({ now })).toEqual({
      outcome: 'provisional',
      reason: 'snapshot-stale',
      snapshot: { issuedAt: ISSUED, ageHours: 30 },
      staleSnapshotLists: true,
    });
    expect(decide({ now, identifier: CLEAN, policy: { ...policy, whenStale: 'refuse' } })).toEqual({
      outcome: 'unavailable',
      reason: 'snapshot-stale',
      snapshot: { issuedAt: ISSUED, ageHours: 30 },
      staleSnapshotLists: false,
    });
  });

  it('follows hall policy when there is no snapshot at all', () => {
    expect(decide({ snapshot: undefined })).toEqual({
      outcome: 'provisional',
      reason: 'no-snapshot',
      snapshot: null,
      staleSnapshotLists: false,
    });
    expect(
      decide({ snapshot: undefined, policy: { ...policy, whenStale: 'refuse' } }),
    ).toMatchObject({
      outcome: 'unavailable',
      reason: 'no-snapshot',
    });
  });

  it('does not trust a snapshot from the future (wrong device clock), beyond a small tolerance', () => {
    expect(decide({ identifier: CLEAN, now: hoursAfterIssue(-4 / 60) })).toMatchObject({
      outcome: 'eligible',
    });
    expect(decide({ now: hoursAfterIssue(-1) })).toEqual({
      outcome: 'provisional',
      reason: 'snapshot-from-future',
      snapshot: { issuedAt: ISSUED, ageHours: -1 },
      staleSnapshotLists: true,
    });
    expect(
      decide({ now: hoursAfterIssue(-1), policy: { ...policy, whenStale: 'refuse' } }),
    ).toMatchObject({ outcome: 'unavailable' });
  });
});

describe('PrecheckPolicySchema', () => {
  it('accepts sane settings and refuses zero, negative or absurd ages', () => {
    expect(PrecheckPolicySchema.safeParse(policy).success).toBe(true);
    for (const maxSnapshotAgeHours of [0, -1, 24 * 91, Number.NaN]) {
      expect(PrecheckPolicySchema.safeParse({ ...policy, maxSnapshotAgeHours }).success).toBe(
        false,
      );
    }
    expect(PrecheckPolicySchema.safeParse({ ...policy, whenStale: 'ignore' }).success).toBe(false);
  });
});

describe('decidePrecheck on a credit-repair matter', () => {
  const repair = { commitmentType: 'credit-repair' } as const;

  it('lets a listed entity sign, and records that it was listed', () => {
    const fromSnapshot = decide(repair);
    expect(fromSnapshot).toEqual({
      outcome: 'eligible-for-repair',
      reason: 'unrepaired-dishonesty',
      basis: 'snapshot',
      checkedAt: null,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
    expect(signablePrecheck(fromSnapshot, 'credit-repair')).not.toBeNull();
    const checkedAt = '2026-03-15T09:00:00+08:00';
    expect(
      decide({ ...repair, identifier: CLEAN, online: { status: 'unrepaired', checkedAt } }),
    ).toEqual({
      outcome: 'eligible-for-repair',
      reason: 'unrepaired-dishonesty',
      basis: 'online',
      checkedAt,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
  });

  it('still refuses a listed entity on every other type of matter', () => {
    for (const commitmentType of COMMITMENT_TYPES.filter((c) => c !== 'credit-repair')) {
      const d = decide({ commitmentType });
      expect(d).toMatchObject({ outcome: 'not-eligible', reason: 'unrepaired-dishonesty' });
      expect(signablePrecheck(d, commitmentType)).toBeNull();
    }
  });

  it('finds a clean or repaired entity eligible, as on any matter', () => {
    expect(decide({ ...repair, identifier: CLEAN })).toEqual({
      outcome: 'eligible',
      basis: 'snapshot',
      checkedAt: null,
      snapshot: { issuedAt: ISSUED, ageHours: 2 },
    });
    const checkedAt = '2026-03-15T09:00:00+08:00';
    expect(decide({ ...repair, online: { status: 'repaired', checkedAt } })).toMatchObject({
      outcome: 'eligible',
      basis: 'online',
    });
  });

  it('leaves a stale or missing snapshot to hall policy, as on any matter', () => {
    const now = hoursAfterIssue(30);
    expect(decide({ ...repair, now })).toMatchObject({
      outcome: 'provisional',
      reason: 'snapshot-stale',
      staleSnapshotLists: true,
    });
    expect(
      decide({ ...repair, snapshot: undefined, policy: { ...policy, whenStale: 'refuse' } }),
    ).toMatchObject({ outcome: 'unavailable', reason: 'no-snapshot' });
  });
});

describe('signablePrecheck', () => {
  const listed = decide({ commitmentType: 'credit-repair' });

  it('admits the repair outcome only for a credit-repair matter', () => {
    expect(signablePrecheck(listed, 'credit-repair')).not.toBeNull();
    expect(signablePrecheck(listed, 'approval-replacing')).toBeNull();
  });

  it('admits eligible and provisional decisions for any matter, and never a refusal', () => {
    for (const commitmentType of COMMITMENT_TYPES) {
      expect(signablePrecheck(decide({ identifier: CLEAN }), commitmentType)).not.toBeNull();
      expect(signablePrecheck(decide({ snapshot: undefined }), commitmentType)).not.toBeNull();
      expect(signablePrecheck(decide({}), commitmentType)).toBeNull();
      const refuse = { ...policy, whenStale: 'refuse' } as const;
      expect(
        signablePrecheck(decide({ snapshot: undefined, policy: refuse }), commitmentType),
      ).toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  actingStaff,
  auditKind,
  commitmentCodeOf,
  matchesFilter,
  staffInvolved,
  tallyByStaff,
  type AuditFilter,
  type LoggedEvent,
} from '../../../../shared/console/audit-entry';

let seq = 0;
/** An event as the chain stores it; the defaults are a supervisor's console action today. */
function ev(
  type: string,
  payload: Record<string, unknown> = {},
  more: Partial<Omit<LoggedEvent, 'type' | 'payload'>> = {},
): LoggedEvent {
  seq += 1;
  return {
    seq,
    type,
    at: '2026-12-06T10:15:00+08:00',
    recordId: null,
    actor: { kind: 'clerk', id: 'S001' },
    payload,
    ...more,
  };
}

const OPEN: AuditFilter = { day: null, staff: null, kind: null, record: null };

describe('the kind an audit entry is filed under', () => {
  it.each([
    ['audit.clerk.added', 'staff'],
    ['audit.clerk.unlocked', 'staff'],
    ['audit.clerk.pin-reset', 'staff'],
    ['audit.clerk.pin-changed', 'staff'],
    ['audit.clerk.disabled', 'staff'],
    ['audit.clerk.enabled', 'staff'],
    ['audit.clerk.role-changed', 'staff'],
    ['audit.clerk.id-normalised', 'staff'],
    ['audit.clerk.signed-in', 'sign-in'],
    ['audit.clerk.signed-out', 'sign-in'],
    ['audit.clerk.sign-in-failed', 'sign-in'],
    ['audit.record.reprinted', 'record'],
    ['audit.sync.run', 'sync'],
    ['audit.receipts.imported', 'sync'],
    ['audit.export.made', 'export'],
    ['record.signed', 'record'],
    ['record.voided', 'record'],
    ['fulfilment.recorded', 'record'],
    ['objection.filed', 'record'],
    ['repair.started', 'record'],
  ] as const)('%s is %s', (type, kind) => {
    expect(auditKind(ev(type))).toBe(kind);
  });

  it('a setting change is a setting, except the old way of logging an added clerk', () => {
    expect(auditKind(ev('audit.settings.changed', { key: 'idle' }))).toBe('settings');
    expect(auditKind(ev('audit.settings.changed', { key: 'clerks', to: { added: 'c004' } }))).toBe(
      'staff',
    );
  });
});

describe('who an entry names', () => {
  it('the acting clerk, in upper case, whatever was typed', () => {
    expect(actingStaff(ev('record.voided', {}, { actor: { kind: 'clerk', id: ' c002 ' } }))).toBe(
      'C002',
    );
  });

  it('the assisting clerk of a kiosk signing, and nobody for an applicant alone', () => {
    const applicant = { kind: 'applicant' } as const;
    expect(
      actingStaff(
        ev(
          'record.signed',
          { assisted: { assisted: true, clerkId: 'c002' } },
          { actor: applicant },
        ),
      ),
    ).toBe('C002');
    expect(
      actingStaff(ev('record.signed', { assisted: { assisted: false } }, { actor: applicant })),
    ).toBeNull();
    // An "assisted" field on another type does not make its clerk the actor.
    expect(
      actingStaff(
        ev('record.voided', { assisted: { clerkId: 'C002' } }, { actor: { kind: 'system' } }),
      ),
    ).toBeNull();
  });

  it('everyone involved: actor, the one acted on, the approver, the attempted number', () => {
    expect(staffInvolved(ev('audit.clerk.disabled', { by: 'S001', clerkId: 'c003' }))).toEqual([
      'S001',
      'C003',
    ]);
    expect(
      staffInvolved(
        ev(
          'record.voided',
          { by: 'C002', approvedBy: 's001' },
          { actor: { kind: 'clerk', id: 'C002' } },
        ),
      ),
    ).toEqual(['C002', 'S001']);
    expect(
      staffInvolved(
        ev(
          'audit.clerk.sign-in-failed',
          { attemptedClerkId: 'x999', reason: 'unknown-clerk' },
          { actor: { kind: 'system' } },
        ),
      ),
    ).toEqual(['X999']);
    expect(
      staffInvolved(
        ev(
          'audit.clerk.id-normalised',
          { from: 'c002', to: 'C002', outcome: 'renamed' },
          { actor: { kind: 'system' } },
        ),
      ),
    ).toEqual(['C002']);
    // "from" of a role change is a role, not a person.
    expect(
      staffInvolved(
        ev('audit.clerk.role-changed', { by: 'S001', clerkId: 'C002', from: 'clerk', to: 'x' }),
      ),
    ).toEqual(['S001', 'C002']);
    expect(
      staffInvolved(
        ev(
          'audit.settings.changed',
          { key: 'clerks', to: { added: 'c004' } },
          { actor: { kind: 'clerk', id: 'S001' } },
        ),
      ),
    ).toEqual(['S001', 'C004']);
  });
});

describe('the audit filter', () => {
  const voided = ev(
    'record.voided',
    { by: 'C002' },
    { at: '2026-12-05T23:59:00+08:00', recordId: 'r1', actor: { kind: 'clerk', id: 'C002' } },
  );

  it('by the hall day the event carries, not the UTC day', () => {
    expect(matchesFilter(voided, null, { ...OPEN, day: '2026-12-05' })).toBe(true);
    expect(matchesFilter(voided, null, { ...OPEN, day: '2026-12-06' })).toBe(false);
  });

  it('by kind', () => {
    expect(matchesFilter(voided, null, { ...OPEN, kind: 'record' })).toBe(true);
    expect(matchesFilter(voided, null, { ...OPEN, kind: 'staff' })).toBe(false);
  });

  it('by staff number in any case', () => {
    expect(matchesFilter(voided, null, { ...OPEN, staff: 'c002' })).toBe(true);
    expect(matchesFilter(voided, null, { ...OPEN, staff: 'S001' })).toBe(false);
  });

  it('by part of the commitment code; an event without a record never matches one', () => {
    const code = 'HB20261205000123';
    expect(matchesFilter(voided, code, { ...OPEN, record: ' 000123 ' })).toBe(true);
    expect(matchesFilter(voided, code, { ...OPEN, record: 'hb2026' })).toBe(true);
    expect(matchesFilter(voided, code, { ...OPEN, record: '999999' })).toBe(false);
    expect(matchesFilter(voided, null, { ...OPEN, record: '000123' })).toBe(false);
    expect(matchesFilter(voided, code, { ...OPEN, record: '   ' })).toBe(true);
  });

  it('every condition at once', () => {
    const all: AuditFilter = { day: '2026-12-05', staff: 'C002', kind: 'record', record: '123' };
    expect(matchesFilter(voided, 'X123', all)).toBe(true);
    expect(matchesFilter(voided, 'X123', { ...all, kind: 'sync' })).toBe(false);
  });

  it('the code comes from the payload first, else from the record it is about', () => {
    const codes = new Map([['r1', 'CODE-R1']]);
    expect(commitmentCodeOf(voided, codes)).toBe('CODE-R1');
    expect(commitmentCodeOf(ev('audit.record.reprinted', { commitmentCode: 'OWN' }), codes)).toBe(
      'OWN',
    );
    expect(commitmentCodeOf(ev('audit.sync.run'), codes)).toBeNull();
    expect(commitmentCodeOf({ recordId: 'r9', payload: {} }, codes)).toBeNull();
  });
});

describe("the day's tally per staff member", () => {
  it('counts each action in its column for whoever did it, that day only', () => {
    const c002 = { actor: { kind: 'clerk', id: 'c002' } } as const;
    const events = [
      ev('audit.clerk.signed-in', {}, c002),
      ev('audit.clerk.signed-in', {}, c002),
      ev('record.voided', {}, c002),
      ev('fulfilment.recorded', {}, c002),
      ev('objection.filed', {}, c002),
      ev('objection.resolved', {}, c002),
      ev('repair.started', {}, c002),
      ev('repair.completed', {}, c002),
      ev('audit.record.reprinted', {}, c002),
      ev('audit.export.made', {}, c002),
      // Not counted: another day, an untallied type, nobody acting.
      ev('record.voided', {}, { ...c002, at: '2026-12-05T10:00:00+08:00' }),
      ev('audit.clerk.unlocked', {}, c002),
      ev('record.voided', {}, { actor: { kind: 'system' } }),
      ev(
        'record.signed',
        { assisted: { assisted: true, clerkId: 'S001' } },
        { actor: { kind: 'applicant' } },
      ),
    ];
    const tally = tallyByStaff(events, '2026-12-06');
    expect([...tally.keys()].sort()).toEqual(['C002', 'S001']);
    expect(tally.get('C002')).toEqual({
      signIns: 2,
      assisted: 0,
      voids: 1,
      findings: 1,
      objections: 2,
      repairs: 2,
      reprints: 1,
      exports: 1,
    });
    expect(tally.get('S001')).toEqual({
      signIns: 0,
      assisted: 1,
      voids: 0,
      findings: 0,
      objections: 0,
      repairs: 0,
      reprints: 0,
      exports: 0,
    });
  });
});

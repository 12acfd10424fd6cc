import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  RECORD_STATES,
  TRANSITIONS,
  applyEvent,
  deriveRecord,
  stateFromFinding,
  type RecordEventEntry,
  type RecordView,
} from '../../../../shared/record/lifecycle';
import {
  RECORD_EVENT_TYPES,
  type RecordEvent,
  type RecordEventPayload,
  type RecordEventType,
  type RepairCompletedPayload,
} from '../../../../shared/record/events';
import { publishedFinding } from '../../../../shared/console/publication';
import { CODE, PLATFORM, RecordLog, finding, signedPayload } from './fixtures';

const ORGAN = { name: '石家庄市市场监督管理局', code: 'X1' };
const voidP = { reasonCode: 'entered-in-error', reasonText: '录错', by: 'c-1' } as const;
const filed = (target: 'commitment' | 'fulfilment') =>
  ({
    target,
    grounds: '材料已补齐',
    filedOn: '2026-06-05',
    deadlineDays: 15,
    deadline: '2026-06-20',
  }) as const;
const resolved = (
  result: 'kept' | 'corrected' | 'withdrawn',
  correctedFulfilment?: ReturnType<typeof finding>,
) => ({
  result,
  resolvedOn: '2026-06-18',
  resolvedBy: ORGAN,
  ...(correctedFulfilment ? { correctedFulfilment } : {}),
});
const repairDone: RepairCompletedPayload = {
  completedOn: '2026-09-01',
  steps: ['rectification', 'repair-commitment'],
  decidedBy: ORGAN,
};

function signedLog(): RecordLog {
  return new RecordLog().add('record.signed', signedPayload());
}

function derive(log: RecordLog): RecordView {
  const r = deriveRecord(log.entries);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

/** Derives the log, then tries one more event and returns the refusal reason (or the new state). */
function attempt<T extends RecordEventType>(
  log: RecordLog,
  type: T,
  payload: RecordEventPayload<T>,
): string {
  const r = applyEvent(derive(log), log.entry<T>(type, payload));
  return r.ok ? `ok:${r.state.state}` : r.reason;
}

describe('the transition table', () => {
  it('has a cell for every event type (but record.signed) and every state', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(
      RECORD_EVENT_TYPES.filter((t) => t !== 'record.signed').sort(),
    );
    for (const row of Object.values(TRANSITIONS))
      expect(Object.keys(row).sort()).toEqual([...RECORD_STATES].sort());
  });

  it('makes voided absorbing: every event on a voided record is refused', () => {
    for (const [type, row] of Object.entries(TRANSITIONS)) {
      expect(row.voided, type).toHaveProperty('refuse');
    }
  });

  it('only lets a signed record be voided or receive a finding', () => {
    const allowedFrom = (type: keyof typeof TRANSITIONS) =>
      RECORD_STATES.filter((s) => 'to' in TRANSITIONS[type][s]);
    expect(allowedFrom('record.voided')).toEqual(['signed']);
    expect(allowedFrom('fulfilment.recorded')).toEqual(['signed']);
    expect(allowedFrom('repair.started')).toEqual(['broken', 'revoked']);
    expect(allowedFrom('repair.completed')).toEqual(['broken', 'revoked', 'repairing']);
    expect(allowedFrom('repair.revoked')).toEqual(['repaired']);
  });

  it('a repair undone (its credit-repair commitment broken) brings the breach back, published again', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding({ status: 'not-kept', permitRevoked: true }))
      .add('repair.completed', repairDone);
    expect(derive(log).state).toBe('repaired');
    const undone = derive(
      log.add('repair.revoked', {
        revokedOn: '2026-10-01',
        reason: '违反信用修复承诺',
        repairCommitmentCode: CODE,
        decidedBy: ORGAN,
      }),
    );
    expect(undone).toMatchObject({ state: 'revoked', repairCompleted: null, repairSteps: [] });
    expect(undone.repairRevoked?.reason).toBe('违反信用修复承诺');
    expect(publishedFinding(undone)).toBe('not-kept');
    // Nothing to undo on a record that was never repaired.
    expect(
      attempt(signedLog(), 'repair.revoked', {
        revokedOn: '2026-10-01',
        reason: 'x',
        decidedBy: ORGAN,
      }),
    ).toBe('no-repair');
  });

  it('maps findings to states, revocation first', () => {
    expect(stateFromFinding(finding({ status: 'kept', notKept: undefined }))).toBe('kept');
    expect(stateFromFinding(finding({ status: 'partly-kept' }))).toBe('partly-kept');
    expect(stateFromFinding(finding({ status: 'not-kept' }))).toBe('broken');
    expect(stateFromFinding(finding({ status: 'false-commitment' }))).toBe('broken');
    expect(stateFromFinding(finding({ status: 'false-commitment', permitRevoked: true }))).toBe(
      'revoked',
    );
    expect(stateFromFinding(finding({ status: 'partly-kept', permitRevoked: true }))).toBe(
      'revoked',
    );
  });
});

describe('applyEvent', () => {
  it('starts a record only with record.signed, and only once', () => {
    const log = new RecordLog();
    expect(applyEvent(null, log.entry('record.voided', voidP))).toEqual({
      ok: false,
      reason: 'not-signed',
    });
    const first = applyEvent(null, log.entry('record.signed', signedPayload()));
    expect(first.ok && first.state.state).toBe('signed');
    if (!first.ok) return;
    expect(first.state.objection).toBe('none');
    expect(applyEvent(first.state, log.entry('record.signed', signedPayload()))).toEqual({
      ok: false,
      reason: 'already-signed',
    });
    expect(
      applyEvent(first.state, log.entry('record.voided', voidP, { recordId: 'rec-2' })),
    ).toEqual({
      ok: false,
      reason: 'wrong-record',
    });
  });

  it('refuses voiding a voided record and anything after a void', () => {
    const log = signedLog().add('record.voided', voidP);
    expect(derive(log).state).toBe('voided');
    expect(derive(log).voided).toEqual(voidP);
    expect(attempt(log, 'record.voided', voidP)).toBe('already-voided');
    expect(attempt(log, 'fulfilment.recorded', finding())).toBe('voided');
    expect(attempt(log, 'objection.filed', filed('commitment'))).toBe('voided');
    expect(
      attempt(log, 'precheck.rechecked', {
        outcome: 'eligible',
        checkedAt: '2026-03-16T08:00:00+08:00',
      }),
    ).toBe('voided');
  });

  it('refuses voiding a record that has a finding', () => {
    expect(attempt(signedLog().add('fulfilment.recorded', finding()), 'record.voided', voidP)).toBe(
      'has-fulfilment',
    );
  });

  it('records one finding; a second one is refused', () => {
    const log = signedLog().add(
      'fulfilment.recorded',
      finding({ status: 'kept', notKept: undefined }),
    );
    expect(derive(log).state).toBe('kept');
    expect(attempt(log, 'fulfilment.recorded', finding())).toBe('already-recorded');
  });

  it('refuses repair of a record that is not broken', () => {
    expect(attempt(signedLog(), 'repair.started', { startedOn: '2026-07-01' })).toBe('not-broken');
    const kept = signedLog().add(
      'fulfilment.recorded',
      finding({ status: 'kept', notKept: undefined }),
    );
    expect(attempt(kept, 'repair.started', { startedOn: '2026-07-01' })).toBe('not-broken');
    expect(attempt(kept, 'repair.completed', repairDone)).toBe('not-broken');
    const partly = signedLog().add('fulfilment.recorded', finding({ status: 'partly-kept' }));
    expect(attempt(partly, 'repair.started', { startedOn: '2026-07-01' })).toBe('not-broken');
    expect(
      attempt(signedLog(), 'repair.step-recorded', { step: 'training', completedOn: '2026-07-02' }),
    ).toBe('no-repair');
  });

  it('walks a broken record through repair, step by step', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding({ permitRevoked: true }))
      .add('repair.started', { startedOn: '2026-07-01' })
      .add('repair.step-recorded', { step: 'rectification', completedOn: '2026-07-10' })
      .add('repair.step-recorded', {
        step: 'repair-commitment',
        completedOn: '2026-07-11',
        repairCommitmentCode: CODE,
      });
    const view = derive(log);
    expect(view.state).toBe('repairing');
    expect(view.repairSteps).toEqual(['rectification', 'repair-commitment']);
    expect(attempt(log, 'repair.started', { startedOn: '2026-07-12' })).toBe('repair-in-progress');
    expect(
      attempt(log, 'repair.step-recorded', { step: 'rectification', completedOn: '2026-07-12' }),
    ).toBe('step-already-recorded');
    log.add('repair.completed', repairDone, { actor: PLATFORM });
    const done = derive(log);
    expect(done.state).toBe('repaired');
    expect(done.repairCompleted).toEqual(repairDone);
    expect(done.history.map((h) => h.state)).toEqual([
      'signed',
      'revoked',
      'repairing',
      'repairing',
      'repairing',
      'repaired',
    ]);
    expect(attempt(log, 'repair.completed', repairDone)).toBe('already-repaired');
    expect(attempt(log, 'repair.started', { startedOn: '2026-10-01' })).toBe('already-repaired');
    expect(
      attempt(log, 'repair.step-recorded', { step: 'training', completedOn: '2026-10-01' }),
    ).toBe('already-repaired');
  });

  it('accepts a repair completed centrally without the steps (pull brings only the result)', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding())
      .add('repair.completed', repairDone, { actor: PLATFORM });
    expect(derive(log).state).toBe('repaired');
  });

  it('refuses objection.resolved without objection.filed, and a second objection while one is pending', () => {
    expect(attempt(signedLog(), 'objection.resolved', resolved('kept'))).toBe('no-objection');
    const pending = signedLog().add('objection.filed', filed('commitment'));
    expect(derive(pending).objection).toBe('pending');
    expect(attempt(pending, 'objection.filed', filed('commitment'))).toBe('objection-pending');
    expect(attempt(pending, 'record.voided', voidP)).toBe('objection-pending');
    pending.add('objection.resolved', resolved('kept'));
    expect(derive(pending).objection).toBe('resolved:kept');
    expect(attempt(pending, 'objection.resolved', resolved('kept'))).toBe('no-objection');
    // A new objection may follow a resolved one.
    expect(attempt(pending, 'objection.filed', filed('commitment'))).toBe('ok:signed');
  });

  it('refuses an objection to a finding that does not exist', () => {
    expect(attempt(signedLog(), 'objection.filed', filed('fulfilment'))).toBe('no-fulfilment');
  });

  it('does not start or complete a repair of a finding under objection', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding())
      .add('objection.filed', filed('fulfilment'));
    expect(attempt(log, 'repair.started', { startedOn: '2026-06-06' })).toBe('objection-pending');
    expect(attempt(log, 'repair.completed', repairDone)).toBe('objection-pending');
    // An objection against the commitment itself does not block a repair.
    const other = signedLog()
      .add('fulfilment.recorded', finding())
      .add('objection.filed', filed('commitment'));
    expect(attempt(other, 'repair.started', { startedOn: '2026-06-06' })).toBe('ok:repairing');
  });

  it('withdraws a disputed finding: back to signed, no repair, a new finding possible', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding())
      .add('repair.started', { startedOn: '2026-06-02' })
      .add('repair.step-recorded', { step: 'training', completedOn: '2026-06-03' })
      .add('objection.filed', filed('fulfilment'))
      .add('objection.resolved', resolved('withdrawn'));
    const view = derive(log);
    expect(view).toMatchObject({
      state: 'signed',
      fulfilment: null,
      repairSteps: [],
      objection: 'resolved:withdrawn',
    });
    expect(
      attempt(log, 'fulfilment.recorded', finding({ status: 'kept', notKept: undefined })),
    ).toBe('ok:kept');
  });

  it('corrects a disputed finding only with the corrected finding', () => {
    const log = signedLog()
      .add('fulfilment.recorded', finding())
      .add('objection.filed', filed('fulfilment'));
    expect(attempt(log, 'objection.resolved', resolved('corrected'))).toBe('correction-missing');
    log.add('objection.resolved', resolved('corrected', finding({ status: 'partly-kept' })));
    expect(derive(log)).toMatchObject({
      state: 'partly-kept',
      fulfilment: { status: 'partly-kept' },
    });
  });

  it('keeps a repair under way when the corrected finding is still a breach, and drops it when not', () => {
    const base = () =>
      signedLog()
        .add('fulfilment.recorded', finding())
        .add('repair.started', { startedOn: '2026-06-02' })
        .add('objection.filed', filed('fulfilment'));
    const stillBreach = base().add(
      'objection.resolved',
      resolved('corrected', finding({ permitRevoked: true })),
    );
    expect(derive(stillBreach)).toMatchObject({
      state: 'repairing',
      fulfilment: { permitRevoked: true },
    });
    const nowKept = base().add(
      'objection.resolved',
      resolved('corrected', finding({ status: 'kept', notKept: undefined })),
    );
    expect(derive(nowKept).state).toBe('kept');
    const upheld = base().add('objection.resolved', resolved('kept'));
    expect(derive(upheld)).toMatchObject({ state: 'repairing', objection: 'resolved:kept' });
  });

  it('handles an objection to the commitment: withdrawn stops publication, a finding cannot be corrected through it', () => {
    const log = signedLog().add('objection.filed', filed('commitment'));
    expect(attempt(log, 'objection.resolved', resolved('corrected', finding()))).toBe(
      'correction-not-applicable',
    );
    expect(attempt(log, 'objection.resolved', resolved('corrected'))).toBe('ok:signed');
    log.add('objection.resolved', resolved('withdrawn'));
    expect(derive(log)).toMatchObject({
      state: 'signed',
      publicationWithdrawn: true,
      objectionTarget: 'commitment',
    });
  });

  it('re-checks a provisional pre-check once, and only a provisional one', () => {
    const recheck = { outcome: 'not-eligible', checkedAt: '2026-03-16T08:00:00+08:00' } as const;
    expect(attempt(signedLog(), 'precheck.rechecked', recheck)).toBe('not-provisional');
    const p = signedPayload();
    p.precheck = {
      outcome: 'provisional',
      reason: 'no-snapshot',
      snapshot: null,
      staleSnapshotLists: false,
    };
    const log = new RecordLog().add('record.signed', p).add('precheck.rechecked', recheck);
    expect(derive(log)).toMatchObject({ state: 'signed', recheck });
    expect(attempt(log, 'precheck.rechecked', recheck)).toBe('already-rechecked');
  });

  it('does not change the view it was given', () => {
    const view = derive(signedLog());
    const before = JSON.stringify(view);
    applyEvent(view, new RecordLog().entry('fulfilment.recorded', finding()));
    expect(JSON.stringify(view)).toBe(before);
  });
});

describe('deriveRecord', () => {
  it('refuses an empty log or one without a signed event', () => {
    expect(deriveRecord([])).toEqual({ ok: false, reason: 'not-signed' });
    expect(deriveRecord(new RecordLog().add('record.voided', voidP).entries)).toEqual({
      ok: false,
      reason: 'not-signed',
    });
  });

  it('refuses events of two records', () => {
    const log = signedLog().add('record.voided', voidP, { recordId: 'rec-2' });
    expect(deriveRecord(log.entries)).toEqual({ ok: false, reason: 'mixed-records' });
  });

  it('refuses a device whose events are not in seq order, but accepts interleaved devices', () => {
    const log = signedLog();
    log
      .add('objection.filed', filed('commitment'), { seq: 9 })
      .add('objection.resolved', resolved('kept'), { seq: 5 });
    expect(deriveRecord(log.entries)).toEqual({ ok: false, reason: 'out-of-order' });

    const mixed = new RecordLog()
      .add('record.signed', signedPayload(), { seq: 40 })
      .add('fulfilment.recorded', finding(), { deviceId: 'platform', seq: 3, actor: PLATFORM })
      .add('objection.filed', filed('fulfilment'), { seq: 41 })
      .add('objection.resolved', resolved('kept'), {
        deviceId: 'platform',
        seq: 7,
        actor: PLATFORM,
      });
    const r = deriveRecord(mixed.entries);
    expect(r.ok && r.record.state).toBe('broken');
    expect(r.ok && r.record.history.map((h) => h.eventId)).toEqual([
      'kiosk-01:40',
      'platform:3',
      'kiosk-01:41',
      'platform:7',
    ]);
  });

  it('skips refused or repeated events and reports them, instead of failing the record', () => {
    const log = signedLog().add('record.voided', voidP);
    const echo = log.entries[1];
    if (!echo) throw new Error('fixture');
    log.add('fulfilment.recorded', finding(), { deviceId: 'platform', seq: 1, actor: PLATFORM });
    const entries: RecordEventEntry[] = [...log.entries, { ...echo, deviceId: 'x', seq: 1 }];
    const r = deriveRecord(entries);
    expect(r).toMatchObject({
      ok: true,
      record: { state: 'voided' },
      anomalies: [
        { eventId: 'platform:1', reason: 'voided' },
        { eventId: 'kiosk-01:2', reason: 'duplicate-event' },
      ],
    });
  });

  it('reports an event that came before the signing', () => {
    const log = new RecordLog()
      .add('objection.filed', filed('commitment'))
      .add('record.signed', signedPayload());
    expect(deriveRecord(log.entries)).toMatchObject({
      ok: true,
      record: { state: 'signed' },
      anomalies: [{ eventId: 'kiosk-01:1', reason: 'not-signed' }],
    });
  });
});

describe('lifecycle (property)', () => {
  const event = fc.constantFrom<[RecordEvent['type'], RecordEvent['payload']]>(
    ['record.signed', signedPayload()],
    ['record.voided', voidP],
    ['fulfilment.recorded', finding()],
    ['fulfilment.recorded', finding({ status: 'kept', notKept: undefined })],
    ['fulfilment.recorded', finding({ permitRevoked: true })],
    ['repair.started', { startedOn: '2026-07-01' }],
    ['repair.step-recorded', { step: 'training', completedOn: '2026-07-02' }],
    ['repair.completed', repairDone],
    ['objection.filed', filed('fulfilment')],
    ['objection.filed', filed('commitment')],
    ['objection.resolved', resolved('kept')],
    ['objection.resolved', resolved('withdrawn')],
    ['objection.resolved', resolved('corrected', finding({ status: 'partly-kept' }))],
    ['precheck.rechecked', { outcome: 'eligible', checkedAt: '2026-03-16T08:00:00+08:00' }],
  );

  it('always yields a known state, never applies anything after a void, and accounts for every event', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), (events) => {
        const log = signedLog();
        for (const [type, payload] of events) log.add(type, payload as never);
        const r = deriveRecord(log.entries);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(RECORD_STATES).toContain(r.record.state);
        expect(r.record.history.length + r.anomalies.length).toBe(log.entries.length);
        const voidAt = r.record.history.findIndex((h) => h.type === 'record.voided');
        if (voidAt >= 0) expect(voidAt).toBe(r.record.history.length - 1);
        // The view is the fold of applyEvent: the last history entry holds the present state.
        expect(r.record.history.at(-1)?.state).toBe(r.record.state);
        expect(r.record.history.at(-1)?.objection).toBe(r.record.objection);
      }),
    );
  });
});

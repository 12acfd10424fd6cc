import { describe, expect, it } from 'vitest';
import { AuditEventSchema, ChainEventSchema } from '../../../../shared/record/audit-events';
import {
  FulfilmentPayloadSchema,
  ObjectionFiledPayloadSchema,
  ObjectionResolvedPayloadSchema,
  RECORD_EVENT_TYPES,
  RecordEventSchema,
  RecordSignedPayloadSchema,
  RecordVoidedPayloadSchema,
  RepairCompletedPayloadSchema,
  RepairStepPayloadSchema,
  defaultPublicationType,
  objectionDeadline,
} from '../../../../shared/record/events';
import { CODE, finding, signedPayload } from './fixtures';

/** The machine codes of a failed parse, or [] when it passed. */
function codesOf(
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      error?: { issues: { message: string; code: string }[] };
    };
  },
  value: unknown,
): string[] {
  const r = schema.safeParse(value);
  return r.success
    ? []
    : (r.error?.issues ?? []).map((i) => (i.code === 'custom' ? i.message : i.code));
}

describe('record.signed payload', () => {
  it('accepts a complete, consistent record', () => {
    expect(codesOf(RecordSignedPayloadSchema, signedPayload())).toEqual([]);
    expect(RecordEventSchema.parse({ type: 'record.signed', payload: signedPayload() }).type).toBe(
      'record.signed',
    );
  });

  it('refuses reading evidence that belongs to another document', () => {
    const p = signedPayload();
    p.reading.documentHash = 'c'.repeat(64);
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['reading-other-document']);
  });

  it('refuses a record whose applicant did not read to the end or skipped a part', () => {
    const notEnd = signedPayload();
    notEnd.reading.reachedEnd = false;
    expect(codesOf(RecordSignedPayloadSchema, notEnd)).toEqual(['reading-not-finished']);

    const skipped = signedPayload();
    skipped.reading.confirmations = skipped.reading.confirmations.slice(0, 1);
    expect(codesOf(RecordSignedPayloadSchema, skipped)).toEqual(['part-not-confirmed']);

    const twice = signedPayload();
    twice.reading.confirmations.push({
      partId: 'notification',
      at: '2026-03-15T09:05:00+08:00',
      method: 'keyboard',
    });
    expect(codesOf(RecordSignedPayloadSchema, twice)).toEqual(['part-confirmed-twice']);

    const ghost = signedPayload();
    ghost.reading.confirmations.push({
      partId: 'ghost',
      at: '2026-03-15T09:03:00+08:00',
      method: 'tap',
    });
    expect(codesOf(RecordSignedPayloadSchema, ghost)).toEqual(['unknown-part']);
  });

  it('refuses negative or non-finite reading times', () => {
    const p = signedPayload();
    p.reading.perPartSeconds['notification'] = -1;
    expect(codesOf(RecordSignedPayloadSchema, p)).toContain('too_small');
    p.reading.perPartSeconds['notification'] = Number.POSITIVE_INFINITY;
    expect(RecordSignedPayloadSchema.safeParse(p).success).toBe(false);
  });

  it('requires a witness exactly for a typed name', () => {
    const typed = signedPayload();
    typed.signature = { method: 'typed-name-witnessed', imageHash: 'b'.repeat(64) };
    expect(codesOf(RecordSignedPayloadSchema, typed)).toEqual(['witness-iff-typed']);
    typed.signature.witnessClerkId = 'c-002';
    expect(codesOf(RecordSignedPayloadSchema, typed)).toEqual([]);
    const drawn = signedPayload();
    drawn.signature.witnessClerkId = 'c-002';
    expect(codesOf(RecordSignedPayloadSchema, drawn)).toEqual(['witness-iff-typed']);
  });

  it('takes a typed name the applicant confirmed alone, and never with a witness', () => {
    const confirmed = signedPayload();
    confirmed.signature = { method: 'typed-name-confirmed', imageHash: 'b'.repeat(64) };
    expect(codesOf(RecordSignedPayloadSchema, confirmed)).toEqual([]);
    confirmed.signature.witnessClerkId = 'c-002';
    expect(codesOf(RecordSignedPayloadSchema, confirmed)).toEqual(['witness-iff-typed']);
  });

  it('binds a photo taken at signing by its hash and time, or says why there is none', () => {
    const p: Record<string, unknown> = { ...signedPayload() };
    const ok = (photo: unknown) => RecordSignedPayloadSchema.safeParse({ ...p, photo }).success;
    expect(ok(undefined)).toBe(true);
    expect(
      ok({ status: 'taken', imageHash: 'c'.repeat(64), at: '2026-11-25T10:00:00+08:00' }),
    ).toBe(true);
    expect(ok({ status: 'declined' })).toBe(true);
    expect(ok({ status: 'unavailable' })).toBe(true);
    expect(ok({ status: 'taken', at: '2026-11-25T10:00:00+08:00' })).toBe(false);
    expect(ok({ status: 'taken', imageHash: 'not-a-hash', at: '2026-11-25T10:00:00+08:00' })).toBe(
      false,
    );
    // No image or anything else rides along in the signed payload.
    expect(ok({ status: 'declined', imageHash: 'c'.repeat(64) })).toBe(false);
    expect(ok({ status: 'refused' })).toBe(false);
  });

  it('requires the assisting clerk exactly when assisted', () => {
    const p = signedPayload();
    p.assisted = { assisted: true };
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['clerk-iff-assisted']);
    p.assisted = { assisted: false, clerkId: 'c-1' };
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['clerk-iff-assisted']);
    p.assisted = { assisted: true, clerkId: 'c-1' };
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
  });

  it("requires the type's own name exactly for type 'other'", () => {
    const p = signedPayload();
    p.commitmentType = 'other';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['type-name-iff-other']);
    p.commitmentTypeName = '行业协会自律承诺';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
    p.commitmentType = 'voluntary';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['type-name-iff-other']);
  });

  it('only accepts an eligible or provisional pre-check', () => {
    const p = signedPayload();
    p.precheck = {
      outcome: 'provisional',
      reason: 'snapshot-stale',
      snapshot: { issuedAt: '2026-03-10T00:00:00+08:00', ageHours: 129 },
      staleSnapshotLists: false,
    };
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
    const refused = {
      ...signedPayload(),
      precheck: {
        outcome: 'not-eligible',
        reason: 'unrepaired-dishonesty',
        basis: 'online',
        checkedAt: '2026-03-15T09:00:00+08:00',
        snapshot: null,
      },
    };
    expect(codesOf(RecordSignedPayloadSchema, refused)).toEqual(['precheck-not-passed']);
    const unavailable = {
      ...signedPayload(),
      precheck: {
        outcome: 'unavailable',
        reason: 'no-snapshot',
        snapshot: null,
        staleSnapshotLists: false,
      },
    };
    expect(codesOf(RecordSignedPayloadSchema, unavailable)).toEqual(['precheck-not-passed']);
  });

  it('refuses an accepting organ whose credit code fails its check, or is not normalised', () => {
    const p = signedPayload();
    p.acceptingOrgan.creditCode = '91130100MA01111108';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['bad-credit-code']);
    p.acceptingOrgan.creditCode = '91130100ma01111107';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['bad-credit-code']);
  });

  it('refuses a validity that ends before the date in the commitment code, and accepts none (long-term)', () => {
    const p = signedPayload();
    p.validUntil = '2026-03-14';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual(['valid-until-before-made']);
    p.validUntil = '2026-03-15';
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
    p.validUntil = null;
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
  });

  it('carries the organisation-code warning for the clerk, and nothing else', () => {
    const p = signedPayload();
    p.identifierWarnings = ['org-code-check'];
    expect(codesOf(RecordSignedPayloadSchema, p)).toEqual([]);
    expect(
      RecordSignedPayloadSchema.safeParse({ ...p, identifierWarnings: ['looks-fine'] }).success,
    ).toBe(false);
    expect(
      RecordSignedPayloadSchema.safeParse({
        ...p,
        identifierWarnings: ['org-code-check', 'org-code-check'],
      }).success,
    ).toBe(false);
  });

  it('refuses an entity with fields the entity schema does not know', () => {
    const p = signedPayload();
    expect(
      RecordSignedPayloadSchema.safeParse({ ...p, entity: { ...p.entity, password: 'x' } }).success,
    ).toBe(false);
  });

  it('refuses unknown fields anywhere, so nothing unsigned-for rides along', () => {
    expect(
      RecordSignedPayloadSchema.safeParse({ ...signedPayload(), signatureImage: 'data:...' })
        .success,
    ).toBe(false);
    const p = signedPayload();
    expect(
      RecordSignedPayloadSchema.safeParse({ ...p, document: { ...p.document, text: '...' } })
        .success,
    ).toBe(false);
    expect(
      RecordEventSchema.safeParse({ type: 'record.signed', payload: p, extra: 1 }).success,
    ).toBe(false);
  });

  it('refuses a bad commitment code and an unknown catalogue version shape', () => {
    expect(
      RecordSignedPayloadSchema.safeParse({ ...signedPayload(), commitmentCode: CODE.slice(1) })
        .success,
    ).toBe(false);
    const p = signedPayload();
    expect(
      RecordSignedPayloadSchema.safeParse({
        ...p,
        document: { ...p.document, catalogueVersion: '3' },
      }).success,
    ).toBe(false);
  });

  it('defaults publication to the specific scope for natural persons only', () => {
    expect(defaultPublicationType('natural-person')).toBe('scope');
    expect(defaultPublicationType('legal-person')).toBe('public');
    expect(defaultPublicationType('unincorporated')).toBe('public');
  });
});

describe('other record payloads', () => {
  it('voids need a reason, and no self-approval', () => {
    const v = { reasonCode: 'entered-in-error', reasonText: '录错主体', by: 'c-1' };
    expect(codesOf(RecordVoidedPayloadSchema, v)).toEqual([]);
    expect(codesOf(RecordVoidedPayloadSchema, { ...v, approvedBy: 'c-9' })).toEqual([]);
    expect(codesOf(RecordVoidedPayloadSchema, { ...v, approvedBy: 'c-1' })).toEqual([
      'self-approved',
    ]);
    expect(RecordVoidedPayloadSchema.safeParse({ ...v, reasonText: '   ' }).success).toBe(false);
    expect(RecordVoidedPayloadSchema.safeParse({ ...v, reasonCode: 'because' }).success).toBe(
      false,
    );
  });

  it('findings: kept has nothing unkept and no revocation; the others say what was not kept', () => {
    expect(codesOf(FulfilmentPayloadSchema, finding())).toEqual([]);
    expect(
      codesOf(FulfilmentPayloadSchema, finding({ status: 'kept', notKept: undefined })),
    ).toEqual([]);
    expect(codesOf(FulfilmentPayloadSchema, finding({ status: 'kept' }))).toEqual([
      'kept-with-unkept',
    ]);
    expect(
      codesOf(
        FulfilmentPayloadSchema,
        finding({ status: 'kept', notKept: undefined, permitRevoked: true }),
      ),
    ).toEqual(['kept-with-revocation']);
    expect(
      codesOf(FulfilmentPayloadSchema, finding({ status: 'partly-kept', notKept: undefined })),
    ).toEqual(['unkept-missing']);
    expect(FulfilmentPayloadSchema.safeParse(finding({ findingDate: '2026-02-30' })).success).toBe(
      false,
    );
  });

  it('repair steps: only the repair-commitment step names a code; completion lists steps once', () => {
    expect(
      codesOf(RepairStepPayloadSchema, {
        step: 'repair-commitment',
        completedOn: '2026-07-01',
        repairCommitmentCode: CODE,
      }),
    ).toEqual([]);
    expect(
      codesOf(RepairStepPayloadSchema, {
        step: 'training',
        completedOn: '2026-07-01',
        repairCommitmentCode: CODE,
      }),
    ).toEqual(['code-on-other-step']);
    const done = {
      completedOn: '2026-08-01',
      steps: ['rectification', 'training'],
      decidedBy: { name: '石家庄市发改委', code: 'X1' },
    };
    expect(codesOf(RepairCompletedPayloadSchema, done)).toEqual([]);
    expect(
      codesOf(RepairCompletedPayloadSchema, { ...done, steps: ['training', 'training'] }),
    ).toEqual(['duplicate-step']);
    expect(RepairCompletedPayloadSchema.safeParse({ ...done, steps: [] }).success).toBe(false);
  });

  it('objection deadlines follow from the filing date and the configured days, across month and leap days', () => {
    expect(objectionDeadline('2026-03-15', 15)).toBe('2026-03-30');
    expect(objectionDeadline('2026-03-25', 15)).toBe('2026-04-09');
    expect(objectionDeadline('2028-02-20', 10)).toBe('2028-03-01');
    expect(objectionDeadline('2026-12-25', 10)).toBe('2027-01-04');
    const filed = {
      target: 'fulfilment',
      grounds: '已按期整改',
      filedOn: '2026-03-15',
      deadlineDays: 15,
      deadline: '2026-03-30',
    };
    expect(codesOf(ObjectionFiledPayloadSchema, filed)).toEqual([]);
    expect(codesOf(ObjectionFiledPayloadSchema, { ...filed, deadline: '2026-04-30' })).toEqual([
      'deadline-mismatch',
    ]);
    expect(ObjectionFiledPayloadSchema.safeParse({ ...filed, deadlineDays: 0 }).success).toBe(
      false,
    );
  });

  it('a corrected finding only comes with result corrected', () => {
    const resolved = {
      result: 'kept',
      resolvedOn: '2026-04-01',
      resolvedBy: { name: '市信用办', code: 'X2' },
    };
    expect(codesOf(ObjectionResolvedPayloadSchema, resolved)).toEqual([]);
    expect(
      codesOf(ObjectionResolvedPayloadSchema, { ...resolved, correctedFulfilment: finding() }),
    ).toEqual(['correction-without-corrected']);
    expect(
      codesOf(ObjectionResolvedPayloadSchema, {
        ...resolved,
        result: 'corrected',
        correctedFulfilment: finding(),
      }),
    ).toEqual([]);
  });

  it('the union knows every record event type and refuses others', () => {
    expect(RECORD_EVENT_TYPES).toEqual([
      'record.signed',
      'record.voided',
      'fulfilment.recorded',
      'repair.started',
      'repair.step-recorded',
      'repair.completed',
      'repair.revoked',
      'objection.filed',
      'objection.resolved',
      'precheck.rechecked',
      'material.received',
      'case.linked',
    ]);
    expect(RecordEventSchema.safeParse({ type: 'record.deleted', payload: {} }).success).toBe(
      false,
    );
    expect(RecordEventSchema.safeParse({ type: 'record.voided', payload: finding() }).success).toBe(
      false,
    );
  });
});

describe('audit events', () => {
  it('accepts each audit event and keeps them apart from record events by prefix', () => {
    const samples = [
      { type: 'audit.clerk.signed-in', payload: { clerkId: 'c-1', role: 'supervisor' } },
      { type: 'audit.clerk.signed-out', payload: { clerkId: 'c-1', reason: 'idle-timeout' } },
      {
        type: 'audit.clerk.sign-in-failed',
        payload: { attemptedClerkId: 'c-x', reason: 'bad-credentials' },
      },
      {
        type: 'audit.settings.changed',
        payload: { by: 'c-1', key: 'precheck.maxSnapshotAgeHours', from: 24, to: 48 },
      },
      {
        type: 'audit.sync.run',
        payload: {
          startedAt: '2026-03-15T18:00:00+08:00',
          finishedAt: '2026-03-15T18:00:05+08:00',
          outcome: 'partial',
          pushed: 10,
          accepted: 8,
          duplicates: 1,
          rejected: 1,
          pulled: 3,
        },
      },
      {
        type: 'audit.record.reprinted',
        payload: { by: 'c-1', commitmentCode: CODE, reason: '申请人遗失' },
      },
      {
        type: 'audit.export.made',
        payload: { by: 'c-1', kind: 'records', format: 'csv', recordCount: 12, masked: true },
      },
    ];
    for (const s of samples) {
      expect(AuditEventSchema.safeParse(s).success, s.type).toBe(true);
      expect(ChainEventSchema.safeParse(s).success, s.type).toBe(true);
      expect(RecordEventSchema.safeParse(s).success).toBe(false);
    }
    expect(
      ChainEventSchema.safeParse({ type: 'record.signed', payload: signedPayload() }).success,
    ).toBe(true);
  });

  it('refuses hostile audit payloads', () => {
    // A sign-in failure must never carry what was typed as the secret.
    expect(
      AuditEventSchema.safeParse({
        type: 'audit.clerk.sign-in-failed',
        payload: { attemptedClerkId: 'c-x', reason: 'bad-credentials', password: 'hunter2' },
      }).success,
    ).toBe(false);
    expect(
      AuditEventSchema.safeParse({
        type: 'audit.settings.changed',
        payload: { by: 'c-1', key: '../etc', to: 1 },
      }).success,
    ).toBe(false);
    const run = AuditEventSchema.safeParse({
      type: 'audit.sync.run',
      payload: {
        startedAt: '2026-03-15T18:00:00+08:00',
        finishedAt: '2026-03-15T18:00:05+08:00',
        outcome: 'ok',
        pushed: 1,
        accepted: 1,
        duplicates: 1,
        rejected: 0,
        pulled: 0,
      },
    });
    expect(run.error?.issues[0]?.message).toBe('more-verdicts-than-pushed');
  });
});

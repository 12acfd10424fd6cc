import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClerk } from '../../../../renderer/store/clerks';
import { recordReprint } from '../../../../renderer/store/audit-log';
import { recordAction, voidRecord } from '../../../../renderer/store/record-actions';
import { loadRecordView, submitSignedRecord } from '../../../../renderer/store/records';
import { appendEvents } from '../../../../renderer/store/event-log';
import { ORGAN_USCC, signedPayload } from '../../shared/record/fixtures';
import { consoleContext, signedRecord } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = await consoleContext();
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

const CLERK = { id: 'C002', role: 'clerk' } as const;
const ORGAN = { name: '长安区市场监督管理局', code: ORGAN_USCC };

describe('the field rules where the store accepts an action (a bypass of the form)', () => {
  it('refuses a finding dated 1900-01-01 on a record signed today, naming the date field', async () => {
    const record = await signedRecord(ctx, 'r-1');
    const result = await recordAction(ctx, record.recordId, CLERK, {
      type: 'fulfilment.recorded',
      payload: {
        status: 'kept',
        permitRevoked: false,
        findingDate: '1900-01-01',
        findingOrgan: ORGAN,
      },
    });
    expect(result).toEqual({
      ok: false,
      error: 'invalid-fields',
      issues: {
        findingDate: { code: 'date-before-signing', min: record.day, max: record.day },
      },
    });
    expect(await ctx.db.events.count()).toBe(1);
  });

  it('gives a 10,000-character objection and void reason their limits, and a bidi control its name', async () => {
    const record = await signedRecord(ctx, 'r-1');
    const filed = await recordAction(ctx, record.recordId, CLERK, {
      type: 'objection.filed',
      payload: {
        target: 'commitment',
        grounds: '异'.repeat(10_000),
        filedOn: record.day,
        deadlineDays: 15,
        deadline: '2026-12-10',
      },
    });
    expect(filed).toMatchObject({
      error: 'invalid-fields',
      issues: { grounds: { code: 'too-long', max: 4000, length: 10_000 } },
    });
    const voided = await voidRecord(ctx, record.recordId, CLERK, {
      reasonCode: 'other',
      reasonText: '录入\u202e错误',
    });
    expect(voided).toMatchObject({
      error: 'invalid-fields',
      issues: { reasonText: { code: 'bidi-control', char: 'U+202E' } },
    });
    expect(await recordReprint(ctx, CLERK, record, '因'.repeat(10_000))).toEqual({
      ok: false,
      error: 'invalid-event',
    });
    expect(await ctx.db.events.count()).toBe(1);
  });

  it('refuses a record whose company name carries markup or an override', async () => {
    for (const name of ['<img src=x onerror=alert(1)>', '示例\u202e司公限有']) {
      const result = await submitSignedRecord(ctx.db, ctx.device, ctx.signer, {
        recordId: `r-${name.length}`,
        at: ctx.now(),
        actor: { kind: 'applicant' },
        payload: (commitmentCode) => {
          const p = signedPayload();
          return { ...p, commitmentCode, validUntil: '2027-11-25', entity: { ...p.entity, name } };
        },
        signatureImage: null,
        document: { title: 'letter' },
      });
      expect(result).toEqual({ ok: false, error: 'invalid-entity' });
    }
    expect(await ctx.db.events.count()).toBe(0);
  });

  it('refuses a staff name with an override or markup, and one of 10,000 characters', async () => {
    for (const name of ['王五\u202e', '<b>王五</b>', '王'.repeat(10_000)]) {
      expect(
        await createClerk(ctx.db, {
          id: 'S009',
          name,
          role: 'clerk',
          pin: '482916',
          pinAgain: '482916',
        }),
      ).toEqual({ ok: false, error: 'bad-name' });
    }
  });
});

describe('text stored before the rules existed', () => {
  it('still reads and displays a record whose names fail today’s rules', async () => {
    // A record as an older version stored it: written straight into the chain, past today's checks.
    const legacyName = '河北\u202e司公<b>示例</b>';
    const p = signedPayload();
    const payload = {
      ...p,
      commitmentCode: p.commitmentCode,
      entity: { ...p.entity, name: legacyName, representative: { name: '王\u200b五' } },
    };
    const unsigned = {
      deviceId: ctx.device.deviceId,
      recordId: 'legacy',
      type: 'record.signed',
      at: '2026-11-25T10:00:00.000+08:00',
      actor: { kind: 'applicant' as const },
      payload,
    };
    const stored = await appendEvents(
      ctx.db,
      ctx.signer,
      () => [unsigned],
      async () => null,
    );
    expect(stored.ok).toBe(true);
    const view = await loadRecordView(ctx.db, 'legacy');
    expect(view?.signed.entity.name).toBe(legacyName);
    expect(view?.signed.entity.representative?.name).toBe('王\u200b五');
  });
});

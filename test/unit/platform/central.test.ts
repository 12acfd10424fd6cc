import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import { PublicQueryResponseSchema } from '../../../shared/platform/public-query';
import { PullResponseSchema } from '../../../shared/platform/pull';
import type { CentralChange } from '../../../shared/platform/pull';
import { PushResponseSchema } from '../../../shared/platform/push';
import { demoFinding, DEMO_ORGAN } from '../../platform/central';
import {
  COMPANY,
  PERSON,
  TestDevice,
  V,
  call,
  signedPayload,
  startPlatform,
  verifiers,
} from './helpers';
import type { TestPlatform } from './helpers';

let platform: TestPlatform;
let device: TestDevice;

const codes = {
  company: signedPayload(1).commitmentCode,
  person: signedPayload(2).commitmentCode,
  scoped: signedPayload(3).commitmentCode,
  voided: signedPayload(4).commitmentCode,
};

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
  const events = [
    await device.signRecord('r-company', signedPayload(1, COMPANY)),
    await device.signRecord('r-person', signedPayload(2, PERSON, 'public')),
    await device.signRecord('r-scoped', signedPayload(3, { ...PERSON, name: '王小红' }, 'scope')),
    await device.signRecord('r-voided', signedPayload(4, COMPANY)),
    await device.seal({
      recordId: 'r-voided',
      type: 'record.voided',
      payload: { reasonCode: 'entered-in-error', reasonText: '录入错误', by: 'c-007' },
    }),
  ];
  const reply = await call(platform, 'push', device.batch(events), device.token);
  const verdicts = PushResponseSchema.parse(reply.json).verdicts.map((v) => v.verdict);
  expect(verdicts).toEqual(Array(5).fill('accepted'));
});
afterAll(() => platform.stop());

const pull = async (cursor: string | null, limit: number) => {
  const reply = await call(
    platform,
    'pull',
    { interfaceVersion: V, deviceId: device.deviceId, cursor, limit },
    device.token,
  );
  expect(reply.status).toBe(200);
  return PullResponseSchema.parse(reply.json);
};

const status = async (identifier: string, idType = 'uscc') => {
  const reply = await call(
    platform,
    'credit-check',
    { interfaceVersion: V, deviceId: device.deviceId, idType, identifier },
    device.token,
  );
  return (reply.json as { status: string }).status;
};

describe('central changes and pull', () => {
  it('starts empty, with a cursor that repeats nothing', async () => {
    const empty = await pull(null, 10);
    expect(empty).toMatchObject({ changes: [], hasMore: false });
    expect(await pull(empty.nextCursor, 10)).toEqual(empty);
  });

  it('refuses a change the lifecycle does not allow, and one for an unknown record', async () => {
    const repair = {
      type: 'repair.completed',
      payload: { completedOn: '2026-06-02', steps: ['training'], decidedBy: DEMO_ORGAN },
    };
    expect(await platform.server.admin.createCentralChange(codes.company, repair)).toEqual({
      ok: false,
      error: 'not-broken',
    });
    expect(
      await platform.server.admin.createCentralChange(
        '13010220260315999999',
        demoFinding('kept', '2026-06-01'),
      ),
    ).toEqual({
      ok: false,
      error: 'unknown-record',
    });
    expect(
      await platform.server.admin.createCentralChange(
        codes.voided,
        demoFinding('kept', '2026-06-01'),
      ),
    ).toEqual({ ok: false, error: 'voided' });
    expect((await pull(null, 10)).changes).toEqual([]);
  });

  it('a broken commitment makes the entity unrepaired; its repair makes it repaired', async () => {
    expect(await status(COMPANY.idNumber)).toBe('none');
    const finding = await platform.server.admin.createCentralChange(
      codes.company,
      demoFinding('broken', '2026-06-01'),
    );
    expect(finding.ok).toBe(true);
    expect(await status(COMPANY.idNumber)).toBe('unrepaired');
    const repair = {
      type: 'repair.completed',
      payload: { completedOn: '2026-06-20', steps: ['rectification'], decidedBy: DEMO_ORGAN },
    };
    expect((await platform.server.admin.createCentralChange(codes.company, repair)).ok).toBe(true);
    expect(await status(COMPANY.idNumber)).toBe('repaired');
  });

  it('pages through changes in order, signed by the platform, never skipping or repeating', async () => {
    expect(
      (
        await platform.server.admin.createCentralChange(
          codes.person,
          demoFinding('kept', '2026-06-03'),
        )
      ).ok,
    ).toBe(true);
    const seen: CentralChange[] = [];
    let cursor: string | null = null;
    const pages: number[] = [];
    for (;;) {
      const page = await pull(cursor, 2);
      pages.push(page.changes.length);
      seen.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([2, 1]);
    expect(seen.map((c) => c.event.type)).toEqual([
      'fulfilment.recorded',
      'repair.completed',
      'fulfilment.recorded',
    ]);
    expect(new Set(seen.map((c) => c.changeId)).size).toBe(3);
    for (const change of seen) {
      const { platformSig, ...rest } = change;
      const valid = await verifiers
        .verifierFor(platformSig.alg)
        .verify(
          platform.server.trustedKey.key,
          canonicalBytes(z.json().parse(rest)),
          platformSig.value,
        );
      expect(valid).toBe(true);
    }
    // A device that stored the changes but crashed before the cursor asks again: the same page.
    const first = await pull(null, 2);
    expect(first.changes).toEqual(seen.slice(0, 2));
    expect(await pull(cursor, 10)).toMatchObject({
      changes: [],
      hasMore: false,
      nextCursor: cursor,
    });
    const later = await platform.server.admin.createCentralChange(codes.person, {
      type: 'objection.filed',
      payload: {
        target: 'fulfilment',
        grounds: '对结论有异议',
        filedOn: '2026-06-04',
        deadlineDays: 15,
        deadline: '2026-06-19',
      },
    });
    expect(later.ok).toBe(true);
    const next = await pull(cursor, 10);
    expect(next.changes.map((c) => c.event.type)).toEqual(['objection.filed']);
  });

  it('refuses a cursor it did not issue', async () => {
    const reply = await call(
      platform,
      'pull',
      { interfaceVersion: V, deviceId: device.deviceId, cursor: 'c2-5', limit: 5 },
      device.token,
    );
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      error: { code: 'malformed', issues: [{ path: 'cursor', code: 'bad-cursor' }] },
    });
  });
});

describe('public query', () => {
  const query = (q: unknown) =>
    call(platform, 'public-query', { interfaceVersion: V, query: q, page: 1, pageSize: 10 });

  it("shows a natural person's published record masked, never the identity number in clear", async () => {
    const reply = await query({ by: 'code', code: PERSON.idNumber });
    expect(reply.status).toBe(200);
    const body = PublicQueryResponseSchema.parse(reply.json);
    expect(body.total).toBe(1);
    expect(body.items[0]?.party).toEqual({
      name: '李*',
      category: 'natural-person',
      code: '130102********1233',
    });
    expect(body.items[0]?.fulfilment).toMatchObject({ status: 'kept' });
    for (const secret of [PERSON.idNumber, PERSON.name, PERSON.phone ?? '', PERSON.address ?? '']) {
      expect(reply.text).not.toContain(secret);
    }
  });

  it('leaves out records published only within a scope and voided records', async () => {
    const byName = await query({ by: 'name', name: '王小红' });
    expect(PublicQueryResponseSchema.parse(byName.json)).toMatchObject({ total: 0, items: [] });
    const company = PublicQueryResponseSchema.parse(
      (await query({ by: 'code', code: COMPANY.idNumber })).json,
    );
    expect(company.total).toBe(1);
    expect(company.items[0]).toMatchObject({
      commitmentCode: codes.company,
      party: {
        name: COMPANY.name,
        code: COMPANY.idNumber,
        category: 'legal-person-or-unincorporated',
      },
      // The breach found earlier was repaired since: it is no longer published (brief §6.5).
      fulfilment: null,
    });
  });
});

describe('restart', () => {
  it('keeps devices, credentials, events, changes and the platform key', async () => {
    const before = platform.server.admin.digest();
    const keyId = platform.server.trustedKey.keyId;
    await platform.server.restart();
    // The client's pooled connection learns of the close a moment later (a real client retries).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(platform.server.admin.digest()).toBe(before);
    expect(platform.server.trustedKey.keyId).toBe(keyId);
    expect((await pull(null, 10)).changes).toHaveLength(4);
    const next = await device.audit(9);
    const reply = await call(platform, 'push', device.batch([next]), device.token);
    expect(PushResponseSchema.parse(reply.json).verdicts[0]).toMatchObject({
      verdict: 'accepted',
      seq: 6,
    });
  });
});

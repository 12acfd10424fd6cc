import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicQueryResponseSchema } from '../../../shared/platform/public-query';
import { PushResponseSchema } from '../../../shared/platform/push';
import { deriveRecord } from '../../../shared/record/lifecycle';
import type { RecordSignedPayload } from '../../../shared/record/events';
import { collectionRefusal } from '../../platform/handlers/content-rules';
import { demoCatalogue } from '../../platform/seed';
import { COMPANY, TestDevice, V, call, signedPayload, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * Brief §9 at the platform: a pushed signed record is checked for its collection items against
 * the shared schema, and the public view's content is the whole commitment, general items first.
 */

const catalogue = demoCatalogue(new Date());
const matter = catalogue.matters[0];
if (!matter) throw new Error('the demo catalogue has no matter');

/** A payload for one of the demo catalogue's matters. */
function forMatter(n: number): RecordSignedPayload {
  return {
    ...signedPayload(n, COMPANY),
    matter: { code: matter?.code ?? '', name: matter?.name ?? { 'zh-CN': '', en: '' } },
  };
}

function viewOf(payload: RecordSignedPayload) {
  const r = deriveRecord([
    {
      type: 'record.signed',
      payload,
      eventId: 'e-1',
      recordId: 'r-1',
      deviceId: '130102001.01',
      seq: 1,
      at: '2026-11-05T06:03:12.000Z',
      actor: { kind: 'applicant' },
    },
  ]);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

let platform: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
});
afterAll(() => platform.stop());

describe('collection items at the platform', () => {
  it('accepts a record of a catalogue matter and publishes its whole content, general items included', async () => {
    const events = [await device.signRecord('r-collect', forMatter(1))];
    const reply = await call(platform, 'push', device.batch(events), device.token);
    expect(PushResponseSchema.parse(reply.json).verdicts.map((v) => v.verdict)).toEqual([
      'accepted',
    ]);
    const query = await call(platform, 'public-query', {
      interfaceVersion: V,
      query: { by: 'code', code: COMPANY.idNumber },
      page: 1,
      pageSize: 10,
    });
    const content = PublicQueryResponseSchema.parse(query.json).items[0]?.content ?? '';
    const omitted = new Set(matter?.omitGeneralItems ?? []);
    catalogue.general.items.forEach((item, i) => {
      if (!omitted.has(i + 1)) expect(content).toContain(item['zh-CN']);
    });
    for (const item of matter?.items ?? []) expect(content).toContain(item['zh-CN']);
  });

  it('refuses a record whose collection items do not hold, naming the item', () => {
    const view = viewOf(forMatter(2));
    expect(collectionRefusal(view, catalogue)).toBeNull();
    // The same record under a catalogue whose matter text exceeds the standard's bound.
    const long = {
      ...catalogue,
      matters: catalogue.matters.map((m) =>
        m.code === matter?.code ? { ...m, items: [{ 'zh-CN': '诺'.repeat(10_001), en: 'x' }] } : m,
      ),
    };
    expect(collectionRefusal(view, long)).toEqual({ code: 'schema', detail: 'collection:content' });
  });
});

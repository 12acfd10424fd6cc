import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/p256';
import { base64urlToBytes, bytesToBase64url } from '../../../shared/crypto/base64url';
import { canonicalize } from '../../../shared/crypto/canonical';
import { envelopeHash } from '../../../shared/events/envelope';
import type { EventEnvelope } from '../../../shared/events/envelope';
import { PushResponseSchema } from '../../../shared/platform/push';
import type { PushResponse, PushVerdict } from '../../../shared/platform/push';
import { timestampTokenContent } from '../../../shared/platform/push';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import { demoFinding } from '../../platform/central';
import { TestDevice, call, startPlatform, verifiers } from './helpers';
import type { TestPlatform } from './helpers';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

async function pushEvents(device: TestDevice, events: readonly EventEnvelope[], id?: string) {
  const reply = await call(platform, 'push', device.batch(events, id), device.token);
  expect(reply.status).toBe(200);
  return PushResponseSchema.parse(reply.json);
}

const kinds = (r: PushResponse) =>
  r.verdicts.map((v) => (v.verdict === 'rejected' ? v.code : v.verdict));

function storedBodies(deviceId: string): string[] {
  return platform.server.admin.db
    .prepare<[string], { body: string }>('SELECT body FROM events WHERE device_id = ? ORDER BY seq')
    .all(deviceId)
    .map((r) => r.body);
}

describe('push', () => {
  it('accepts a chain, stores each event byte-identically, with a receipt and a timestamp token', async () => {
    const device = await TestDevice.enrolNew(platform);
    const events = [
      await device.signRecord('rec-a'),
      await device.audit(1),
      await device.signRecord('rec-b'),
    ];
    const response = await pushEvents(device, events);
    expect(kinds(response)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(storedBodies(device.deviceId)).toEqual(
      events.map((e) => canonicalize(JSON.parse(JSON.stringify(e)))),
    );
    const receipts = response.verdicts.map((v) => (v.verdict === 'accepted' ? v.receiptNo : ''));
    expect(new Set(receipts).size).toBe(3);
    for (const [i, v] of response.verdicts.entries()) {
      if (v.verdict !== 'accepted') throw new Error('not accepted');
      const content = timestampTokenContent(events[i]?.hash ?? '', v.timestampToken.time);
      const valid = await verifiers
        .verifierFor(v.timestampToken.platformSig.alg)
        .verify(
          platform.server.trustedKey.key,
          canonicalBytes(content),
          v.timestampToken.platformSig.value,
        );
      expect(valid).toBe(true);
    }
    expect(
      platform.server.admin.state().devices.find((d) => d.deviceId === device.deviceId)?.head,
    ).toEqual({
      seq: 3,
      hash: events[2]?.hash,
    });
  });

  it('answers held events in a new batch as duplicates with their original receipts', async () => {
    const device = await TestDevice.enrolNew(platform);
    const events = [await device.signRecord('rec-c'), await device.audit(2)];
    const first = await pushEvents(device, events);
    const third = await device.audit(3);
    const second = await pushEvents(device, [...events, third]);
    expect(kinds(second)).toEqual(['duplicate', 'duplicate', 'accepted']);
    const strip = (v: PushVerdict) => ('receiptNo' in v ? [v.receiptNo, v.timestampToken] : null);
    expect(second.verdicts.slice(0, 2).map(strip)).toEqual(first.verdicts.map(strip));
    expect(storedBodies(device.deviceId)).toHaveLength(3);
  });

  it('replays a whole batch after a lost response with identical verdicts and nothing stored twice', async () => {
    const device = await TestDevice.enrolNew(platform);
    const events = [await device.signRecord('rec-d'), await device.audit(4), await device.audit(5)];
    const batch = device.batch(events);
    platform.server.setFaults({ seed: 1, schedule: { '1': 'lost-response' }, exchanges: ['push'] });
    await expect(call(platform, 'push', batch, device.token)).rejects.toThrow();
    platform.server.setFaults(null);
    const stored = storedBodies(device.deviceId);
    expect(stored).toHaveLength(3);
    const replay = await call(platform, 'push', batch, device.token);
    const again = await call(platform, 'push', batch, device.token);
    expect(kinds(PushResponseSchema.parse(replay.json))).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(again.text).toBe(replay.text);
    expect(storedBodies(device.deviceId)).toEqual(stored);
  });

  it('refuses a batch id reused for other content', async () => {
    const device = await TestDevice.enrolNew(platform);
    const a = await device.audit(1);
    const batch = device.batch([a]);
    await pushEvents(device, [a], batch.batchId);
    const b = await device.audit(2);
    const reused = await call(platform, 'push', device.batch([b], batch.batchId), device.token);
    expect(reused.status).toBe(400);
    expect(reused.json).toEqual({
      error: { code: 'malformed', issues: [{ path: 'batchId', code: 'batch-id-reused' }] },
    });
    expect(storedBodies(device.deviceId)).toHaveLength(1);
  });

  it('rejects a bad signature, and does not examine (or log) the rest of the batch', async () => {
    const device = await TestDevice.enrolNew(platform);
    const good = await device.signRecord('rec-e');
    const forged = await device.audit(6);
    const other = await TestDevice.enrolNew(platform);
    const sig = { ...forged.sig, value: await other.signer.sign(new Uint8Array(32)) };
    const after = await device.audit(7);
    const response = await pushEvents(device, [good, { ...forged, sig }, after]);
    expect(kinds(response)).toEqual(['accepted', 'bad-signature', 'after-rejected']);
    expect(
      platform.server.admin
        .state()
        .rejected.filter((r) => r.deviceId === device.deviceId)
        .map((r) => r.code),
    ).toEqual(['bad-signature']);
  });

  it('rejects the high-S copy of a device’s valid signature, so the bytes stored are the device’s', async () => {
    const device = await TestDevice.enrolNew(platform);
    const event = await device.signRecord('rec-high-s');
    const sig = base64urlToBytes(event.sig.value);
    if (!sig) throw new Error('signature not base64url');
    const low = p256.Signature.fromCompact(sig);
    const high = new p256.Signature(low.r, p256.CURVE.n - low.s).toCompactRawBytes();
    const copy = { ...event, sig: { ...event.sig, value: bytesToBase64url(high) } };
    expect(kinds(await pushEvents(device, [copy]))).toEqual(['bad-signature']);
    expect(kinds(await pushEvents(device, [event]))).toEqual(['accepted']);
  });

  it('rejects a payload that does not fit its event type', async () => {
    const device = await TestDevice.enrolNew(platform);
    const bad = await device.seal({
      recordId: 'rec-f',
      type: 'record.signed',
      payload: { nonsense: true },
    });
    const response = await pushEvents(device, [bad]);
    expect(response.verdicts[0]).toMatchObject({ verdict: 'rejected', code: 'schema' });
    const unknown = await TestDevice.enrolNew(platform);
    const odd = await unknown.seal({ recordId: null, type: 'clerk.audit', payload: {} });
    expect((await pushEvents(unknown, [odd])).verdicts[0]).toMatchObject({ code: 'schema' });
    const misplaced = await TestDevice.enrolNew(platform);
    const noRecord = await misplaced.seal({
      recordId: null,
      type: 'record.signed',
      payload: JSON.parse(JSON.stringify((await misplaced.signRecord('x')).payload)),
    });
    // seq 2 arrives first: a gap, not a schema verdict; the schema is judged once it is next in line.
    expect((await pushEvents(misplaced, [noRecord])).verdicts[0]).toMatchObject({
      code: 'chain-gap',
      detail: 'missing:1-1',
    });
  });
});

describe('an event refused for its content keeps its place in the chain', () => {
  const voidOf = (device: TestDevice, recordId: string) =>
    device.seal({
      recordId,
      type: 'record.voided',
      payload: { reasonCode: 'applicant-withdrew', reasonText: '申请人撤回', by: 'c-007' },
    });

  it('later records are accepted, later events of the refused record are refused in order', async () => {
    const device = await TestDevice.enrolNew(platform);
    const bad = await device.seal({ recordId: 'r-bad', type: 'record.signed', payload: {} });
    const other = await device.signRecord('r-good');
    const voidBad = await voidOf(device, 'r-bad');
    const audit = await device.audit(1);
    const response = await pushEvents(device, [bad, other, voidBad, audit]);
    expect(kinds(response)).toEqual(['schema', 'accepted', 'conflict', 'accepted']);
    expect(response.verdicts[2]).toMatchObject({ detail: 'record-refused' });
    // The head moved past the refused links; the next batch follows on.
    const next = await device.signRecord('r-next');
    expect(kinds(await pushEvents(device, [next]))).toEqual(['accepted']);
    expect(storedBodies(device.deviceId)).toHaveLength(3);
    // A later batch's event of the refused record is refused too (held across batches).
    expect(kinds(await pushEvents(device, [await voidOf(device, 'r-bad')]))).toEqual(['conflict']);
  });

  it('a refused event sent again in a new batch gets the same refusal, nothing stored twice', async () => {
    const device = await TestDevice.enrolNew(platform);
    const bad = await device.seal({ recordId: 'r-x', type: 'record.signed', payload: {} });
    const first = await pushEvents(device, [bad]);
    const again = await pushEvents(device, [bad, await device.audit(1)]);
    expect(kinds(again)).toEqual(['schema', 'accepted']);
    expect(again.verdicts[0]).toEqual(first.verdicts[0]);
    const links = platform.server.admin.db
      .prepare<[string], { seq: number; code: string; body: string }>(
        'SELECT seq, code, body FROM refused_links WHERE device_id = ?',
      )
      .all(device.deviceId);
    // Kept as evidence, byte for byte what the device signed.
    expect(links).toEqual([
      { seq: 1, code: 'schema', body: canonicalize(JSON.parse(JSON.stringify(bad))) },
    ]);
  });

  it('an altered copy of a refused event is still a fork', async () => {
    const device = await TestDevice.enrolNew(platform);
    const bad = await device.seal({ recordId: 'r-y', type: 'record.signed', payload: {} });
    await pushEvents(device, [bad]);
    const content = { ...bad, at: '2026-03-15T11:00:00+08:00' };
    const hash = envelopeHash(content);
    const rewritten = {
      ...content,
      hash,
      sig: { ...bad.sig, value: await device.signer.sign(Buffer.from(hash, 'hex')) },
    };
    expect((await pushEvents(device, [rewritten])).verdicts[0]).toMatchObject({
      code: 'chain-fork',
      detail: 'seq-taken',
    });
  });
});

describe('tampering with local records is detected', () => {
  it('a deleted local event: the next one is a chain gap', async () => {
    const device = await TestDevice.enrolNew(platform);
    const events = [
      await device.signRecord('t-1'),
      await device.audit(1),
      await device.audit(2),
      await device.audit(3),
    ];
    await pushEvents(device, events.slice(0, 1));
    const response = await pushEvents(
      device,
      [events[2], events[3]].filter((e) => e !== undefined),
    );
    expect(response.verdicts[0]).toMatchObject({
      verdict: 'rejected',
      code: 'chain-gap',
      detail: 'missing:2-2',
    });
    expect(kinds(response)).toEqual(['chain-gap', 'after-rejected']);
  });

  it('an altered event without a new signature: bad hash', async () => {
    const device = await TestDevice.enrolNew(platform);
    const event = await device.signRecord('t-2');
    const altered = { ...event, payload: { ...event.payload, remarks: '篡改' } };
    expect(kinds(await pushEvents(device, [altered]))).toEqual(['bad-hash']);
  });

  it('an altered and re-signed event: the event after it no longer links (fork)', async () => {
    const device = await TestDevice.enrolNew(platform);
    const first = await device.signRecord('t-3');
    const second = await device.audit(1);
    // The device rewrites seq 1 with its own key; seq 2 still points at the original.
    const content = { ...first, at: '2026-03-15T10:00:00+08:00' };
    const hash = envelopeHash(content);
    const rewritten = {
      ...content,
      hash,
      sig: { ...first.sig, value: await device.signer.sign(Buffer.from(hash, 'hex')) },
    };
    const response = await pushEvents(device, [rewritten, second]);
    expect(response.verdicts[1]).toMatchObject({ code: 'chain-fork', detail: 'prev-hash' });
  });

  it('an event altered after it was pushed: a fork at a taken seq', async () => {
    const device = await TestDevice.enrolNew(platform);
    const first = await device.signRecord('t-4');
    await pushEvents(device, [first]);
    const content = { ...first, at: '2026-03-15T11:00:00+08:00' };
    const hash = envelopeHash(content);
    const rewritten = {
      ...content,
      hash,
      sig: { ...first.sig, value: await device.signer.sign(Buffer.from(hash, 'hex')) },
    };
    const response = await pushEvents(device, [rewritten]);
    expect(response.verdicts[0]).toMatchObject({ code: 'chain-fork', detail: 'seq-taken' });
    expect(storedBodies(device.deviceId)).toEqual([
      canonicalize(JSON.parse(JSON.stringify(first))),
    ]);
  });
});

describe('push: record events judged against the record as the platform holds it', () => {
  const voided = {
    type: 'record.voided',
    payload: { reasonCode: 'entered-in-error', reasonText: '录错', by: 'c-007' },
  } as const;

  it('refuses a void after a finding made centrally as a conflict; later events are judged on their own', async () => {
    const device = await TestDevice.enrolNew(platform);
    const signed = await device.signRecord('rec-race');
    expect(kinds(await pushEvents(device, [signed]))).toEqual(['accepted']);
    const code = (signed.payload as { commitmentCode: string }).commitmentCode;
    const finding = await platform.server.admin.createCentralChange(
      code,
      demoFinding('broken', '2026-03-20'),
    );
    expect(finding.ok).toBe(true);

    const voidIt = await device.seal({ recordId: 'rec-race', ...voided });
    const objection = await device.seal({
      recordId: 'rec-race',
      type: 'objection.filed',
      payload: {
        target: 'fulfilment',
        grounds: '材料已补齐',
        filedOn: '2026-03-21',
        deadlineDays: 15,
        deadline: '2026-04-05',
      },
    });
    const response = await pushEvents(device, [voidIt, objection]);
    expect(kinds(response)).toEqual(['conflict', 'accepted']);
    expect(response.verdicts[0]).toMatchObject({ detail: 'has-fulfilment' });
  });

  it('refuses another device’s record, a code of another slot and a code already taken', async () => {
    const owner = await TestDevice.enrolNew(platform);
    const other = await TestDevice.enrolNew(platform);
    const signed = await owner.signRecord('rec-owned');
    expect(kinds(await pushEvents(owner, [signed]))).toEqual(['accepted']);

    const meddling = await other.seal({ recordId: 'rec-owned', ...voided });
    const foreignSlot = await other.signRecord('rec-foreign', owner.signedPayload(90));
    const takenCode = await other.signRecord('rec-copy', {
      ...other.signedPayload(91),
      commitmentCode: (signed.payload as { commitmentCode: string }).commitmentCode,
    });
    const own = await other.signRecord('rec-own');
    const response = await pushEvents(other, [meddling, foreignSlot, takenCode, own]);
    expect(response.verdicts.map((v) => (v.verdict === 'rejected' ? v.detail : v.verdict))).toEqual(
      ['other-device', 'code-not-yours', 'code-not-yours', 'accepted'],
    );
    // The owner itself cannot give one code to two records.
    const twice = await owner.signRecord('rec-twice', {
      ...owner.signedPayload(92),
      commitmentCode: (signed.payload as { commitmentCode: string }).commitmentCode,
    });
    expect((await pushEvents(owner, [twice])).verdicts[0]).toMatchObject({
      verdict: 'rejected',
      code: 'conflict',
      detail: 'code-taken',
    });
  });
});

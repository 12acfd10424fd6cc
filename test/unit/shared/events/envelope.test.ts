import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVerifiers } from '../../../../shared/crypto/providers';
import type { Signer } from '../../../../shared/crypto/signing';
import {
  EventEnvelopeSchema,
  GENESIS_HASH,
  UnsignedEventSchema,
  envelopeHash,
  eventIdOf,
  sealEvent,
  signedBytes,
} from '../../../../shared/events/envelope';
import type {
  EnvelopeContent,
  EventEnvelope,
  UnsignedEvent,
} from '../../../../shared/events/envelope';
import { at, buildChain, makeDevice, seal, subtle, unsignedEvent } from './chain-fixtures';

const content: EnvelopeContent = {
  v: 1,
  deviceId: 'HB1301-W03',
  seq: 1,
  eventId: 'HB1301-W03:1',
  recordId: 'rec-1',
  type: 'record.signed',
  at: '2025-03-01T16:00:00+08:00',
  actor: { kind: 'applicant' },
  payload: { b: [1, true, null], a: '承诺' },
  prevHash: GENESIS_HASH,
};

describe('envelope hash', () => {
  it('is SHA-256 of the RFC 8785 form of every field but hash and sig', () => {
    const canonical =
      '{"actor":{"kind":"applicant"},"at":"2025-03-01T16:00:00+08:00","deviceId":"HB1301-W03",' +
      '"eventId":"HB1301-W03:1","payload":{"a":"承诺","b":[1,true,null]},' +
      `"prevHash":"${GENESIS_HASH}","recordId":"rec-1","seq":1,"type":"record.signed","v":1}`;
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(envelopeHash(content)).toBe(expected);
    // Pinned: a change here breaks every chain already stored.
    expect(expected).toBe('dfa314c93ba0bf76a15c62c58d0c67fbf2d191046ed29754d577a22668e4fc73');
    expect(envelopeHash({ ...content, payload: { a: '承诺', b: [1, true, null] } })).toBe(expected);
  });

  it('does not cover hash, sig or anything outside the envelope', () => {
    const sealed: EventEnvelope = {
      ...content,
      hash: 'f'.repeat(64),
      sig: { alg: 'SM2-SM3', value: 'AA' },
    };
    const extra = Object.assign({}, content, { note: 'smuggled' });
    expect(envelopeHash(sealed)).toBe(envelopeHash(content));
    expect(envelopeHash(extra)).toBe(envelopeHash(content));
    expect(envelopeHash({ ...content, actor: { kind: 'applicant', id: undefined } })).toBe(
      envelopeHash(content),
    );
  });

  it('changes with every covered field', () => {
    const variants: EnvelopeContent[] = [
      { ...content, deviceId: 'HB1301-W04' },
      { ...content, seq: 2 },
      { ...content, eventId: 'HB1301-W03:2' },
      { ...content, recordId: null },
      { ...content, type: 'record.voided' },
      { ...content, at: '2025-03-01T16:00:01+08:00' },
      { ...content, actor: { kind: 'applicant', id: 'a' } },
      { ...content, actor: { kind: 'clerk' } },
      { ...content, payload: { a: '承诺', b: [1, true] } },
      { ...content, prevHash: 'a'.repeat(64) },
    ];
    const hashes = new Set([envelopeHash(content), ...variants.map(envelopeHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe('sealEvent', () => {
  it('starts a chain at seq 1 after the genesis hash and signs the digest bytes', async () => {
    const t = await makeDevice();
    const event = await seal(unsignedEvent(t.device.deviceId, 1), null, t.signer);
    expect(EventEnvelopeSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({ v: 1, seq: 1, eventId: 'HB1301-W03:1', prevHash: GENESIS_HASH });
    expect(event.hash).toBe(envelopeHash(event));
    expect(event.sig.alg).toBe('ECDSA-P256-SHA256');
    const verifier = createVerifiers(subtle).verifierFor('ECDSA-P256-SHA256');
    expect(await verifier.verify(t.device.key, signedBytes(event.hash), event.sig.value)).toBe(
      true,
    );
    expect(signedBytes(event.hash).length).toBe(32);
  });

  it('links each event to the previous one', async () => {
    const t = await makeDevice();
    const events = await buildChain(t, 3);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(at(events, 1).prevHash).toBe(at(events, 0).hash);
    expect(at(events, 2).prevHash).toBe(at(events, 1).hash);
    expect(at(events, 2).eventId).toBe(eventIdOf('HB1301-W03', 3));
    const after = await seal(
      unsignedEvent('HB1301-W03', 41),
      { seq: 40, hash: 'c'.repeat(64) },
      t.signer,
    );
    expect(after).toMatchObject({ seq: 41, prevHash: 'c'.repeat(64), eventId: 'HB1301-W03:41' });
  });

  it('keeps the narrowed event type', async () => {
    const t = await makeDevice();
    const unsigned: UnsignedEvent<'record.voided'> = {
      ...unsignedEvent(t.device.deviceId, 1),
      type: 'record.voided',
    };
    const result = await sealEvent(unsigned, null, t.signer);
    if (!result.ok) throw new Error(result.error);
    const type: 'record.voided' = result.event.type;
    expect(type).toBe('record.voided');
  });

  it('produces exactly the envelope fields', async () => {
    const t = await makeDevice();
    const base = unsignedEvent(t.device.deviceId, 1);
    const result = await sealEvent(base, null, t.signer);
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.event).sort()).toEqual([
      'actor',
      'at',
      'deviceId',
      'eventId',
      'hash',
      'payload',
      'prevHash',
      'recordId',
      'seq',
      'sig',
      'type',
      'v',
    ]);
  });

  it('refuses invalid events with a code', async () => {
    const t = await makeDevice();
    const base = unsignedEvent(t.device.deviceId, 1);
    const invalid: UnsignedEvent[] = [
      { ...base, deviceId: 'has space' },
      { ...base, deviceId: 'a:b' },
      { ...base, deviceId: '' },
      { ...base, at: '2025-03-01T08:00:00' },
      { ...base, at: 'yesterday' },
      { ...base, type: '' },
      { ...base, recordId: '' },
      { ...base, payload: { x: Number.NaN } },
      { ...base, payload: { x: Number.POSITIVE_INFINITY } },
      Object.assign({}, base, { extra: 1 }),
    ];
    for (const unsigned of invalid) {
      expect(await sealEvent(unsigned, null, t.signer), JSON.stringify(unsigned)).toEqual({
        ok: false,
        error: 'invalid-event',
      });
    }
  });

  it('refuses an invalid previous head', async () => {
    const t = await makeDevice();
    const base = unsignedEvent(t.device.deviceId, 1);
    for (const prev of [
      { seq: -1, hash: GENESIS_HASH },
      { seq: 1.5, hash: 'a'.repeat(64) },
      { seq: 3, hash: 'A'.repeat(64) },
      { seq: 3, hash: 'a'.repeat(63) },
      { seq: 0, hash: 'a'.repeat(64) },
      { seq: Number.MAX_SAFE_INTEGER, hash: 'a'.repeat(64) },
    ]) {
      expect(await sealEvent(base, prev, t.signer)).toEqual({
        ok: false,
        error: 'invalid-previous',
      });
    }
    expect((await sealEvent(base, { seq: 0, hash: GENESIS_HASH }, t.signer)).ok).toBe(true);
  });

  it('reports a signer failure as a code', async () => {
    const broken: Signer = {
      algorithm: 'ECDSA-P256-SHA256',
      publicKeyInfo: () => Promise.reject(new Error('no key')),
      sign: () => Promise.reject(new Error('key gone')),
    };
    expect(await sealEvent(unsignedEvent('HB1301-W03', 1), null, broken)).toEqual({
      ok: false,
      error: 'signing-failed',
    });
  });
});

describe('envelope schema', () => {
  it('accepts a sealed event after a JSON round trip', async () => {
    const t = await makeDevice();
    const [event] = await buildChain(t, 1);
    const parsed = EventEnvelopeSchema.parse(JSON.parse(JSON.stringify(event)));
    expect(parsed).toEqual(event);
    expect(envelopeHash(parsed)).toBe(event?.hash);
  });

  it('refuses envelopes that do not hold together', async () => {
    const t = await makeDevice();
    const event = at(await buildChain(t, 1), 0);
    const bad: unknown[] = [
      { ...event, eventId: 'HB1301-W03:2' },
      { ...event, v: 2 },
      { ...event, seq: 0, eventId: 'HB1301-W03:0' },
      { ...event, hash: 'X'.repeat(64) },
      { ...event, prevHash: '0'.repeat(63) },
      { ...event, sig: { alg: 'RSA', value: event.sig.value } },
      { ...event, sig: { alg: 'ECDSA-P256-SHA256', value: 'a+b/' } },
      { ...event, actor: { kind: 'robot' } },
      { ...event, actor: { kind: 'clerk', id: 'c', extra: 1 } },
      { ...event, smuggled: true },
      { ...event, payload: [1, 2] },
    ];
    for (const value of bad)
      expect(EventEnvelopeSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    expect(UnsignedEventSchema.safeParse(event).success).toBe(false);
  });
});

import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { envelopeHash, signedBytes } from '../../../../shared/events/envelope';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import { verifiedDigest, vouchedPrefix } from '../../../../shared/events/verified-checkpoint';
import type { VerifierRegistry } from '../../../../shared/crypto/providers';
import { readMeta, writeMeta } from '../../../../renderer/store/meta';
import { runSync } from '../../../../renderer/sync/engine';
import { checkOwnChain, forgetVerifiedInPage } from '../../../../renderer/sync/self-check';
import { loadTrustedKeys } from '../../../../renderer/platform/trust';
import { startPlatform, verifiers } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { depsFor, enrolAppDevice, makeRecord } from './harness';
import type { AppDevice } from './harness';

/**
 * The self-check's verified checkpoint: signatures verified once are not verified again after a
 * reload while the stored events are the very ones verified; any change to them is verified (and
 * found) again, and a forged checkpoint hides nothing the links and receipts do not also catch.
 */

let platform: TestPlatform;
let device: AppDevice;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());
beforeEach(async () => {
  device = await enrolAppDevice(platform);
  forgetVerifiedInPage();
});

async function records(n: number, prefix = 'r'): Promise<void> {
  for (let i = 1; i <= n; i += 1)
    expect(await makeRecord(device, `${device.name}/${prefix}-${i}`)).toMatchObject({ ok: true });
}

async function chain(): Promise<EventEnvelope[]> {
  return device.db.events.orderBy('seq').toArray();
}

/** Verifiers that count the verifications made with the device's own key. */
function counting(): { readonly registry: VerifierRegistry; readonly own: () => number } {
  let own = 0;
  const registry: VerifierRegistry = {
    verifierFor: (alg) => {
      const inner = verifiers.verifierFor(alg);
      return {
        algorithm: inner.algorithm,
        verify: (key, data, sig) => {
          if (key.publicKey === device.identity.publicKey.publicKey) own += 1;
          return inner.verify(key, data, sig);
        },
      };
    },
  };
  return { registry, own: () => own };
}

async function check(registry: VerifierRegistry = verifiers) {
  const trusted = await loadTrustedKeys(device.db);
  return checkOwnChain({ db: device.db, device: device.identity, trusted, verifiers: registry });
}

/** The event altered and signed again with the device's key (someone holding the key). */
async function resigned(event: EventEnvelope): Promise<EventEnvelope> {
  const content = { ...event, payload: { ...event.payload, validUntil: '2099' } };
  const hash = envelopeHash(content);
  const value = await device.signer.sign(signedBytes(hash));
  return { ...content, hash, sig: { alg: device.signer.algorithm, value } };
}

/** The checkpoint rewritten to vouch for the chain as it is now stored. */
async function forgeCheckpoint(): Promise<void> {
  const events = await chain();
  const last = events.at(-1);
  if (!last) throw new Error('no events');
  await writeMeta(device.db, 'chainVerified', {
    seq: last.seq,
    digest: verifiedDigest(device.identity.publicKey, events),
  });
}

describe('the digest', () => {
  it('vouches for the prefix up to its seq, and for nothing once one signature line changed', async () => {
    await records(3);
    const events = await chain();
    const key = device.identity.publicKey;
    const two = { seq: 2, digest: verifiedDigest(key, events.slice(0, 2)) };
    expect(vouchedPrefix(key, events, two)).toBe(2);
    expect(vouchedPrefix(key, events, null)).toBe(0);
    const [first, second, third] = events as [EventEnvelope, EventEnvelope, EventEnvelope];
    const sig = { ...second.sig, value: first.sig.value };
    expect(vouchedPrefix(key, [first, { ...second, sig }, third], two)).toBe(0);
    expect(vouchedPrefix(key, [first, { ...second, hash: first.hash }, third], two)).toBe(0);
    expect(vouchedPrefix(key, [first, third], two)).toBe(0);
    expect(vouchedPrefix({ ...key, publicKey: 'AAAA' }, events, two)).toBe(0);
  });
});

describe('the self-check with its checkpoint', () => {
  it('verifies each signature once, then after a reload only the new ones', async () => {
    await records(3);
    const first = counting();
    expect(await check(first.registry)).toEqual({ ok: true, checked: 3 });
    expect(first.own()).toBe(3);
    expect(await readMeta(device.db, 'chainVerified')).toMatchObject({ seq: 3 });

    await records(2, 'more');
    forgetVerifiedInPage();
    const second = counting();
    expect(await check(second.registry)).toEqual({ ok: true, checked: 5 });
    expect(second.own()).toBe(2);
    expect(await readMeta(device.db, 'chainVerified')).toMatchObject({ seq: 5 });
  });

  it('verifies the whole chain again once a vouched event changed, and names it', async () => {
    await records(3);
    expect(await check()).toMatchObject({ ok: true });
    const events = await chain();
    const second = events[1] as EventEnvelope;
    // Altered and hashed again, the old signature kept: the digest no longer matches.
    const content = { ...second, payload: { ...second.payload, validUntil: '2099' } };
    await device.db.events.put({ ...content, hash: envelopeHash(content) });
    forgetVerifiedInPage();
    const counted = counting();
    expect(await check(counted.registry)).toEqual({
      ok: false,
      damage: [{ seq: 2, eventId: second.eventId, reason: 'bad-signature' }],
    });
    expect(counted.own()).toBe(3);
  });

  it('a forged checkpoint hides no tampering: the link and the receipt still name it', async () => {
    await records(3);
    expect((await runSync(depsFor(platform, device))).ok).toBe(true);
    const synced = (await chain())[1] as EventEnvelope;
    // Re-signed with the device's key, the checkpoint rewritten to vouch for it.
    await device.db.events.put(await resigned(synced));
    await forgeCheckpoint();
    forgetVerifiedInPage();
    expect(await check()).toEqual({
      ok: false,
      damage: [{ seq: 2, eventId: synced.eventId, reason: 'not-as-receipted' }],
    });

    await device.db.events.put(synced);
    await records(2, 'pending');
    const pending = (await chain())[3] as EventEnvelope;
    // A pending event altered and hashed again (its signature now false), checkpoint forged.
    const content = { ...pending, payload: { ...pending.payload, validUntil: '2099' } };
    await device.db.events.put({ ...content, hash: envelopeHash(content) });
    await forgeCheckpoint();
    forgetVerifiedInPage();
    expect(await check()).toEqual({
      ok: false,
      damage: [{ seq: 4, eventId: pending.eventId, reason: 'broken-link' }],
    });
  });
});

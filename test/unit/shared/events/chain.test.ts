import { beforeAll, describe, expect, it } from 'vitest';
import { createSm2Signer, generateSm2KeyPair } from '../../../../shared/crypto/sm2-signer';
import { ChainCursor, checkIntegrity, verifyChain } from '../../../../shared/events/chain';
import type { ChainBreak, ChainOptions, ChainVerdict } from '../../../../shared/events/chain';
import { GENESIS_HASH, envelopeHash, signedBytes } from '../../../../shared/events/envelope';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import {
  alterAndRehash,
  alterPayload,
  at,
  buildChain,
  headOf,
  makeDevice,
  seal,
  unsignedEvent,
} from './chain-fixtures';
import type { TestDevice } from './chain-fixtures';

let t: TestDevice;
let chain: EventEnvelope[];
const LENGTH = 12;

beforeAll(async () => {
  t = await makeDevice();
  chain = await buildChain(t, LENGTH);
});

const verify = (events: readonly EventEnvelope[], options?: ChainOptions): Promise<ChainVerdict> =>
  verifyChain(events, t.device, t.verifiers, options);

async function breaksOf(
  events: readonly EventEnvelope[],
  options?: ChainOptions,
): Promise<readonly ChainBreak[]> {
  const verdict = await verify(events, options);
  if (verdict.ok) throw new Error('expected a broken chain');
  return verdict.breaks;
}

/** kind@seq#index, the compact form the assertions compare. */
const brief = (breaks: readonly ChainBreak[]): string[] =>
  breaks.map((b) => `${b.kind}@${b.seq}#${b.index ?? '-'}`);

/** A different event, properly signed by the device key, at the same place as events[index]. */
async function alternativeAt(index: number, text = 'alternative'): Promise<EventEnvelope> {
  const original = at(chain, index);
  const prev = index === 0 ? null : headOf(chain.slice(0, index));
  return seal(
    { ...unsignedEvent(t.device.deviceId, original.seq), payload: { text } },
    prev,
    t.signer,
  );
}

describe('verifyChain: intact chains', () => {
  it('accepts a whole chain and returns its head', async () => {
    expect(await verify(chain)).toEqual({ ok: true, head: headOf(chain) });
    expect(await verify(chain, { expectedHead: headOf(chain) })).toEqual({
      ok: true,
      head: headOf(chain),
    });
  });

  it('accepts the empty chain, with the genesis head', async () => {
    expect(await verify([])).toEqual({ ok: true, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('accepts a segment after a known head', async () => {
    const after = headOf(chain.slice(0, 4));
    const expectedStart = { seq: 5, prevHash: after.hash };
    expect(await verify(chain.slice(4), { expectedStart })).toEqual({
      ok: true,
      head: headOf(chain),
    });
    expect(await verify([], { expectedStart })).toEqual({ ok: true, head: after });
  });
});

describe('verifyChain: hostile chains', () => {
  it('one event removed: deleted at exactly that seq, nothing else', async () => {
    const breaks = await breaksOf([...chain.slice(0, 4), ...chain.slice(5)]);
    expect(breaks).toEqual([
      {
        kind: 'deleted',
        seq: 5,
        eventId: 'HB1301-W03:5',
        index: null,
        missing: { from: 5, to: 5 },
      },
    ]);
  });

  it('the first event removed, and a run of three removed, are one range each', async () => {
    expect(brief(await breaksOf(chain.slice(1)))).toEqual(['deleted@1#-']);
    const cut = await breaksOf([...chain.slice(0, 3), ...chain.slice(6)]);
    expect(cut).toMatchObject([{ kind: 'deleted', seq: 4, missing: { from: 4, to: 6 } }]);
  });

  it('a cut-off tail shows only against a known head', async () => {
    expect((await verify(chain.slice(0, 9))).ok).toBe(true);
    const breaks = await breaksOf(chain.slice(0, 9), { expectedHead: headOf(chain) });
    expect(breaks).toMatchObject([{ kind: 'deleted', seq: 10, missing: { from: 10, to: 12 } }]);
    expect(await breaksOf([], { expectedHead: headOf(chain) })).toMatchObject([
      { kind: 'deleted', seq: 1, missing: { from: 1, to: 12 } },
    ]);
  });

  it('a known head with another hash at its seq is a fork', async () => {
    const breaks = await breaksOf(chain, { expectedHead: { seq: 7, hash: 'e'.repeat(64) } });
    expect(brief(breaks)).toEqual(['forked@7#6']);
  });

  it('payload altered, hash left: altered at that seq only', async () => {
    const events = chain.map((e, i) => (i === 6 ? alterPayload(e) : e));
    expect(brief(await breaksOf(events))).toEqual(['altered@7#6']);
  });

  it('payload altered and hash recomputed, not re-signed: bad signature at that seq only', async () => {
    const events = chain.map((e, i) => (i === 6 ? alterAndRehash(e) : e));
    expect(brief(await breaksOf(events))).toEqual(['bad-signature@7#6']);
  });

  it('an event re-signed with another key, or another algorithm, is a bad signature', async () => {
    const stranger = await makeDevice();
    const sm2Signer = createSm2Signer(generateSm2KeyPair().privateKey);
    if (sm2Signer === null) throw new Error('invalid key');
    for (const signer of [stranger.signer, sm2Signer]) {
      const forged = alterAndRehash(at(chain, 2));
      const resigned = {
        ...forged,
        sig: { alg: signer.algorithm, value: await signer.sign(signedBytes(forged.hash)) },
      };
      const events = chain.map((e, i) => (i === 2 ? resigned : e));
      expect(brief(await breaksOf(events))).toEqual(['bad-signature@3#2']);
    }
  });

  it('a signature copied from another event is a bad signature', async () => {
    const events = chain.map((e, i) => (i === 3 ? { ...e, sig: at(chain, 4).sig } : e));
    expect(brief(await breaksOf(events))).toEqual(['bad-signature@4#3']);
  });

  it('the seq field altered leaves a gap where the event was', async () => {
    const moved = { ...at(chain, 4), seq: 6 };
    const events = chain.map((e, i) => (i === 4 ? moved : e));
    expect(brief(await breaksOf(events))).toEqual(['altered@6#4', 'deleted@5#-'].sort(bySeqText));
  });

  it('an eventId that does not match its place is altered, even if the device signed it', async () => {
    const wrongId = { ...at(chain, 1), eventId: 'HB1301-W03:99' };
    const hash = envelopeHash(wrongId);
    const signed = {
      ...wrongId,
      hash,
      sig: { ...wrongId.sig, value: await t.signer.sign(signedBytes(hash)) },
    };
    const events = chain.map((e, i) => (i === 1 ? signed : e));
    expect(brief(await breaksOf(events))).toEqual(['altered@2#1']);
  });

  it('content with no canonical form is altered', async () => {
    const events = chain.map((e, i) => (i === 0 ? { ...e, payload: { n: Number.NaN } } : e));
    expect(brief(await breaksOf(events))).toEqual(['altered@1#0']);
  });

  it('two neighbours swapped: reordered at one of them, nothing else', async () => {
    const events = [...chain];
    [events[4], events[5]] = [at(chain, 5), at(chain, 4)];
    const breaks = await breaksOf(events);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]?.kind).toBe('reordered');
    expect([5, 6]).toContain(breaks[0]?.seq);
  });

  it('two distant events swapped: reordered at exactly those two', async () => {
    const events = [...chain];
    [events[2], events[8]] = [at(chain, 8), at(chain, 2)];
    expect(brief(await breaksOf(events))).toEqual(['reordered@3#8', 'reordered@9#2']);
  });

  it('an event moved to the end: reordered at that event only', async () => {
    const events = [...chain.slice(0, 3), ...chain.slice(4), at(chain, 3)];
    expect(brief(await breaksOf(events))).toEqual([`reordered@4#${LENGTH - 1}`]);
  });

  it('a second, different seq 5 signed by the device: forked at 5, on the unlinked one', async () => {
    const alternative = await alternativeAt(4);
    const after = [...chain.slice(0, 5), alternative, ...chain.slice(5)];
    expect(brief(await breaksOf(after))).toEqual(['forked@5#5']);
    const before = [...chain.slice(0, 4), alternative, ...chain.slice(4)];
    expect(brief(await breaksOf(before))).toEqual(['forked@5#4']);
  });

  it('the last event forked, with nothing after it to decide: the first received is the chain', async () => {
    const alternative = await alternativeAt(LENGTH - 1);
    expect(brief(await breaksOf([...chain, alternative]))).toEqual([`forked@${LENGTH}#${LENGTH}`]);
  });

  it('an event linking to a predecessor that is not in the chain: forked at that event', async () => {
    const alternative5 = await alternativeAt(4);
    const on5 = await seal(
      unsignedEvent(t.device.deviceId, 6),
      { seq: 5, hash: alternative5.hash },
      t.signer,
    );
    const events = [...chain.slice(0, 5), on5, ...chain.slice(6)];
    expect(brief(await breaksOf(events))).toEqual(['forked@6#5']);
    // The foreign branch carries on past it: still one break, where it left the chain.
    const branch = await buildChain(t, 3, { seq: 6, hash: on5.hash }, ' (branch)');
    expect(brief(await breaksOf([...chain.slice(0, 5), on5, ...branch]))).toEqual(['forked@6#5']);
  });

  it('a rewritten history pushed after the original: forked at each rewritten seq', async () => {
    const rewritten = await buildChain(t, 3, headOf(chain.slice(0, 4)), ' (rewritten)');
    const events = [...chain.slice(0, 7), ...rewritten];
    expect(brief(await breaksOf(events))).toEqual(['forked@5#7', 'forked@6#8', 'forked@7#9']);
  });

  it('the same content sealed again at the same place is a duplicate, whatever its signature', async () => {
    // ECDSA signatures differ each time; the event is its content, which the hash pins.
    const resealed = await buildChain(t, 3, headOf(chain.slice(0, 4)));
    expect(resealed[0]?.sig.value).not.toBe(at(chain, 4).sig.value);
    expect(brief(await breaksOf([...chain.slice(0, 7), ...resealed]))).toEqual([
      'duplicate@5#7',
      'duplicate@6#8',
      'duplicate@7#9',
    ]);
  });

  it('a replayed event: duplicate at that seq only, wherever it lands', async () => {
    expect(brief(await breaksOf([...chain, at(chain, 4)]))).toEqual([`duplicate@5#${LENGTH}`]);
    const early = [...chain.slice(0, 2), at(chain, 7), ...chain.slice(2)];
    expect(brief(await breaksOf(early))).toEqual(['duplicate@8#2']);
    const adjacent = [...chain.slice(0, 5), at(chain, 4), ...chain.slice(5)];
    expect(brief(await breaksOf(adjacent))).toEqual(['duplicate@5#5']);
  });

  it('a replay with a tampered signature is a bad signature, not a duplicate', async () => {
    const copy = at(chain, 4);
    const tampered = { ...copy, sig: { ...copy.sig, value: at(chain, 5).sig.value } };
    expect(brief(await breaksOf([...chain, tampered]))).toEqual([`bad-signature@5#${LENGTH}`]);
  });

  it("events of another device: wrong-device, and a gap if they took our event's place", async () => {
    const other = await makeDevice('HB1301-W04');
    const foreign = at(await buildChain(other, 4), 3);
    const inserted = [...chain.slice(0, 4), foreign, ...chain.slice(4)];
    expect(brief(await breaksOf(inserted))).toEqual(['wrong-device@4#4']);
    const replaced = chain.map((e, i) => (i === 3 ? foreign : e));
    expect(brief(await breaksOf(replaced))).toEqual(['deleted@4#-', 'wrong-device@4#3']);
  });

  it('a segment must link to the head it follows', async () => {
    const segment = chain.slice(4);
    const breaks = await breaksOf(segment, { expectedStart: { seq: 5, prevHash: 'a'.repeat(64) } });
    expect(brief(breaks)).toEqual(['forked@5#0']);
    const late = await breaksOf(chain.slice(6), {
      expectedStart: { seq: 5, prevHash: at(chain, 3).hash },
    });
    expect(brief(late)).toEqual(['deleted@5#-']);
  });

  it('events older than the segment start are reported, not compared', async () => {
    const breaks = await breaksOf(chain.slice(2), {
      expectedStart: { seq: 5, prevHash: at(chain, 3).hash },
    });
    expect(brief(breaks)).toEqual(['before-start@3#0', 'before-start@4#1']);
  });

  it('several tamperings are each reported once, in seq order', async () => {
    const events = chain
      .map((e, i) => (i === 1 ? alterPayload(e) : i === 8 ? alterAndRehash(e) : e))
      .filter((_, i) => i !== 5);
    expect(brief(await breaksOf(events))).toEqual([
      'altered@2#1',
      'deleted@6#-',
      'bad-signature@9#7',
    ]);
  });

  it('an untrusted copy next to the real event does not hide it', async () => {
    const events = [...chain.slice(0, 5), alterPayload(at(chain, 4)), ...chain.slice(5)];
    expect(brief(await breaksOf(events))).toEqual(['altered@5#5']);
    const twoBad = [
      ...chain.slice(0, 4),
      alterPayload(at(chain, 4)),
      alterAndRehash(at(chain, 4)),
      ...chain.slice(5),
    ];
    expect(brief(await breaksOf(twoBad))).toEqual(['altered@5#4', 'bad-signature@5#5']);
  });
});

function bySeqText(a: string, b: string): number {
  const seq = (s: string): number => Number(s.split('@')[1]?.split('#')[0]);
  return seq(a) - seq(b);
}

describe('checkIntegrity', () => {
  it('classifies one event on its own', async () => {
    const event = at(chain, 0);
    expect(await checkIntegrity(event, t.device, t.verifiers)).toBe('ok');
    expect(await checkIntegrity(alterPayload(event), t.device, t.verifiers)).toBe('altered');
    expect(await checkIntegrity(alterAndRehash(event), t.device, t.verifiers)).toBe(
      'bad-signature',
    );
    expect(await checkIntegrity(event, { ...t.device, deviceId: 'HB1301-W99' }, t.verifiers)).toBe(
      'wrong-device',
    );
  });
});

describe('ChainCursor', () => {
  it('accepts the chain one event at a time and moves its head', async () => {
    const cursor = new ChainCursor(t.device, t.verifiers);
    expect(cursor.head).toEqual({ seq: 0, hash: GENESIS_HASH });
    for (const event of chain) {
      expect(await cursor.append(event)).toEqual({
        kind: 'next',
        head: { seq: event.seq, hash: event.hash },
      });
    }
    expect(cursor.head).toEqual(headOf(chain));
  });

  it('classifies without moving, from a known head', async () => {
    const cursor = new ChainCursor(t.device, t.verifiers, headOf(chain.slice(0, 6)));
    const next = at(chain, 6);
    expect(await cursor.classify(next)).toEqual({
      kind: 'next',
      head: { seq: 7, hash: next.hash },
    });
    expect(cursor.head.seq).toBe(6);
    expect(await cursor.classify(at(chain, 5))).toEqual({ kind: 'duplicate' });
    expect(await cursor.classify(at(chain, 9))).toEqual({
      kind: 'gap',
      missing: { from: 7, to: 9 },
    });
    // A valid next link that differs from the one held elsewhere is still next: the cursor holds the head only.
    const alternative7 = await alternativeAt(6);
    expect(await cursor.classify(alternative7)).toMatchObject({ kind: 'next' });
    const offHead = await seal(
      unsignedEvent(t.device.deviceId, 7),
      { seq: 6, hash: 'd'.repeat(64) },
      t.signer,
    );
    expect(await cursor.classify(offHead)).toEqual({ kind: 'fork' });
    expect(await cursor.classify(await alternativeAt(5))).toEqual({ kind: 'fork' });
    expect(await cursor.classify(alterPayload(next))).toEqual({ kind: 'altered' });
    expect(await cursor.classify(alterAndRehash(next))).toEqual({ kind: 'bad-signature' });
    const foreign = at(await buildChain(await makeDevice('HB1301-W04'), 7), 6);
    expect(await cursor.classify(foreign)).toEqual({ kind: 'wrong-device' });
  });

  it('does not move on anything but the next link', async () => {
    const cursor = new ChainCursor(t.device, t.verifiers, headOf(chain.slice(0, 6)));
    const offHead = await seal(
      unsignedEvent(t.device.deviceId, 7),
      { seq: 6, hash: 'd'.repeat(64) },
      t.signer,
    );
    for (const event of [at(chain, 5), at(chain, 9), alterPayload(at(chain, 6)), offHead]) {
      expect((await cursor.append(event)).kind).not.toBe('next');
      expect(cursor.head).toEqual(headOf(chain.slice(0, 6)));
    }
  });

  it('behind the head: compares with stored hashes when it has them', async () => {
    const head = headOf(chain.slice(0, 8));
    const blind = new ChainCursor(t.device, t.verifiers, head);
    expect(await blind.classify(at(chain, 2))).toEqual({ kind: 'behind' });
    const stored = new Map(chain.map((e) => [e.seq, e.hash]));
    const informed = new ChainCursor(t.device, t.verifiers, head, {
      hashAt: (seq) => stored.get(seq),
    });
    expect(await informed.classify(at(chain, 2))).toEqual({ kind: 'duplicate' });
    expect(await informed.classify(await alternativeAt(2))).toEqual({ kind: 'fork' });
  });

  it('never lets two concurrent appends take the same seq', async () => {
    const cursor = new ChainCursor(t.device, t.verifiers);
    const first = at(chain, 0);
    const verdicts = await Promise.all([
      cursor.append(first),
      cursor.append(first),
      cursor.append(at(chain, 1)),
    ]);
    expect(verdicts.map((v) => v.kind)).toEqual(['next', 'duplicate', 'next']);
    expect(cursor.head).toEqual(headOf(chain.slice(0, 2)));
  });

  it('keeps working after a verifier throws', async () => {
    let calls = 0;
    const flaky = {
      verifierFor: (algorithm: Parameters<typeof t.verifiers.verifierFor>[0]) => {
        calls += 1;
        if (calls === 1) throw new Error('provider unavailable');
        return t.verifiers.verifierFor(algorithm);
      },
    };
    const cursor = new ChainCursor(t.device, flaky);
    await expect(cursor.append(at(chain, 0))).rejects.toThrow('provider unavailable');
    expect(await cursor.append(at(chain, 0))).toMatchObject({ kind: 'next' });
  });
});

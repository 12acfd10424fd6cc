import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { verifyChain } from '../../../../shared/events/chain';
import type { ChainBreak } from '../../../../shared/events/chain';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import { alterAndRehash, alterPayload, at, buildChain, headOf, makeDevice } from './chain-fixtures';
import type { TestDevice } from './chain-fixtures';

const MAX = 50;
let t: TestDevice;
let full: EventEnvelope[];

beforeAll(async () => {
  t = await makeDevice();
  full = await buildChain(t, MAX);
});

type Mutation =
  | { readonly kind: 'delete'; readonly i: number }
  | { readonly kind: 'alter'; readonly i: number }
  | { readonly kind: 'rehash'; readonly i: number }
  | { readonly kind: 'swap'; readonly i: number; readonly j: number }
  | { readonly kind: 'duplicate'; readonly i: number; readonly to: number };

/** A chain length 1..50 and one mutation of it (positions drawn as fractions of the length). */
const scenario = fc
  .record({
    length: fc.integer({ min: 1, max: MAX }),
    kind: fc.constantFrom('delete', 'alter', 'rehash', 'swap', 'duplicate'),
    a: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    b: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  })
  .filter(({ length, kind }) => kind !== 'swap' || length >= 2)
  .map(({ length, kind, a, b }): { length: number; mutation: Mutation } => {
    const i = Math.floor(a * length);
    switch (kind) {
      case 'swap': {
        const j = (i + 1 + Math.floor(b * (length - 1))) % length;
        return { length, mutation: { kind, i: Math.min(i, j), j: Math.max(i, j) } };
      }
      case 'duplicate':
        return { length, mutation: { kind, i, to: Math.floor(b * (length + 1)) } };
      default:
        return { length, mutation: { kind, i } };
    }
  });

function mutate(chain: readonly EventEnvelope[], m: Mutation): EventEnvelope[] {
  const events = [...chain];
  switch (m.kind) {
    case 'delete':
      events.splice(m.i, 1);
      break;
    case 'alter':
      events[m.i] = alterPayload(at(chain, m.i));
      break;
    case 'rehash':
      events[m.i] = alterAndRehash(at(chain, m.i));
      break;
    case 'swap':
      events[m.i] = at(chain, m.j);
      events[m.j] = at(chain, m.i);
      break;
    case 'duplicate':
      events.splice(m.to, 0, at(chain, m.i));
      break;
  }
  return events;
}

/** What must be reported: the kinds and seqs a precise checker finds for each mutation. */
function expectLocated(breaks: readonly ChainBreak[], m: Mutation): void {
  const seqI = m.i + 1;
  const kinds = new Set(breaks.map((b) => b.kind));
  switch (m.kind) {
    case 'delete':
      expect(breaks).toEqual([
        {
          kind: 'deleted',
          seq: seqI,
          eventId: `HB1301-W03:${seqI}`,
          index: null,
          missing: { from: seqI, to: seqI },
        },
      ]);
      return;
    case 'alter':
      expect(breaks).toEqual([
        { kind: 'altered', seq: seqI, eventId: `HB1301-W03:${seqI}`, index: m.i },
      ]);
      return;
    case 'rehash':
      expect(breaks).toEqual([
        { kind: 'bad-signature', seq: seqI, eventId: `HB1301-W03:${seqI}`, index: m.i },
      ]);
      return;
    case 'duplicate':
      expect(breaks).toHaveLength(1);
      expect(breaks[0]).toMatchObject({ kind: 'duplicate', seq: seqI });
      return;
    case 'swap': {
      const seqJ = m.j + 1;
      const seqs = breaks.map((b) => b.seq);
      expect([...kinds]).toEqual(['reordered']);
      if (seqJ - seqI === 1) {
        // Either of two neighbours explains the order equally well.
        expect(seqs).toHaveLength(1);
        expect([seqI, seqJ]).toContain(seqs[0]);
      } else if (seqJ - seqI === 2) {
        // [k+2, k+1, k]: any two of the three explain it; all lie within the swapped span.
        expect(seqs).toHaveLength(2);
        for (const seq of seqs) expect(seq >= seqI && seq <= seqJ).toBe(true);
      } else {
        expect(seqs).toEqual([seqI, seqJ]);
      }
    }
  }
}

describe('verifyChain property: any single mutation is detected and located', () => {
  it('an unmutated prefix of any length verifies, with its head', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: MAX }), async (length) => {
        const chain = full.slice(0, length);
        const verdict = await verifyChain(chain, t.device, t.verifiers);
        expect(verdict.ok).toBe(true);
        if (verdict.ok && length > 0) expect(verdict.head).toEqual(headOf(chain));
      }),
      { numRuns: 30 },
    );
  });

  it('delete, alter, alter-and-rehash, swap or duplicate: reported at the right seq, nothing more', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ length, mutation }) => {
        const chain = full.slice(0, length);
        // The known head catches a deleted last event, which nothing else in the array could show.
        const verdict = await verifyChain(mutate(chain, mutation), t.device, t.verifiers, {
          expectedHead: headOf(chain),
        });
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expectLocated(verdict.breaks, mutation);
      }),
      { numRuns: 300 },
    );
  });
});

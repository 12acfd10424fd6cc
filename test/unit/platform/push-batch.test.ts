import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/events/envelope';
import { nextLedger, nextLedgers, openDatabase } from '../../platform/db';
import { overLosses } from '../../platform/handlers/declare-loss';

/** The set-based steps of a push batch give what the one-by-one steps gave. */

describe('a push batch', () => {
  it('takes consecutive ledger numbers in one step, after and before single ones', () => {
    const db = openDatabase(':memory:');
    expect(nextLedger(db)).toBe(1);
    expect(nextLedgers(db, 500)).toBe(2);
    expect(nextLedger(db)).toBe(502);
    expect(nextLedgers(db, 1)).toBe(503);
    db.close();
  });

  it('passes over the declared losses right after the head, and only those', () => {
    const h = (c: string) => c.repeat(64);
    const losses = new Map([
      [3, h('a')],
      [4, h('b')],
      [7, h('c')],
    ]);
    expect(overLosses(losses, { seq: 2, hash: h('0') })).toEqual({ seq: 4, hash: h('b') });
    expect(overLosses(losses, { seq: 4, hash: h('b') })).toEqual({ seq: 4, hash: h('b') });
    expect(overLosses(losses, { seq: 6, hash: h('d') })).toEqual({ seq: 7, hash: h('c') });
    expect(overLosses(new Map(), { seq: 0, hash: GENESIS_HASH })).toEqual({
      seq: 0,
      hash: GENESIS_HASH,
    });
  });
});

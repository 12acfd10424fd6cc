import { describe, expect, it } from 'vitest';
import { chainHeadFrom, withChainHead } from '../../../electron/main/chain-head';
import type { TextSealer } from '../../../electron/main/chain-head';
import { resolveSettings } from '../../../electron/main/settings';

/** A stand-in for the OS keystore: reversible, and refusing what it did not seal. */
const sealer: TextSealer = {
  seal: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`,
  unseal: (sealed) => {
    if (!sealed.startsWith('sealed:')) throw new Error('not sealed here');
    return Buffer.from(sealed.slice('sealed:'.length), 'base64').toString();
  },
};
const head = { deviceId: 'dev-1', seq: 42, hash: 'a'.repeat(64) };

describe('the chain head in the host settings file', () => {
  it('is kept sealed beside the other settings, which stay as they were', () => {
    const before = JSON.stringify({ platformUrl: 'https://platform.example', printer: 'P1' });
    const text = withChainHead(before, head, sealer);
    expect(text).not.toContain('"seq"');
    expect(chainHeadFrom(text, 'dev-1', sealer)).toEqual(head);
    expect(chainHeadFrom(text, 'dev-2', sealer)).toBeNull();
    const { settings, problems } = resolveSettings(text, {});
    expect(problems).toEqual([]);
    expect(settings.printer).toBe('P1');
  });

  it('is no head when missing, unreadable or edited by hand', () => {
    expect(chainHeadFrom(null, 'dev-1', sealer)).toBeNull();
    expect(chainHeadFrom('not json', 'dev-1', sealer)).toBeNull();
    const edited = JSON.stringify({ chainHeads: { 'dev-1': JSON.stringify({ ...head, seq: 1 }) } });
    expect(chainHeadFrom(edited, 'dev-1', sealer)).toBeNull();
  });

  it('is replaced, never duplicated, by the next save', () => {
    const first = withChainHead(null, head, sealer);
    const second = withChainHead(first, { ...head, seq: 43 }, sealer);
    expect(chainHeadFrom(second, 'dev-1', sealer)?.seq).toBe(43);
  });
});

import { describe, expect, it } from 'vitest';
import { resources } from '../../../../renderer/i18n/resources';
import {
  KNOWN_ERROR_CODES,
  KNOWN_REJECTION_CODES,
  enrolErrorMessage,
  errorMessage,
  rejectionMessage,
  statusParts,
} from '../../../../renderer/clerk/sync/sync-messages';
import { INITIAL_STATUS } from '../../../../renderer/sync/status';
import { DAMAGE_REASONS } from '../../../../shared/events/damage';

type Tree = { readonly [key: string]: string | Tree };
function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

describe('sync and enrolment codes in words', () => {
  it('has a sentence in both languages for every code it knows', () => {
    const keys = [
      ...[...KNOWN_ERROR_CODES].map((c) => errorMessage(c).key),
      ...[...KNOWN_REJECTION_CODES].map((c) => rejectionMessage(c).key),
      'clerk.sync.errors.http',
      'clerk.sync.errors.unknown',
      'clerk.sync.rejections.unknown',
      'clerk.sync.damage.event',
      'clerk.sync.damage.more',
      ...DAMAGE_REASONS.map((r) => `clerk.sync.damage.reasons.${r}`),
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const key of keys)
        expect(lookup(resources[lang].translation, key), `${lang} ${key}`).toBeTruthy();
    }
  });

  it('names an unknown code and an HTTP status instead of hiding them', () => {
    expect(errorMessage('http-502')).toEqual({
      key: 'clerk.sync.errors.http',
      values: { status: 502 },
    });
    expect(errorMessage('something-new')).toEqual({
      key: 'clerk.sync.errors.unknown',
      values: { code: 'something-new' },
    });
    // The device's own refusal is a known one, in words, not shown as a raw code.
    expect(rejectionMessage('local-unreadable')).toEqual({
      key: 'clerk.sync.rejections.local-unreadable',
    });
    expect(rejectionMessage('odd')).toEqual({
      key: 'clerk.sync.rejections.unknown',
      values: { code: 'odd' },
    });
  });

  it('translates an enrolment refusal by the platform’s code', () => {
    expect(
      enrolErrorMessage({
        ok: false,
        error: 'platform',
        failure: { kind: 'http', status: 409, code: 'enrolment-code-used', issues: [] },
      }).key,
    ).toBe('clerk.sync.errors.enrolment-code-used');
    expect(
      enrolErrorMessage({ ok: false, error: 'platform', failure: { kind: 'network' } }).key,
    ).toBe('clerk.sync.errors.network');
    expect(enrolErrorMessage({ ok: false, error: 'bad-bundle-key' }).key).toBe(
      'clerk.sync.errors.bad-bundle-key',
    );
  });
});

describe('the compact status line', () => {
  it('shows connection, pending and never-synced at rest', () => {
    expect(statusParts(INITIAL_STATUS).map((p) => p.kind)).toEqual([
      'connection',
      'pending',
      'last-success',
    ]);
  });

  it('shows a run’s progress, the last error and a flagged clock', () => {
    const parts = statusParts({
      ...INITIAL_STATUS,
      online: false,
      running: true,
      phase: 'push',
      progress: { done: 3, total: 10 },
      pending: 7,
      lastError: 'network',
      clockSkewMs: -185_400,
      clockSkewFlagged: true,
    });
    expect(parts).toEqual([
      { kind: 'connection', online: false },
      { kind: 'running', phase: 'push', done: 3, total: 10 },
      { kind: 'pending', count: 7 },
      { kind: 'last-success', at: null },
      { kind: 'error', message: { key: 'clerk.sync.errors.network' } },
      { kind: 'clock-skew', seconds: -185 },
    ]);
  });

  it('does not flag a skew within tolerance', () => {
    const parts = statusParts({ ...INITIAL_STATUS, clockSkewMs: 2_000, clockSkewFlagged: false });
    expect(parts.some((p) => p.kind === 'clock-skew')).toBe(false);
  });
});

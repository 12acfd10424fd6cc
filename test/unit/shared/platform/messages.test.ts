import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../shared/platform/errors';
import { MAX_BODY_BYTES, MAX_DOWNLOAD_BYTES } from '../../../../shared/platform/limits';
import {
  PLATFORM_EXCHANGES,
  parseRequest,
  parseResponse,
  platformExchanges,
} from '../../../../shared/platform/messages';
import {
  PLATFORM_INTERFACE_VERSION,
  checkInterfaceVersion,
} from '../../../../shared/platform/version';
import { DEVICE, V, pushRequest } from './fixtures';

const creditCheck = { ...V, deviceId: DEVICE, idType: 'uscc', identifier: '91130100MA01111107' };
const supported = { min: 1, max: 1 };

describe('checkInterfaceVersion', () => {
  it('passes the supported version and names the mismatch otherwise', () => {
    expect(PLATFORM_INTERFACE_VERSION).toBe(1);
    expect(checkInterfaceVersion({ interfaceVersion: 1 })).toBeNull();
    expect(checkInterfaceVersion({ interfaceVersion: 0 })).toEqual({
      code: 'version-mismatch',
      reason: 'peer-too-old',
      supported,
      received: 0,
    });
    expect(checkInterfaceVersion({ interfaceVersion: 2 })).toEqual({
      code: 'version-mismatch',
      reason: 'peer-too-new',
      supported,
      received: 2,
    });
    expect(checkInterfaceVersion({ interfaceVersion: 1.5 })).toEqual({
      code: 'version-mismatch',
      reason: 'version-missing',
      supported,
      received: 1.5,
    });
    for (const body of [{}, null, 'text', [1], { interfaceVersion: '1' }]) {
      expect(checkInterfaceVersion(body)).toEqual({
        code: 'version-mismatch',
        reason: 'version-missing',
        supported,
        received: null,
      });
    }
  });

  it('lets a platform that speaks a range accept older devices', () => {
    expect(checkInterfaceVersion({ interfaceVersion: 1 }, { min: 1, max: 3 })).toBeNull();
    expect(checkInterfaceVersion({ interfaceVersion: 4 }, { min: 2, max: 3 })).toMatchObject({
      reason: 'peer-too-new',
    });
  });
});

describe('parseRequest / parseResponse', () => {
  it('registers every exchange of platform.md, the declared loss of issue 13, the key rotation of issue 17, the evidence and verify exchanges of issue 16 and the hall statistics of issue 18', () => {
    expect(PLATFORM_EXCHANGES).toEqual([
      'enrol',
      'catalogue',
      'credit-snapshot',
      'credit-check',
      'push',
      'pull',
      'declare-loss',
      'rotate-key',
      'letter-timestamp',
      'evidence',
      'archived-letter',
      'verify',
      'public-query',
      'hall-stats',
    ]);
    expect(platformExchanges.catalogue.maxResponseBytes).toBe(MAX_DOWNLOAD_BYTES);
  });

  it('returns the parsed message', () => {
    expect(parseRequest('credit-check', creditCheck, 200)).toEqual({
      ok: true,
      value: creditCheck,
    });
    const res = { ...V, status: 'none', checkedAt: '2026-03-15T09:00:00+08:00' };
    expect(parseResponse('credit-check', res, 100)).toEqual({ ok: true, value: res });
  });

  it('refuses an oversized body before looking at it', () => {
    const r = parseRequest('push', pushRequest(1, 1), MAX_BODY_BYTES + 1);
    expect(r).toEqual({ ok: false, error: { error: { code: 'too-large' } } });
    expect(parseRequest('credit-check', creditCheck, Number.NaN)).toMatchObject({
      ok: false,
      error: { error: { code: 'too-large' } },
    });
    // The bulk downloads have their own, larger limit.
    expect(
      parseResponse('credit-snapshot', { ...V, status: 'current' }, MAX_BODY_BYTES + 1).ok,
    ).toBe(true);
    expect(
      parseResponse('credit-snapshot', { ...V, status: 'current' }, MAX_DOWNLOAD_BYTES + 1).ok,
    ).toBe(false);
  });

  it('answers a wrong version with version-mismatch, not with schema issues', () => {
    const r = parseRequest(
      'credit-check',
      { ...creditCheck, interfaceVersion: 2, identifier: 'garbage!' },
      100,
    );
    expect(r).toEqual({
      ok: false,
      error: {
        error: { code: 'version-mismatch', reason: 'peer-too-new', supported, received: 2 },
      },
    });
    if (!r.ok) expect(ErrorBodySchema.parse(r.error)).toEqual(r.error);
  });

  it('answers malformed input with the path and machine code of each issue', () => {
    const r = parseRequest('credit-check', { ...creditCheck, identifier: 'a b', extra: 1 }, 100);
    expect(r).toEqual({
      ok: false,
      error: {
        error: {
          code: 'malformed',
          issues: [
            { path: 'identifier', code: 'invalid_format' },
            { path: '', code: 'unrecognized_keys' },
          ],
        },
      },
    });
    if (!r.ok) expect(ErrorBodySchema.safeParse(r.error).success).toBe(true);
    const push = pushRequest(3, 2);
    const refined = parseRequest('push', { ...push, cursor: { fromSeq: 2, toSeq: 4 } }, 1000);
    expect(refined).toMatchObject({
      ok: false,
      error: { error: { issues: [{ path: 'cursor.fromSeq', code: 'cursor-not-first-event' }] } },
    });
  });
});

describe('ErrorBodySchema', () => {
  it('accepts the error codes and refuses unknown codes and prose-only errors', () => {
    expect(ErrorBodySchema.safeParse({ error: { code: 'unknown-device' } }).success).toBe(true);
    expect(
      ErrorBodySchema.safeParse({
        error: { code: 'no-device-slot', message: 'all 99 slots taken' },
      }).success,
    ).toBe(true);
    expect(ErrorBodySchema.safeParse({ error: { code: 'oops' } }).success).toBe(false);
    expect(ErrorBodySchema.safeParse({ error: { message: 'something went wrong' } }).success).toBe(
      false,
    );
    expect(
      ErrorBodySchema.safeParse({ error: { code: 'malformed', issues: [{ path: 'x' }] } }).success,
    ).toBe(false);
    expect(
      ErrorBodySchema.safeParse({
        error: { code: 'version-mismatch', reason: 'because', supported, received: 2 },
      }).success,
    ).toBe(false);
  });
});

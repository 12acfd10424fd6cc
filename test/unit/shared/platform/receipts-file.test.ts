import { utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { eventIdOf } from '../../../../shared/events/envelope';
import type { PushVerdict } from '../../../../shared/platform/push';
import {
  MAX_RECEIPTS,
  MAX_RECEIPTS_FILE_BYTES,
  encodeReceiptsFile,
  parseReceiptsFile,
  receiptsFileBody,
  receiptsSignedContent,
} from '../../../../shared/platform/receipts-file';
import { PLATFORM_INTERFACE_VERSION } from '../../../../shared/platform/version';
import { DEVICE, PLATFORM_SIG, TOKEN } from './fixtures';

const accepted = (seq: number): PushVerdict => ({
  eventId: eventIdOf(DEVICE, seq),
  seq,
  verdict: 'accepted',
  receiptNo: `R-2026-${String(seq).padStart(6, '0')}`,
  timestampToken: TOKEN,
});
const refused = (seq: number): PushVerdict => ({
  eventId: eventIdOf(DEVICE, seq),
  seq,
  verdict: 'rejected',
  code: 'schema',
});
const ISSUED = '2026-03-16T10:00:00+08:00';

function fileWith(patch: (raw: { body: Record<string, unknown> }) => void): Uint8Array {
  const body = receiptsFileBody(DEVICE, ISSUED, [accepted(1), refused(2)]);
  const raw = JSON.parse(JSON.stringify({ body, platformSig: PLATFORM_SIG })) as {
    body: Record<string, unknown>;
  };
  patch(raw);
  return utf8ToBytes(JSON.stringify(raw));
}

describe('the receipts file', () => {
  it('reads back what the platform wrote, with the body it signed as it came', () => {
    const body = receiptsFileBody(DEVICE, ISSUED, [accepted(1), refused(2), accepted(3)]);
    const parsed = parseReceiptsFile(encodeReceiptsFile(body, PLATFORM_SIG));
    expect(parsed).toEqual({
      ok: true,
      file: { body, platformSig: PLATFORM_SIG },
      signed: receiptsSignedContent(body),
    });
  });

  it('refuses verdicts out of order or repeated, and an empty file', () => {
    const swapped = fileWith((raw) => {
      raw.body['verdicts'] = [accepted(2), accepted(1)];
    });
    const repeated = fileWith((raw) => {
      raw.body['verdicts'] = [accepted(1), refused(1)];
    });
    const empty = fileWith((raw) => {
      raw.body['verdicts'] = [];
    });
    for (const bytes of [swapped, repeated, empty])
      expect(parseReceiptsFile(bytes)).toEqual({ ok: false, error: 'bad-format' });
  });

  it('tells a file of another interface version from a broken one', () => {
    const newer = fileWith((raw) => {
      raw.body['interfaceVersion'] = PLATFORM_INTERFACE_VERSION + 1;
    });
    expect(parseReceiptsFile(newer)).toEqual({ ok: false, error: 'version' });
    const extra = fileWith((raw) => {
      raw.body['note'] = 'added';
    });
    expect(parseReceiptsFile(extra)).toEqual({ ok: false, error: 'bad-format' });
    expect(parseReceiptsFile(new Uint8Array([0xff, 0xfe, 0x7b]))).toEqual({
      ok: false,
      error: 'bad-format',
    });
  });

  it('holds its most verdicts, as the platform writes them, within the size limit', () => {
    const device = '130102-01.12';
    const verdicts = Array.from({ length: MAX_RECEIPTS }, (_, i): PushVerdict => {
      const seq = 9_000_000 + i;
      return {
        eventId: eventIdOf(device, seq),
        seq,
        verdict: 'accepted',
        receiptNo: `R-130102-2026-${String(seq).padStart(12, '0')}`,
        timestampToken: {
          time: '2026-03-15T18:00:01.123+08:00',
          // An SM2 or P-256 signature: 64 to 72 bytes, base64url.
          platformSig: {
            alg: 'ECDSA-P256-SHA256',
            keyId: 'platform-2026-01',
            value: 'A'.repeat(96),
          },
        },
      };
    });
    const bytes = encodeReceiptsFile(receiptsFileBody(device, ISSUED, verdicts), PLATFORM_SIG);
    expect(bytes.byteLength).toBeLessThan(MAX_RECEIPTS_FILE_BYTES);
    expect(parseReceiptsFile(bytes).ok).toBe(true);
    const more = receiptsFileBody(device, ISSUED, [...verdicts, accepted(9_999_999)]);
    expect(parseReceiptsFile(encodeReceiptsFile(more, PLATFORM_SIG))).toEqual({
      ok: false,
      error: 'bad-format',
    });
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(parseReceiptsFile(new Uint8Array(MAX_RECEIPTS_FILE_BYTES + 1))).toEqual({
      ok: false,
      error: 'too-large',
    });
  });
});

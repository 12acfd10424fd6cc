import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES, MAX_PUSH_BATCH } from '../../../../shared/platform/limits';
import {
  PushRequestSchema,
  PushResponseSchema,
  PushVerdictSchema,
} from '../../../../shared/platform/push';
import { BATCH, DEVICE, TOKEN, V, envelope, pushRequest } from './fixtures';

function codes(r: {
  success: boolean;
  error?: { issues: { code: string; message: string; path: PropertyKey[] }[] };
}) {
  return r.success
    ? []
    : (r.error?.issues ?? []).map(
        (i) => `${i.path.join('.')}:${i.code === 'custom' ? i.message : i.code}`,
      );
}

describe('PushRequestSchema', () => {
  it('accepts a batch that covers its cursor', () => {
    expect(codes(PushRequestSchema.safeParse(pushRequest(1, 3)))).toEqual([]);
    expect(codes(PushRequestSchema.safeParse(pushRequest(41, 1)))).toEqual([]);
  });

  it('accepts the largest batch and refuses one more event, and an empty batch', () => {
    expect(PushRequestSchema.safeParse(pushRequest(1, MAX_PUSH_BATCH)).success).toBe(true);
    expect(codes(PushRequestSchema.safeParse(pushRequest(1, MAX_PUSH_BATCH + 1)))).toContain(
      'events:too_big',
    );
    expect(codes(PushRequestSchema.safeParse({ ...pushRequest(1, 1), events: [] }))).toContain(
      'events:too_small',
    );
  });

  it('lets a gap inside the batch through, so the platform can report chain-gap for that event', () => {
    const req = pushRequest(5, 3);
    req.events.splice(1, 1);
    expect(PushRequestSchema.safeParse(req).success).toBe(true);
  });

  it('refuses a cursor that does not match the first and last events', () => {
    const req = pushRequest(5, 3);
    expect(
      codes(PushRequestSchema.safeParse({ ...req, cursor: { fromSeq: 4, toSeq: 7 } })),
    ).toEqual(['cursor.fromSeq:cursor-not-first-event']);
    expect(
      codes(PushRequestSchema.safeParse({ ...req, cursor: { fromSeq: 5, toSeq: 9 } })),
    ).toEqual(['cursor.toSeq:cursor-not-last-event']);
    expect(
      codes(PushRequestSchema.safeParse({ ...req, cursor: { fromSeq: 7, toSeq: 5 } })),
    ).toContain('cursor.toSeq:cursor-reversed');
    expect(PushRequestSchema.safeParse({ ...req, cursor: { fromSeq: 0, toSeq: 7 } }).success).toBe(
      false,
    );
  });

  it('refuses events out of order, repeated, or from another device', () => {
    const swapped = pushRequest(1, 3);
    swapped.events = [envelope(1), envelope(3), envelope(2)];
    swapped.cursor = { fromSeq: 1, toSeq: 2 };
    expect(codes(PushRequestSchema.safeParse(swapped))).toEqual([
      'events.2.seq:seq-not-increasing',
    ]);
    const repeated = pushRequest(1, 2);
    repeated.events.push(envelope(2));
    expect(codes(PushRequestSchema.safeParse(repeated))).toEqual([
      'events.2.seq:seq-not-increasing',
    ]);
    const foreign = pushRequest(1, 2);
    foreign.events[1] = envelope(2, 'kiosk-02');
    expect(codes(PushRequestSchema.safeParse(foreign))).toEqual([
      'events.1.deviceId:foreign-device',
    ]);
  });

  it('refuses an oversized event and a malformed envelope', () => {
    const big = pushRequest(1, 1);
    big.events[0] = { ...envelope(1), payload: { blob: 'x'.repeat(MAX_EVENT_BYTES) } };
    expect(codes(PushRequestSchema.safeParse(big))).toEqual(['events.0:event-too-large']);
    // UTF-8 bytes count, not characters: 11,000 Chinese characters are 33,000 bytes.
    const wide = pushRequest(1, 1);
    wide.events[0] = { ...envelope(1), payload: { note: '承'.repeat(11_000) } };
    expect(codes(PushRequestSchema.safeParse(wide))).toEqual(['events.0:event-too-large']);
    const bad = pushRequest(1, 1);
    expect(
      PushRequestSchema.safeParse({ ...bad, events: [{ ...bad.events[0], eventId: 'kiosk-01:2' }] })
        .success,
    ).toBe(false);
    expect(
      PushRequestSchema.safeParse({ ...bad, events: [{ ...bad.events[0], hash: 'XYZ' }] }).success,
    ).toBe(false);
  });

  it('refuses a wrong version, a bad batch id and unknown fields', () => {
    const req = pushRequest(1, 1);
    expect(codes(PushRequestSchema.safeParse({ ...req, interfaceVersion: 2 }))).toEqual([
      'interfaceVersion:invalid_value',
    ]);
    expect(PushRequestSchema.safeParse({ ...req, batchId: 'batch-1' }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...req, token: 'secret' }).success).toBe(false);
  });
});

describe('PushResponseSchema', () => {
  const verdicts = [
    {
      eventId: `${DEVICE}:1`,
      seq: 1,
      verdict: 'accepted',
      receiptNo: 'R-2026-000001',
      timestampToken: TOKEN,
    },
    {
      eventId: `${DEVICE}:2`,
      seq: 2,
      verdict: 'duplicate',
      receiptNo: 'R-2026-000000',
      timestampToken: TOKEN,
    },
    {
      eventId: `${DEVICE}:3`,
      seq: 3,
      verdict: 'rejected',
      code: 'chain-gap',
      detail: 'expected-seq:2',
    },
    { eventId: `${DEVICE}:4`, seq: 4, verdict: 'rejected', code: 'after-rejected' },
  ];

  it('accepts one verdict per event of each kind', () => {
    expect(codes(PushResponseSchema.safeParse({ ...V, batchId: BATCH, verdicts }))).toEqual([]);
  });

  it('refuses a verdict without its receipt, an unknown rejection code, and two verdicts for one event', () => {
    expect(PushVerdictSchema.safeParse({ ...verdicts[0], receiptNo: undefined }).success).toBe(
      false,
    );
    expect(
      PushVerdictSchema.safeParse({ ...verdicts[1], timestampToken: { time: TOKEN.time } }).success,
    ).toBe(false);
    expect(PushVerdictSchema.safeParse({ ...verdicts[2], code: 'nope' }).success).toBe(false);
    expect(PushVerdictSchema.safeParse({ ...verdicts[2], detail: 'x'.repeat(201) }).success).toBe(
      false,
    );
    expect(PushVerdictSchema.safeParse({ ...verdicts[0], verdict: 'maybe' }).success).toBe(false);
    expect(
      codes(
        PushResponseSchema.safeParse({
          ...V,
          batchId: BATCH,
          verdicts: [verdicts[0], verdicts[0]],
        }),
      ),
    ).toEqual(['verdicts.1.eventId:duplicate-verdict']);
    expect(PushResponseSchema.safeParse({ ...V, batchId: BATCH, verdicts: [] }).success).toBe(
      false,
    );
  });
});

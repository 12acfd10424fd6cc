import { eventIdOf, GENESIS_HASH, type EventEnvelope } from '../../../../shared/events/envelope';
import { PLATFORM_INTERFACE_VERSION } from '../../../../shared/platform/version';
import { signedPayload } from '../record/fixtures';

/** Shape-valid platform messages; the tests break one thing at a time. */

export const V = { interfaceVersion: PLATFORM_INTERFACE_VERSION } as const;
export const DEVICE = 'kiosk-01';
export const BATCH = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const PLATFORM_SIG = {
  alg: 'ECDSA-P256-SHA256',
  keyId: 'platform-2026',
  value: 'c2lnbmF0dXJl',
} as const;

const hex = (n: number) => n.toString(16).padStart(64, '0');

export function envelope(seq: number, deviceId = DEVICE): EventEnvelope {
  return {
    v: 1,
    deviceId,
    seq,
    eventId: eventIdOf(deviceId, seq),
    recordId: 'rec-1',
    type: 'record.signed',
    at: '2026-03-15T09:00:00+08:00',
    actor: { kind: 'applicant' },
    payload: JSON.parse(JSON.stringify(signedPayload())) as EventEnvelope['payload'],
    prevHash: seq === 1 ? GENESIS_HASH : hex(seq - 1),
    hash: hex(seq),
    sig: { alg: 'ECDSA-P256-SHA256', value: 'c2ln' },
  };
}

export function pushRequest(fromSeq: number, count: number) {
  const events = Array.from({ length: count }, (_, i) => envelope(fromSeq + i));
  return {
    ...V,
    deviceId: DEVICE,
    batchId: BATCH,
    cursor: { fromSeq, toSeq: fromSeq + count - 1 },
    events,
  };
}

export const TOKEN = { time: '2026-03-15T18:00:01+08:00', platformSig: PLATFORM_SIG } as const;

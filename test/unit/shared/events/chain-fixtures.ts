import { createVerifiers } from '../../../../shared/crypto/providers';
import type { VerifierRegistry } from '../../../../shared/crypto/providers';
import type { Signer } from '../../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import type { ChainDevice } from '../../../../shared/events/chain';
import { envelopeHash, sealEvent } from '../../../../shared/events/envelope';
import type { ChainHead, EventEnvelope, UnsignedEvent } from '../../../../shared/events/envelope';

export const subtle = globalThis.crypto.subtle;

export interface TestDevice {
  readonly device: ChainDevice;
  readonly signer: Signer;
  readonly verifiers: VerifierRegistry;
}

export async function makeDevice(deviceId = 'HB1301-W03'): Promise<TestDevice> {
  const signer = createWebCryptoSigner(subtle, await generateWebCryptoKeyPair(subtle));
  return {
    device: { deviceId, key: await signer.publicKeyInfo() },
    signer,
    verifiers: createVerifiers(subtle),
  };
}

/** A plausible event body: record events with a hash payload, every fifth a clerk audit event. */
export function unsignedEvent(deviceId: string, n: number, variant = ''): UnsignedEvent {
  const audit = n % 5 === 0;
  return {
    deviceId,
    recordId: audit ? null : `rec-${Math.floor(n / 3)}`,
    type: audit ? 'clerk.audit' : 'record.signed',
    at: new Date(Date.UTC(2025, 2, 1, 8, 0, n)).toISOString(),
    actor: audit ? { kind: 'clerk', id: 'clerk-07' } : { kind: 'applicant' },
    payload: {
      n,
      text: `承诺 ${n}${variant}`,
      digest: 'ab'.repeat(32),
      flags: [n % 2 === 0, null],
    },
  };
}

export async function seal(
  unsigned: UnsignedEvent,
  prev: ChainHead | null,
  signer: Signer,
): Promise<EventEnvelope> {
  const result = await sealEvent(unsigned, prev, signer);
  if (!result.ok) throw new Error(`seal failed: ${result.error}`);
  return result.event;
}

/** `count` events after `after` (null: from seq 1); `variant` makes a different history. */
export async function buildChain(
  t: TestDevice,
  count: number,
  after: ChainHead | null = null,
  variant = '',
): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let prev = after;
  for (let i = 0; i < count; i += 1) {
    const event = await seal(
      unsignedEvent(t.device.deviceId, (prev?.seq ?? 0) + 1, variant),
      prev,
      t.signer,
    );
    events.push(event);
    prev = { seq: event.seq, hash: event.hash };
  }
  return events;
}

export function headOf(events: readonly EventEnvelope[]): ChainHead {
  const last = events[events.length - 1];
  if (!last) throw new Error('empty chain');
  return { seq: last.seq, hash: last.hash };
}

export function at(events: readonly EventEnvelope[], index: number): EventEnvelope {
  const event = events[index];
  if (!event) throw new Error(`no event at ${index}`);
  return event;
}

/** Payload changed, hash and signature left as they were. */
export function alterPayload(event: EventEnvelope): EventEnvelope {
  return { ...event, payload: { ...event.payload, text: 'altered' } };
}

/** Payload changed and the hash recomputed, but nobody could re-sign it. */
export function alterAndRehash(event: EventEnvelope): EventEnvelope {
  const altered = alterPayload(event);
  return { ...altered, hash: envelopeHash(altered) };
}

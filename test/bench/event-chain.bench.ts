/**
 * The device's signed event chain: sealing (sign) 10,000 events with the default P-256 WebCrypto
 * provider, then verifying the whole chain as the platform or an audit would; also the hashing
 * share of that work, the one-at-a-time cursor the platform uses on push, and the SM2 provider on
 * 1,000 events for comparison.
 */
import { createVerifiers } from '../../shared/crypto/providers';
import type { Signer } from '../../shared/crypto/signing';
import { createSm2Signer, generateSm2KeyPair } from '../../shared/crypto/sm2-signer';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../shared/crypto/webcrypto-signer';
import { ChainCursor, verifyChain } from '../../shared/events/chain';
import type { ChainDevice } from '../../shared/events/chain';
import { envelopeHash, sealEvent } from '../../shared/events/envelope';
import type { ChainHead, EventEnvelope, SealResult } from '../../shared/events/envelope';
import { measure, report, summarise } from './harness';
import type { Figure } from './harness';

const P256_EVENTS = 10_000;
const SM2_EVENTS = 1_000;
const DEVICE_ID = 'HB1301-W03';
const subtle = globalThis.crypto.subtle;
const verifiers = createVerifiers(subtle);

async function buildChain(signer: Signer, count: number): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let prev: ChainHead | null = null;
  for (let n = 1; n <= count; n += 1) {
    const result: SealResult<string> = await sealEvent(
      {
        deviceId: DEVICE_ID,
        recordId: n % 5 === 0 ? null : `rec-${Math.floor(n / 3)}`,
        type: n % 5 === 0 ? 'clerk.audit' : 'record.signed',
        at: new Date(Date.UTC(2025, 2, 1, 0, 0, 0, n)).toISOString(),
        actor: n % 5 === 0 ? { kind: 'clerk', id: 'clerk-07' } : { kind: 'applicant' },
        payload: {
          n,
          documentHash: 'ab'.repeat(32),
          catalogueVersion: '2025.03',
          items: [1, 2, 3],
        },
      },
      prev,
      signer,
    );
    if (!result.ok) throw new Error(result.error);
    events.push(result.event);
    prev = { seq: result.event.seq, hash: result.event.hash };
  }
  return events;
}

const rate = (count: number, figure: Figure): number => count / (figure.median / 1000);

async function timeBuild(name: string, signer: Signer, count: number, runs: number) {
  const samples: number[] = [];
  let chain: EventEnvelope[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    chain = await buildChain(signer, count);
    samples.push(performance.now() - start);
  }
  const figure = summarise(name, samples);
  return {
    chain,
    figure: { ...figure, extra: { events: count, eventsPerSecond: rate(count, figure) } },
  };
}

async function timeVerify(
  name: string,
  chain: readonly EventEnvelope[],
  device: ChainDevice,
  runs: number,
) {
  const figure = await measure(
    name,
    async () => {
      const verdict = await verifyChain(chain, device, verifiers);
      if (!verdict.ok) throw new Error('benchmark chain did not verify');
    },
    { runs, warmup: 1 },
  );
  return {
    ...figure,
    extra: { events: chain.length, eventsPerSecond: rate(chain.length, figure) },
  };
}

const p256Signer = createWebCryptoSigner(subtle, await generateWebCryptoKeyPair(subtle));
const p256Device: ChainDevice = { deviceId: DEVICE_ID, key: await p256Signer.publicKeyInfo() };
const p256 = await timeBuild('p256: seal (sign) 10,000 events', p256Signer, P256_EVENTS, 3);
const p256Verify = await timeVerify('p256: verifyChain 10,000 events', p256.chain, p256Device, 7);

const hashing = await measure(
  'hash only: envelopeHash x 10,000',
  () => {
    for (const event of p256.chain) envelopeHash(event);
  },
  { runs: 7, warmup: 1 },
);

const cursorFigure = await measure(
  'p256: ChainCursor.append x 10,000 (one by one)',
  async () => {
    const cursor = new ChainCursor(p256Device, verifiers);
    for (const event of p256.chain) {
      if ((await cursor.append(event)).kind !== 'next') throw new Error('cursor refused the chain');
    }
  },
  { runs: 3, warmup: 1 },
);

const sm2Signer = createSm2Signer(generateSm2KeyPair().privateKey);
if (sm2Signer === null) throw new Error('invalid SM2 key');
const sm2Device: ChainDevice = { deviceId: DEVICE_ID, key: await sm2Signer.publicKeyInfo() };
const sm2 = await timeBuild('sm2: seal (sign) 1,000 events', sm2Signer, SM2_EVENTS, 3);
const sm2Verify = await timeVerify('sm2: verifyChain 1,000 events', sm2.chain, sm2Device, 5);

const bytes = new TextEncoder().encode(JSON.stringify(p256.chain)).length;
report('event-chain', [
  p256.figure,
  { ...p256Verify, extra: { ...p256Verify.extra, chainJsonBytes: bytes } },
  { ...hashing, extra: { eventsPerSecond: rate(P256_EVENTS, hashing) } },
  { ...cursorFigure, extra: { eventsPerSecond: rate(P256_EVENTS, cursorFigure) } },
  sm2.figure,
  sm2Verify,
]);

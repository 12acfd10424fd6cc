import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64url, base64urlToBytes } from '../../../shared/crypto/base64url';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import type { Signer } from '../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../shared/crypto/webcrypto-signer';
import { sealEvent } from '../../../shared/events/envelope';
import type { EventEnvelope } from '../../../shared/events/envelope';
import {
  BUNDLE_ERROR_CODES,
  BUNDLE_FILE_EXTENSION,
  BundleFileSchema,
  MAX_BUNDLE_BYTES,
  openBundle,
  sealBundle,
} from '../../../shared/platform/bundle';
import type {
  BundleErrorCode,
  DeviceKeyLookup,
  OpenBundleResult,
  SealBundleOptions,
} from '../../../shared/platform/bundle';
import { toBundleKey } from '../../../shared/platform/bundle-key';
import type { BundleKey } from '../../../shared/platform/bundle-key';
import { EnrolResponseSchema } from '../../../shared/platform/enrol';
import { ErrorBodySchema } from '../../../shared/platform/errors';
import { PushResponseSchema } from '../../../shared/platform/push';
import type { PushResponse } from '../../../shared/platform/push';
import { BUNDLE_ROUTE } from '../../../shared/platform/routes';
import { subtle } from '../../platform/keys';
import { DEMO_HALL } from '../../platform/seed';
import { TestDevice, call, post, startPlatform, verifiers } from './helpers';
import type { Reply, TestPlatform } from './helpers';

/**
 * The offline bundle: sealed on the device, opened by the platform, and imported through the same
 * idempotent push as a network push. Tampering, a foreign key, an unknown or revoked device and
 * oversize are each refused with their own code, and never change what the platform holds.
 */

const NOW = () => new Date('2026-03-15T10:00:00+08:00');
const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function recipientPair(): Promise<{ publicKey: BundleKey; privateKey: CryptoKey }> {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const publicKey = toBundleKey(await subtle.exportKey('jwk', pair.publicKey));
  if (!publicKey) throw new Error('no public JWK');
  return { publicKey, privateKey: pair.privateKey };
}

async function newSigner(): Promise<Signer> {
  return createWebCryptoSigner(subtle, await generateWebCryptoKeyPair(subtle));
}

/** A device chain made without a platform, for the pure tests. */
async function chain(deviceId: string, signer: Signer, count: number): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (let n = 1; n <= count; n += 1) {
    const prev = events.at(-1);
    const sealed = await sealEvent(
      {
        deviceId,
        recordId: null,
        type: 'audit.clerk.signed-in',
        at: '2026-03-15T09:30:00+08:00',
        actor: { kind: 'clerk', id: 'c-007' },
        payload: { clerkId: `c-${n}`, role: 'clerk', entity: '石家庄示例食品有限公司' },
      },
      prev ? { seq: prev.seq, hash: prev.hash } : null,
      signer,
    );
    if (!sealed.ok) throw new Error(sealed.error);
    events.push(sealed.event);
  }
  return events;
}

function errorCode(result: OpenBundleResult): BundleErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}

/** Re-signs an edited bundle with the device key: a device that itself wrote a bad bundle. */
async function resigned(
  bytes: Uint8Array,
  signer: Signer,
  edit: (file: ReturnType<typeof BundleFileSchema.parse>) => void,
): Promise<Uint8Array> {
  const file = BundleFileSchema.parse(JSON.parse(decoder.decode(bytes)));
  edit(file);
  const { header, encryption, ciphertext } = file;
  file.signature.value = await signer.sign(canonicalBytes({ header, encryption, ciphertext }));
  return encoder.encode(JSON.stringify(file));
}

/** Flips the low bit of one byte of the bundle's base64url ciphertext text, to another letter. */
function alterCiphertext(bytes: Uint8Array): Uint8Array {
  const text = decoder.decode(bytes);
  const at = text.indexOf('"ciphertext":"') + '"ciphertext":"'.length + 10;
  const char = text[at] ?? 'A';
  const other = char === 'A' ? 'B' : 'A';
  return encoder.encode(`${text.slice(0, at)}${other}${text.slice(at + 1)}`);
}

describe('offline bundle format', () => {
  const deviceId = '130102001001.01';
  let signer: Signer;
  let recipient: Awaited<ReturnType<typeof recipientPair>>;
  let events: EventEnvelope[];
  let sealOptions: SealBundleOptions;
  let bundle: Uint8Array;
  const lookup = (signerKey: () => Promise<DeviceKeyLookup>) => ({
    platformKey: recipient,
    subtle,
    verifiers,
    deviceKey: (id: string) =>
      id === deviceId ? signerKey() : Promise.resolve<DeviceKeyLookup>({ status: 'unknown' }),
  });
  const open = (bytes: Uint8Array) =>
    openBundle(
      bytes,
      lookup(async () => ({ status: 'known', key: await signer.publicKeyInfo() })),
    );

  beforeAll(async () => {
    signer = await newSigner();
    recipient = await recipientPair();
    events = await chain(deviceId, signer, 3);
    sealOptions = {
      deviceId,
      signer,
      platformEncryptionKey: recipient.publicKey,
      subtle,
      now: NOW,
    };
    const sealed = await sealBundle(events, sealOptions);
    if (!sealed.ok) throw new Error(sealed.error);
    bundle = sealed.bytes;
  });

  it('round-trips: the same events, the header that describes them, nothing readable', async () => {
    const opened = await open(bundle);
    if (!opened.ok) throw new Error(opened.error.code);
    expect(opened.request.events).toEqual(events);
    expect(opened.header).toMatchObject({
      format: 'hb-offline-bundle',
      deviceId,
      createdAt: '2026-03-15T10:00:00.000+08:00',
      cursor: { fromSeq: 1, toSeq: 3 },
      eventCount: 3,
    });
    expect(opened.request.batchId).toBe(opened.header.batchId);
    const text = decoder.decode(bundle);
    expect(text).not.toContain('石家庄');
    expect(text).not.toContain(events[0]?.hash);
    // A fresh content key and ephemeral key each time: two seals of the same events differ.
    const again = await sealBundle(events, { ...sealOptions, batchId: opened.header.batchId });
    if (!again.ok) throw new Error(again.error);
    expect(decoder.decode(again.bytes)).not.toBe(text);
  });

  it('refuses every single flipped byte with a bundle code, never opening it', async () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < bundle.length; i += 1) {
      const copy = new Uint8Array(bundle);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      const code = errorCode(await open(copy));
      seen.set(code, (seen.get(code) ?? 0) + 1);
    }
    expect(seen.has('ok')).toBe(false);
    for (const code of seen.keys()) expect(BUNDLE_ERROR_CODES).toContain(code);
    // Broken syntax or fields are format errors; well-formed changes fail the signature.
    expect(seen.get('bad-format')).toBeGreaterThan(0);
    expect(seen.get('bad-signature')).toBeGreaterThan(0);
  });

  it('says bad-signature for a ciphertext changed to other valid base64url', async () => {
    expect(errorCode(await open(alterCiphertext(bundle)))).toBe('bad-signature');
  });

  it('says decrypt-failed when the signed content does not decrypt', async () => {
    const ciphertext = await resigned(bundle, signer, (file) => {
      const raw = base64urlToBytes(file.ciphertext) ?? new Uint8Array();
      raw[0] = (raw[0] ?? 0) ^ 0xff;
      file.ciphertext = bytesToBase64url(raw);
    });
    const result = await open(ciphertext);
    expect(result.ok ? null : result.error).toEqual({
      code: 'decrypt-failed',
      issues: [{ path: 'ciphertext', code: 'auth-failed' }],
    });
    const wrapped = await resigned(bundle, signer, (file) => {
      file.header.createdAt = '2026-03-16T10:00:00.000+08:00';
    });
    // The header is the additional data: moved onto another header, the key does not unwrap.
    expect(errorCode(await open(wrapped))).toBe('decrypt-failed');
  });

  it('says wrong-recipient for a bundle sealed for another platform key', async () => {
    const other = await recipientPair();
    const sealed = await sealBundle(events, {
      ...sealOptions,
      platformEncryptionKey: other.publicKey,
    });
    if (!sealed.ok) throw new Error(sealed.error);
    expect(errorCode(await open(sealed.bytes))).toBe('wrong-recipient');
  });

  it('says bad-signature when signed by another key than the device’s', async () => {
    const sealed = await sealBundle(events, { ...sealOptions, signer: await newSigner() });
    if (!sealed.ok) throw new Error(sealed.error);
    expect(errorCode(await open(sealed.bytes))).toBe('bad-signature');
  });

  it('names unknown and revoked devices, a newer version, and oversize', async () => {
    const unknown = await open(
      encoder.encode(decoder.decode(bundle).replace(deviceId, '130102001001.99')),
    );
    expect(errorCode(unknown)).toBe('unknown-device');
    const revoked = await openBundle(
      bundle,
      lookup(async () => ({ status: 'revoked' })),
    );
    expect(errorCode(revoked)).toBe('device-revoked');
    const newer = await open(
      encoder.encode(
        decoder.decode(bundle).replace('"interfaceVersion":1', '"interfaceVersion":2'),
      ),
    );
    expect(newer.ok ? null : newer.error).toMatchObject({
      code: 'version',
      mismatch: { reason: 'peer-too-new', received: 2 },
    });
    expect(errorCode(await open(new Uint8Array(MAX_BUNDLE_BYTES + 1)))).toBe('too-large');
    expect(errorCode(await open(encoder.encode('{"header":{}}')))).toBe('bad-format');
  });

  it('refuses to seal what is not one batch of this device', async () => {
    const seal = async (list: readonly EventEnvelope[], id = deviceId) => {
      const r = await sealBundle(list, { ...sealOptions, deviceId: id });
      return r.ok ? 'ok' : r.error;
    };
    expect(await seal([])).toBe('no-events');
    const first = events[0];
    if (!first) throw new Error('no event');
    expect(await seal(Array.from({ length: 501 }, () => first))).toBe('too-many-events');
    expect(await seal(events, '130102001001.02')).toBe('bad-events');
    expect(await seal([...events].reverse())).toBe('bad-events');
    const badKey = await sealBundle(events, {
      ...sealOptions,
      platformEncryptionKey: { ...recipient.publicKey, x: recipient.publicKey.y },
    });
    expect(badKey.ok ? 'ok' : badKey.error).toBe('bad-key');
  });
});

describe('bundle import on the platform', () => {
  let platform: TestPlatform;
  let carrier: TestDevice;

  beforeAll(async () => {
    platform = await startPlatform();
    carrier = await TestDevice.enrolNew(platform);
  });
  afterAll(() => platform.stop());

  /** Posted by the carrier device; `null`: without credentials. */
  const importBundle = (bytes: Uint8Array, token: string | null = carrier.token) =>
    post(platform.url, BUNDLE_ROUTE.path, decoder.decode(bytes), {
      raw: true,
      ...(token === null ? {} : { token }),
    });

  function accepted(reply: Reply): PushResponse {
    expect(reply.status).toBe(200);
    return PushResponseSchema.parse(reply.json);
  }

  const verdicts = (r: PushResponse) => r.verdicts.map((v) => v.verdict);
  const receipts = (r: PushResponse) =>
    r.verdicts.map((v) => (v.verdict === 'rejected' ? null : v.receiptNo));

  function storedBodies(deviceId: string): string[] {
    return platform.server.admin.db
      .prepare<[string], { body: string }>(
        'SELECT body FROM events WHERE device_id = ? ORDER BY seq',
      )
      .all(deviceId)
      .map((r) => r.body);
  }

  async function deviceWithBundle(count = 3, signer?: Signer) {
    const device = await TestDevice.enrolNew(platform);
    const events: EventEnvelope[] = [];
    for (let n = 0; n < count; n += 1) {
      events.push(
        n % 2 === 0
          ? await device.signRecord(`bundle-${device.deviceId}-${n}`)
          : await device.audit(n),
      );
    }
    const bundleKey = EnrolResponseSchema.parse(device.enrolment).bundleKey;
    if (!bundleKey) throw new Error('enrolment without a bundle key');
    const sealed = await sealBundle(events, {
      deviceId: device.deviceId,
      signer: signer ?? device.signer,
      platformEncryptionKey: bundleKey,
      subtle,
      now: NOW,
    });
    if (!sealed.ok) throw new Error(sealed.error);
    return { device, events, bytes: sealed.bytes, header: sealed.header };
  }

  function refusal(reply: Reply) {
    return ErrorBodySchema.parse(reply.json).error;
  }

  it('imports a bundle carried by another device: stored byte for byte, with receipts', async () => {
    const { device, events, header, bytes } = await deviceWithBundle();
    const response = accepted(await importBundle(bytes));
    expect(response.batchId).toBe(header.batchId);
    expect(verdicts(response)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(storedBodies(device.deviceId)).toEqual(
      events.map((e) => decoder.decode(canonicalBytes(JSON.parse(JSON.stringify(e))))),
    );
  });

  it('has exactly-once effect: a second import answers with the same receipts, storing nothing', async () => {
    const { device, bytes } = await deviceWithBundle();
    const first = accepted(await importBundle(bytes));
    const digest = platform.server.admin.digest();
    const second = await importBundle(bytes);
    // The same batchId: the stored answer of the first import, byte for byte.
    expect(accepted(second)).toEqual(first);
    expect(platform.server.admin.digest()).toBe(digest);
    // The device comes online later and pushes the same events in a batch of its own.
    const online = await call(platform, 'push', device.batch(device.events), device.token);
    const pushed = accepted(online);
    expect(verdicts(pushed)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(receipts(pushed)).toEqual(receipts(first));
    expect(storedBodies(device.deviceId)).toHaveLength(3);
  });

  it('answers duplicate with the original receipts when the events were pushed first', async () => {
    const { device, bytes } = await deviceWithBundle();
    const online = accepted(
      await call(platform, 'push', device.batch(device.events), device.token),
    );
    const imported = accepted(await importBundle(bytes));
    expect(verdicts(imported)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(receipts(imported)).toEqual(receipts(online));
    expect(storedBodies(device.deviceId)).toHaveLength(3);
  });

  it('refuses a file carried before an earlier one, storing nothing, and takes it once the earlier is in', async () => {
    const { device, events } = await deviceWithBundle(4);
    const bundleKey = EnrolResponseSchema.parse(device.enrolment).bundleKey;
    if (!bundleKey) throw new Error('enrolment without a bundle key');
    const seal = async (part: readonly EventEnvelope[]) => {
      const sealed = await sealBundle(part, {
        deviceId: device.deviceId,
        signer: device.signer,
        platformEncryptionKey: bundleKey,
        subtle,
        now: NOW,
      });
      if (!sealed.ok) throw new Error(sealed.error);
      return sealed.bytes;
    };
    const [first, second] = [await seal(events.slice(0, 2)), await seal(events.slice(2))];
    const early = await importBundle(second);
    expect([early.status, refusal(early)]).toEqual([
      400,
      { code: 'malformed', issues: [{ path: 'cursor.fromSeq', code: 'earlier-bundle-missing' }] },
    ]);
    expect(storedBodies(device.deviceId)).toHaveLength(0);
    expect(verdicts(accepted(await importBundle(first)))).toEqual(['accepted', 'accepted']);
    expect(verdicts(accepted(await importBundle(second)))).toEqual(['accepted', 'accepted']);
    expect(storedBodies(device.deviceId)).toHaveLength(4);
  });

  it('refuses tampered bundles precisely, storing nothing', async () => {
    const { bytes } = await deviceWithBundle();
    const digest = platform.server.admin.digest();
    const text = decoder.decode(bytes);
    const flipAt = (at: number) => {
      const copy = new Uint8Array(bytes);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };
    const cases: [Uint8Array, number, string][] = [
      [alterCiphertext(bytes), 401, 'bad-signature'],
      [flipAt(text.indexOf('"eventCount":') + '"eventCount":'.length), 401, 'bad-signature'],
      [flipAt(text.indexOf('"signature":')), 400, 'bad-format'],
      [flipAt(text.length - 1), 400, 'bad-format'],
      [flipAt(0), 400, 'bad-format'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await importBundle(body);
      expect(reply.status).toBe(status);
      const error = refusal(reply);
      expect('issues' in error ? error.issues?.map((i) => i.code) : []).toContain(code);
    }
    expect(platform.server.admin.digest()).toBe(digest);
  });

  it('refuses a bundle signed with a key other than the device’s enrolled key', async () => {
    const { bytes } = await deviceWithBundle(2, await newSigner());
    const digest = platform.server.admin.digest();
    const reply = await importBundle(bytes);
    expect(reply.status).toBe(401);
    expect(refusal(reply)).toEqual({
      code: 'unauthorised',
      issues: [{ path: 'signature', code: 'bad-signature' }],
    });
    expect(platform.server.admin.digest()).toBe(digest);
  });

  it('refuses bundles of unknown and revoked devices, and carriers without credentials', async () => {
    const bundleKey = EnrolResponseSchema.parse(carrier.enrolment).bundleKey as BundleKey;
    const stranger = await newSigner();
    const strangerId = `${DEMO_HALL}.98`;
    const sealed = await sealBundle(await chain(strangerId, stranger, 2), {
      deviceId: strangerId,
      signer: stranger,
      platformEncryptionKey: bundleKey,
      subtle,
      now: NOW,
    });
    if (!sealed.ok) throw new Error(sealed.error);
    const digest = platform.server.admin.digest();
    const unknown = await importBundle(sealed.bytes);
    expect([unknown.status, refusal(unknown).code]).toEqual([401, 'unknown-device']);

    const { device, bytes } = await deviceWithBundle(1);
    const unauthorised = await importBundle(bytes, null);
    expect([unauthorised.status, refusal(unauthorised).code]).toEqual([401, 'unauthorised']);
    platform.server.admin.revokeDevice(device.deviceId);
    const afterRevoke = platform.server.admin.digest();
    const revoked = await importBundle(bytes);
    expect([revoked.status, refusal(revoked).code]).toEqual([403, 'device-revoked']);
    expect(platform.server.admin.digest()).toBe(afterRevoke);
    expect(digest).not.toBe(afterRevoke);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const digest = platform.server.admin.digest();
    const reply = await post(platform.url, BUNDLE_ROUTE.path, 'x'.repeat(MAX_BUNDLE_BYTES + 1), {
      raw: true,
      token: carrier.token,
    });
    expect([reply.status, refusal(reply).code]).toEqual([413, 'too-large']);
    expect(platform.server.admin.digest()).toBe(digest);
  });

  it('imports from the command line through the same push', async () => {
    const { device, bytes } = await deviceWithBundle(2);
    const dir = mkdtempSync(join(tmpdir(), 'bundle-cli-'));
    try {
      const file = join(dir, `pending${BUNDLE_FILE_EXTENSION}`);
      writeFileSync(file, bytes);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'test/platform/cli.ts', 'import', file, '--db', platform.dbPath],
        { timeout: 60_000 },
      );
      expect(stdout).toMatch(/: 2 accepted, 0 duplicate, 0 rejected/);
      expect(storedBodies(device.deviceId)).toHaveLength(2);
      // The same file over HTTP afterwards: the command line's receipts, nothing new.
      const again = accepted(await importBundle(bytes));
      expect(verdicts(again)).toEqual(['accepted', 'accepted']);
      expect(storedBodies(device.deviceId)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

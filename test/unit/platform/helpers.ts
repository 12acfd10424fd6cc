import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifiers } from '../../../shared/crypto/providers';
import type { PublicKeyInfo, Signer } from '../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../shared/crypto/webcrypto-signer';
import { eventIdOf, sealEvent } from '../../../shared/events/envelope';
import type { ChainHead, EventEnvelope, UnsignedEvent } from '../../../shared/events/envelope';
import type { EnrolResponse } from '../../../shared/platform/enrol';
import type { PlatformExchange } from '../../../shared/platform/messages';
import type { PushRequest } from '../../../shared/platform/push';
import { PLATFORM_ROUTES } from '../../../shared/platform/routes';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import type { Entity } from '../../../shared/entity';
import type { RecordSignedPayload } from '../../../shared/record/events';
import { subtle } from '../../platform/keys';
import type { PlatformKeyMaterial } from '../../platform/keys';
import { ADMIN_TOKEN_HEADER } from '../../platform/guard';
import { DEMO_HALL } from '../../platform/seed';
import { createPlatformServer } from '../../platform/server';
import type { PlatformServer, PlatformServerOptions } from '../../platform/server';

export const V = PLATFORM_INTERFACE_VERSION;
export const verifiers = createVerifiers(subtle);

/** One platform key for every test server, so that the suite does not generate one per file. */
let material: Promise<PlatformKeyMaterial> | undefined;
function keyMaterial(): Promise<PlatformKeyMaterial> {
  material ??= (async () => {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]);
    return {
      privateJwk: await subtle.exportKey('jwk', pair.privateKey),
      publicJwk: await subtle.exportKey('jwk', pair.publicKey),
    };
  })();
  return material;
}

export interface TestPlatform {
  readonly server: PlatformServer;
  readonly url: string;
  readonly dbPath: string;
  stop(): Promise<void>;
}

export async function startPlatform(
  options: Omit<PlatformServerOptions, 'dbPath'> = {},
): Promise<TestPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-test-'));
  const dbPath = join(dir, 'platform.db');
  const server = await createPlatformServer({ dbPath, keys: await keyMaterial(), ...options });
  const url = await server.listen(0);
  return {
    server,
    url,
    dbPath,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The headers an admin caller sends: its token, and JSON for what it posts. */
export function adminHeaders(platform: TestPlatform): Record<string, string> {
  return { [ADMIN_TOKEN_HEADER]: platform.server.adminToken, 'content-type': 'application/json' };
}

export interface Reply {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
  readonly headers: Headers;
}

export async function post(
  url: string,
  path: string,
  body: unknown,
  init: {
    token?: string;
    raw?: boolean;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.raw ? (body as string) : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

export function call(
  platform: { readonly url: string },
  exchange: PlatformExchange,
  body: unknown,
  token?: string,
  signal?: AbortSignal,
): Promise<Reply> {
  return post(platform.url, PLATFORM_ROUTES[exchange].path, body, {
    ...(token ? { token } : {}),
    ...(signal ? { signal } : {}),
  });
}

export const COMPANY: Entity = {
  kind: 'legal-person',
  name: '石家庄示例食品有限公司',
  idType: 'uscc',
  idNumber: '91130100MA01111107',
  representative: { name: '王五' },
};

export const PERSON: Entity = {
  kind: 'natural-person',
  name: '李小明',
  idType: 'resident-id',
  idNumber: '130102199003071233',
  phone: '13812345678',
  address: '石家庄市长安区示例路1号',
};

const DOC = 'a'.repeat(64);

/** A device's commitment code: 10,000 per slot and day, so a longer run goes on to the next day. */
function codeFor(serial: number, slot: number): string {
  const day = String(15 + Math.floor(serial / 10_000)).padStart(2, '0');
  return `130102202603${day}${String(slot * 10_000 + (serial % 10_000)).padStart(6, '0')}`;
}

/** A valid record.signed payload; `serial` and the device's slot make the commitment code. */
export function signedPayload(
  serial: number,
  entity: Entity = COMPANY,
  publication: RecordSignedPayload['publication'] = 'public',
  slot = 1,
): RecordSignedPayload {
  return {
    commitmentCode: codeFor(serial, slot),
    matter: { code: 'FOOD-01', name: { 'zh-CN': '食品经营许可', en: 'Food business permit' } },
    commitmentType: 'approval-replacing',
    entity,
    identifierWarnings: [],
    document: {
      hash: DOC,
      catalogueId: '130102-01-commitments',
      catalogueVersion: 3,
      templateVersion: 'HB-FOOD-2026.1',
      language: 'zh-CN',
    },
    reading: {
      textVersion: 'HB-FOOD-2026.1',
      documentHash: DOC,
      perPartSeconds: { notification: 42 },
      reachedEnd: true,
      confirmations: [{ partId: 'notification', at: '2026-03-15T09:01:00+08:00', method: 'tap' }],
    },
    signature: { method: 'drawn', imageHash: 'b'.repeat(64) },
    precheck: {
      outcome: 'eligible',
      basis: 'online',
      checkedAt: '2026-03-15T09:00:00+08:00',
      snapshot: null,
    },
    assisted: { assisted: false },
    validUntil: '2027-03-15',
    publication,
    acceptingOrgan: {
      name: { 'zh-CN': '石家庄市长安区行政审批局（演示）', en: 'Approval bureau (demo)' },
      creditCode: '11130102MB0A73217X',
    },
  };
}

let batchCounter = 0;
let codeCounter = 0;
export function batchId(): string {
  batchCounter += 1;
  return `00000000-0000-4000-8000-${String(batchCounter).padStart(12, '0')}`;
}

/** A device: its key, its enrolment and its own chain of sealed events. */
export class TestDevice {
  head: ChainHead | null = null;
  readonly events: EventEnvelope[] = [];

  private constructor(
    readonly signer: Signer,
    readonly publicKey: PublicKeyInfo,
    readonly enrolment: EnrolResponse,
  ) {}

  get deviceId(): string {
    return this.enrolment.deviceId;
  }

  get token(): string {
    return this.enrolment.credentialsToken;
  }

  /** Enrols with a fresh code added through the admin interface. */
  static enrolNew(platform: TestPlatform): Promise<TestDevice> {
    codeCounter += 1;
    const code = `TESTCODE${String(codeCounter).padStart(6, '0')}`;
    platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
    return TestDevice.enrol(platform, code);
  }

  static async enrol(platform: { readonly url: string }, code: string): Promise<TestDevice> {
    const signer = createWebCryptoSigner(subtle, await generateWebCryptoKeyPair(subtle));
    const publicKey = await signer.publicKeyInfo();
    const reply = await call(platform, 'enrol', enrolRequest(code, publicKey));
    if (reply.status !== 200) throw new Error(`enrolment failed: ${reply.text}`);
    return new TestDevice(signer, publicKey, reply.json as EnrolResponse);
  }

  /** Seals the next event of this device's chain (kept in `events`). */
  async seal(
    event: Omit<UnsignedEvent, 'deviceId' | 'at' | 'actor'> & Partial<UnsignedEvent>,
  ): Promise<EventEnvelope> {
    const result = await sealEvent(
      {
        deviceId: this.deviceId,
        at: '2026-03-15T09:30:00+08:00',
        actor: { kind: 'clerk', id: 'c-007' },
        ...event,
      },
      this.head,
      this.signer,
    );
    if (!result.ok) throw new Error(`seal failed: ${result.error}`);
    this.head = { seq: result.event.seq, hash: result.event.hash };
    this.events.push(result.event);
    return result.event;
  }

  signRecord(
    recordId: string,
    payload: RecordSignedPayload = this.signedPayload(this.events.length + 1),
  ): Promise<EventEnvelope> {
    return this.seal({ recordId, type: 'record.signed', payload, actor: { kind: 'applicant' } });
  }

  /** A signed payload with a code of this device's own slot. */
  signedPayload(
    serial: number,
    entity: Entity = COMPANY,
    publication: RecordSignedPayload['publication'] = 'public',
  ): RecordSignedPayload {
    return signedPayload(serial, entity, publication, this.enrolment.deviceSlot);
  }

  audit(n: number): Promise<EventEnvelope> {
    return this.seal({
      recordId: null,
      type: 'audit.clerk.signed-in',
      payload: { clerkId: `c-${n}`, role: 'clerk' },
    });
  }

  batch(events: readonly EventEnvelope[], id = batchId()): PushRequest {
    return {
      interfaceVersion: V,
      deviceId: this.deviceId,
      batchId: id,
      cursor: { fromSeq: events[0]?.seq ?? 1, toSeq: events.at(-1)?.seq ?? 1 },
      events: [...events],
    };
  }
}

export function enrolRequest(code: string, publicKey: PublicKeyInfo, window = 'A03') {
  return {
    interfaceVersion: V,
    hallCode: DEMO_HALL,
    window,
    enrolmentCode: code,
    publicKey,
    appVersion: '0.1.0',
  };
}

/**
 * One well-formed request of every exchange, from `device` with its signed `event`: the start that
 * the fuzzers mutate. The declared loss is not signed by the device, so the platform refuses it.
 */
export function validExchangeBodies(
  device: TestDevice,
  event: EventEnvelope,
): Record<PlatformExchange, Record<string, unknown>> {
  const deviceId = device.deviceId;
  return {
    enrol: enrolRequest('NOSUCHCODE01', device.publicKey),
    catalogue: { interfaceVersion: V, deviceId, haveVersion: null },
    'credit-snapshot': { interfaceVersion: V, deviceId, haveIssuedAt: null },
    'credit-check': {
      interfaceVersion: V,
      deviceId,
      idType: 'uscc',
      identifier: '91130100MA01111107',
      withRegisteredName: true,
    },
    push: { ...device.batch([event]) },
    pull: { interfaceVersion: V, deviceId, cursor: null, limit: 10 },
    'declare-loss': {
      interfaceVersion: V,
      deviceId,
      declaration: {
        deviceId,
        declarationId: '00000000-0000-4000-8000-000000000000',
        supervisorId: 'S001',
        at: '2026-03-15T09:30:00+08:00',
        lost: [
          {
            seq: event.seq,
            eventId: eventIdOf(deviceId, event.seq),
            reason: 'altered',
            linkHash: event.hash,
          },
        ],
      },
      deviceSig: 'AAAA',
    },
    // Well formed, but neither key signed it: refused, nothing stored.
    'rotate-key': {
      interfaceVersion: V,
      deviceId,
      rotation: {
        deviceId,
        rotationId: '00000000-0000-4000-8000-000000000001',
        at: '2026-03-15T09:30:00+08:00',
        oldKey: device.publicKey,
        newKey: { algorithm: device.publicKey.algorithm, publicKey: `B${'A'.repeat(86)}` },
        head: { seq: 0, hash: '0'.repeat(64) },
      },
      oldKeySig: 'AAAA',
      newKeySig: 'AAAA',
    },
    // The event is not pushed: the platform holds no such record and refuses, storing nothing.
    'letter-timestamp': {
      interfaceVersion: V,
      deviceId,
      recordId: event.recordId ?? 'no-record',
      digest: 'a'.repeat(64),
    },
    // Not pushed either: refused as a record the platform does not hold.
    evidence: {
      interfaceVersion: V,
      deviceId,
      recordId: event.recordId ?? 'no-record',
      kind: 'signature',
      mimeType: 'image/png',
      sha256: '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81',
      data: 'AQID',
      deviceSig: 'AAAA',
    },
    // Not pushed: the platform holds no letter of the device's hall by this id.
    'archived-letter': { interfaceVersion: V, deviceId, recordId: event.recordId ?? 'no-record' },
    verify: {
      interfaceVersion: V,
      recordId: event.recordId ?? 'no-record',
      documentHash: 'b'.repeat(64),
    },
    'public-query': {
      interfaceVersion: V,
      query: { by: 'code', code: '91130100MA01111107' },
      page: 1,
      pageSize: 10,
    },
    // Reads only: the fuzzer's check that nothing stored changed holds for it as it is.
    'hall-stats': { interfaceVersion: V, deviceId, from: '2026-01-01', to: '2026-03-31' },
  };
}

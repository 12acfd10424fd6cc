import { canonicalize } from '../../../../shared/crypto/canonical';
import type { CanonicalJson } from '../../../../shared/crypto/canonical';
import type { Signer } from '../../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import type { Entity } from '../../../../shared/entity';
import type { DeviceIdentity } from '../../../../renderer/device/identity';
import { PlatformClient } from '../../../../renderer/platform/client';
import type { FetchLike } from '../../../../renderer/platform/client';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import type { SyncDeps } from '../../../../renderer/sync/context';
import { KioskDb } from '../../../../renderer/store/db';
import { submitSignedRecord } from '../../../../renderer/store/records';
import type { SubmitResult } from '../../../../renderer/store/records';
import type { RecordSignedPayload } from '../../../../shared/record/events';
import { DEMO_HALL } from '../../../platform/seed';
import { COMPANY, signedPayload, verifiers } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { testDataKeys } from '../../../support/data-keys';

/** A device as the app makes it: its own Dexie store, key, enrolment through the real client. */
export interface AppDevice {
  readonly name: string;
  db: KioskDb;
  readonly signer: Signer;
  readonly identity: DeviceIdentity;
}

let codes = 0;
let stores = 0;

export function storeName(prefix = 'sync'): string {
  stores += 1;
  return `${prefix}-${process.pid}-${stores}`;
}

export function clientFor(
  platform: { readonly url: string },
  device?: DeviceIdentity,
  options: { fetch?: FetchLike; timeoutMs?: number } = {},
): PlatformClient {
  const client = new PlatformClient({ baseUrl: platform.url, ...options });
  return device?.credentials ? client.forDevice(device.deviceId, device.credentials) : client;
}

export async function enrolAppDevice(
  platform: TestPlatform,
  name = storeName(),
  /** The device-CA roots to accept its certificate under (without them it keeps none). */
  trustedRoots?: readonly string[],
): Promise<AppDevice> {
  codes += 1;
  const code = `SYNCTEST${String(codes).padStart(6, '0')}${String(process.pid % 1000).padStart(3, '0')}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  const db = new KioskDb(name, testDataKeys());
  const signer = createWebCryptoSigner(
    crypto.subtle,
    await generateWebCryptoKeyPair(crypto.subtle, { extractable: false }),
  );
  const enrolled = await enrolDevice(db, clientFor(platform), {
    hallCode: DEMO_HALL,
    window: 'A03',
    enrolmentCode: code,
    appVersion: '0.1.0',
    trustedKeys: [platform.server.trustedKey],
    ...(trustedRoots ? { trustedRoots } : {}),
    signer,
  });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error}`);
  return { name, db, signer, identity: enrolled.identity };
}

export interface Waits {
  readonly waits: number[];
}

/** Engine dependencies whose sleep only records the wait. */
export function depsFor(
  platform: { readonly url: string },
  device: AppDevice,
  options: { fetch?: FetchLike; timeoutMs?: number; now?: () => Date; random?: () => number } = {},
): SyncDeps & Waits {
  const waits: number[] = [];
  return {
    db: device.db,
    client: clientFor(platform, device.identity, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    verifiers,
    signer: device.signer,
    now: options.now ?? (() => new Date()),
    random: options.random ?? (() => 0.5),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    waits,
  };
}

export const SIGNED_AT = new Date('2026-03-15T01:30:00Z');

export function makeRecord(
  device: AppDevice,
  recordId: string,
  options: {
    entity?: Entity;
    precheck?: RecordSignedPayload['precheck'];
    commitmentType?: RecordSignedPayload['commitmentType'];
    db?: KioskDb;
  } = {},
): Promise<SubmitResult> {
  return submitSignedRecord(options.db ?? device.db, device.identity, device.signer, {
    recordId,
    at: SIGNED_AT,
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({
      ...signedPayload(1, options.entity ?? COMPANY),
      commitmentCode,
      ...(options.precheck ? { precheck: options.precheck } : {}),
      ...(options.commitmentType ? { commitmentType: options.commitmentType } : {}),
    }),
    signatureImage: { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    document: { title: recordId },
  });
}

export const PROVISIONAL: RecordSignedPayload['precheck'] = {
  outcome: 'provisional',
  reason: 'snapshot-stale',
  snapshot: null,
  staleSnapshotLists: false,
};

export interface HeldEvent {
  readonly seq: number;
  readonly body: string;
  readonly receipt_no: string;
  readonly hash: string;
}

export function platformEvents(platform: TestPlatform, deviceId: string): HeldEvent[] {
  return platform.server.admin.db
    .prepare<[string], HeldEvent>(
      'SELECT seq, body, receipt_no, hash FROM events WHERE device_id = ? ORDER BY seq',
    )
    .all(deviceId);
}

/** The canonical JSON of a stored event, as the platform keeps its body. */
export function canonicalEvent(event: unknown): string {
  return canonicalize(JSON.parse(JSON.stringify(event)) as CanonicalJson);
}

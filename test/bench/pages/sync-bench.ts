/**
 * Runs in Chromium. Ours: a device's store in IndexedDB (KioskDb, data sealed at rest) seeded with
 * `count` records through the kiosk's own submit, then the real sync engine (`runSync`, push step:
 * its chain self-check, batch plans, POSTs, receipt and timestamp-token checks, outbox and record
 * updates) pushing them to the reference platform. Peer: PouchDB (its IndexedDB adapter) holding the
 * very same signed events as documents, replicated to express-pouchdb. Each side reports its time
 * and what arrived, which the Node side checks.
 */
import { createVerifiers } from '../../../shared/crypto/providers';
import type { TrustedCatalogueKey } from '../../../shared/catalogue/signed';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../shared/crypto/webcrypto-signer';
import { MAX_PUSH_BATCH } from '../../../shared/platform/limits';
import { PlatformClient } from '../../../renderer/platform/client';
import { enrolDevice } from '../../../renderer/platform/enrol';
import { KioskDb } from '../../../renderer/store/db';
import { submitSignedRecord } from '../../../renderer/store/records';
import { sleep } from '../../../renderer/sync/deps';
import { runSync } from '../../../renderer/sync/engine';
import type { SyncDeps } from '../../../renderer/sync/context';
import { signedPayload } from '../../unit/shared/record/fixtures';
import { testDataKeys } from '../../support/data-keys';

export interface SyncSeed {
  readonly platformUrl: string;
  readonly hallCode: string;
  readonly enrolmentCode: string;
  readonly trustedKey: TrustedCatalogueKey;
  readonly count: number;
}

export interface SeededDevice {
  readonly deviceId: string;
  readonly seedMs: number;
}

export interface EngineRun {
  readonly deviceId: string;
  readonly ms: number;
  readonly accepted: number;
  readonly ok: boolean;
  readonly error: string | null;
  /** The device's event hashes in seq order, to compare with what the platform holds. */
  readonly hashes: readonly string[];
}

export interface PouchRun {
  readonly ms: number;
  readonly written: number;
  readonly failures: number;
  /** Document ids the server holds, sorted, to compare with the events sent. */
  readonly serverIds: readonly string[];
}

// PouchDB's browser build ships no types: the few members used here.
interface PouchDatabase {
  bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean }[]>;
  allDocs(): Promise<{ rows: readonly { id: string }[] }>;
  destroy(): Promise<unknown>;
}
interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDatabase;
  replicate(
    source: PouchDatabase,
    target: PouchDatabase,
    options: { batch_size: number },
  ): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }>;
}

declare global {
  interface Window {
    PouchDB: PouchStatic;
    seedEngineBench: (seed: SyncSeed) => Promise<SeededDevice>;
    runEngineBench: (deviceId: string) => Promise<EngineRun>;
    runPouchBench: (deviceId: string, couchUrl: string) => Promise<PouchRun>;
  }
}

const stores = new Map<string, KioskDb>();
const engines = new Map<string, SyncDeps>();
let runs = 0;

window.seedEngineBench = async (seed) => {
  runs += 1;
  const db = new KioskDb(`sync-bench-${Date.now()}-${runs}`, testDataKeys());
  const signer = createWebCryptoSigner(
    crypto.subtle,
    await generateWebCryptoKeyPair(crypto.subtle, { extractable: false }),
  );
  const enrolled = await enrolDevice(db, new PlatformClient({ baseUrl: seed.platformUrl }), {
    hallCode: seed.hallCode,
    window: 'A03',
    enrolmentCode: seed.enrolmentCode,
    appVersion: '0.1.0',
    trustedKeys: [seed.trustedKey],
    signer,
  });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error}`);
  const identity = enrolled.identity;
  if (!identity.credentials) throw new Error('no credentials');
  stores.set(identity.deviceId, db);

  const image = new Uint8Array(3_000).map((_, i) => i % 251);
  const seedStart = performance.now();
  for (let n = 1; n <= seed.count; n += 1) {
    const result = await submitSignedRecord(db, identity, signer, {
      recordId: `bench-${identity.deviceId}-${n}`,
      at: new Date(),
      actor: { kind: 'applicant' },
      payload: (commitmentCode) => ({ ...signedPayload(), commitmentCode, validUntil: null }),
      signatureImage: { mimeType: 'image/png', data: image },
      document: { title: 'letter', parts: [] },
    });
    if (!result.ok) throw new Error(`submit ${n}: ${result.error}`);
  }
  const seedMs = performance.now() - seedStart;

  engines.set(identity.deviceId, {
    db,
    client: new PlatformClient({ baseUrl: seed.platformUrl }).forDevice(
      identity.deviceId,
      identity.credentials,
    ),
    verifiers: createVerifiers(crypto.subtle),
    signer,
    now: () => new Date(),
    random: Math.random,
    sleep,
  });
  return { deviceId: identity.deviceId, seedMs };
};

window.runEngineBench = async (deviceId) => {
  const deps = engines.get(deviceId);
  if (!deps) throw new Error('no such device');
  engines.delete(deviceId);
  const { db } = deps;
  const start = performance.now();
  const outcome = await runSync(deps, { steps: ['push'], batchSize: MAX_PUSH_BATCH });
  const ms = performance.now() - start;
  const hashes = (await db.events.orderBy('seq').toArray()).map((e) => e.hash);
  return {
    deviceId,
    ms,
    accepted: outcome.push?.accepted ?? 0,
    ok: outcome.ok,
    error: outcome.error,
    hashes,
  };
};

/**
 * The same signed events, opened from the device's store, as PouchDB documents in PouchDB's own
 * IndexedDB database (the eventId is the document id, the idempotency key of a push); then timed:
 * PouchDB's replication of them to the server, in batches of the push's size.
 */
window.runPouchBench = async (deviceId, couchUrl) => {
  const db = stores.get(deviceId);
  if (!db) throw new Error('no such device store');
  const events = await db.events.orderBy('seq').toArray();
  const source = new window.PouchDB(`pouch-bench-${deviceId}`, { adapter: 'idb' });
  for (let i = 0; i < events.length; i += 1_000) {
    const written = await source.bulkDocs(
      events.slice(i, i + 1_000).map((event) => ({ _id: event.eventId, ...event })),
    );
    if (written.some((r) => r.ok !== true)) throw new Error('source bulkDocs failed');
  }
  const target = new window.PouchDB(couchUrl);
  try {
    const start = performance.now();
    const result = await window.PouchDB.replicate(source, target, { batch_size: MAX_PUSH_BATCH });
    const ms = performance.now() - start;
    if (!result.ok) throw new Error('replication failed');
    const serverIds = (await target.allDocs()).rows.map((r) => r.id).sort();
    return {
      ms,
      written: result.docs_written,
      failures: result.doc_write_failures,
      serverIds,
    };
  } finally {
    await source.destroy();
    db.close();
    stores.delete(deviceId);
  }
};

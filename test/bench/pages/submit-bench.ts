/**
 * Runs in Chromium: durable submit of a signed record (sign, one strict transaction with event,
 * outbox, search row, blobs) against one bare Dexie put of the same record.
 */
import Dexie from 'dexie';
import { KioskDb } from '../../../renderer/store/db';
import { submitSignedRecord } from '../../../renderer/store/records';
import { signedPayload } from '../../unit/shared/record/fixtures';
import { testDataKeys } from '../../support/data-keys';
import { testDevice } from '../../support/test-device';

declare global {
  interface Window {
    runSubmitBench: (runs: number) => Promise<{ submit: number[]; bare: number[] }>;
  }
}

window.runSubmitBench = async (runs) => {
  const db = new KioskDb(`bench-${Date.now()}`, testDataKeys());
  const bare = new Dexie(`bench-bare-${Date.now()}`, { chromeTransactionDurability: 'strict' });
  bare.version(1).stores({ records: '&recordId' });
  const { signer, device } = await testDevice('bench-01');
  const image = new Uint8Array(12_000).map((_, i) => i % 251);
  const submit: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const recordId = `r-${i}`;
    let payload = signedPayload();
    const t0 = performance.now();
    const result = await submitSignedRecord(db, device, signer, {
      recordId,
      at: new Date(),
      actor: { kind: 'applicant' },
      payload: (commitmentCode) =>
        (payload = { ...signedPayload(), commitmentCode, validUntil: null }),
      signatureImage: { mimeType: 'image/png', data: image },
      document: { title: 'letter', parts: [] },
    });
    submit.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error);
    const t1 = performance.now();
    await bare.table('records').put({ recordId, payload, image });
    bareTimes.push(performance.now() - t1);
  }
  db.close();
  bare.close();
  return { submit, bare: bareTimes };
};

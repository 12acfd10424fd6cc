import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../../../renderer/device/identity';
import {
  NOT_COLLECTABLE,
  refuseUncollectable,
} from '../../../../renderer/kiosk/collection-refusal';
import { KioskDb } from '../../../../renderer/store/db';
import { submitSignedRecord, type SignedRecordInput } from '../../../../renderer/store/records';
import type { Signer } from '../../../../shared/crypto/signing';
import { testDataKeys } from '../../../support/data-keys';
import { testDevice } from '../../../support/test-device';
import { demoCatalogue } from '../../shared/catalogue/fixtures';
import { signedPayload } from '../../shared/record/fixtures';

/**
 * Brief §9 on the device: the kiosk signs only a record whose collection items hold. One that
 * does not is neither signed nor stored, and takes no serial of the day.
 */

const catalogue = demoCatalogue();
const matter = (() => {
  const first = catalogue.matters[0];
  if (!first) throw new Error('the demo catalogue has no matter');
  return first;
})();

let db: KioskDb;
let signer: Signer;
let device: DeviceIdentity;
let n = 0;

beforeEach(async () => {
  n += 1;
  db = new KioskDb(`signing-collection-${n}`, testDataKeys());
  ({ signer, device } = await testDevice());
});

afterEach(async () => {
  db.close();
  await db.delete();
});

function input(recordId: string, organCode: string): SignedRecordInput {
  return {
    recordId,
    at: new Date('2026-11-25T02:00:00Z'),
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => {
      const p = signedPayload();
      return {
        ...p,
        commitmentCode,
        matter: { code: matter.code, name: matter.name },
        acceptingOrgan: { ...p.acceptingOrgan, creditCode: organCode },
      };
    },
    signatureImage: { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    document: { title: 'letter' },
    refuse: refuseUncollectable(catalogue),
  };
}

describe('the kiosk signs only what the collection standard holds', () => {
  it('refuses a record whose items fail, stores nothing, and then signs a sound one', async () => {
    const sound = signedPayload().acceptingOrgan.creditCode;
    const refused = await submitSignedRecord(db, device, signer, input('r-bad', '12345'));
    expect(refused).toEqual({ ok: false, error: NOT_COLLECTABLE });
    expect(await db.events.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    const signed = await submitSignedRecord(db, device, signer, input('r-good', sound));
    expect(signed.ok).toBe(true);
    // The refused record took no serial: the day's first record is 0000.
    if (signed.ok) expect(signed.record.commitmentCode).toBe('13010220261125010000');
    expect(await db.events.count()).toBe(1);
  });
});

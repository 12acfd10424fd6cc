import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredRecords } from '../../../../renderer/clerk/retention';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { base64ToBytes } from '../../../../renderer/pki/base64';
import { checkLetterSignatures } from '../../../../renderer/pki/letter-signatures';
import { provisionedRootCertificates } from '../../../../renderer/platform/provisioned-roots';
import { reprintArchivedLetter } from '../../../../renderer/services/letter-archive';
import { DEFAULT_SETTINGS, saveSettings } from '../../../../renderer/settings/hall-settings';
import { letterBlobKey } from '../../../../renderer/store/blob-keys';
import { loadSignedEvent, submitSignedRecord } from '../../../../renderer/store/records';
import { runSync } from '../../../../renderer/sync/engine';
import { createVerifiers } from '../../../../shared/crypto/providers';
import { letterVerdict } from '../../../../shared/evidence/letter-verdict';
import { verifyMarker } from '../../../../shared/evidence/verify-link';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { COMPANY, signedPayload, startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { companyLetter, font, inputFor } from '../pdf/letters';
import { SIGNED_AT, depsFor, enrolAppDevice } from '../sync/harness';
import type { AppDevice } from '../sync/harness';

/**
 * The console's reprint of a purged record: by commitment code, from the platform's archive,
 * checked against the hash this device noted at the purge, stamped as a copy after the signatures.
 * The platform runs on the demo key, whose device-CA root is the one the app ships.
 */

const STAMP = { mark: '副本 COPY', note: '补打自平台存档', font };
let platform: TestPlatform;
let device: AppDevice;
const services = () => ({ db: device.db, device: device.identity, now: () => new Date() });

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

/** A record as the kiosk stores it, with the signature image its event binds. */
function signRecord(recordId: string) {
  return submitSignedRecord(device.db, device.identity, device.signer, {
    recordId,
    at: SIGNED_AT,
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({
      ...signedPayload(1, COMPANY),
      commitmentCode,
      signature: {
        method: 'drawn',
        imageHash: createHash('sha256').update(SIGNATURE).digest('hex'),
      },
    }),
    signatureImage: { mimeType: 'image/png', data: SIGNATURE },
    document: { title: recordId },
  });
}

/** A record signed, its letter signed as the kiosk signs it, synced, archived and purged. */
async function purgedRecord(
  recordId: string,
  withLetter = true,
): Promise<{ code: string; hash: string }> {
  expect(await signRecord(recordId)).toMatchObject({ ok: true });
  const signed = RecordSignedPayloadSchema.parse(
    (await loadSignedEvent(device.db, recordId))?.payload,
  );
  if (withLetter) {
    const hash = signed.document.hash;
    const base = inputFor(companyLetter('zh-CN'));
    const pdf = await buildSignedCommitmentPdf(
      inputFor(companyLetter('zh-CN'), {
        record: {
          ...base.record,
          commitmentCode: signed.commitmentCode,
          documentHash: hash,
          signedAt: new Date().toISOString(),
        },
        qr: {
          text: `${platform.url}/v/${recordId}/${hash}`,
          marker: verifyMarker({ recordId, documentHash: hash }),
        },
      }),
      {
        signer: device.signer,
        certificate: base64ToBytes(device.identity.certificate ?? ''),
        reason: '本设备确认申请人在此签署本承诺书',
      },
    );
    await device.db.blobs.put({
      key: letterBlobKey(recordId),
      mimeType: 'application/pdf',
      data: pdf,
    });
  }
  expect(await runSync(depsFor(platform, device))).toMatchObject({ ok: true });
  expect(await purgeExpiredRecords(device.db, '2030-01-01', 30)).toBe(1);
  return { code: signed.commitmentCode, hash: signed.document.hash };
}

function archivedRow(recordId: string) {
  return platform.server.admin.db
    .prepare<[string], { data: Buffer }>(
      `SELECT data FROM evidence WHERE record_id = ? AND kind = 'letter'`,
    )
    .get(recordId);
}

beforeAll(async () => {
  platform = await startPlatform({ keys: demoKeyMaterial() });
  device = await enrolAppDevice(platform, undefined, provisionedRootCertificates());
  await saveSettings(device.db, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
});
afterAll(() => platform.stop());

describe('reprinting a purged record from the platform archive', () => {
  it('prints the archived signed letter stamped as a copy, and the copy still verifies', async () => {
    const recordId = `${device.name}/arch-1`;
    const { code, hash } = await purgedRecord(recordId);
    const reprint = await reprintArchivedLetter(services(), ` ${code} `, STAMP);
    if (!reprint.ok) throw new Error(`refused: ${reprint.problem}`);
    expect(reprint).toMatchObject({ recordId, commitmentCode: code });
    // The archived bytes are the copy's first bytes: the stamp is an update after them.
    const archived = new Uint8Array(archivedRow(recordId)?.data ?? []);
    expect(reprint.pdf.length).toBeGreaterThan(archived.length);
    expect(Buffer.compare(reprint.pdf.subarray(0, archived.length), archived)).toBe(0);
    const facts = await checkLetterSignatures(
      reprint.pdf,
      provisionedRootCertificates(),
      createVerifiers(crypto.subtle),
      new Date(),
    );
    const verdict = letterVerdict({
      ...facts,
      hallCode: device.identity.hallCode,
      record: {
        found: true,
        deviceId: device.identity.deviceId,
        documentHash: hash,
        commitmentCode: code,
      },
    });
    expect(verdict.overall).toBe('valid');
    expect(verdict.findings.map((f) => f.code)).toContain('later-update');
  });

  it('refuses a letter the platform holds changed, and one whose bytes are not the file it names', async () => {
    const recordId = `${device.name}/arch-2`;
    const { code } = await purgedRecord(recordId);
    const original = new Uint8Array(archivedRow(recordId)?.data ?? []);
    // One byte inside the signed range flipped, the platform's sha256 updated to match it.
    const flipped = original.slice();
    const at = Math.floor(original.length / 3);
    flipped[at] = (flipped[at] ?? 0) ^ 0x01;
    const update = platform.server.admin.db.prepare<[Buffer, string, string]>(
      `UPDATE evidence SET data = ?, sha256 = ? WHERE record_id = ? AND kind = 'letter'`,
    );
    update.run(Buffer.from(flipped), createHash('sha256').update(flipped).digest('hex'), recordId);
    expect(await reprintArchivedLetter(services(), code, STAMP)).toEqual({
      ok: false,
      problem: 'differs',
    });
    // The original bytes again, under a hash that is not theirs.
    update.run(Buffer.from(original), '0'.repeat(64), recordId);
    expect(await reprintArchivedLetter(services(), code, STAMP)).toEqual({
      ok: false,
      problem: 'differs',
    });
  });

  it('says when the platform holds no letter, cannot be reached, or the code is not a purged record', async () => {
    const recordId = `${device.name}/arch-3`;
    const { code } = await purgedRecord(recordId, false);
    expect(await reprintArchivedLetter(services(), code, STAMP)).toEqual({
      ok: false,
      problem: 'not-archived',
    });
    const down = () => Promise.reject(new TypeError('fetch failed'));
    expect(await reprintArchivedLetter(services(), code, STAMP, { fetch: down })).toEqual({
      ok: false,
      problem: 'offline',
    });
    expect(await reprintArchivedLetter(services(), 'not-a-code', STAMP)).toEqual({
      ok: false,
      problem: 'bad-code',
    });
    expect(await reprintArchivedLetter(services(), '13010220261105010042', STAMP)).toEqual({
      ok: false,
      problem: 'not-purged',
    });
    const kept = `${device.name}/arch-4`;
    expect(await signRecord(kept)).toMatchObject({ ok: true });
    const row = await device.db.records.get(kept);
    expect(await reprintArchivedLetter(services(), row?.commitmentCode ?? '', STAMP)).toEqual({
      ok: false,
      problem: 'on-device',
    });
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import { evidenceContent } from '../../../shared/platform/evidence';
import {
  ArchivedLetterResponseSchema,
  VerifyResponseSchema,
} from '../../../shared/platform/verify';
import { TestDevice, V, call, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The letter's verify question (public, POST and the QR code's GET page) and the archived letter
 * served to a device of the record's own hall only.
 */

let platform: TestPlatform;
let device: TestDevice;
let hash: string;
const LETTER = Buffer.from('%PDF-1.7\n… the signed letter, stood in for by bytes …\n%%EOF\n');

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
  const event = await device.signRecord('rec-v-1');
  hash = (event.payload as { document: { hash: string } }).document.hash;
  expect((await call(platform, 'push', device.batch([event]), device.token)).status).toBe(200);
  const sha256 = createHash('sha256').update(LETTER).digest('hex');
  const uploaded = await call(
    platform,
    'evidence',
    {
      interfaceVersion: V,
      deviceId: device.deviceId,
      recordId: 'rec-v-1',
      kind: 'letter',
      mimeType: 'application/pdf',
      sha256,
      data: LETTER.toString('base64'),
      deviceSig: await device.signer.sign(
        canonicalBytes(evidenceContent(device.deviceId, 'rec-v-1', 'letter', sha256)),
      ),
    },
    device.token,
  );
  expect(uploaded.status).toBe(200);
});

afterAll(async () => {
  await platform.stop();
});

function verify(recordId: string, documentHash: string) {
  return call(platform, 'verify', { interfaceVersion: V, recordId, documentHash });
}

describe('the verify route', () => {
  it('answers valid with the masked public view when the hash is the signed one', async () => {
    const body = VerifyResponseSchema.parse((await verify('rec-v-1', hash)).json);
    expect(body).toMatchObject({ status: 'valid', hashMatches: true, letterArchived: true });
    expect(body.commitment?.content.length).toBeGreaterThan(0);
  });

  it('says the hash does not match for another hash, and unknown for another record', async () => {
    const other = VerifyResponseSchema.parse((await verify('rec-v-1', 'e'.repeat(64))).json);
    expect(other).toMatchObject({ status: 'valid', hashMatches: false });
    const unknown = VerifyResponseSchema.parse((await verify('rec-none', hash)).json);
    expect(unknown).toEqual({
      interfaceVersion: V,
      status: 'unknown',
      hashMatches: false,
      letterArchived: false,
      commitment: null,
    });
  });

  it('serves the QR code URL as a page in both languages, and as JSON when asked', async () => {
    const page = await fetch(`${platform.url}/v/rec-v-1/${hash}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('承诺书与平台记录一致');
    expect(html).toContain('The letter matches');
    const altered = await (await fetch(`${platform.url}/v/rec-v-1/${'e'.repeat(64)}`)).text();
    expect(altered).toContain('不一致');
    const json = await fetch(`${platform.url}/v/rec-v-1/${hash}`, {
      headers: { accept: 'application/json' },
    });
    expect(VerifyResponseSchema.parse(await json.json()).hashMatches).toBe(true);
    expect((await fetch(`${platform.url}/v/rec-v-1/nothex`)).status).toBe(400);
  });
});

describe('the archived letter', () => {
  it('is served, byte for byte, to a device of the record’s hall', async () => {
    const reply = await call(
      platform,
      'archived-letter',
      { interfaceVersion: V, deviceId: device.deviceId, recordId: 'rec-v-1' },
      device.token,
    );
    expect(reply.status).toBe(200);
    const body = ArchivedLetterResponseSchema.parse(reply.json);
    expect(Buffer.from(body.data, 'base64').equals(LETTER)).toBe(true);
  });

  it('is not found for a record of another hall, nor without the device token', async () => {
    const db = platform.server.admin.db;
    const own = db
      .prepare<[string], { hall_code: string }>('SELECT hall_code FROM records WHERE record_id = ?')
      .get('rec-v-1')?.hall_code;
    db.prepare(`UPDATE records SET hall_code = 'other-hall' WHERE record_id = ?`).run('rec-v-1');
    try {
      const reply = await call(
        platform,
        'archived-letter',
        { interfaceVersion: V, deviceId: device.deviceId, recordId: 'rec-v-1' },
        device.token,
      );
      expect(reply.status).toBe(404);
    } finally {
      db.prepare(`UPDATE records SET hall_code = ? WHERE record_id = ?`).run(own, 'rec-v-1');
    }
    const anonymous = await call(platform, 'archived-letter', {
      interfaceVersion: V,
      deviceId: device.deviceId,
      recordId: 'rec-v-1',
    });
    expect(anonymous.status).toBe(401);
  });
});

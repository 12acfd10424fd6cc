import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LetterTimestampResponseSchema } from '../../../shared/platform/letter-timestamp';
import { opensslTsVerify as verifyToken } from '../renderer/pdf/signature-tools';
import { TestDevice, V, call, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The letter-timestamp exchange: the platform as RFC 3161 TSA for the records it holds. Its tokens
 * are checked by `openssl ts -verify` against the platform's root alone.
 */

let platform: TestPlatform;
let device: TestDevice;
let other: TestDevice;
const DATA = Buffer.from('the signed letter with its timestamp update, stood in for by bytes');
const DIGEST = createHash('sha256').update(DATA).digest('hex');

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
  other = await TestDevice.enrolNew(platform);
  const event = await device.signRecord('rec-ts-1');
  const pushed = await call(platform, 'push', device.batch([event]), device.token);
  expect(pushed.status).toBe(200);
  await device.signRecord('rec-ts-unsent');
});

afterAll(async () => {
  await platform.stop();
});

function ask(who: TestDevice, recordId: string, digest = DIGEST) {
  return call(
    platform,
    'letter-timestamp',
    { interfaceVersion: V, deviceId: who.deviceId, recordId, digest },
    who.token,
  );
}

function opensslTsVerify(token: Buffer, data: Buffer): string {
  const root = join(mkdtempSync(join(tmpdir(), 'root-')), 'root.pem');
  writeFileSync(root, platform.server.rootCertificate);
  return verifyToken(token, data, root).output;
}

describe('the letter timestamp', () => {
  it('answers a held record with an RFC 3161 token over the digest that OpenSSL accepts', async () => {
    const reply = await ask(device, 'rec-ts-1');
    expect(reply.status).toBe(200);
    const body = LetterTimestampResponseSchema.parse(reply.json);
    expect(body.digest).toBe(DIGEST);
    const token = Buffer.from(body.token, 'base64');
    expect(opensslTsVerify(token, DATA)).toContain('Verification: OK');
    expect(opensslTsVerify(token, Buffer.concat([DATA, Buffer.from('!')]))).toContain(
      'Verification: FAILED',
    );
  });

  it('answers the same record and digest again with the same token, a new digest with a new one', async () => {
    const first = LetterTimestampResponseSchema.parse((await ask(device, 'rec-ts-1')).json);
    const again = LetterTimestampResponseSchema.parse((await ask(device, 'rec-ts-1')).json);
    expect(again.token).toBe(first.token);
    const otherDigest = createHash('sha256').update('other').digest('hex');
    const fresh = LetterTimestampResponseSchema.parse(
      (await ask(device, 'rec-ts-1', otherDigest)).json,
    );
    expect(fresh.token).not.toBe(first.token);
  });

  it('refuses a record it does not hold, and another device’s record, storing nothing', async () => {
    const before = platform.server.admin.digest();
    for (const reply of [await ask(device, 'rec-ts-unsent'), await ask(other, 'rec-ts-1')]) {
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({
        error: { code: 'not-found', issues: [{ path: 'recordId', code: 'not-held' }] },
      });
    }
    expect(platform.server.admin.digest()).toBe(before);
  });
});

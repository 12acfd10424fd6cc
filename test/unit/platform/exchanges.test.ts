import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import type { CanonicalJson } from '../../../shared/crypto/canonical';
import { verifyCatalogue } from '../../../shared/catalogue/signed';
import { EnrolResponseSchema } from '../../../shared/platform/enrol';
import { ErrorBodySchema } from '../../../shared/platform/errors';
import { parseResponse } from '../../../shared/platform/messages';
import { snapshotKey } from '../../../shared/precheck/snapshot';
import type { CatalogueResponse } from '../../../shared/platform/catalogue';
import type { CreditSnapshotResponse } from '../../../shared/platform/credit';
import demoCatalogueJson from '../../../resources/catalogue/demo-catalogue.json';
import { ENROL_RETRY_WINDOW_MS } from '../../platform/handlers/enrol';
import { DEMO_ENROLMENT_CODES, DEMO_REGISTER } from '../../platform/seed';
import { TestDevice, V, call, enrolRequest, startPlatform, verifiers } from './helpers';
import type { TestPlatform } from './helpers';

let platform: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrol(platform, DEMO_ENROLMENT_CODES[0] ?? '');
});
afterAll(() => platform.stop());

describe('enrolment', () => {
  it('enrols with a good code: a device id, slot 1 of the division, credentials', () => {
    expect(EnrolResponseSchema.parse(device.enrolment)).toMatchObject({
      deviceId: '130102-01.01',
      deviceSlot: 1,
      divisionCode: '130102',
      acceptingOrgan: { creditCode: '11130102MB0A73217X' },
    });
    expect(device.token.length).toBeGreaterThanOrEqual(32);
    const stored = platform.server.admin.state().devices[0];
    expect(stored).toMatchObject({ deviceId: '130102-01.01', window: 'A03', slot: 1 });
  });

  it('gives the next device the next free slot', async () => {
    const second = await TestDevice.enrol(platform, DEMO_ENROLMENT_CODES[1] ?? '');
    expect(second.enrolment.deviceSlot).toBe(2);
    expect(second.deviceId).toBe('130102-01.02');
  });

  it('refuses a used code to another key, and an unknown or expired code', async () => {
    const other = await TestDevice.enrol(platform, DEMO_ENROLMENT_CODES[2] ?? '');
    const stranger = enrolRequest(DEMO_ENROLMENT_CODES[0] ?? '', other.publicKey);
    const used = await call(platform, 'enrol', stranger);
    expect(used.status).toBe(409);
    expect(used.json).toEqual({ error: { code: 'enrolment-code-used' } });

    const bad = await call(platform, 'enrol', enrolRequest('NOSUCHCODE01', device.publicKey));
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual({ error: { code: 'enrolment-code-invalid' } });

    platform.server.admin.addEnrolmentCode('EXPIRED00001', '130102-01', '2020-01-01T00:00:00Z');
    const expired = await call(platform, 'enrol', enrolRequest('EXPIRED00001', device.publicKey));
    expect(expired.status).toBe(410);
    expect(expired.json).toEqual({ error: { code: 'enrolment-code-expired' } });
  });

  it('answers a retry after a lost answer with the same device and a new token that replaces the old', async () => {
    const first = await TestDevice.enrol(platform, DEMO_ENROLMENT_CODES[3] ?? '');
    const retry = await call(
      platform,
      'enrol',
      enrolRequest(DEMO_ENROLMENT_CODES[3] ?? '', first.publicKey),
    );
    expect(retry.status).toBe(200);
    const again = EnrolResponseSchema.parse(retry.json);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.deviceSlot).toBe(first.enrolment.deviceSlot);
    expect(again.credentialsToken).not.toBe(first.token);
    const check = {
      interfaceVersion: V,
      deviceId: first.deviceId,
      idType: 'uscc',
      identifier: '91130100MA01111107',
    };
    expect((await call(platform, 'credit-check', check, first.token)).status).toBe(401);
    expect((await call(platform, 'credit-check', check, again.credentialsToken)).status).toBe(200);
    // A retry from another window is another device: refused.
    const moved = enrolRequest(DEMO_ENROLMENT_CODES[3] ?? '', first.publicKey, 'B01');
    expect((await call(platform, 'enrol', moved)).status).toBe(409);
  });

  it('honours a retry only shortly after the code was used: later, the key alone takes nothing over', async () => {
    const clock = { now: new Date('2026-03-15T09:00:00+08:00') };
    const own = await startPlatform({ now: () => clock.now });
    try {
      const code = DEMO_ENROLMENT_CODES[4] ?? '';
      const first = await TestDevice.enrol(own, code);
      clock.now = new Date(clock.now.getTime() + ENROL_RETRY_WINDOW_MS + 1000);
      const replay = await call(own, 'enrol', enrolRequest(code, first.publicKey));
      expect([replay.status, replay.json]).toEqual([
        409,
        { error: { code: 'enrolment-code-used' } },
      ]);
      // The device's own credentials still work.
      const check = {
        interfaceVersion: V,
        deviceId: first.deviceId,
        idType: 'uscc',
        identifier: '91130100MA01111107',
      };
      expect((await call(own, 'credit-check', check, first.token)).status).toBe(200);
    } finally {
      await own.stop();
    }
  });

  it('tells a device that is too old or too new which versions it speaks', async () => {
    const old = await call(platform, 'enrol', {
      ...enrolRequest('NOSUCHCODE01', device.publicKey),
      interfaceVersion: 0,
    });
    expect(old.status).toBe(400);
    expect(old.json).toEqual({
      error: {
        code: 'version-mismatch',
        reason: 'peer-too-old',
        supported: { min: 1, max: 1 },
        received: 0,
      },
    });
    const newer = await call(
      platform,
      'catalogue',
      { interfaceVersion: 2, deviceId: device.deviceId, haveVersion: null },
      device.token,
    );
    expect(newer.status).toBe(400);
    expect(ErrorBodySchema.parse(newer.json).error).toMatchObject({ reason: 'peer-too-new' });
  });

  it('refuses a key that is not a point on the curve', async () => {
    const key = { algorithm: 'ECDSA-P256-SHA256' as const, publicKey: `BA${'A'.repeat(85)}` };
    const reply = await call(platform, 'enrol', enrolRequest(DEMO_ENROLMENT_CODES[4] ?? '', key));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      error: { code: 'malformed', issues: [{ path: 'publicKey.publicKey', code: 'bad-key' }] },
    });
    expect(
      platform.server.admin.state().enrolmentCodes.find((c) => c.code === DEMO_ENROLMENT_CODES[4])
        ?.usedBy,
    ).toBeNull();
  });
});

describe('catalogue', () => {
  it('is signed by the platform key and verifies as received', async () => {
    const reply = await call(
      platform,
      'catalogue',
      { interfaceVersion: V, deviceId: device.deviceId, haveVersion: null },
      device.token,
    );
    expect(reply.status).toBe(200);
    const body = reply.json as Extract<CatalogueResponse, { status: 'updated' }>;
    expect(body.status).toBe('updated');
    const verified = await verifyCatalogue(
      body.catalogue,
      [platform.server.trustedKey],
      (a) => verifiers.verifierFor(a),
      new Date(),
    );
    expect(verified).toMatchObject({ ok: true, keyId: platform.server.trustedKey.keyId });
    const tampered = structuredClone(body.catalogue);
    tampered.catalogue.version += 1;
    const refused = await verifyCatalogue(
      tampered,
      [platform.server.trustedKey],
      (a) => verifiers.verifierFor(a),
      new Date(),
    );
    expect(refused).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('answers current when the device holds this version', async () => {
    const reply = await call(
      platform,
      'catalogue',
      { interfaceVersion: V, deviceId: device.deviceId, haveVersion: demoCatalogueJson.version },
      device.token,
    );
    expect(reply.json).toEqual({ interfaceVersion: V, status: 'current' });
  });

  it('refuses a request without credentials or for another device', async () => {
    const body = { interfaceVersion: V, deviceId: device.deviceId, haveVersion: null };
    expect((await call(platform, 'catalogue', body)).status).toBe(401);
    expect((await call(platform, 'catalogue', body, 'x'.repeat(43))).json).toEqual({
      error: { code: 'unauthorised' },
    });
    const other = await call(
      platform,
      'catalogue',
      { ...body, deviceId: '130102-01.02' },
      device.token,
    );
    expect(other.status).toBe(401);
    expect(other.json).toEqual({
      error: { code: 'unauthorised', issues: [{ path: 'deviceId', code: 'not-this-device' }] },
    });
  });
});

describe('credit', () => {
  it('snapshot lists exactly the seeded unrepaired entities, hashed and signed', async () => {
    const reply = await call(
      platform,
      'credit-snapshot',
      { interfaceVersion: V, deviceId: device.deviceId, haveIssuedAt: null },
      device.token,
    );
    expect(reply.status).toBe(200);
    const body = reply.json as Extract<CreditSnapshotResponse, { status: 'updated' }>;
    const { snapshot } = body;
    const expected = DEMO_REGISTER.filter((e) => e.status === 'unrepaired').map((e) =>
      snapshotKey(e.identifier, snapshot.salt),
    );
    expect(expected).toHaveLength(3);
    expect([...snapshot.unrepairedKeys].sort()).toEqual([...expected].sort());
    expect(reply.text).not.toContain(DEMO_REGISTER[2]?.identifier);
    const valid = await verifiers
      .verifierFor(body.platformSig.alg)
      .verify(
        platform.server.trustedKey.key,
        canonicalBytes(snapshot as CanonicalJson),
        body.platformSig.value,
      );
    expect(valid).toBe(true);
    const again = await call(
      platform,
      'credit-snapshot',
      { interfaceVersion: V, deviceId: device.deviceId, haveIssuedAt: snapshot.issuedAt },
      device.token,
    );
    expect(again.json).toEqual({ interfaceVersion: V, status: 'current' });
  });

  it('online check: none, repaired, unrepaired', async () => {
    const status = async (idType: string, identifier: string) => {
      const reply = await call(
        platform,
        'credit-check',
        { interfaceVersion: V, deviceId: device.deviceId, idType, identifier },
        device.token,
      );
      expect(parseResponse('credit-check', reply.json, reply.text.length).ok).toBe(true);
      return (reply.json as { status: string }).status;
    };
    for (const entry of DEMO_REGISTER)
      expect(await status(entry.idType, entry.identifier)).toBe(entry.status);
    expect(await status('uscc', '91350200776049653A')).toBe('none');
  });
});

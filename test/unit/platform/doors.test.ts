import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HEADER, hostAllowed, isJsonContentType } from '../../platform/guard';
import { DEMO_ENROLMENT_CODES } from '../../platform/seed';
import {
  TestDevice,
  adminHeaders,
  enrolRequest,
  startPlatform,
  validExchangeBodies,
} from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The attack run's way in (issue 17): a page on another site posting `text/plain` to the admin
 * routes (a simple request, no preflight), and a rebound DNS name reading /admin/state. Sent with
 * node:http so that Host and Content-Type are exactly what an attacker's browser would send.
 */

let platform: TestPlatform;
let port: number;
beforeAll(async () => {
  platform = await startPlatform({ allowOrigins: 'loopback' });
  port = Number(new URL(platform.url).port);
});
afterAll(() => platform.stop());

interface RawReply {
  readonly status: number;
  readonly body: string;
}

function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const CODE = { code: 'ATTACKCODE0001', hallCode: '130102-01' };

describe('the admin routes', () => {
  it('refuse a cross-site text/plain POST, even with the admin token, and store nothing', async () => {
    const before = platform.server.admin.digest();
    const plain = await raw(
      'POST',
      '/admin/enrolment-codes',
      { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      JSON.stringify(CODE),
    );
    expect(plain.status).toBe(400);
    expect(JSON.parse(plain.body)).toEqual({
      error: { code: 'malformed', issues: [{ path: 'headers.content-type', code: 'not-json' }] },
    });
    const form = await raw(
      'POST',
      '/admin/enrolment-codes',
      {
        'content-type': 'application/x-www-form-urlencoded',
        [ADMIN_TOKEN_HEADER]: platform.server.adminToken,
      },
      'code=ATTACKCODE0001',
    );
    expect(form.status).toBe(400);
    expect(platform.server.admin.digest()).toBe(before);
  });

  it('refuse JSON without the admin token, or with a wrong one', async () => {
    const before = platform.server.admin.digest();
    for (const token of [undefined, '', 'x'.repeat(32), `${platform.server.adminToken}x`]) {
      const reply = await raw(
        'POST',
        '/admin/enrolment-codes',
        {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { [ADMIN_TOKEN_HEADER]: token }),
        },
        JSON.stringify(CODE),
      );
      expect(reply.status, String(token)).toBe(401);
      const state = await raw('GET', '/admin/state', token ? { [ADMIN_TOKEN_HEADER]: token } : {});
      expect(state.status, String(token)).toBe(401);
      expect(state.body).not.toContain(DEMO_ENROLMENT_CODES[0]);
    }
    expect(platform.server.admin.digest()).toBe(before);
  });

  it('answer the token holder with JSON and a Host of this server', async () => {
    const headers = adminHeaders(platform);
    const created = await raw('POST', '/admin/enrolment-codes', headers, JSON.stringify(CODE));
    expect(created.status).toBe(200);
    const state = await raw('GET', '/admin/state', headers);
    expect(state.status).toBe(200);
    expect(state.body).toContain(CODE.code);
    const byName = await raw('GET', '/admin/state', { ...headers, host: `localhost:${port}` });
    expect(byName.status).toBe(200);
  });

  it('do not answer a rebound DNS name (a foreign Host), token or not', async () => {
    for (const host of [
      `attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1.attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
    ]) {
      const state = await raw('GET', '/admin/state', { ...adminHeaders(platform), host });
      expect(state.status, host).toBe(400);
      expect(state.body, host).not.toContain('DEMOENROL');
      expect(JSON.parse(state.body), host).toEqual({
        error: { code: 'malformed', issues: [{ path: 'headers.host', code: 'host-not-allowed' }] },
      });
    }
  });
});

describe('the device routes that change state', () => {
  it('refuse a simple cross-site enrolment (text/plain) and a foreign Host, storing nothing', async () => {
    const device = await TestDevice.enrolNew(platform);
    const before = platform.server.admin.digest();
    const body = JSON.stringify(enrolRequest(DEMO_ENROLMENT_CODES[1] ?? '', device.publicKey));
    const plain = await raw('POST', '/v1/enrol', { 'content-type': 'text/plain' }, body);
    expect(plain.status).toBe(400);
    const rebound = await raw(
      'POST',
      '/v1/enrol',
      { 'content-type': 'application/json', host: `attacker.example:${port}` },
      body,
    );
    expect(rebound.status).toBe(400);
    const push = await raw(
      'POST',
      '/v1/push',
      { 'content-type': 'text/plain', authorization: `Bearer ${device.token}` },
      JSON.stringify(device.batch([])),
    );
    expect(push.status).toBe(400);
    // The key rotation moves a device to another key: the same door.
    const rotation = await raw(
      'POST',
      '/v1/device/key-rotation',
      { 'content-type': 'text/plain', authorization: `Bearer ${device.token}` },
      JSON.stringify(validExchangeBodies(device, await device.signRecord('door'))['rotate-key']),
    );
    expect(rotation.status).toBe(400);
    expect(platform.server.admin.digest()).toBe(before);
    // The same enrolment as JSON to this server's own name goes through.
    const json = await raw('POST', '/v1/enrol', { 'content-type': 'application/json' }, body);
    expect(json.status).toBe(200);
  });

  it('keep the preflight of a foreign Host closed', async () => {
    const preflight = await raw('OPTIONS', '/v1/push', {
      host: `attacker.example:${port}`,
      origin: 'http://127.0.0.1:4173',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(400);
  });
});

describe('the door checks', () => {
  it('match host names exactly, with this port', () => {
    const hosts = ['127.0.0.1', 'localhost', '[::1]'];
    expect(hostAllowed('127.0.0.1:8787', hosts, 8787)).toBe(true);
    expect(hostAllowed('LOCALHOST:8787', hosts, 8787)).toBe(true);
    expect(hostAllowed('[::1]:8787', hosts, 8787)).toBe(true);
    expect(hostAllowed('localhost', hosts, 80)).toBe(true);
    expect(hostAllowed('localhost', hosts, 8787)).toBe(false);
    expect(hostAllowed('127.0.0.1:8788', hosts, 8787)).toBe(false);
    expect(hostAllowed('localhost.attacker.example:8787', hosts, 8787)).toBe(false);
    expect(hostAllowed('127.0.0.1:8787@attacker.example', hosts, 8787)).toBe(false);
    expect(hostAllowed(undefined, hosts, 8787)).toBe(false);
  });

  it('take JSON with or without parameters, and nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const bad of [undefined, '', 'text/plain', 'application/jsonx', 'multipart/form-data']) {
      expect(isJsonContentType(bad), String(bad)).toBe(false);
    }
  });
});

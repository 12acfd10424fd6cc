import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type RawInvoke } from '../../../../renderer/host/host';
import {
  attachProblemLog,
  describeProblem,
  logProblem,
} from '../../../../renderer/host/problem-log';
import { createWebLog } from '../../../../renderer/host/web-log';
import { deviceSigner, saveDeviceIdentity } from '../../../../renderer/device/identity';
import {
  buildSupportBundle,
  supportBundleFile,
  SUPPORT_BUNDLE_FORMAT,
} from '../../../../renderer/services/support-bundle';
import { DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { KioskDb } from '../../../../renderer/store/db';
import { parseBridgeRequest } from '../../../../shared/bridge/contract';
import { PERSON } from '../../platform/helpers';
import { makeRecord, storeName } from '../sync/harness';
import { testDataKeys } from '../../../support/data-keys';
import { testDevice } from '../../../support/test-device';

/** A web-mode host with its log in memory; `written` holds what reached `log.write`. */
function memoryHost() {
  const map = new Map<string, string>();
  const log = createWebLog({
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
  });
  const written: unknown[] = [];
  const raw: RawInvoke = async (channel, request) => {
    const checked = parseBridgeRequest(channel, request);
    if (!checked.ok) return checked;
    if (channel === 'app.info')
      return {
        ok: true,
        value: { host: 'web', appVersion: '1.4.0', os: 'Linux x86_64', windowMode: 'counter' },
      };
    if (channel === 'log.write') {
      written.push(checked.value);
      return { ok: true, value: { written: log.write(checked.value as never) } };
    }
    if (channel === 'log.recent')
      return {
        ok: true,
        value: { lines: log.recent((checked.value as { maxLines: number }).maxLines) },
      };
    return { ok: false, error: { code: 'unavailable' } };
  };
  return { host: createHost(raw), written, storage: map };
}

const TOKEN = 'tok_' + 'Bq9'.repeat(16);

afterEach(() => {
  attachProblemLog(null);
  vi.restoreAllMocks();
});

describe("the renderer's problems", () => {
  it('reach the host log as a code and a short detail, with ID and phone numbers masked', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { host, written } = memoryHost();
    attachProblemLog(host);
    logProblem('warn', 'submit.refused', { code: 'serial-exhausted', entity: PERSON });
    logProblem('error', 'render.failed', new TypeError(`no field for ${PERSON.idNumber}`));
    logProblem('warn', 'print.failed', 'unavailable');
    await vi.waitFor(() => expect(written).toHaveLength(3));
    expect(written[0]).toEqual({
      level: 'warn',
      event: 'submit.refused',
      detail: 'serial-exhausted',
    });
    const lines = (await host.invoke('log.recent', { maxLines: 10 })) as {
      ok: true;
      value: { lines: string[] };
    };
    expect(lines.value.lines.join('\n')).not.toContain(PERSON.idNumber);
    expect(lines.value.lines[1]).toMatch(
      /ERROR renderer:render\.failed TypeError: no field for 130102\*+1233$/u,
    );
  });

  it('are described without dumping whole objects', () => {
    expect(describeProblem({ name: PERSON.name, kind: 'not-enrolled' })).toBe('not-enrolled');
    expect(describeProblem({ name: PERSON.name })).toBe('object');
    expect(describeProblem('x'.repeat(900))).toHaveLength(500);
    expect(describeProblem(undefined)).toBeUndefined();
  });
});

describe('the support bundle', () => {
  it('holds the recent log, the app and device facts and the sync status, and no personal data', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { host, storage } = memoryHost();
    attachProblemLog(host);
    const db = new KioskDb(storeName('support'), testDataKeys());
    const { signer, device } = await testDevice('dev-support-01');
    const identity = { ...device, demo: false, credentials: TOKEN };
    await saveDeviceIdentity(db, identity);
    await deviceSigner(db);
    const made = await makeRecord({ name: db.name, db, signer, identity }, 'r-person', {
      entity: PERSON,
    });
    expect(made.ok).toBe(true);
    // What the app logs on a bad day, personal data slipped into details included.
    logProblem('warn', 'print.failed', 'unavailable');
    logProblem('warn', 'submit.refused', `duplicate for ${PERSON.idNumber} ${PERSON.phone ?? ''}`);
    await vi.waitFor(() => expect(storage.size).toBe(1));
    await vi.waitFor(async () =>
      expect((await host.invoke('log.recent', { maxLines: 5 })).ok).toBe(true),
    );

    const bundle = await buildSupportBundle({
      db,
      host,
      settings: { ...DEFAULT_SETTINGS, platformUrl: 'https://platform.example.gov.cn/api/v1?k=1' },
      device: identity,
      now: () => new Date('2026-12-06T02:10:00Z'),
    });
    expect(bundle.format).toBe(SUPPORT_BUNDLE_FORMAT);
    expect(bundle.app).toMatchObject({ appVersion: '1.4.0' });
    expect(bundle.device).toMatchObject({
      deviceId: 'dev-support-01',
      keyStatus: 'sealed',
      hasPlatformToken: true,
    });
    expect(bundle.settings.platformOrigin).toBe('https://platform.example.gov.cn');
    expect(bundle.store).toEqual({
      events: 1,
      records: 1,
      outbox: { pending: 1, accepted: 0, duplicate: 0, rejected: 0 },
    });
    expect(bundle.sync).toMatchObject({ pending: expect.any(Number) });
    expect(Array.isArray(bundle.log) && bundle.log.length).toBe(2);

    const file = supportBundleFile(bundle);
    expect(file.suggestedName).toBe('support-dev-support-01-20261206-0210.json');
    const text = new TextDecoder().decode(file.data);
    expect(text).toContain('renderer:submit.refused');
    for (const secret of [
      PERSON.name,
      PERSON.idNumber,
      PERSON.phone ?? '',
      PERSON.kind === 'natural-person' ? (PERSON.address ?? '') : '',
      TOKEN,
      '?k=1',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    db.close();
  });
});

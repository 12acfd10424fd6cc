import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handleInvoke, type HostHandlers } from '../../../electron/main/ipc';
import { createRendererLogSink, readRecentLog } from '../../../electron/main/renderer-log';
import { createRotatingLog } from '../../../electron/main/rotating-log';
import { RENDERER_LOG_RATE } from '../../../shared/logging/renderer-log';
import { createWebLog } from '../../../renderer/host/web-log';

/**
 * The `log.write` channel (issue 17): the renderer's warnings and errors reach the rotating log on
 * disk, checked against the contract, masked by the shared rule, and no faster than the limit.
 */

const ID = '130102199003071233';
const PHONE = '13812345678';

const dirs: string[] = [];
function logDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'renderer-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeMonotonic() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function hostWith(dir: string, clock = fakeMonotonic()) {
  const log = createRotatingLog({ dir });
  const sink = createRendererLogSink(log, { monotonicNow: clock.now });
  const handlers = {
    'log.write': async (entry) => ({ written: sink.write(entry) }),
    'log.recent': async ({ maxLines }) => ({ lines: readRecentLog(dir, maxLines) }),
  } as Partial<HostHandlers<{ id: number }>> as HostHandlers<{ id: number }>;
  const invoke = (channel: string, request: unknown) =>
    handleInvoke(
      handlers,
      { sender: { id: 1 }, senderFrame: { url: 'app://kiosk/index.html', parent: null } },
      channel,
      request,
      { isAppWindow: (id) => id === 1 },
    );
  return { invoke, clock, text: () => readFileSync(join(dir, 'main.log'), 'utf8') };
}

describe('the log.write channel', () => {
  it('writes a valid line to the rotating log and refuses anything off the contract', async () => {
    const host = hostWith(logDir());
    expect(
      await host.invoke('log.write', {
        level: 'error',
        event: 'print.failed',
        detail: 'no printer',
      }),
    ).toEqual({ ok: true, value: { written: true } });
    expect(host.text()).toMatch(/ERROR renderer:print\.failed no printer\n$/u);
    const refused = [
      { level: 'debug', event: 'x' },
      { level: 'warn', event: 'Has Spaces' },
      { level: 'warn', event: `张三-${ID}` },
      { level: 'warn', event: 'a'.repeat(65) },
      { level: 'warn', event: 'x', detail: 'y'.repeat(501) },
      { level: 'warn', event: 'x', extra: 1 },
      { level: 'warn', event: 'x', detail: 42 },
      'warn: x',
    ];
    for (const request of refused) {
      const answer = await host.invoke('log.write', request);
      expect(answer.ok, JSON.stringify(request)).toBe(false);
    }
    expect(host.text().trim().split('\n')).toHaveLength(1);
  });

  it('masks ID and phone numbers by the shared rule before they are written', async () => {
    const host = hostWith(logDir());
    await host.invoke('log.write', {
      level: 'warn',
      event: 'submit.refused',
      detail: `id ${ID} phone ${PHONE} card 6222021234567890123`,
    });
    const text = host.text();
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('6222021234567890123');
    expect(text).toContain('130102********1233');
    expect(text).toContain('138****5678');
  });

  it('drops a flood beyond the rate limit, counts it once, and lets lines through as time passes', async () => {
    const host = hostWith(logDir());
    const answers = [];
    for (let i = 0; i < 1_000; i += 1)
      answers.push(
        await host.invoke('log.write', { level: 'warn', event: 'loop', detail: String(i) }),
      );
    const written = answers.filter((a) => a.ok && (a.value as { written: boolean }).written);
    expect(written).toHaveLength(RENDERER_LOG_RATE.burst);
    expect(host.text().trim().split('\n')).toHaveLength(RENDERER_LOG_RATE.burst);
    host.clock.advance(RENDERER_LOG_RATE.refillMs);
    expect(await host.invoke('log.write', { level: 'warn', event: 'after' })).toEqual({
      ok: true,
      value: { written: true },
    });
    const lines = host.text().trim().split('\n');
    expect(lines.at(-2)).toMatch(/WARN renderer-log-dropped 980$/u);
    expect(lines.at(-1)).toMatch(/WARN renderer:after$/u);
  });

  it('reads back the newest lines across rotated files, oldest first', async () => {
    const dir = logDir();
    const log = createRotatingLog({ dir, maxBytes: 400 });
    for (let i = 0; i < 30; i += 1) log.log('info', 'line', String(i));
    const lines = readRecentLog(dir, 12);
    expect(lines).toHaveLength(12);
    expect(lines.map((l) => l.split(' ').at(-1))).toEqual(
      Array.from({ length: 12 }, (_, i) => String(18 + i)),
    );
  });
});

describe("web mode's log", () => {
  function memoryStorage() {
    const map = new Map<string, string>();
    return {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      map,
    };
  }

  it('keeps a bounded, masked, rate-limited list in the browser storage', () => {
    const storage = memoryStorage();
    const clock = fakeMonotonic();
    const log = createWebLog(storage, { monotonicNow: clock.now });
    expect(log.write({ level: 'error', event: 'render.failed', detail: `for ${ID}` })).toBe(true);
    expect(log.recent(10)).toHaveLength(1);
    expect(log.recent(10)[0]).toMatch(/ERROR renderer:render\.failed for 130102\*{8}1233$/u);
    for (let i = 0; i < 600; i += 1) {
      clock.advance(RENDERER_LOG_RATE.refillMs);
      log.write({ level: 'warn', event: 'loop', detail: 'x'.repeat(40) });
    }
    expect(log.recent(10_000)).toHaveLength(500);
    expect([...storage.map.values()].join('')).not.toContain(ID);
  });
});

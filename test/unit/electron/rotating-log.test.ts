import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRotatingLog,
  formatLogLine,
  rotationPlan,
} from '../../../electron/main/rotating-log';

const at = new Date('2026-03-01T08:30:00.000Z');

describe('log lines', () => {
  it('are one line each, whatever the detail holds', () => {
    expect(formatLogLine(at, 'warn', 'request-refused', 'https://evil.example')).toBe(
      '2026-03-01T08:30:00.000Z WARN request-refused https://evil.example\n',
    );
    const forged = formatLogLine(at, 'info', 'x', 'a\nb\r\n2026-01-01 ERROR forged\u0007');
    expect(forged.split('\n')).toHaveLength(2);
    expect(forged).toContain('a b  2026-01-01 ERROR forged ');
    expect(formatLogLine(at, 'error', 'e', 'y'.repeat(5000)).length).toBeLessThan(600);
  });
});

describe('rotation plan', () => {
  it('does nothing while the line fits, or when the file is empty', () => {
    expect(rotationPlan('main', 100, 10, 1000, 3)).toEqual({ drop: null, renames: [] });
    expect(rotationPlan('main', 0, 5000, 1000, 3)).toEqual({ drop: null, renames: [] });
  });

  it('shifts every file one place, oldest first, and drops the last', () => {
    expect(rotationPlan('main', 995, 10, 1000, 3)).toEqual({
      drop: 'main.3.log',
      renames: [
        ['main.2.log', 'main.3.log'],
        ['main.1.log', 'main.2.log'],
        ['main.log', 'main.1.log'],
      ],
    });
  });

  it('with nothing to keep, starts the file again', () => {
    expect(rotationPlan('main', 995, 10, 1000, 0)).toEqual({ drop: 'main.log', renames: [] });
  });
});

describe('rotating log on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps at most `keep` old files of bounded size, newest lines in main.log', () => {
    const log = createRotatingLog({
      dir: join(dir, 'logs'),
      maxBytes: 200,
      keep: 2,
      now: () => at,
    });
    for (let i = 0; i < 40; i++) log.log('info', `event-${i}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of files) {
      expect(readFileSync(join(dir, 'logs', f)).byteLength).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).toContain('event-39');
    expect(readFileSync(join(dir, 'logs', 'main.2.log'), 'utf8')).not.toContain('event-0\n');
  });

  it('never throws when the disk refuses the write', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    expect(() => createRotatingLog({ dir: blocked }).log('info', 'x')).not.toThrow();
    const log = createRotatingLog({ dir });
    rmSync(dir, { recursive: true, force: true });
    expect(() => log.log('error', 'disk-gone')).not.toThrow();
  });
});

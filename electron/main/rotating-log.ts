import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small append-only log with size-based rotation: main.log, then main.1.log (newest) up to
 * main.<keep>.log. Synchronous on purpose: the lines are few, and a crash must not lose the last.
 * Lines carry event names and codes, never applicants' data.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface RotatingLogOptions {
  readonly dir: string;
  readonly baseName?: string;
  readonly maxBytes?: number;
  readonly keep?: number;
  readonly now?: () => Date;
}

export interface Logger {
  log(level: LogLevel, event: string, detail?: string): void;
}

const MAX_DETAIL = 500;

/** One line: ISO time, level, event, and the detail with control characters flattened. */
export function formatLogLine(time: Date, level: LogLevel, event: string, detail?: string): string {
  const clean = (s: string) =>
    Array.from(s.slice(0, MAX_DETAIL), (c) => (c < ' ' || c === '\x7f' ? ' ' : c)).join('');
  const tail = detail === undefined ? '' : ` ${clean(detail)}`;
  return `${time.toISOString()} ${level.toUpperCase()} ${clean(event)}${tail}\n`;
}

/** The renames that make room, oldest first, when the next line would overflow the file. */
export function rotationPlan(
  baseName: string,
  currentBytes: number,
  incomingBytes: number,
  maxBytes: number,
  keep: number,
): { readonly drop: string | null; readonly renames: ReadonlyArray<readonly [string, string]> } {
  if (currentBytes === 0 || currentBytes + incomingBytes <= maxBytes) {
    return { drop: null, renames: [] };
  }
  const name = (i: number) => (i === 0 ? `${baseName}.log` : `${baseName}.${i}.log`);
  const renames: Array<readonly [string, string]> = [];
  for (let i = keep - 1; i >= 0; i--) renames.push([name(i), name(i + 1)]);
  return { drop: keep > 0 ? name(keep) : name(0), renames: keep > 0 ? renames : [] };
}

export function createRotatingLog(options: RotatingLogOptions): Logger {
  const baseName = options.baseName ?? 'main';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const file = join(options.dir, `${baseName}.log`);
  try {
    mkdirSync(options.dir, { recursive: true });
  } catch {
    // Logged to nowhere rather than not started: each write below fails quietly as well.
  }
  const sizeOf = (path: string): number => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    log(level, event, detail) {
      const line = formatLogLine(now(), level, event, detail);
      const plan = rotationPlan(baseName, sizeOf(file), Buffer.byteLength(line), maxBytes, keep);
      try {
        if (plan.drop) rmSync(join(options.dir, plan.drop), { force: true });
        for (const [from, to] of plan.renames) {
          if (sizeOf(join(options.dir, from)) > 0)
            renameSync(join(options.dir, from), join(options.dir, to));
        }
        appendFileSync(file, line);
      } catch {
        // A full or read-only disk must not take the kiosk down with it.
      }
    },
  };
}

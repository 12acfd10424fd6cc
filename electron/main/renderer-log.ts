import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LogRateLimiter,
  rendererLogLine,
  type RateLimit,
  type RendererLogEntry,
} from '../../shared/logging/renderer-log';
import type { Logger } from './rotating-log';

/**
 * The `log.write` channel's end in the main process: the renderer's lines go to the rotating log
 * (rotating-log.ts, bounded on disk), masked by the shared rule and rate-limited on the monotonic
 * clock. Lines over the limit are dropped and counted; the count is written with the next line
 * that passes, so a flood leaves one trace rather than none or thousands.
 */
export interface RendererLogSink {
  write(entry: RendererLogEntry): boolean;
}

export function createRendererLogSink(
  log: Logger,
  options: { readonly monotonicNow?: () => number; readonly limit?: RateLimit } = {},
): RendererLogSink {
  const limiter = new LogRateLimiter(
    options.monotonicNow ?? (() => performance.now()),
    options.limit,
  );
  return {
    write(entry) {
      const decision = limiter.take();
      if (!decision.write) return false;
      if (decision.dropped > 0) log.log('warn', 'renderer-log-dropped', String(decision.dropped));
      const line = rendererLogLine(entry);
      log.log(line.level, line.event, line.detail);
      return true;
    },
  };
}

/** The newest `maxLines` lines of the rotating log (main.log, then main.1.log …), oldest first. */
export function readRecentLog(
  dir: string,
  maxLines: number,
  baseName = 'main',
  keep = 5,
): string[] {
  const lines: string[] = [];
  for (let i = 0; i <= keep && lines.length < maxLines; i += 1) {
    const file = join(dir, i === 0 ? `${baseName}.log` : `${baseName}.${i}.log`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const fileLines = text.split('\n').filter((line) => line.length > 0);
    lines.unshift(...fileLines.slice(-(maxLines - lines.length)));
  }
  return lines.map((line) => line.slice(0, 2_000));
}

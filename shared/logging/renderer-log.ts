import { z } from 'zod';
import { maskPersonalText } from '../masking/free-text';
import type { MaskingRules } from '../masking/mask';

/**
 * The renderer's warnings and errors, on their way to the host's log (Electron: the rotating log
 * on disk; web mode: a bounded store in the browser). One entry is an event code and a short
 * detail; the host masks the detail by the shared rule before anything is written, and a token
 * bucket bounds how fast a renderer can write, so a loop or a hostile page cannot fill the disk or
 * push the main process's own lines out of the rotation.
 */

export const RENDERER_LOG_LEVELS = ['info', 'warn', 'error'] as const;
export const MAX_LOG_DETAIL = 500;

export const RendererLogEntrySchema = z
  .object({
    level: z.enum(RENDERER_LOG_LEVELS),
    /** A code, not prose: lower-case words joined by '.', '-' or ':'. */
    event: z
      .string()
      .regex(/^[a-z][a-z0-9]*(?:[.:-][a-z0-9]+)*$/u)
      .max(64),
    detail: z.string().max(MAX_LOG_DETAIL).optional(),
  })
  .strict();
export type RendererLogEntry = z.infer<typeof RendererLogEntrySchema>;

/** What the host writes: the event marked as the renderer's, the detail masked. */
export function rendererLogLine(
  entry: RendererLogEntry,
  rules?: MaskingRules,
): { readonly level: RendererLogEntry['level']; readonly event: string; readonly detail?: string } {
  return {
    level: entry.level,
    event: `renderer:${entry.event}`,
    ...(entry.detail === undefined ? {} : { detail: maskPersonalText(entry.detail, rules) }),
  };
}

export interface RateLimit {
  /** Lines that may come at once. */
  readonly burst: number;
  /** Then one line per this many milliseconds. */
  readonly refillMs: number;
}

/** 20 at once, then one every 2 s: about 1,800 lines an hour, a few hundred kilobytes at most. */
export const RENDERER_LOG_RATE: RateLimit = { burst: 20, refillMs: 2_000 };

export type RateDecision =
  | {
      readonly write: true;
      /** Lines refused since the last written one, to be said once. */ readonly dropped: number;
    }
  | { readonly write: false };

/** A token bucket on a monotonic clock (a changed system clock neither opens nor closes it). */
export class LogRateLimiter {
  #tokens: number;
  #last: number;
  #dropped = 0;

  constructor(
    private readonly now: () => number,
    private readonly limit: RateLimit = RENDERER_LOG_RATE,
  ) {
    this.#tokens = limit.burst;
    this.#last = now();
  }

  take(): RateDecision {
    const now = this.now();
    const elapsed = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(this.limit.burst, this.#tokens + elapsed / this.limit.refillMs);
    if (this.#tokens < 1) {
      this.#dropped += 1;
      return { write: false };
    }
    this.#tokens -= 1;
    const dropped = this.#dropped;
    this.#dropped = 0;
    return { write: true, dropped };
  }
}

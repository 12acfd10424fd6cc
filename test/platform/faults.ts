import { z } from 'zod';
import { PLATFORM_EXCHANGES } from '../../shared/platform/messages';
import type { PlatformExchange } from '../../shared/platform/messages';

/**
 * Fault mode: what goes wrong with which request, decided from a seed and the request's number
 * alone (never from timing), so a failing run replays exactly. Requests are numbered from 1 over
 * the exchanges the plan covers; admin requests are never counted.
 *
 * - status-500 / status-503: refused before anything is done (503 with Retry-After)
 * - rate-limit: 429 with Retry-After
 * - delay: answered normally after `delayMs`
 * - hang: no answer for `hangMs` (longer than the client's timeout), then the socket is closed
 * - reset: the socket is destroyed before anything is done
 * - lost-response: processed and committed, then the socket is destroyed instead of answering
 * - duplicate: processed twice, as if delivered twice; the second answer is sent
 * - reorder: held until the next request has been processed (or `holdMs`), then processed
 * - restart: the connection drops and the database is closed and reopened (data kept)
 */

export const FAULT_KINDS = [
  'status-500',
  'status-503',
  'rate-limit',
  'delay',
  'hang',
  'reset',
  'lost-response',
  'duplicate',
  'reorder',
  'restart',
] as const;
export const FaultKindSchema = z.enum(FAULT_KINDS);
export type FaultKind = z.infer<typeof FaultKindSchema>;

export const FaultConfigSchema = z
  .object({
    seed: z.number().int(),
    /** Share of requests, outside the schedule, that get a fault drawn from `kinds`. */
    rate: z.number().min(0).max(1).default(0),
    kinds: z
      .array(FaultKindSchema)
      .min(1)
      .default([...FAULT_KINDS]),
    /** Request number (from 1) → the fault it gets, whatever `rate` says. */
    schedule: z.record(z.string().regex(/^[1-9]\d{0,8}$/), FaultKindSchema).default({}),
    /** Which exchanges are counted and faulted; default all. */
    exchanges: z.array(z.enum(PLATFORM_EXCHANGES)).min(1).optional(),
    delayMs: z.number().int().min(0).max(60_000).default(200),
    hangMs: z.number().int().min(0).max(600_000).default(15_000),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    holdMs: z.number().int().min(0).max(60_000).default(2_000),
  })
  .strict();
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;
export type FaultConfig = z.output<typeof FaultConfigSchema>;

export interface InjectedFault {
  readonly request: number;
  readonly exchange: PlatformExchange;
  readonly kind: FaultKind;
}

/** mulberry32 over the seed mixed with the request number: one stream per request. */
function random(seed: number, request: number, draw: number): number {
  let t = (seed ^ Math.imul(request, 0x9e3779b1) ^ Math.imul(draw + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < 2; i += 1) {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    t = (x ^ (x >>> 14)) >>> 0;
  }
  return t / 4_294_967_296;
}

export function faultFor(config: FaultConfig, request: number): FaultKind | null {
  const scheduled = config.schedule[String(request)];
  if (scheduled !== undefined) return scheduled;
  if (random(config.seed, request, 0) >= config.rate) return null;
  return config.kinds[Math.floor(random(config.seed, request, 1) * config.kinds.length)] ?? null;
}

export class FaultInjector {
  private config: FaultConfig | null = null;
  private requests = 0;
  private readonly injected: InjectedFault[] = [];
  private held: (() => void)[] = [];

  configure(input: FaultConfigInput | null): FaultConfig | null {
    this.config = input === null ? null : FaultConfigSchema.parse(input);
    this.requests = 0;
    this.injected.length = 0;
    this.releaseHeld();
    return this.config;
  }

  get settings(): FaultConfig | null {
    return this.config;
  }

  get log(): readonly InjectedFault[] {
    return this.injected;
  }

  get requestCount(): number {
    return this.requests;
  }

  /** Numbers the request and says which fault, if any, it gets. */
  next(exchange: PlatformExchange): FaultKind | null {
    const config = this.config;
    if (!config || (config.exchanges && !config.exchanges.includes(exchange))) return null;
    this.requests += 1;
    const kind = faultFor(config, this.requests);
    if (kind !== null) this.injected.push({ request: this.requests, exchange, kind });
    return kind;
  }

  /** Resolves when a later request has been processed, or after `holdMs`. */
  holdUntilNext(): Promise<void> {
    const holdMs = this.config?.holdMs ?? 0;
    return new Promise((resolve) => {
      const timer = setTimeout(release, holdMs);
      function release(): void {
        clearTimeout(timer);
        resolve();
      }
      this.held.push(release);
    });
  }

  /** Called after each request that was not held: lets the held ones go. */
  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    held.forEach((release) => release());
  }
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RETRY_AFTER_HEADER } from '../../shared/platform/routes';
import { refuse } from './context';
import type { Answer } from './context';

/**
 * Requests per window (@fastify/rate-limit, counted before the body is read): per enrolled device
 * when the request carries its valid token, else per address, so that a made-up token does not
 * buy a fresh allowance. The admin token's holder is not counted. Over the limit the answer is
 * the interface's own 429 'rate-limited' with Retry-After, which devices honour.
 */

export interface RateLimit {
  /** Requests per window and key. */
  readonly max: number;
  readonly windowMs: number;
}

/** What the command-line platform allows: far above a device's sync, far below a flood. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 300, windowMs: 60_000 };

export interface RateLimitKeys {
  /** The enrolled device a bearer header speaks for, or null. */
  deviceOf(authorization: string | undefined): string | null;
  isAdmin(request: FastifyRequest): boolean;
}

interface RateLimitedError {
  readonly statusCode: 429;
  readonly code: 'rate-limited';
  readonly retryAfterSeconds: number;
}

function isRateLimited(error: unknown): error is RateLimitedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'rate-limited' &&
    typeof (error as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number'
  );
}

export function rateLimitedAnswer(error: unknown): Answer {
  const seconds = isRateLimited(error) ? error.retryAfterSeconds : 1;
  return refuse('rate-limited', undefined, { [RETRY_AFTER_HEADER]: String(seconds) });
}

export async function registerRateLimit(
  instance: FastifyInstance,
  limit: RateLimit,
  keys: RateLimitKeys,
): Promise<void> {
  await instance.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    hook: 'onRequest',
    allowList: (request) => keys.isAdmin(request),
    keyGenerator: (request) => {
      const device = keys.deviceOf(request.headers.authorization);
      return device === null ? `address:${request.ip}` : `device:${device}`;
    },
    errorResponseBuilder: (_request, context): RateLimitedError => ({
      statusCode: 429,
      code: 'rate-limited',
      retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
    }),
  });
}

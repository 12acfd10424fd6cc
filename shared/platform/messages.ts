import type { z } from 'zod';
import { CatalogueRequestSchema, CatalogueResponseSchema } from './catalogue';
import {
  CreditCheckRequestSchema,
  CreditCheckResponseSchema,
  CreditSnapshotRequestSchema,
  CreditSnapshotResponseSchema,
} from './credit';
import { EnrolRequestSchema, EnrolResponseSchema } from './enrol';
import { summariseIssues } from '../catalogue/signed';
import type { ErrorBody } from './errors';
import { MAX_BODY_BYTES, MAX_DOWNLOAD_BYTES, MAX_SMALL_REQUEST_BYTES } from './limits';
import { PublicQueryRequestSchema, PublicQueryResponseSchema } from './public-query';
import { PullRequestSchema, PullResponseSchema } from './pull';
import { PushRequestSchema, PushResponseSchema } from './push';
import { LossDeclareRequestSchema, LossDeclareResponseSchema } from './loss';
import { KeyRotationRequestSchema, KeyRotationResponseSchema } from './key-rotation';
import {
  EvidenceUploadRequestSchema,
  EvidenceUploadResponseSchema,
  MAX_EVIDENCE_REQUEST_BYTES,
} from './evidence';
import { HallStatsRequestSchema, HallStatsResponseSchema } from './hall-stats';
import { LetterTimestampRequestSchema, LetterTimestampResponseSchema } from './letter-timestamp';
import { checkInterfaceVersion } from './version';
import {
  ArchivedLetterRequestSchema,
  ArchivedLetterResponseSchema,
  MAX_ARCHIVED_LETTER_RESPONSE_BYTES,
  VerifyRequestSchema,
  VerifyResponseSchema,
} from './verify';

/**
 * Every exchange of platform.md, with its request and response schema and body limits (a request
 * over its limit is refused by the platform before it is read). The
 * device's client and the reference platform both go through `parseRequest` / `parseResponse`,
 * so the two sides refuse exactly the same inputs with exactly the same error codes.
 */
export const platformExchanges = {
  enrol: {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: EnrolRequestSchema,
    response: EnrolResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  catalogue: {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: CatalogueRequestSchema,
    response: CatalogueResponseSchema,
    maxResponseBytes: MAX_DOWNLOAD_BYTES,
  },
  'credit-snapshot': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: CreditSnapshotRequestSchema,
    response: CreditSnapshotResponseSchema,
    maxResponseBytes: MAX_DOWNLOAD_BYTES,
  },
  'credit-check': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: CreditCheckRequestSchema,
    response: CreditCheckResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  push: {
    maxRequestBytes: MAX_BODY_BYTES,
    request: PushRequestSchema,
    response: PushResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  pull: {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: PullRequestSchema,
    response: PullResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  'declare-loss': {
    // Authenticated and bounded by its schema (at most the self-check's damage list).
    maxRequestBytes: MAX_BODY_BYTES,
    request: LossDeclareRequestSchema,
    response: LossDeclareResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  'rotate-key': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: KeyRotationRequestSchema,
    response: KeyRotationResponseSchema,
    maxResponseBytes: MAX_SMALL_REQUEST_BYTES,
  },
  'letter-timestamp': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: LetterTimestampRequestSchema,
    response: LetterTimestampResponseSchema,
    maxResponseBytes: MAX_SMALL_REQUEST_BYTES,
  },
  evidence: {
    maxRequestBytes: MAX_EVIDENCE_REQUEST_BYTES,
    request: EvidenceUploadRequestSchema,
    response: EvidenceUploadResponseSchema,
    maxResponseBytes: MAX_SMALL_REQUEST_BYTES,
  },
  'archived-letter': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: ArchivedLetterRequestSchema,
    response: ArchivedLetterResponseSchema,
    maxResponseBytes: MAX_ARCHIVED_LETTER_RESPONSE_BYTES,
  },
  verify: {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: VerifyRequestSchema,
    response: VerifyResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  'public-query': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: PublicQueryRequestSchema,
    response: PublicQueryResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
  'hall-stats': {
    maxRequestBytes: MAX_SMALL_REQUEST_BYTES,
    request: HallStatsRequestSchema,
    response: HallStatsResponseSchema,
    maxResponseBytes: MAX_BODY_BYTES,
  },
} as const;
export type PlatformExchange = keyof typeof platformExchanges;
export const PLATFORM_EXCHANGES = Object.keys(platformExchanges) as PlatformExchange[];

export type PlatformRequest<E extends PlatformExchange> = z.output<
  (typeof platformExchanges)[E]['request']
>;
export type PlatformResponse<E extends PlatformExchange> = z.output<
  (typeof platformExchanges)[E]['response']
>;

/** The registry seen per exchange, so that TypeScript ties each exchange to its own message types. */
type TypedExchanges = {
  readonly [E in PlatformExchange]: {
    readonly request: z.ZodType<PlatformRequest<E>>;
    readonly response: z.ZodType<PlatformResponse<E>>;
    readonly maxRequestBytes: number;
    readonly maxResponseBytes: number;
  };
};
const exchanges: TypedExchanges = platformExchanges;

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorBody };

/**
 * Size first (nothing oversized is looked at), then the interface version (a clear reason for an
 * old device), then the schema (issues as path + machine code).
 */
function parseMessage<S extends z.ZodType>(
  schema: S,
  body: unknown,
  byteLength: number,
  maxBytes: number,
): ParseResult<z.output<S>> {
  if (!Number.isFinite(byteLength) || byteLength > maxBytes) {
    return { ok: false, error: { error: { code: 'too-large' } } };
  }
  const mismatch = checkInterfaceVersion(body);
  if (mismatch) return { ok: false, error: { error: mismatch } };
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      error: { error: { code: 'malformed', issues: summariseIssues(parsed.error) } },
    };
  }
  return { ok: true, value: parsed.data };
}

/** `byteLength`: the body's size as received, before JSON parsing. */
export function parseRequest<E extends PlatformExchange>(
  exchange: E,
  body: unknown,
  byteLength: number,
): ParseResult<PlatformRequest<E>> {
  const { request, maxRequestBytes } = exchanges[exchange];
  return parseMessage(request, body, byteLength, maxRequestBytes);
}

export function parseResponse<E extends PlatformExchange>(
  exchange: E,
  body: unknown,
  byteLength: number,
): ParseResult<PlatformResponse<E>> {
  const { response, maxResponseBytes } = exchanges[exchange];
  return parseMessage(response, body, byteLength, maxResponseBytes);
}

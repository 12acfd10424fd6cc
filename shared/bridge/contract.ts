import { z } from 'zod';
import { IdReadAnswerSchema, IdReadRequestSchema } from '../idcard/answer';
import { RendererLogEntrySchema } from '../logging/renderer-log';

/**
 * The one interface between the renderer and its host (Electron main process, or the browser in
 * web mode). Every request and response is validated against these schemas on both sides, so a
 * compromised or buggy peer gets a precise refusal instead of undefined behaviour.
 */

// Any Uint8Array, whatever buffer backs it (pdf-lib and IPC hand over both kinds).
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes');
const Empty = z.object({}).strict();
export const MAX_BRIDGE_BYTES = 64 * 1024 * 1024;
export const MAX_RECENT_LOG_LINES = 2_000;

export const HostErrorCodeSchema = z.enum([
  'invalid-request',
  'invalid-response',
  'unavailable',
  'denied',
  'cancelled',
  'failed',
]);
export type HostErrorCode = z.infer<typeof HostErrorCodeSchema>;

/** Characters no file name may hold on Windows (and '/' nowhere). */
const FILE_NAME_FORBIDDEN = /[\\/:*?"<>|\0]/gu;
const FILE_NAME = /^[^\\/:*?"<>|\0]+$/u;

/**
 * A file name made from hall data (a window called "3号/4号"): each forbidden character becomes
 * '-', so the save is not refused for the name.
 */
export function safeFileName(name: string): string {
  return name.replace(FILE_NAME_FORBIDDEN, '-').slice(0, 200);
}

const ChainDeviceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** A device's chain head as the host keeps it. */
export const StoredChainHeadSchema = z
  .object({
    deviceId: ChainDeviceId,
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type StoredChainHead = z.infer<typeof StoredChainHeadSchema>;

export const bridgeContract = {
  'app.info': {
    request: Empty,
    response: z.object({
      host: z.enum(['electron', 'web']),
      appVersion: z.string().min(1),
      os: z.string().min(1),
      /** Whether the window was opened as the locked-down kiosk or as the counter console. */
      windowMode: z.enum(['kiosk', 'counter']),
    }),
  },
  'network.status': {
    request: Empty,
    response: z.object({ online: z.boolean() }),
  },
  'print.listPrinters': {
    request: Empty,
    response: z.object({
      printers: z.array(z.object({ name: z.string(), isDefault: z.boolean() })),
    }),
  },
  'print.pdf': {
    request: z
      .object({
        pdf: Bytes.refine((b) => b.byteLength > 0 && b.byteLength <= MAX_BRIDGE_BYTES),
        title: z.string().min(1).max(200),
        /** Empty: the configured or default printer. */
        printer: z.string().max(200).optional(),
        copies: z.number().int().min(1).max(10).default(1),
        /** Silent print is the kiosk's normal mode. */
        silent: z.boolean().default(true),
      })
      .strict(),
    /** A browser cannot print silently and reliably: the web host hands the PDF over as a download. */
    response: z.object({ printed: z.boolean(), via: z.enum(['printer', 'download']) }),
  },
  'file.save': {
    request: z
      .object({
        suggestedName: z.string().min(1).max(200).regex(FILE_NAME),
        mimeType: z.enum([
          'application/pdf',
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/json',
          'application/octet-stream',
        ]),
        data: Bytes.refine((b) => b.byteLength <= MAX_BRIDGE_BYTES),
      })
      .strict(),
    response: z.object({ saved: z.boolean() }),
  },
  'secret.seal': {
    request: z.object({ plaintext: Bytes.refine((b) => b.byteLength <= 64 * 1024) }).strict(),
    response: z.object({ sealed: Bytes }),
  },
  'secret.unseal': {
    request: z.object({ sealed: Bytes.refine((b) => b.byteLength <= 128 * 1024) }).strict(),
    response: z.object({ plaintext: Bytes }),
  },
  'kiosk.setLocked': {
    /** Unlocking takes the maintenance PIN, which the host checks (Electron: in the main process). */
    request: z.object({ locked: z.boolean(), pin: z.string().max(64).optional() }).strict(),
    response: z.object({ locked: z.boolean() }),
  },
  /**
   * The device's chain head (seq and hash of its newest event) kept by the host outside
   * IndexedDB (Electron: sealed in the host settings file; web mode: localStorage), so that a
   * store rolled back or cut short is noticed at start. One head per device id.
   */
  'chain.head.load': {
    request: z.object({ deviceId: ChainDeviceId }).strict(),
    response: z.object({ head: StoredChainHeadSchema.nullable() }),
  },
  'chain.head.save': {
    request: StoredChainHeadSchema,
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * One read of the resident ID card on the reader (shared/idcard/answer.ts): the card's checked
   * data, no card, a failed read (removed, unreadable, invalid), or no reader.
   */
  'idReader.read': {
    request: IdReadRequestSchema,
    response: IdReadAnswerSchema,
  },
  /**
   * One warning or error of the renderer for the host's log (shared/logging/renderer-log.ts):
   * masked and rate-limited by the host; `written` is false for a line the rate limit dropped.
   */
  'log.write': {
    request: RendererLogEntrySchema,
    response: z.object({ written: z.boolean() }),
  },
  /** The newest lines of the host's log, oldest first, for the support bundle. */
  'log.recent': {
    request: z.object({ maxLines: z.number().int().min(1).max(MAX_RECENT_LOG_LINES) }).strict(),
    response: z.object({
      lines: z.array(z.string().max(2_000)).max(MAX_RECENT_LOG_LINES),
    }),
  },
} as const;

export type BridgeChannel = keyof typeof bridgeContract;
export const BRIDGE_CHANNELS = Object.keys(bridgeContract) as BridgeChannel[];
export type BridgeRequest<C extends BridgeChannel> = z.input<(typeof bridgeContract)[C]['request']>;
export type BridgeResponse<C extends BridgeChannel> = z.output<
  (typeof bridgeContract)[C]['response']
>;

export type HostResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: HostErrorCode; readonly detail?: string };
    };

export const HostResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: HostErrorCodeSchema, detail: z.string().max(2000).optional() }),
  }),
]);

export function isBridgeChannel(value: unknown): value is BridgeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(bridgeContract, value);
}

/** Validates an incoming request on the host side; the detail names the first bad field. */
export function parseBridgeRequest<C extends BridgeChannel>(
  channel: C,
  request: unknown,
): HostResult<z.output<(typeof bridgeContract)[C]['request']>> {
  const parsed = bridgeContract[channel].request.safeParse(request);
  if (parsed.success)
    return { ok: true, value: parsed.data as z.output<(typeof bridgeContract)[C]['request']> };
  return { ok: false, error: { code: 'invalid-request', detail: summariseIssues(parsed.error) } };
}

/** Validates a host's answer on the renderer side before anything uses it. */
export function parseBridgeResult<C extends BridgeChannel>(
  channel: C,
  raw: unknown,
): HostResult<BridgeResponse<C>> {
  const envelope = HostResultSchema.safeParse(raw);
  if (!envelope.success) {
    return {
      ok: false,
      error: { code: 'invalid-response', detail: summariseIssues(envelope.error) },
    };
  }
  if (!envelope.data.ok) return envelope.data;
  const value = bridgeContract[channel].response.safeParse(envelope.data.value);
  if (!value.success) {
    return { ok: false, error: { code: 'invalid-response', detail: summariseIssues(value.error) } };
  }
  return { ok: true, value: value.data as BridgeResponse<C> };
}

export function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

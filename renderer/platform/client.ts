import { ErrorBodySchema } from '../../shared/platform/errors';
import { parseResponse, platformExchanges } from '../../shared/platform/messages';
import type {
  PlatformExchange,
  PlatformRequest,
  PlatformResponse,
} from '../../shared/platform/messages';
import { AUTH_SCHEME, PLATFORM_ROUTES, RETRY_AFTER_HEADER } from '../../shared/platform/routes';
import { PLATFORM_INTERFACE_VERSION } from '../../shared/platform/version';
import type { PlatformFailure } from './failure';
import { parseRetryAfter } from './retry-after';

/**
 * The device's side of every exchange of shared/platform: one POST of one versioned message, the
 * answer validated with the shared schemas. Nothing throws: every way an exchange can fail is a
 * PlatformFailure the sync engine decides on.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type PlatformResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** The body as received, for signatures that cover it exactly (the catalogue). */
      readonly raw: unknown;
    }
  | { readonly ok: false; readonly failure: PlatformFailure };

export interface PlatformClientOptions {
  /** The platform's base URL (hall settings' platformUrl), without a trailing path. */
  readonly baseUrl: string;
  readonly fetch?: FetchLike;
  /** Per exchange; a hung platform must not hold the sync for ever. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** The enrolled device: its id goes in every device message, its token in Authorization. */
  readonly device?: { readonly deviceId: string; readonly token: string } | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** What the caller supplies; the client adds the interface version and the device id. */
export type Outgoing<E extends PlatformExchange> = Omit<
  PlatformRequest<E>,
  'interfaceVersion' | 'deviceId'
>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export class PlatformClient {
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly baseUrl: string;

  constructor(private readonly options: PlatformClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** The same platform, speaking for an enrolled device. */
  forDevice(deviceId: string, token: string): PlatformClient {
    return new PlatformClient({ ...this.options, device: { deviceId, token } });
  }

  get deviceId(): string | null {
    return this.options.device?.deviceId ?? null;
  }

  enrol(
    request: Outgoing<'enrol'>,
    call?: CallOptions,
  ): Promise<PlatformResult<PlatformResponse<'enrol'>>> {
    return this.exchange(
      'enrol',
      { interfaceVersion: PLATFORM_INTERFACE_VERSION, ...request },
      call,
    );
  }

  catalogue(request: Outgoing<'catalogue'>, call?: CallOptions) {
    return this.deviceExchange('catalogue', request, call);
  }

  creditSnapshot(request: Outgoing<'credit-snapshot'>, call?: CallOptions) {
    return this.deviceExchange('credit-snapshot', request, call);
  }

  creditCheck(request: Outgoing<'credit-check'>, call?: CallOptions) {
    return this.deviceExchange('credit-check', request, call);
  }

  push(request: Outgoing<'push'>, call?: CallOptions) {
    return this.deviceExchange('push', request, call);
  }

  pull(request: Outgoing<'pull'>, call?: CallOptions) {
    return this.deviceExchange('pull', request, call);
  }

  declareLoss(request: Outgoing<'declare-loss'>, call?: CallOptions) {
    return this.deviceExchange('declare-loss', request, call);
  }

  rotateKey(request: Outgoing<'rotate-key'>, call?: CallOptions) {
    return this.deviceExchange('rotate-key', request, call);
  }

  letterTimestamp(request: Outgoing<'letter-timestamp'>, call?: CallOptions) {
    return this.deviceExchange('letter-timestamp', request, call);
  }

  evidence(request: Outgoing<'evidence'>, call?: CallOptions) {
    return this.deviceExchange('evidence', request, call);
  }

  archivedLetter(request: Outgoing<'archived-letter'>, call?: CallOptions) {
    return this.deviceExchange('archived-letter', request, call);
  }

  hallStats(request: Outgoing<'hall-stats'>, call?: CallOptions) {
    return this.deviceExchange('hall-stats', request, call);
  }

  /**
   * Whether the platform answers at all (sync/reachability.ts): any HTTP answer counts, a network
   * error or `signal` ending does not. No body, no credentials, no route of its own: an opaque
   * request to the platform's root, so a platform that refuses cross-origin reads still counts as
   * there.
   */
  async ping(signal: AbortSignal): Promise<boolean> {
    try {
      await this.fetchImpl(`${this.baseUrl}/`, {
        method: 'GET',
        mode: 'no-cors',
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
      return true;
    } catch {
      return false;
    }
  }

  private deviceExchange<E extends Exclude<PlatformExchange, 'enrol' | 'public-query' | 'verify'>>(
    exchange: E,
    request: Outgoing<E>,
    call?: CallOptions,
  ): Promise<PlatformResult<PlatformResponse<E>>> {
    const device = this.options.device;
    if (!device) {
      return Promise.resolve({
        ok: false,
        failure: { kind: 'unauthorised', status: 0, code: 'unauthorised' },
      });
    }
    const body = {
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      deviceId: device.deviceId,
      ...request,
    };
    return this.exchange(exchange, body, call);
  }

  private async exchange<E extends PlatformExchange>(
    exchange: E,
    body: unknown,
    call: CallOptions = {},
  ): Promise<PlatformResult<PlatformResponse<E>>> {
    const route = PLATFORM_ROUTES[exchange];
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (route.auth === 'device' && this.options.device) {
      headers.authorization = `${AUTH_SCHEME} ${this.options.device.token}`;
    }
    const aborted = (): PlatformFailure =>
      call.signal?.aborted ? { kind: 'aborted' } : { kind: 'timeout' };

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${route.path}`, {
        method: route.method,
        headers,
        body: JSON.stringify(body),
        signal,
      });
      // A declared length over the limit is refused unread; parseResponse checks the real size.
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > platformExchanges[exchange].maxResponseBytes) {
        void response.body?.cancel().catch(() => undefined);
        return badResponse('', 'too-large');
      }
      text = await response.text();
    } catch {
      return { ok: false, failure: signal.aborted ? aborted() : { kind: 'network' } };
    }
    const json = parseJson(text);
    if (response.status !== 200) return { ok: false, failure: this.refusal(response, json) };
    if (json === undefined) return badResponse('', 'not-json');
    const parsed = parseResponse(exchange, json, new TextEncoder().encode(text).length);
    if (!parsed.ok) {
      const error = parsed.error.error;
      if (error.code === 'version-mismatch') {
        return { ok: false, failure: { kind: 'version-mismatch', mismatch: error } };
      }
      return { ok: false, failure: { kind: 'bad-response', issues: error.issues ?? [] } };
    }
    return { ok: true, value: parsed.value, raw: json };
  }

  private refusal(response: Response, json: unknown): PlatformFailure {
    const status = response.status;
    const body = ErrorBodySchema.safeParse(json);
    const error = body.success ? body.data.error : null;
    if (error?.code === 'version-mismatch') return { kind: 'version-mismatch', mismatch: error };
    const code = error?.code ?? null;
    if (code === 'unauthorised' || code === 'unknown-device' || code === 'device-revoked') {
      return { kind: 'unauthorised', status, code };
    }
    if (status === 401) return { kind: 'unauthorised', status, code: 'unauthorised' };
    if (status === 429 || status === 503) {
      const seconds = parseRetryAfter(response.headers.get(RETRY_AFTER_HEADER), this.now());
      if (seconds !== null) return { kind: 'retry-after', status, code, seconds };
    }
    return {
      kind: 'http',
      status,
      code,
      issues: error && 'issues' in error ? (error.issues ?? []) : [],
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function badResponse(path: string, code: string): { ok: false; failure: PlatformFailure } {
  return { ok: false, failure: { kind: 'bad-response', issues: [{ path, code }] } };
}

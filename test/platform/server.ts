import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { signCatalogue } from '../../shared/catalogue/signed';
import type { SignedCatalogue, TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { CanonicalJson } from '../../shared/crypto/canonical';
import { createVerifiers } from '../../shared/crypto/providers';
import { MAX_BUNDLE_BYTES } from '../../shared/platform/bundle';
import { MAX_BODY_BYTES } from '../../shared/platform/limits';
import {
  PLATFORM_EXCHANGES,
  parseRequest,
  parseResponse,
  platformExchanges,
} from '../../shared/platform/messages';
import type { PlatformExchange, PlatformRequest } from '../../shared/platform/messages';
import {
  BUNDLE_ROUTE,
  PLATFORM_ROUTES,
  RETRY_AFTER_HEADER,
  VERIFY_PAGE_ROUTE,
} from '../../shared/platform/routes';
import { VerifyRequestSchema } from '../../shared/platform/verify';
import { PLATFORM_INTERFACE_VERSION } from '../../shared/platform/version';
import { platformState } from './admin';
import { registerAdminRoutes } from './admin-routes';
import type { PlatformState } from './admin';
import { authenticate, newToken } from './auth';
import { createCentralChange } from './central';
import type { CentralResult } from './central';
import { KeyedLock, errorAnswer, refuse } from './context';
import { registerCors } from './cors';
import type { AllowedOrigins } from './cors';
import type { Answer, DeviceRow, PlatformContext } from './context';
import { SnapshotIssuer } from './credit-register';
import { databaseDigest, openDatabase } from './db';
import type { Db } from './db';
import { FaultInjector } from './faults';
import { LOOPBACK_HOSTS, adminTokenMatches, registerDoors } from './guard';
import { rateLimitedAnswer, registerRateLimit } from './rate-limit';
import type { RateLimit } from './rate-limit';
import { decodeBody, drop, send, sleep } from './http';
import type { FaultConfig, FaultConfigInput, InjectedFault } from './faults';
import { importBundle } from './handlers/bundle';
import { receiptsFor } from './handlers/receipts';
import type { ReceiptsAnswer } from './handlers/receipts';
import { catalogue } from './handlers/catalogue';
import { creditCheck, creditSnapshot } from './handlers/credit';
import { enrol } from './handlers/enrol';
import { publicQuery } from './handlers/public-query';
import { hallStats } from './handlers/hall-stats';
import { pull } from './handlers/pull';
import { push } from './handlers/push';
import { loadOrCreateCa } from './ca';
import { declareLoss } from './handlers/declare-loss';
import { rotateKey } from './handlers/key-rotation';
import { letterTimestamp } from './handlers/letter-timestamp';
import { uploadEvidence } from './handlers/evidence';
import { archivedLetter, verifyAnswer, verifyLetter, verifyPage } from './handlers/verify';
import { loadOrCreateTsa } from './tsa';
import { loadOrCreateKeys, subtle } from './keys';
import type { PlatformKeyMaterial } from './keys';
import { demoCatalogue, seedDemo } from './seed';
import type { SeedOptions } from './seed';

/**
 * The reference platform: every exchange of shared/platform over HTTP (fastify) and SQLite
 * (better-sqlite3), on 127.0.0.1 only. Bodies are read as raw bytes, so that the size, the UTF-8
 * and the JSON are each refused with their own precise code before the shared parseRequest.
 */

export interface PlatformServerOptions {
  readonly dbPath: string;
  /** The platform key to store on first start (tests share one); default: a new key. */
  readonly keys?: PlatformKeyMaterial;
  readonly faults?: FaultConfigInput | null;
  readonly now?: () => Date;
  /** Demo data to seed; false: none. */
  readonly seed?: SeedOptions | false;
  /** Page origins that may call the device exchanges from a browser (cors.ts); default: none. */
  readonly allowOrigins?: AllowedOrigins;
  /** The admin routes' token (guard.ts); default: a new random one, in `adminToken`. */
  readonly adminToken?: string;
  /** Host names the `Host` header may carry (guard.ts); default: the loopback names. */
  readonly allowHosts?: readonly string[];
  /**
   * Requests per window, per enrolled device (its token) or else per address (limits.ts);
   * default: none, for tests and benchmarks that drive thousands of requests from one address.
   */
  readonly rateLimit?: RateLimit | false;
}

export interface PlatformServer {
  /** Listens on 127.0.0.1 (port 0: any free port); returns the base URL. */
  listen(port?: number): Promise<string>;
  readonly url: string;
  close(): Promise<void>;
  /** Closes the HTTP server and the database and opens both again on the same port. */
  restart(): Promise<void>;
  setFaults(config: FaultConfigInput | null): FaultConfig | null;
  readonly faultLog: readonly InjectedFault[];
  readonly trustedKey: TrustedCatalogueKey;
  /** The devices' CA root (PEM) that a device trusting this platform ships. */
  readonly rootCertificate: string;
  /** What the admin routes require in the `x-platform-admin-token` header. */
  readonly adminToken: string;
  readonly admin: {
    state(): PlatformState;
    /** A digest of all stored rows: unchanged means nothing was written. */
    digest(): string;
    createCentralChange(commitmentCode: string, event: unknown): Promise<CentralResult>;
    addEnrolmentCode(code: string, hallCode: string, expiresAt?: string | null): void;
    revokeDevice(deviceId: string): void;
    /** An offline bundle file, as the command line imports it: the push answer or a refusal. */
    importBundle(bytes: Uint8Array): Promise<Answer>;
    /** The signed receipts file for a device, to carry back to it (offline bundles' way back). */
    receipts(deviceId: string): Promise<ReceiptsAnswer>;
    readonly db: Db;
  };
}

/** Stands in for the device of exchanges that have none; no handler of those reads it. */
const ANONYMOUS: DeviceRow = {
  device_id: '',
  hall_code: '',
  division_code: '',
  slot: 0,
  window: '',
  key_alg: '',
  public_key: '',
  token_hash: '',
  app_version: '',
  enrolment_code: '',
  enrolled_at: '',
  revoked_at: null,
  head_seq: 0,
  head_hash: '',
};

export async function createPlatformServer(
  options: PlatformServerOptions,
): Promise<PlatformServer> {
  const now = options.now ?? (() => new Date());
  const db = openDatabase(options.dbPath);
  const keys = await loadOrCreateKeys(db, options.keys);
  const ca = await loadOrCreateCa(db, keys, now);
  const tsa = await loadOrCreateTsa(db, ca, now);
  const demo = demoCatalogue(now());
  if (options.seed !== false) seedDemo(db, demo, options.seed ?? {});
  const signed: SignedCatalogue = await signCatalogue(demo, keys.signer, keys.keyId);
  const ctx: PlatformContext = {
    db,
    keys,
    ca,
    tsa,
    verifiers: createVerifiers(subtle),
    now,
    catalogues: new Map([[demo.hall.code, signed]]),
    locks: new KeyedLock(),
  };
  const issuer = new SnapshotIssuer(keys, now);
  const adminToken = options.adminToken ?? newToken();
  const allowHosts = options.allowHosts ?? LOOPBACK_HOSTS;
  const faults = new FaultInjector();
  if (options.faults) faults.configure(options.faults);
  let closing = new AbortController();
  let app: FastifyInstance | null = null;
  let port = 0;
  let url = '';

  function reopenDatabase(): void {
    const old = ctx.db;
    ctx.db = openDatabase(options.dbPath);
    old.close();
  }

  type Handler<E extends PlatformExchange> = (
    request: PlatformRequest<E>,
    raw: CanonicalJson,
    device: DeviceRow,
  ) => Answer | Promise<Answer>;
  /** Enrolment and the public query have no device; their handlers ignore the argument. */
  const handlers: { readonly [E in PlatformExchange]: Handler<E> } = {
    enrol: (request) => enrol(ctx, request),
    'public-query': (request) => publicQuery(ctx, request),
    catalogue: (request, _raw, device) => catalogue(ctx, request, device),
    'credit-snapshot': (request) => creditSnapshot(ctx, issuer, request),
    'credit-check': (request) => creditCheck(ctx, request),
    push: (request, raw, device) => push(ctx, request, raw, device),
    'declare-loss': (request, _raw, device) => declareLoss(ctx, request, device),
    'rotate-key': (request, raw, device) => rotateKey(ctx, request, raw, device),
    pull: (request, _raw, device) => pull(ctx, request, device),
    'letter-timestamp': (request, _raw, device) => letterTimestamp(ctx, request, device),
    evidence: (request, _raw, device) => uploadEvidence(ctx, request, device),
    'archived-letter': (request, _raw, device) => archivedLetter(ctx, request, device),
    verify: (request) => verifyAnswer(ctx, request),
    'hall-stats': (request, _raw, device) => hallStats(ctx, request, device),
  };

  async function answerExchange<E extends PlatformExchange>(
    exchange: E,
    request: FastifyRequest,
  ): Promise<Answer> {
    let device: DeviceRow | null = null;
    if (PLATFORM_ROUTES[exchange].auth === 'device') {
      // Checked again: the device may have been revoked while its body was read.
      const auth = authenticate(ctx, request.headers.authorization);
      if (!auth.ok) return auth.answer;
      device = auth.device;
    }
    const body = request.body;
    const decoded = decodeBody(body);
    if (!decoded.ok) return decoded.answer;
    const parsed = parseRequest(exchange, decoded.json, Buffer.isBuffer(body) ? body.length : 0);
    if (!parsed.ok) return errorAnswer(parsed.error);
    if (device && (parsed.value as { deviceId?: string }).deviceId !== device.device_id) {
      return refuse('unauthorised', [{ path: 'deviceId', code: 'not-this-device' }]);
    }
    const handler: Handler<E> = handlers[exchange];
    const answer = await handler(parsed.value, decoded.json as CanonicalJson, device ?? ANONYMOUS);
    if (answer.status !== 200) return answer;
    const text = JSON.stringify(answer.body);
    const checked = parseResponse(exchange, answer.body, Buffer.byteLength(text));
    if (!checked.ok) {
      // A bug in this server, not the client's fault: never send what the schema refuses.
      return errorAnswer({ error: { ...checked.error.error, code: 'internal' } });
    }
    return answer;
  }

  async function onExchange(
    exchange: PlatformExchange,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const fault = faults.next(exchange);
    const settings = faults.settings;
    const retryAfter = { [RETRY_AFTER_HEADER]: String(settings?.retryAfterSeconds ?? 1) };
    const signal = closing.signal;
    switch (fault) {
      case 'status-500':
        return send(reply, refuse('internal'));
      case 'status-503':
        return send(reply, refuse('unavailable', undefined, retryAfter));
      case 'rate-limit':
        return send(reply, refuse('rate-limited', undefined, retryAfter));
      case 'reset':
        drop(request, reply);
        return undefined;
      case 'hang':
        await sleep(settings?.hangMs ?? 0, signal);
        drop(request, reply);
        return undefined;
      case 'restart':
        drop(request, reply);
        reopenDatabase();
        return undefined;
      case 'delay':
        await sleep(settings?.delayMs ?? 0, signal);
        break;
      case 'reorder':
        await faults.holdUntilNext();
        break;
      default:
        break;
    }
    let answer = await safely(() => answerExchange(exchange, request));
    if (fault === 'duplicate') answer = await safely(() => answerExchange(exchange, request));
    if (fault !== 'reorder') faults.releaseHeld();
    if (fault === 'lost-response') {
      drop(request, reply);
      return undefined;
    }
    return send(reply, answer);
  }

  /** The carrier authenticates as any enrolled device; the bundle's signature names its maker. */
  async function onBundle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const answer = await safely(async () => {
      const auth = authenticate(ctx, request.headers.authorization);
      if (!auth.ok) return auth.answer;
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return refuse('malformed', [{ path: '', code: 'empty-body' }]);
      }
      return importBundle(ctx, body);
    });
    return send(reply, answer);
  }

  /** The QR code's page: the verify exchange as a GET; HTML unless JSON is asked for. */
  async function onVerifyPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const params = request.params as { recordId?: unknown; documentHash?: unknown };
    const parsed = VerifyRequestSchema.safeParse({
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      recordId: params.recordId,
      documentHash: params.documentHash,
    });
    if (!parsed.success)
      return send(reply, refuse('malformed', [{ path: 'url', code: 'not-a-verify-url' }]));
    const answer = await safely(() => Promise.resolve(verifyAnswer(ctx, parsed.data)));
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    if (answer.status !== 200 || wantsJson) return send(reply, answer);
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(verifyPage(verifyLetter(ctx, parsed.data)));
  }

  async function safely(task: () => Promise<Answer>): Promise<Answer> {
    try {
      return await task();
    } catch {
      return refuse('internal');
    }
  }

  const admin: PlatformServer['admin'] = {
    state: () => platformState(ctx.db),
    digest: () => databaseDigest(ctx.db),
    createCentralChange: (commitmentCode, event) => createCentralChange(ctx, commitmentCode, event),
    addEnrolmentCode: (code, hallCode, expiresAt = null) => {
      ctx.db
        .prepare('INSERT INTO enrolment_codes (code, hall_code, expires_at) VALUES (?, ?, ?)')
        .run(code, hallCode, expiresAt);
    },
    revokeDevice: (deviceId) => {
      ctx.db
        .prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ?')
        .run(now().toISOString(), deviceId);
    },
    importBundle: (bytes) => safely(() => importBundle(ctx, bytes)),
    receipts: (deviceId) => receiptsFor(ctx, deviceId),
    get db() {
      return ctx.db;
    },
  };

  /**
   * Refuses a device route's caller without a valid token before its body is read (after the
   * rate limit has counted it, which runs on request).
   */
  async function credentialsFirst(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: RequestPayload,
  ): Promise<RequestPayload | FastifyReply> {
    const auth = authenticate(ctx, request.headers.authorization);
    return auth.ok ? payload : send(reply, auth.answer);
  }

  async function buildApp(): Promise<FastifyInstance> {
    const instance = Fastify({
      logger: false,
      bodyLimit: MAX_BODY_BYTES,
      forceCloseConnections: true,
    });
    registerDoors(instance, allowHosts, () => port);
    if (options.rateLimit) {
      await registerRateLimit(instance, options.rateLimit, {
        deviceOf: (header) => {
          const auth = authenticate(ctx, header);
          return auth.ok ? auth.device.device_id : null;
        },
        isAdmin: (request) => adminTokenMatches(request, adminToken),
      });
    }
    if (options.allowOrigins) registerCors(instance, options.allowOrigins);
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    instance.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return send(reply, refuse('too-large'));
      if (status === 429) return send(reply, rateLimitedAnswer(error));
      if (status >= 400 && status < 500) {
        return send(reply, refuse('malformed', [{ path: '', code: error.code ?? 'bad-request' }]));
      }
      return send(reply, refuse('internal'));
    });
    instance.setNotFoundHandler((_request, reply) => send(reply, refuse('not-found')));
    for (const exchange of PLATFORM_EXCHANGES) {
      const route = PLATFORM_ROUTES[exchange];
      instance.route({
        method: route.method,
        url: route.path,
        // Per route: enrolment and the other small requests are refused past a few kilobytes.
        bodyLimit: platformExchanges[exchange].maxRequestBytes,
        ...(route.auth === 'device' ? { preParsing: credentialsFirst } : {}),
        handler: (request, reply) => onExchange(exchange, request, reply),
      });
    }
    instance.route({
      method: BUNDLE_ROUTE.method,
      url: BUNDLE_ROUTE.path,
      bodyLimit: MAX_BUNDLE_BYTES,
      preParsing: credentialsFirst,
      handler: (request, reply) => onBundle(request, reply),
    });
    instance.route({
      method: VERIFY_PAGE_ROUTE.method,
      url: VERIFY_PAGE_ROUTE.path,
      handler: (request, reply) => onVerifyPage(request, reply),
    });
    registerAdminRoutes(instance, admin, faults, adminToken);
    return instance;
  }

  async function listen(wanted = 0): Promise<string> {
    closing = new AbortController();
    const instance = await buildApp();
    app = instance;
    await instance.listen({ host: '127.0.0.1', port: wanted });
    const address = instance.server.address();
    port = typeof address === 'object' && address ? address.port : wanted;
    url = `http://127.0.0.1:${port}`;
    return url;
  }

  async function closeHttp(): Promise<void> {
    closing.abort();
    faults.releaseHeld();
    await app?.close();
    app = null;
  }

  return {
    listen,
    get url() {
      return url;
    },
    async close() {
      await closeHttp();
      ctx.db.close();
    },
    async restart() {
      await closeHttp();
      reopenDatabase();
      await listen(port);
    },
    setFaults: (config) => faults.configure(config),
    get faultLog() {
      return faults.log;
    },
    trustedKey: { keyId: keys.keyId, key: keys.publicKey },
    rootCertificate: ca.rootPem,
    adminToken,
    admin,
  };
}

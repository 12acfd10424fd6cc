import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema } from '../../shared/platform/errors';
import { PLATFORM_EXCHANGES, parseRequest } from '../../shared/platform/messages';
import type { PlatformExchange } from '../../shared/platform/messages';
import { BUNDLE_ROUTE, PLATFORM_ROUTES } from '../../shared/platform/routes';
import { PLATFORM_INTERFACE_VERSION } from '../../shared/platform/version';
import { ADMIN_TOKEN_HEADER } from '../platform/guard';
import { createPlatformServer } from '../platform/server';
import type { PlatformServer } from '../platform/server';
import { TestDevice, validExchangeBodies } from '../unit/platform/helpers';

/**
 * A seeded fuzzer of every route of the reference platform: the device exchanges, the bundle
 * import, the admin routes and paths that do not exist, with hostile bodies (mutated messages,
 * JSON nested thousands deep, bytes that are not UTF-8, sizes past each limit) and hostile headers
 * (foreign Host, wrong Content-Type, made-up, other devices' and wrong admin tokens). It checks
 * that no answer is a 5xx or a dropped connection, that every refusal is the interface's error
 * body, and that not one stored row changed. The same seed sends the same inputs.
 */

export interface FuzzReport {
  readonly seed: number;
  /** Requests sent. */
  readonly requests: number;
  /** Mutated messages that still parsed, so were not sent (they could rightly change data). */
  readonly skippedValid: number;
  readonly statuses: ReadonlyMap<number, number>;
  readonly serverErrors: number;
  readonly dropped: number;
  /** Answers that were not an error body (a refusal must always be one). */
  readonly badBodies: number;
  /** Whether any stored row changed (a digest of every table before and after). */
  readonly storedChanged: boolean;
  readonly byRoute: ReadonlyMap<string, number>;
  readonly failures: readonly string[];
  readonly ms: number;
}

/** mulberry32: small, fast and seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Target {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly exchange?: PlatformExchange;
  readonly admin?: boolean;
  readonly device?: boolean;
}

const TARGETS: readonly Target[] = [
  ...PLATFORM_EXCHANGES.map((exchange): Target => ({
    method: 'POST',
    path: PLATFORM_ROUTES[exchange].path,
    exchange,
    device: PLATFORM_ROUTES[exchange].auth === 'device',
  })),
  { method: 'POST', path: BUNDLE_ROUTE.path, device: true },
  { method: 'GET', path: '/admin/state', admin: true },
  { method: 'GET', path: '/admin/faults', admin: true },
  { method: 'PUT', path: '/admin/faults', admin: true },
  { method: 'POST', path: '/admin/central-changes', admin: true },
  { method: 'POST', path: '/admin/bundles', admin: true },
  { method: 'GET', path: '/admin/receipts/130102-01.01', admin: true },
  { method: 'POST', path: '/admin/enrolment-codes', admin: true },
  // The letter's QR code page: a well-formed URL of no record, and one that is no verify URL.
  { method: 'GET', path: `/v/no-such-record/${'c'.repeat(64)}` },
  { method: 'GET', path: '/v/x/not-a-hash' },
  { method: 'POST', path: '/v1/nowhere' },
  { method: 'GET', path: '/v1/push' },
];

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? // Not value.map: a fuzzed 'constructor' key on the array would break Symbol.species.
      Array.from({ length: value.length }, (_, i) => [i, value[i] as unknown] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

const HOSTILE_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x'.repeat(5_000),
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  [],
  {},
  [[[[[]]]]],
  { __proto__: { polluted: true } },
  true,
  '2026-02-30T25:61:00+08:00',
  '130102-01.01',
];

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  'interfaceVersion',
  'x'.repeat(300),
];

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
}

export async function fuzzPlatform(options: FuzzOptions): Promise<FuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-fuzz-'));
  const server: PlatformServer = await createPlatformServer({
    dbPath: join(dir, 'platform.db'),
    allowOrigins: 'loopback',
  });
  try {
    const url = await server.listen(0);
    const platform = { server, url };
    const device = await TestDevice.enrolNew({ ...platform, dbPath: '', stop: async () => {} });
    const other = await TestDevice.enrolNew({ ...platform, dbPath: '', stop: async () => {} });
    const event = await device.signRecord('fuzz-record');
    const V = PLATFORM_INTERFACE_VERSION;
    const valid = validExchangeBodies(device, event);
    const adminBodies: Record<string, unknown> = {
      '/admin/faults': { seed: 1, schedule: { '1': 'status-500' } },
      '/admin/central-changes': { commitmentCode: 'x', event: { type: 'x', payload: {} } },
      '/admin/enrolment-codes': { code: 'FUZZCODE0001', hallCode: '130102-01' },
      '/admin/bundles': { format: 'bundle' },
    };
    const before = server.admin.digest();
    const tablesBefore = tableCounts(server);
    const port = Number(new URL(url).port);
    const random = rng(options.seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const int = (n: number) => Math.floor(random() * n);

    // A copy each time: a shared array mutated in place could end up containing itself.
    const hostile = (): unknown => structuredClone(pick(HOSTILE_VALUES));

    function mutate(base: unknown): unknown {
      let root: unknown = structuredClone(base);
      const steps = 1 + int(3);
      for (let i = 0; i < steps; i += 1) {
        const paths: Path[] = [[], ...pathsOf(root)];
        const path = pick(paths);
        if (path.length === 0) {
          if (random() < 0.3) root = hostile();
          continue;
        }
        let parent = root as Record<string | number, unknown>;
        for (const key of path.slice(0, -1))
          parent = parent[key] as Record<string | number, unknown>;
        const last = path[path.length - 1] as string | number;
        const op = int(3);
        if (op === 0) Reflect.deleteProperty(parent, last);
        else if (op === 1) parent[last] = hostile();
        else if (typeof parent[last] === 'object' && parent[last] !== null) {
          Object.defineProperty(parent[last], pick(HOSTILE_KEYS), {
            value: hostile(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return root;
    }

    const deep = (levels: number) =>
      random() < 0.5
        ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
        : `${'['.repeat(levels)}${']'.repeat(levels)}`;

    /** One input: the body and the headers, or null when a mutation left a valid message. */
    function input(
      target: Target,
    ): { body?: Uint8Array | string; headers: Record<string, string> } | null {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      // Credentials: the right device, another device, made up, none; never the admin token.
      const cred = int(6);
      if (target.device || target.admin) {
        if (cred <= 2 && target.device) headers.authorization = `Bearer ${device.token}`;
        else if (cred === 3) headers.authorization = `Bearer ${other.token}`;
        else if (cred === 4) headers.authorization = `Bearer ${'A'.repeat(43)}`;
      }
      if (target.admin && random() < 0.7) {
        headers[ADMIN_TOKEN_HEADER] = pick([
          '',
          'admin',
          `${server.adminToken.slice(0, -1)}x`,
          server.adminToken.slice(1),
          'x'.repeat(4_096),
        ]);
      }
      const headerAttack = int(10);
      if (headerAttack === 0)
        headers.host = pick([
          'attacker.example',
          `attacker.example:${port}`,
          `127.0.0.1:${port + 1}`,
          `localhost.attacker.example:${port}`,
        ]);
      else if (headerAttack === 1)
        headers['content-type'] = pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonp',
          '',
        ]);
      else if (headerAttack === 2)
        headers.origin = pick(['https://attacker.example', 'null', 'http://127.0.0.1:4173']);
      if (target.method === 'GET') return { headers };
      const kind = int(10);
      if (kind <= 3 && target.exchange) {
        const text = JSON.stringify(mutate(valid[target.exchange])) ?? 'null';
        const parsed = parseRequest(target.exchange, JSON.parse(text), Buffer.byteLength(text));
        // A message that still parses is sent only where the headers get it refused anyway.
        const refusedAnyway =
          headerAttack <= 1 ||
          (target.device === true && headers.authorization !== `Bearer ${device.token}`);
        if (parsed.ok && !refusedAnyway) return null;
        return { body: text, headers };
      }
      if (kind <= 3) {
        const base = adminBodies[target.path] ?? { interfaceVersion: V };
        return { body: JSON.stringify(mutate(base)) ?? 'null', headers };
      }
      if (kind === 4 && target.exchange === 'push' && random() < 0.7) {
        // Deep inside an otherwise sound message, where the schema lets any JSON through.
        const text = JSON.stringify(valid.push).replace(
          '"payload":{',
          `"payload":{"deep":${deep(65 + int(20_000))},`,
        );
        return { body: text, headers };
      }
      if (kind === 4) return { body: deep(65 + int(20_000)), headers };
      if (kind === 5) {
        const bytes = new Uint8Array(1 + int(256));
        for (let i = 0; i < bytes.length; i += 1) bytes[i] = int(256);
        return { body: bytes, headers };
      }
      if (kind === 6) {
        return {
          body: pick([
            '',
            '{',
            '{"a":1',
            'nul',
            '"\\ud800"',
            '{"a":1,"a":2}',
            '1e999999',
            '[]',
            '{}',
            '\ufeff{}',
          ]),
          headers,
        };
      }
      if (kind === 7) {
        // Past the route's limit, or just under the largest one.
        const size = pick([9 * 1024, 70 * 1024, 1024 * 1024]);
        return { body: `{"interfaceVersion":${V},"pad":"${'x'.repeat(size)}"}`, headers };
      }
      if (kind === 8) {
        const wide = Array.from({ length: 1 + int(5_000) }, (_, i) => `"k${i}":${i}`).join(',');
        return { body: `{${wide}}`, headers };
      }
      // Strings full of escapes and brackets that must not count as nesting.
      return {
        body: JSON.stringify({ interfaceVersion: V, s: '[{\\"'.repeat(1 + int(2_000)) }),
        headers,
      };
    }

    const statuses = new Map<number, number>();
    const byRoute = new Map<string, number>();
    const failures: string[] = [];
    let requests = 0;
    let skippedValid = 0;
    let serverErrors = 0;
    let dropped = 0;
    let badBodies = 0;
    let attempts = 0;
    const started = performance.now();
    const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 8 });

    async function one(): Promise<void> {
      while (requests < options.count && attempts < options.count * 3) {
        attempts += 1;
        const target = pick(TARGETS);
        const made = input(target);
        if (made === null) {
          skippedValid += 1;
          continue;
        }
        requests += 1;
        byRoute.set(target.path, (byRoute.get(target.path) ?? 0) + 1);
        const label = `#${requests} ${target.method} ${target.path}`;
        let status: number;
        let text: string;
        try {
          ({ status, text } = await send(port, agent, target, made.headers, made.body));
        } catch (error) {
          dropped += 1;
          if (failures.length < 20) failures.push(`${label}: dropped (${String(error)})`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) {
          serverErrors += 1;
          if (failures.length < 20) failures.push(`${label}: ${status} ${text.slice(0, 200)}`);
        }
        if (status >= 400) {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          const body = ErrorBodySchema.safeParse(json);
          const adminError =
            typeof json === 'object' &&
            json !== null &&
            typeof (json as { error?: unknown }).error === 'string';
          if (!body.success && !adminError) {
            badBodies += 1;
            if (failures.length < 20)
              failures.push(`${label}: ${status} not an error body: ${text.slice(0, 200)}`);
          }
        }
      }
    }
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => one()));
    const ms = performance.now() - started;
    agent.destroy();
    const storedChanged = server.admin.digest() !== before;
    if (storedChanged) {
      const after = tableCounts(server);
      const changed = [...after].filter(([t, n]) => tablesBefore.get(t) !== n).map(([t]) => t);
      failures.push(`stored data changed (row counts changed in: ${changed.join(', ') || 'none'})`);
    }
    return {
      seed: options.seed,
      requests,
      skippedValid,
      statuses,
      serverErrors,
      dropped,
      badBodies,
      storedChanged,
      byRoute,
      failures,
      ms,
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** node:http rather than fetch, which would replace a hostile Host header with the real one. */
function send(
  port: number,
  agent: Agent,
  target: Target,
  headers: Record<string, string>,
  body: Uint8Array | string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: target.method,
        path: target.path,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function tableCounts(server: PlatformServer): Map<string, number> {
  const db = server.admin.db;
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    )
    .all();
  return new Map(
    tables.map(({ name }) => [
      name,
      db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`).get()?.n ?? 0,
    ]),
  );
}

export function summary(report: FuzzReport): string {
  const statuses = [...report.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  return (
    `platform fuzz (seed ${report.seed}): ${report.requests} requests over ${report.byRoute.size} routes ` +
    `in ${(report.ms / 1000).toFixed(1)} s; statuses ${statuses}; ` +
    `5xx ${report.serverErrors}, dropped ${report.dropped}, non-error bodies ${report.badBodies}, ` +
    `stored changes ${report.storedChanged ? 'YES' : 0} ` +
    `(${report.skippedValid} mutations still valid, not sent)`
  );
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../shared/platform/errors';
import { MAX_BODY_BYTES } from '../../../shared/platform/limits';
import { PLATFORM_EXCHANGES, parseRequest } from '../../../shared/platform/messages';
import type { PlatformExchange } from '../../../shared/platform/messages';
import { PLATFORM_ERROR_STATUS, PLATFORM_ROUTES } from '../../../shared/platform/routes';
import { TestDevice, post, startPlatform, validExchangeBodies } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * Every endpoint against malformed, oversized and unauthorised input: always the precise 4xx the
 * shared parser names for that input, never a 5xx or a dropped connection, and not one stored row
 * changed. Runs are bounded so the file stays fast; seeds are fixed so a failure replays.
 */

const MUTATION_RUNS = 200;
const RAW_RUNS = 100;
const UNAUTHORISED_RUNS = 50;

let platform: TestPlatform;
let device: TestDevice;
let other: TestDevice;
let valid: Record<PlatformExchange, Record<string, unknown>>;
let digest: string;
const tally = { requests: 0, statuses: new Map<number, number>() };

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
  other = await TestDevice.enrolNew(platform);
  const event = await device.signRecord('fuzz-1');
  valid = validExchangeBodies(device, event);
  digest = platform.server.admin.digest();
});

afterAll(async () => {
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.info(`fuzz: ${tally.requests} requests, statuses ${statuses.join(' ')}`);
  await platform.stop();
});

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

type Mutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly op: 'extra'; readonly at: number; readonly key: string; readonly value: unknown };

const mutationArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({
      op: fc.constant('replace' as const),
      at: fc.nat(),
      value: fc.jsonValue({ maxDepth: 2 }),
    }),
    fc.record({
      op: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
      value: fc.jsonValue({ maxDepth: 1 }),
    }),
  ),
  { minLength: 1, maxLength: 3 },
);

function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const m of mutations) {
    const paths: Path[] = [[], ...pathsOf(root)];
    const path = paths[m.at % paths.length] ?? [];
    if (path.length === 0) {
      if (m.op === 'replace') root = m.value;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (m.op === 'delete') Reflect.deleteProperty(parent, last);
    else if (m.op === 'replace') parent[last] = m.value;
    else if (typeof parent[last] === 'object' && parent[last] !== null) {
      Object.defineProperty(parent[last], m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

async function send(
  exchange: PlatformExchange,
  body: string | Uint8Array<ArrayBuffer>,
  token?: string,
) {
  const response = await fetch(`${platform.url}${PLATFORM_ROUTES[exchange].path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  tally.requests += 1;
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  return { status: response.status, json: JSON.parse(text) as unknown };
}

const tokenFor = (exchange: PlatformExchange) =>
  PLATFORM_ROUTES[exchange].auth === 'device' ? device.token : undefined;

/** What the server must answer for a body it can read as JSON: the shared parser's own refusal. */
function expectedFor(exchange: PlatformExchange, text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  return parseRequest(exchange, json, Buffer.byteLength(text));
}

describe.each(PLATFORM_EXCHANGES)('fuzzing %s', (exchange) => {
  it('answers every malformed body with exactly the shared parser’s error', async () => {
    await fc.assert(
      fc.asyncProperty(mutationArb, async (mutations) => {
        const text = JSON.stringify(mutate(valid[exchange], mutations)) ?? 'null';
        const expected = expectedFor(exchange, text);
        fc.pre(expected !== null && !expected.ok);
        const reply = await send(exchange, text, tokenFor(exchange));
        if (expected === null || expected.ok) return;
        expect(reply.json).toEqual(expected.error);
        expect(reply.status).toBe(PLATFORM_ERROR_STATUS[expected.error.error.code]);
      }),
      { numRuns: MUTATION_RUNS, seed: 20_260_315 },
    );
  });

  it('answers bytes that are not JSON, or not UTF-8, with malformed', async () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 64 }).map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (bytes) => {
        const reply = await send(exchange, new Uint8Array(bytes), tokenFor(exchange));
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
        const body = ErrorBodySchema.parse(reply.json);
        let text: string | null = null;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          expect(body).toEqual({
            error: { code: 'malformed', issues: [{ path: '', code: 'invalid-utf8' }] },
          });
          return;
        }
        const expected = expectedFor(exchange, text);
        if (expected === null) {
          const code = bytes.length === 0 ? 'empty-body' : 'invalid-json';
          expect(body).toEqual({ error: { code: 'malformed', issues: [{ path: '', code }] } });
        } else if (!expected.ok) {
          expect(body).toEqual(expected.error);
        }
      }),
      { numRuns: RAW_RUNS, seed: 8_787 },
    );
  });

  it('refuses a body over the limit as too-large before reading it', async () => {
    const huge = `{"interfaceVersion":1,"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
    const reply = await send(exchange, huge, tokenFor(exchange));
    expect(reply).toEqual({ status: 413, json: { error: { code: 'too-large' } } });
  });
});

const DEVICE_EXCHANGES = PLATFORM_EXCHANGES.filter((e) => PLATFORM_ROUTES[e].auth === 'device');

describe.each(DEVICE_EXCHANGES)('fuzzing credentials of %s', (exchange) => {
  it('answers missing, unknown and other devices’ credentials with unauthorised', async () => {
    const token = fc.oneof(
      fc.constant(undefined),
      fc.string({ minLength: 1, maxLength: 80 }).filter((t) => /^[\x21-\x7e]+$/.test(t)),
      fc.constant('other'),
    );
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        const reply = await send(
          exchange,
          JSON.stringify(valid[exchange]),
          t === 'other' ? other.token : t,
        );
        expect(reply.status).toBe(401);
        expect(ErrorBodySchema.parse(reply.json).error.code).toBe('unauthorised');
      }),
      { numRuns: UNAUTHORISED_RUNS, seed: 401 },
    );
  });
});

describe('after fuzzing', () => {
  it('holds exactly the rows it held before, and still serves', async () => {
    expect(platform.server.admin.digest()).toBe(digest);
    expect([...tally.statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    const reply = await post(platform.url, PLATFORM_ROUTES.catalogue.path, valid.catalogue, {
      token: device.token,
    });
    expect(reply.status).toBe(200);
  });
});

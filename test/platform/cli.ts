import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_BUNDLE_BYTES } from '../../shared/platform/bundle';
import { PushResponseSchema } from '../../shared/platform/push';
import type { RecordEvent } from '../../shared/record/events';
import { FINDING_KINDS, demoFinding, DEMO_ORGAN } from './central';
import type { FindingKind } from './central';
import { openDatabase } from './db';
import { demoKeyMaterial } from './demo-key';
import { FaultConfigSchema } from './faults';
import { loadOrCreateKeys } from './keys';
import { deviceReconciliation, reconciliationLines } from './reconciliation';
import { DEMO_ENROLMENT_CODES, DEMO_HALL, DEMO_REGISTER } from './seed';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { createPlatformServer } from './server';
import type { PlatformServer, PlatformServerOptions } from './server';

/**
 * The reference platform from the command line:
 *   serve  --port 8787 --db <file> [--faults '<json>'] [--demo-key] [--admin-token <token>]
 *                                listen on 127.0.0.1, seed the demo data; --demo-key: sign with the
 *                                committed DEMO key (demo-platform-key.json) that the app ships as
 *                                trusted, instead of a key made at first start (a fresh --db only).
 *                                The admin routes need the admin token in x-platform-admin-token:
 *                                --admin-token, else $PLATFORM_ADMIN_TOKEN, else a new one printed
 *   list   --db <file>                                    what the platform holds
 *   finding --db <file> --record <commitment code> --status kept|partly-kept|broken|revoked|false-commitment
 *   repair  --db <file> --record <commitment code>        the repair of a broken record completed
 *   objection --db <file> --record <code> [--target commitment|fulfilment]
 *   objection-result --db <file> --record <code> --result kept|withdrawn
 *   import  --db <file> <bundle file>                   an offline bundle carried from a device
 *   receipts --db <file> --device <id> --out <file>     the signed receipts file to carry back
 *   repair-revoked --db <file> --record <code>         a repair undone: its repair commitment broken
 *   reconciliation --db <file> --device <id>          the device's chain seq by seq: received,
 *                                refused, declared lost (issue 13), gaps nobody declared (exit 1)
 */

const DEFAULT_DB = 'test-results/platform/platform.db';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8787' },
    db: { type: 'string', default: DEFAULT_DB },
    faults: { type: 'string' },
    record: { type: 'string' },
    status: { type: 'string' },
    target: { type: 'string', default: 'fulfilment' },
    result: { type: 'string' },
    'demo-key': { type: 'boolean', default: false },
    device: { type: 'string' },
    out: { type: 'string' },
    'admin-token': { type: 'string' },
  },
});

/** Printable ASCII without spaces, long enough not to be guessed. */
const AdminTokenSchema = z.string().regex(/^[\x21-\x7e]{16,256}$/);

function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Serving seeds the demo data; the admin commands only read and add to what is there. */
function open(options: Omit<PlatformServerOptions, 'dbPath'>): Promise<PlatformServer> {
  mkdirSync(dirname(values.db), { recursive: true });
  return createPlatformServer({ dbPath: values.db, ...options });
}

async function serve(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${values.port}`);
  const faults = values.faults ? FaultConfigSchema.parse(JSON.parse(values.faults)) : null;
  const keys = values['demo-key'] ? demoKeyMaterial() : undefined;
  const given = values['admin-token'] ?? process.env.PLATFORM_ADMIN_TOKEN;
  const adminToken = given === undefined ? undefined : AdminTokenSchema.safeParse(given);
  if (adminToken && !adminToken.success)
    fail('admin token: 16-256 printable characters, no spaces');
  // The app's pages (web mode, the desktop app) call it from their own origin on this machine.
  const server = await open({
    faults,
    allowOrigins: 'loopback',
    rateLimit: DEFAULT_RATE_LIMIT,
    ...(keys ? { keys } : {}),
    ...(adminToken?.success ? { adminToken: adminToken.data } : {}),
  });
  if (keys) {
    // A database made earlier keeps the key it was made with: the app would not trust it.
    const demo = await demoKeyId();
    if (server.trustedKey.keyId !== demo) {
      await server.close();
      fail(
        `--demo-key: ${values.db} already holds key ${server.trustedKey.keyId}; use a fresh --db`,
      );
    }
  }
  const url = await server.listen(port);
  console.log(`reference platform on ${url} (database ${values.db})`);
  console.log(`platform key: ${server.trustedKey.keyId} ${server.trustedKey.key.publicKey}`);
  console.log(
    adminToken
      ? 'admin token: as given (header x-platform-admin-token)'
      : `admin token: ${server.adminToken} (header x-platform-admin-token)`,
  );
  console.log(`demo hall: ${DEMO_HALL}`);
  const unused = new Set(
    server.admin
      .state()
      .enrolmentCodes.filter((c) => !c.usedBy)
      .map((c) => c.code),
  );
  console.log('enrolment codes (unused):');
  for (const code of DEMO_ENROLMENT_CODES.filter((c) => unused.has(c))) console.log(`  ${code}`);
  console.log('credit register:');
  for (const e of DEMO_REGISTER)
    console.log(`  ${e.status.padEnd(10)} ${e.idType.padEnd(11)} ${e.identifier}  ${e.name}`);
  if (faults) console.log(`fault mode: ${JSON.stringify(faults)}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The key id the demo key pair gets, worked out on a throwaway in-memory database. */
async function demoKeyId(): Promise<string> {
  const scratch = openDatabase(':memory:');
  try {
    return (await loadOrCreateKeys(scratch, demoKeyMaterial())).keyId;
  } finally {
    scratch.close();
  }
}

async function list(): Promise<void> {
  const server = await open({ seed: false });
  const state = server.admin.state();
  console.log(`devices (${state.devices.length}):`);
  for (const d of state.devices) {
    console.log(
      `  ${d.deviceId.padEnd(16)} window ${d.window.padEnd(6)} slot ${String(d.slot).padStart(2)} ` +
        `events ${String(d.events).padStart(6)} head ${d.head.seq}:${d.head.hash.slice(0, 12)}` +
        (d.revoked ? ' REVOKED' : ''),
    );
  }
  console.log(`rejected events (${state.rejected.length}):`);
  for (const r of state.rejected)
    console.log(`  ${r.eventId.padEnd(24)} ${r.code} ${r.detail ?? ''}`);
  console.log(`records: ${state.records}, central changes: ${state.centralChanges}`);
  console.log('enrolment codes:');
  for (const c of state.enrolmentCodes)
    console.log(`  ${c.code} ${c.hallCode} ${c.usedBy ?? 'unused'}`);
  console.log('credit register:');
  for (const e of state.register) {
    console.log(
      `  ${e.status.padEnd(10)} ${(e.derived ?? '-').padEnd(10)} ${e.identifier} ${e.name}`,
    );
  }
  await server.close();
}

function centralEvent(command: string): RecordEvent {
  const date = today();
  switch (command) {
    case 'finding': {
      const status = values.status as FindingKind | undefined;
      if (!status || !FINDING_KINDS.includes(status)) fail(`--status ${FINDING_KINDS.join('|')}`);
      return demoFinding(status, date);
    }
    case 'repair':
      return {
        type: 'repair.completed',
        payload: {
          completedOn: date,
          steps: ['rectification', 'credit-report'],
          decidedBy: DEMO_ORGAN,
        },
      };
    case 'repair-revoked':
      return {
        type: 'repair.revoked',
        payload: { revokedOn: date, reason: '演示：违反信用修复承诺', decidedBy: DEMO_ORGAN },
      };
    case 'objection': {
      const target = values.target === 'commitment' ? 'commitment' : 'fulfilment';
      const deadline = new Date(Date.parse(`${date}T00:00:00Z`) + 15 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return {
        type: 'objection.filed',
        payload: {
          target,
          grounds: '演示：申请人对公示信息提出异议',
          filedOn: date,
          deadlineDays: 15,
          deadline,
        },
      };
    }
    default: {
      const result = values.result;
      if (result !== 'kept' && result !== 'withdrawn') fail('--result kept|withdrawn');
      return {
        type: 'objection.resolved',
        payload: { result, resolvedOn: date, resolvedBy: DEMO_ORGAN },
      };
    }
  }
}

async function central(command: string): Promise<void> {
  if (!values.record) fail('--record <commitment code>');
  const event = centralEvent(command);
  const server = await open({ seed: false });
  const result = await server.admin.createCentralChange(values.record, event);
  await server.close();
  if (!result.ok) fail(`refused: ${result.error}`);
  console.log(`central change ${result.change.changeId}: ${event.type} on ${values.record}`);
}

/** Prints the push answer (JSON) and a one-line count; exit 1 when the platform refused it. */
async function importFile(file: string | undefined): Promise<void> {
  if (!file) fail('import <bundle file>');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    fail(`cannot read ${file}`);
  }
  // Refused before reading, as the HTTP route refuses an oversized body.
  if (size > MAX_BUNDLE_BYTES) fail(`refused: too-large (${size} bytes)`);
  const server = await open({ seed: false });
  const answer = await server.admin.importBundle(readFileSync(file));
  await server.close();
  console.log(JSON.stringify(answer.body, null, 2));
  const response = PushResponseSchema.safeParse(answer.body);
  if (answer.status !== 200 || !response.success) {
    console.error(`refused (HTTP ${answer.status})`);
    process.exit(1);
  }
  const count = (kind: string) => response.data.verdicts.filter((v) => v.verdict === kind).length;
  console.log(
    `batch ${response.data.batchId}: ${count('accepted')} accepted, ` +
      `${count('duplicate')} duplicate, ${count('rejected')} rejected`,
  );
}

/** Writes the device's receipts file; exit 1 when the platform has nothing for it. */
async function receiptsFile(): Promise<void> {
  if (!values.device || !values.out) fail('receipts --device <id> --out <file>');
  const server = await open({ seed: false });
  const answer = await server.admin.receipts(values.device);
  await server.close();
  if (!answer.ok) {
    console.error(`refused: ${answer.error}`);
    process.exit(1);
  }
  writeFileSync(values.out, answer.bytes);
  console.log(`${answer.verdicts} verdicts for ${values.device} written to ${values.out}`);
}

/** Prints what the platform holds of one device's chain; exit 1 on a gap nobody declared. */
async function reconciliation(): Promise<void> {
  const deviceId = values.device;
  if (!deviceId) fail('reconciliation --device <id>');
  const server = await open({ seed: false });
  const known = server.admin.state().devices.some((d) => d.deviceId === deviceId);
  const tally = known ? deviceReconciliation(server.admin.db, deviceId) : null;
  await server.close();
  if (!tally) fail(`refused: unknown-device ${deviceId}`);
  for (const line of reconciliationLines(deviceId, tally)) console.log(line);
  if (tally.undeclaredGaps.length > 0) process.exit(1);
}

const command = positionals[0] ?? 'serve';
const run =
  command === 'serve'
    ? serve
    : command === 'list'
      ? list
      : command === 'import'
        ? () => importFile(positionals[1])
        : command === 'receipts'
          ? receiptsFile
          : command === 'reconciliation'
            ? reconciliation
            : ['finding', 'repair', 'repair-revoked', 'objection', 'objection-result'].includes(
                  command,
                )
              ? () => central(command)
              : () =>
                  fail(
                    `unknown command ${command}: serve | list | import | receipts | reconciliation | finding | repair | repair-revoked | objection | objection-result`,
                  );
await run();

import { EventEnvelopeSchema, envelopeHash } from '../../../../shared/events/envelope';
import type { Signer } from '../../../../shared/crypto/signing';
import { bytesToHex } from '@noble/hashes/utils';
import type { TestPlatform } from '../../platform/helpers';
import { canonicalEvent } from './harness';

/**
 * What the fault proof made, known outside the device store: every event's hash and signature as
 * the device key signed them, and every record made. At the end the platform must hold exactly
 * these events (byte for byte: its canonical body hashes to the recorded hash and carries the
 * recorded signature), every record, and nothing else. Whatever the device loses, alters or
 * invents is a difference here, whatever the device's own store says.
 */
export interface MadeEvent {
  readonly hash: string;
  readonly sig: string;
}

export class MadeOracle {
  /** By hash: every event whose write was reported done to its caller. */
  readonly events = new Map<string, MadeEvent>();
  readonly records = new Set<string>();
  private signedSinceLast: MadeEvent[] = [];

  /** The device key as the app uses it: each signature is noted, pending the write's outcome. */
  wrap(signer: Signer): Signer {
    return {
      algorithm: signer.algorithm,
      publicKeyInfo: () => signer.publicKeyInfo(),
      sign: async (data) => {
        const sig = await signer.sign(data);
        this.signedSinceLast.push({ hash: bytesToHex(data), sig });
        return sig;
      },
    };
  }

  /**
   * A write starts: what was signed before it was not an event (the sync signs evidence files
   * with the device key too), so only the write's own signatures can become events.
   */
  begin(): void {
    this.signedSinceLast = [];
  }

  /** The write that signed reported success: what it signed was made. */
  made(recordId: string | null): void {
    for (const e of this.signedSinceLast) this.events.set(e.hash, e);
    if (recordId !== null) this.records.add(recordId);
    this.signedSinceLast = [];
  }

  /** The write failed (a page kill): what it signed was never stored. */
  notMade(): void {
    this.signedSinceLast = [];
  }
}

interface PlatformRow {
  readonly seq: number;
  readonly hash: string;
  readonly body: string;
  readonly record_id: string | null;
  readonly type: string;
}

/** Every difference between what was made and what the platform holds; empty when they agree. */
export function oracleDifferences(
  platform: TestPlatform,
  deviceId: string,
  oracle: MadeOracle,
): string[] {
  const problems: string[] = [];
  const rows = platform.server.admin.db
    .prepare<[string], PlatformRow>(
      'SELECT seq, hash, body, record_id, type FROM events WHERE device_id = ? ORDER BY seq',
    )
    .all(deviceId);
  const held = new Set<string>();
  const heldRecords = new Set<string>();
  for (const row of rows) {
    const parsed = EventEnvelopeSchema.safeParse(JSON.parse(row.body));
    if (!parsed.success) {
      problems.push(`seq ${row.seq}: platform body is not an envelope`);
      continue;
    }
    const event = parsed.data;
    const made = oracle.events.get(row.hash);
    if (canonicalEvent(event) !== row.body) problems.push(`seq ${row.seq}: body not canonical`);
    if (envelopeHash(event) !== row.hash || event.hash !== row.hash)
      problems.push(`seq ${row.seq}: body does not hash to ${row.hash.slice(0, 12)}`);
    if (!made) problems.push(`seq ${row.seq}: platform holds an event never made (${row.type})`);
    else if (made.sig !== event.sig.value) problems.push(`seq ${row.seq}: signature not as made`);
    held.add(row.hash);
    if (row.type === 'record.signed' && row.record_id !== null) heldRecords.add(row.record_id);
  }
  const missing = [...oracle.events.keys()].filter((h) => !held.has(h));
  if (missing.length > 0) problems.push(`${missing.length} event(s) made are not on the platform`);
  const lostRecords = [...oracle.records].filter((r) => !heldRecords.has(r));
  if (lostRecords.length > 0)
    problems.push(`${lostRecords.length} record(s) made are not on the platform`);
  const extraRecords = [...heldRecords].filter((r) => !oracle.records.has(r));
  if (extraRecords.length > 0)
    problems.push(`${extraRecords.length} record(s) on the platform were never made`);
  const refused = platform.server.admin.db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM refused_links WHERE device_id = ?')
    .get(deviceId);
  if ((refused?.n ?? 0) > 0) problems.push(`${refused?.n ?? 0} event(s) refused by the platform`);
  return problems;
}

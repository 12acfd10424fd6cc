import { randomBytes } from 'node:crypto';
import type { CreditSnapshotResponse } from '../../shared/platform/credit';
import type { CreditStatus } from '../../shared/precheck/rules';
import { snapshotKey } from '../../shared/precheck/snapshot';
import type { CreditSnapshot } from '../../shared/precheck/snapshot';
import { chinaInstant } from '../../shared/time';
import { PLATFORM_INTERFACE_VERSION } from '../../shared/platform/version';
import { bumpCounter, counter } from './db';
import type { Db } from './db';
import type { PlatformKeys } from './keys';

/**
 * The credit register: per entity, what other sources hold (seeded) and what this platform's own
 * findings make of its records (derived). The worse of the two decides.
 */

const RANK: Readonly<Record<CreditStatus, number>> = { none: 0, repaired: 1, unrepaired: 2 };
const GENERATION = 'credit-generation';

export function worse(a: CreditStatus, b: CreditStatus | null): CreditStatus {
  return b !== null && RANK[b] > RANK[a] ? b : a;
}

export function creditStatus(db: Db, idType: string, identifier: string): CreditStatus {
  const row = db
    .prepare<[string, string], { status: CreditStatus; derived: CreditStatus | null }>(
      'SELECT status, derived FROM credit_register WHERE id_type = ? AND identifier = ?',
    )
    .get(idType, identifier);
  return row ? worse(row.status, row.derived) : 'none';
}

/** The name the business register holds for a credit code, or undefined. */
export function registeredName(db: Db, identifier: string): string | undefined {
  return db
    .prepare<[string], { name: string }>('SELECT name FROM business_register WHERE identifier = ?')
    .get(identifier)?.name;
}

/** Records what the platform's records make of an entity; a new snapshot follows. */
export function setDerivedStatus(
  db: Db,
  entry: { idType: string; identifier: string; name: string },
  derived: CreditStatus,
): void {
  db.prepare(
    `INSERT INTO credit_register (id_type, identifier, name, status, derived) VALUES (?, ?, ?, 'none', ?)
     ON CONFLICT (id_type, identifier) DO UPDATE SET derived = excluded.derived`,
  ).run(entry.idType, entry.identifier, entry.name, derived);
  bumpCounter(db, GENERATION);
}

export function unrepairedIdentifiers(db: Db): string[] {
  return db
    .prepare<[], { identifier: string }>(
      `SELECT DISTINCT identifier FROM credit_register
       WHERE status = 'unrepaired' OR derived = 'unrepaired' ORDER BY identifier`,
    )
    .all()
    .map((r) => r.identifier);
}

type Updated = Extract<CreditSnapshotResponse, { status: 'updated' }>;

/** One signed snapshot per register generation, with a fresh salt each time it is issued. */
export class SnapshotIssuer {
  private cached: { readonly generation: number; readonly response: Updated } | null = null;

  constructor(
    private readonly keys: PlatformKeys,
    private readonly now: () => Date,
  ) {}

  async current(db: Db): Promise<Updated> {
    const generation = counter(db, GENERATION);
    if (this.cached?.generation === generation) return this.cached.response;
    const salt = randomBytes(16).toString('hex');
    const snapshot: CreditSnapshot = {
      issuedAt: chinaInstant(this.now()),
      salt,
      unrepairedKeys: unrepairedIdentifiers(db).map((id) => snapshotKey(id, salt)),
    };
    const response: Updated = {
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      status: 'updated',
      snapshot,
      platformSig: await this.keys.sign(snapshot),
    };
    this.cached = { generation, response };
    return response;
  }
}

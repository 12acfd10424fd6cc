import demoCatalogueJson from '../../resources/catalogue/demo-catalogue.json';
import { CatalogueSchema } from '../../shared/catalogue/schema';
import type { Catalogue } from '../../shared/catalogue/schema';
import { residentIdCheckChar } from '../../shared/ids/resident-id';
import { orgCodeCheckChar, usccCheckChar } from '../../shared/ids/uscc';
import type { IdDocumentType } from '../../shared/model';
import type { CreditStatus } from '../../shared/precheck/rules';
import type { Db } from './db';

/**
 * Demo data: the demo hall of the catalogue, one-time enrolment codes and a credit register with
 * entities with and without dishonesty records. All identifiers are synthetic; the check
 * characters are computed with shared/ids so that every one of them validates.
 */

export const DEMO_HALL = '130102-01';

/** Enrolment codes are [0-9A-Z]{8,32} (enrol.ts), so the demo codes carry no dashes. */
export const DEMO_ENROLMENT_CODES = Array.from(
  { length: 10 },
  (_, i) => `DEMOENROL${String(i + 1).padStart(4, '0')}`,
);

function syntheticUscc(prefix8: string, orgBody8: string): string {
  const first17 = `${prefix8}${orgBody8}${orgCodeCheckChar(orgBody8) ?? ''}`;
  const check = usccCheckChar(first17);
  if (check === undefined) throw new Error(`not a USCC body: ${first17}`);
  return `${first17}${check}`;
}

function syntheticResidentId(first17: string): string {
  const check = residentIdCheckChar(first17);
  if (check === undefined) throw new Error(`not a resident ID body: ${first17}`);
  return `${first17}${check}`;
}

export interface RegisterEntry {
  readonly idType: IdDocumentType;
  readonly identifier: string;
  readonly name: string;
  readonly status: CreditStatus;
}

export const DEMO_REGISTER: readonly RegisterEntry[] = [
  {
    idType: 'uscc',
    identifier: '91130100MA01111107',
    name: '演示清白企业有限公司',
    status: 'none',
  },
  { idType: 'uscc', identifier: '52131000MJ0123456X', name: '演示已修复协会', status: 'repaired' },
  {
    idType: 'uscc',
    identifier: syntheticUscc('91130102', 'MA0BAD01'),
    name: '演示失信企业有限公司（合成）',
    status: 'unrepaired',
  },
  {
    idType: 'uscc',
    identifier: syntheticUscc('92130104', 'MA0BAD02'),
    name: '演示失信个体工商户（合成）',
    status: 'unrepaired',
  },
  {
    idType: 'resident-id',
    identifier: syntheticResidentId('13010219850612123'),
    name: '赵演示',
    status: 'unrepaired',
  },
];

/** The demo catalogue with the times of this start, so that it is in force now. */
export function demoCatalogue(now: Date): Catalogue {
  const catalogue = CatalogueSchema.parse(demoCatalogueJson);
  const issuedAt = now.toISOString();
  // An hour back, so that a device whose clock is a little behind still accepts it.
  const validFrom = new Date(now.getTime() - 3_600_000).toISOString();
  return { ...catalogue, issuedAt, validFrom };
}

export interface SeedOptions {
  readonly enrolmentCodes?: readonly string[];
  readonly register?: readonly RegisterEntry[];
}

/** Idempotent: a second start seeds nothing twice and never revives a used code. */
export function seedDemo(db: Db, catalogue: Catalogue, options: SeedOptions = {}): void {
  const { hall } = catalogue;
  db.transaction(() => {
    db.prepare(
      'INSERT OR IGNORE INTO halls (hall_code, division_code, organ) VALUES (?, ?, ?)',
    ).run(hall.code, hall.code.slice(0, 6), JSON.stringify(hall.organ));
    const code = db.prepare(
      'INSERT OR IGNORE INTO enrolment_codes (code, hall_code, expires_at) VALUES (?, ?, NULL)',
    );
    for (const c of options.enrolmentCodes ?? DEMO_ENROLMENT_CODES) code.run(c, hall.code);
    const entity = db.prepare(
      'INSERT OR IGNORE INTO credit_register (id_type, identifier, name, status) VALUES (?, ?, ?, ?)',
    );
    for (const e of options.register ?? DEMO_REGISTER)
      entity.run(e.idType, e.identifier, e.name, e.status);
    // Organisations' registered names: the market regulator's register, which the credit check
    // answers the kiosk's name lookup from (never a name a device sent).
    const business = db.prepare(
      'INSERT OR IGNORE INTO business_register (identifier, name) VALUES (?, ?)',
    );
    for (const e of options.register ?? DEMO_REGISTER)
      if (e.idType === 'uscc') business.run(e.identifier, e.name);
  })();
}

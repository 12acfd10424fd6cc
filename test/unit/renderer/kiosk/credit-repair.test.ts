import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import demoDishonest from '../../../../resources/demo/dishonest-entities.json';
import { composeSignedPayload } from '../../../../renderer/kiosk/compose-record';
import { newSession, type KioskSession } from '../../../../renderer/kiosk/session';
import { runPrecheck } from '../../../../renderer/services/precheck';
import { DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { KioskDb } from '../../../../renderer/store/db';
import { documentHash } from '../../../../shared/document/hash';
import { EntitySchema } from '../../../../shared/entity';
import type { PrecheckDecision } from '../../../../shared/precheck/rules';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import { testDataKeys } from '../../../support/data-keys';
import { demoCatalogue } from '../../shared/catalogue/fixtures';
import { build, company } from '../../shared/document/fixtures';

const REPAIR_MATTER = '11-001';
const ORDINARY_MATTER = '01-001';
const LISTED = demoDishonest.unrepaired[0]?.idNumber ?? '';
const NOW = new Date('2026-11-25T10:00:00+08:00');
const CODE = '13010220261125000001';

describe('the kiosk pre-check for the chosen matter', () => {
  let db: KioskDb | null = null;
  afterEach(async () => {
    db?.close();
    await db?.delete();
  });

  const run = async (identifier: string, type?: 'credit-repair' | 'approval-replacing') => {
    db = new KioskDb(`precheck-${Math.random()}`, testDataKeys());
    const services = { db, demo: true, settings: DEFAULT_SETTINGS, now: () => NOW };
    return runPrecheck(services, { idType: 'uscc', idNumber: identifier }, type);
  };

  it('lets a listed entity go on with a credit repair, saying what it found', async () => {
    expect(await run(LISTED, 'credit-repair')).toMatchObject({
      outcome: 'eligible-for-repair',
      reason: 'unrepaired-dishonesty',
      basis: 'snapshot',
    });
  });

  it('refuses a listed entity for other matters, or when the matter is not given', async () => {
    expect(await run(LISTED, 'approval-replacing')).toMatchObject({ outcome: 'not-eligible' });
    expect(await run(LISTED)).toMatchObject({ outcome: 'not-eligible' });
  });

  it('finds a clean entity eligible for a credit repair', async () => {
    expect(await run(company.idNumber, 'credit-repair')).toMatchObject({ outcome: 'eligible' });
  });
});

describe('composing the signed record of a credit repair', () => {
  const catalogue = demoCatalogue();
  const listed = EntitySchema.parse({ ...company, idNumber: LISTED });
  const repairDecision: PrecheckDecision = {
    outcome: 'eligible-for-repair',
    reason: 'unrepaired-dishonesty',
    basis: 'snapshot',
    checkedAt: null,
    snapshot: { issuedAt: '2026-11-25T08:00:00+08:00', ageHours: 2 },
  };

  function session(
    matterCode: string,
    precheck: PrecheckDecision,
    preparedAt: Date = NOW,
  ): KioskSession {
    const document = build({ matterCode, entity: listed, preparedAt });
    const hash = documentHash(document);
    const at = '2026-11-25T10:05:00+08:00';
    return {
      ...newSession(),
      matterCode,
      entity: listed,
      document,
      documentHash: hash,
      reading: {
        textVersion: `${catalogue.catalogueId}@${catalogue.version}/x`,
        documentHash: hash,
        perPartSeconds: Object.fromEntries(document.parts.map((p) => [p.id, 30])),
        reachedEnd: true,
        confirmations: document.parts.map((p) => ({ partId: p.id, at, method: 'tap' as const })),
      },
      signature: { method: 'drawn', png: new Uint8Array([1]), imageHash: 'b'.repeat(64) },
      precheck,
    };
  }

  it('records the listed entity and the finding on the credit-repair matter', () => {
    const compose = composeSignedPayload(session(REPAIR_MATTER, repairDecision), catalogue);
    expect(compose).not.toBeNull();
    const payload = compose?.(CODE);
    expect(RecordSignedPayloadSchema.safeParse(payload).success).toBe(true);
    expect(payload).toMatchObject({
      commitmentType: 'credit-repair',
      entity: { idNumber: LISTED },
      precheck: repairDecision,
    });
  });

  it('signs on 29 February: valid until the 28th a year on', () => {
    // The letter is prepared the same day: its deadlines count from it.
    const leapDay = new Date('2028-02-29T10:00:00+08:00');
    const compose = composeSignedPayload(
      session(REPAIR_MATTER, repairDecision, leapDay),
      catalogue,
    );
    const payload = compose?.('13010220280229990001');
    expect(payload?.validUntil).toBe('2029-02-28');
    expect(RecordSignedPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it('is valid for as long as the catalogue says the matter is: years, one by default, or no limit', () => {
    const eligible: PrecheckDecision = {
      outcome: 'eligible',
      basis: 'snapshot',
      checkedAt: null,
      snapshot: { issuedAt: '2026-11-25T08:00:00+08:00', ageHours: 2 },
    };
    const validUntil = (matterCode: string, from = catalogue) =>
      composeSignedPayload(session(matterCode, eligible), from)?.(CODE).validUntil;
    expect(validUntil('01-001')).toBe('2031-11-25');
    expect(validUntil('11-001')).toBe('2027-11-25');
    const unlimited = {
      ...catalogue,
      matters: catalogue.matters.map((m) =>
        m.code === '11-001' ? { ...m, validForYears: null } : m,
      ),
    };
    expect(validUntil('11-001', unlimited)).toBeNull();
  });

  it('refuses to carry the repair outcome over to an ordinary matter', () => {
    expect(composeSignedPayload(session(ORDINARY_MATTER, repairDecision), catalogue)).toBeNull();
  });

  it('names how the signer was identified, and refuses a typed signer where the hall requires a card', () => {
    const typed = session(REPAIR_MATTER, repairDecision);
    expect(composeSignedPayload(typed, catalogue)?.(CODE).identification).toEqual({
      signer: { role: listed.agent ? 'agent' : 'legal-representative', method: 'typed' },
      creditCode: 'typed',
      nameSource: 'typed',
    });
    expect(composeSignedPayload(typed, catalogue, null, true)).toBeNull();
    // The clerk's assisted mode: the clerk checked the document, which a required card allows.
    const assisted = composeSignedPayload(typed, catalogue, 'c-007', true)?.(CODE);
    expect(assisted?.identification?.signer.method).toBe('clerk-checked');
    expect(RecordSignedPayloadSchema.safeParse(assisted).success).toBe(true);
  });
});

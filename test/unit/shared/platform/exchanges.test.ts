import { describe, expect, it } from 'vitest';
import {
  CatalogueRequestSchema,
  CatalogueResponseSchema,
} from '../../../../shared/platform/catalogue';
import {
  CreditCheckRequestSchema,
  CreditCheckResponseSchema,
  CreditSnapshotRequestSchema,
  CreditSnapshotResponseSchema,
} from '../../../../shared/platform/credit';
import { EnrolRequestSchema, EnrolResponseSchema } from '../../../../shared/platform/enrol';
import {
  CentralChangeSchema,
  PullRequestSchema,
  PullResponseSchema,
} from '../../../../shared/platform/pull';
import {
  PublicCommitmentSchema,
  PublicQueryRequestSchema,
  PublicQueryResponseSchema,
} from '../../../../shared/platform/public-query';
import { MAX_PUBLIC_QUERY_PAGE, MAX_PULL_CHANGES } from '../../../../shared/platform/limits';
import { snapshotKey } from '../../../../shared/precheck/snapshot';
import { demoCatalogue } from '../catalogue/fixtures';
import { CODE, ORGAN_USCC, finding } from '../record/fixtures';
import { DEVICE, PLATFORM_SIG, V } from './fixtures';

type Parser = {
  safeParse(v: unknown): {
    success: boolean;
    error?: { issues: { code: string; message: string }[] };
  };
};
const ok = (schema: Parser, v: unknown) => schema.safeParse(v).success;
/** The refinement codes (or zod codes) a value fails with. */
const why = (schema: Parser, v: unknown) =>
  (schema.safeParse(v).error?.issues ?? []).map((i) => (i.code === 'custom' ? i.message : i.code));

describe('enrolment', () => {
  const request = {
    ...V,
    hallCode: '130102-A',
    window: '3号窗口',
    enrolmentCode: 'K7Q2M9X4',
    publicKey: { algorithm: 'SM2-SM3', publicKey: 'BPz0aQ' },
    appVersion: '0.1.0',
  };
  const response = {
    ...V,
    deviceId: DEVICE,
    deviceSlot: 7,
    divisionCode: '130102',
    acceptingOrgan: {
      name: { 'zh-CN': '长安区行政审批局', en: 'Chang’an Approval Bureau' },
      creditCode: ORGAN_USCC,
    },
    credentialsToken: 't'.repeat(48),
  };

  it('accepts a request and a response', () => {
    expect(ok(EnrolRequestSchema, request)).toBe(true);
    expect(ok(EnrolResponseSchema, response)).toBe(true);
  });

  it('refuses bad halls, codes, keys and versions', () => {
    expect(ok(EnrolRequestSchema, { ...request, hallCode: '990102-A' })).toBe(false);
    expect(ok(EnrolRequestSchema, { ...request, enrolmentCode: 'short' })).toBe(false);
    expect(ok(EnrolRequestSchema, { ...request, enrolmentCode: 'k7q2m9x4' })).toBe(false);
    expect(
      ok(EnrolRequestSchema, { ...request, publicKey: { algorithm: 'RSA', publicKey: 'AA' } }),
    ).toBe(false);
    expect(
      ok(EnrolRequestSchema, {
        ...request,
        publicKey: { algorithm: 'SM2-SM3', publicKey: 'a+b/' },
      }),
    ).toBe(false);
    expect(ok(EnrolRequestSchema, { ...request, window: '' })).toBe(false);
    expect(ok(EnrolRequestSchema, { ...request, appVersion: 'latest' })).toBe(false);
    expect(why(EnrolRequestSchema, { ...request, interfaceVersion: 0 })).toEqual(['invalid_value']);
  });

  it('refuses slots outside 1–99, a bad division code, a weak token', () => {
    for (const deviceSlot of [0, 100, 1.5])
      expect(ok(EnrolResponseSchema, { ...response, deviceSlot })).toBe(false);
    expect(why(EnrolResponseSchema, { ...response, divisionCode: '000000' })).toEqual([
      'bad-division-code',
    ]);
    expect(ok(EnrolResponseSchema, { ...response, credentialsToken: 'short' })).toBe(false);
    expect(
      ok(EnrolResponseSchema, { ...response, credentialsToken: 't'.repeat(40) + ' space' }),
    ).toBe(false);
    expect(ok(EnrolResponseSchema, { ...response, deviceId: '../etc' })).toBe(false);
  });
});

describe('catalogue', () => {
  const signed = { catalogue: demoCatalogue(), signature: PLATFORM_SIG };

  it('answers current or updated with a signed catalogue', () => {
    expect(ok(CatalogueRequestSchema, { ...V, deviceId: DEVICE, haveVersion: null })).toBe(true);
    expect(ok(CatalogueRequestSchema, { ...V, deviceId: DEVICE, haveVersion: 0 })).toBe(false);
    expect(ok(CatalogueResponseSchema, { ...V, status: 'current' })).toBe(true);
    expect(ok(CatalogueResponseSchema, { ...V, status: 'updated', catalogue: signed })).toBe(true);
  });

  it('refuses an unsigned or broken catalogue and a status it does not know', () => {
    expect(
      ok(CatalogueResponseSchema, {
        ...V,
        status: 'updated',
        catalogue: { catalogue: demoCatalogue() },
      }),
    ).toBe(false);
    expect(
      ok(CatalogueResponseSchema, {
        ...V,
        status: 'updated',
        catalogue: { ...signed, catalogue: { matters: [] } },
      }),
    ).toBe(false);
    expect(ok(CatalogueResponseSchema, { ...V, status: 'updated' })).toBe(false);
    expect(ok(CatalogueResponseSchema, { ...V, status: 'stale' })).toBe(false);
    expect(ok(CatalogueResponseSchema, { status: 'current' })).toBe(false);
  });
});

describe('credit snapshot and credit check', () => {
  const snapshot = {
    issuedAt: '2026-03-15T00:00:00+08:00',
    salt: 'ab'.repeat(16),
    unrepairedKeys: [snapshotKey(ORGAN_USCC, 'ab'.repeat(16))],
  };

  it('carries a signed hashed snapshot', () => {
    expect(ok(CreditSnapshotRequestSchema, { ...V, deviceId: DEVICE, haveIssuedAt: null })).toBe(
      true,
    );
    expect(
      ok(CreditSnapshotRequestSchema, { ...V, deviceId: DEVICE, haveIssuedAt: 'yesterday' }),
    ).toBe(false);
    expect(
      ok(CreditSnapshotResponseSchema, {
        ...V,
        status: 'updated',
        snapshot,
        platformSig: PLATFORM_SIG,
      }),
    ).toBe(true);
    expect(ok(CreditSnapshotResponseSchema, { ...V, status: 'current' })).toBe(true);
    expect(ok(CreditSnapshotResponseSchema, { ...V, status: 'updated', snapshot })).toBe(false);
    expect(
      ok(CreditSnapshotResponseSchema, {
        ...V,
        status: 'updated',
        snapshot: { ...snapshot, unrepairedKeys: [ORGAN_USCC] },
        platformSig: PLATFORM_SIG,
      }),
    ).toBe(false);
  });

  it('checks one entity online', () => {
    const req = { ...V, deviceId: DEVICE, idType: 'uscc', identifier: ORGAN_USCC };
    expect(ok(CreditCheckRequestSchema, req)).toBe(true);
    expect(ok(CreditCheckRequestSchema, { ...req, identifier: ORGAN_USCC.toLowerCase() })).toBe(
      false,
    );
    expect(ok(CreditCheckRequestSchema, { ...req, identifier: `${ORGAN_USCC}' OR 1=1` })).toBe(
      false,
    );
    expect(ok(CreditCheckRequestSchema, { ...req, idType: 'driving-licence' })).toBe(false);
    const res = { ...V, status: 'unrepaired', checkedAt: '2026-03-15T09:00:00+08:00' };
    expect(ok(CreditCheckResponseSchema, res)).toBe(true);
    expect(ok(CreditCheckResponseSchema, { ...res, status: 'unknown' })).toBe(false);
    expect(ok(CreditCheckResponseSchema, { ...res, checkedAt: '2026-03-15 09:00' })).toBe(false);
  });
});

describe('pull', () => {
  const change = {
    changeId: 'chg-000123',
    recordId: 'rec-1',
    commitmentCode: CODE,
    at: '2026-06-01T10:00:00+08:00',
    actor: { kind: 'platform', id: 'hb-credit' },
    event: { type: 'fulfilment.recorded', payload: finding() },
    platformSig: PLATFORM_SIG,
  };

  it('accepts central record events made by the platform', () => {
    expect(ok(PullRequestSchema, { ...V, deviceId: DEVICE, cursor: null, limit: 100 })).toBe(true);
    expect(
      ok(PullResponseSchema, { ...V, changes: [change], nextCursor: 'c:124', hasMore: false }),
    ).toBe(true);
    expect(ok(PullResponseSchema, { ...V, changes: [], nextCursor: 'c:124', hasMore: false })).toBe(
      true,
    );
  });

  it('refuses device-only events, non-platform actors, bad payloads and unsigned changes', () => {
    expect(
      why(CentralChangeSchema, {
        ...change,
        event: {
          type: 'record.voided',
          payload: { reasonCode: 'other', reasonText: 'x', by: 'c' },
        },
      }),
    ).toEqual(['not-central-event']);
    expect(why(CentralChangeSchema, { ...change, actor: { kind: 'clerk', id: 'c-1' } })).toEqual([
      'not-platform-actor',
    ]);
    expect(
      ok(CentralChangeSchema, {
        ...change,
        event: { type: 'fulfilment.recorded', payload: { status: 'kept' } },
      }),
    ).toBe(false);
    expect(ok(CentralChangeSchema, { ...change, platformSig: undefined })).toBe(false);
  });

  it('refuses repeated changes, too many changes, and out-of-range limits', () => {
    expect(
      why(PullResponseSchema, {
        ...V,
        changes: [change, change],
        nextCursor: 'c:124',
        hasMore: true,
      }),
    ).toEqual(['duplicate-change']);
    const many = Array.from({ length: MAX_PULL_CHANGES + 1 }, (_, i) => ({
      ...change,
      changeId: `chg-${i}`,
    }));
    expect(ok(PullResponseSchema, { ...V, changes: many, nextCursor: 'c', hasMore: true })).toBe(
      false,
    );
    for (const limit of [0, MAX_PULL_CHANGES + 1]) {
      expect(ok(PullRequestSchema, { ...V, deviceId: DEVICE, cursor: null, limit })).toBe(false);
    }
    expect(ok(PullRequestSchema, { ...V, deviceId: DEVICE, cursor: '', limit: 10 })).toBe(false);
  });
});

describe('public query', () => {
  const company = {
    commitmentCode: CODE,
    party: {
      name: '石家庄示例食品有限公司',
      category: 'legal-person-or-unincorporated',
      code: '91350200776049653A',
    },
    commitmentType: 'approval-replacing',
    commitmentTypeName: null,
    reason: '食品经营许可',
    content: '承诺书全文',
    dateMade: '2026-03-15',
    validUntil: null,
    acceptingOrgan: { name: '长安区行政审批局', creditCode: ORGAN_USCC },
    fulfilment: {
      status: 'kept',
      findingDate: '2026-06-01',
      findingOrgan: { name: '市场监管局', code: 'X1' },
    },
  };
  const person = {
    ...company,
    party: { name: '张*', category: 'natural-person', code: '130102********1233' },
  };

  it('accepts queries by code or name and a masked answer', () => {
    expect(
      ok(PublicQueryRequestSchema, {
        ...V,
        query: { by: 'code', code: ORGAN_USCC },
        page: 1,
        pageSize: 20,
      }),
    ).toBe(true);
    expect(
      ok(PublicQueryRequestSchema, {
        ...V,
        query: { by: 'name', name: '示例食品' },
        page: 2,
        pageSize: 10,
      }),
    ).toBe(true);
    expect(
      ok(PublicQueryResponseSchema, { ...V, page: 1, total: 2, items: [company, person] }),
    ).toBe(true);
  });

  it('refuses an unmasked natural person, extra personal fields, and bad paging', () => {
    expect(
      why(PublicCommitmentSchema, { ...person, party: { ...person.party, name: '张三' } }),
    ).toEqual(['unmasked-person']);
    expect(
      why(PublicCommitmentSchema, {
        ...person,
        party: { ...person.party, code: '130102199003071233' },
      }),
    ).toEqual(['unmasked-person']);
    expect(
      ok(PublicCommitmentSchema, { ...company, party: { ...company.party, phone: '13800000000' } }),
    ).toBe(false);
    expect(ok(PublicCommitmentSchema, { ...company, address: '长安区某路1号' })).toBe(false);
    expect(
      ok(PublicQueryRequestSchema, {
        ...V,
        query: { by: 'name', name: '张' },
        page: 1,
        pageSize: 20,
      }),
    ).toBe(false);
    expect(
      ok(PublicQueryRequestSchema, {
        ...V,
        query: { by: 'code', code: ORGAN_USCC },
        page: 0,
        pageSize: 20,
      }),
    ).toBe(false);
    expect(
      ok(PublicQueryRequestSchema, {
        ...V,
        query: { by: 'code', code: ORGAN_USCC },
        page: 1,
        pageSize: MAX_PUBLIC_QUERY_PAGE + 1,
      }),
    ).toBe(false);
    expect(
      why(PublicQueryResponseSchema, { ...V, page: 1, total: 1, items: [company, person] }),
    ).toEqual(['more-items-than-total']);
    const tooMany = Array.from({ length: MAX_PUBLIC_QUERY_PAGE + 1 }, () => company);
    expect(ok(PublicQueryResponseSchema, { ...V, page: 1, total: 1000, items: tooMany })).toBe(
      false,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  CatalogueSchema,
  HallCodeSchema,
  MatterCodeSchema,
  MatterSchema,
} from '../../../../shared/catalogue/schema';
import { summariseIssues } from '../../../../shared/catalogue/signed';
import { at, rawDemo } from './fixtures';

type Raw = ReturnType<typeof rawDemo>;

/** Parses a broken copy and returns the machine codes (custom) or zod codes, with paths. */
function problems(raw: unknown): { path: string; code: string }[] {
  const result = CatalogueSchema.safeParse(raw);
  return result.success ? [] : summariseIssues(result.error);
}

function firstMatter(raw: Raw) {
  const m = raw.matters[0];
  if (!m) throw new Error('demo has no matters');
  return m;
}

describe('CatalogueSchema', () => {
  it('accepts the demo catalogue unchanged', () => {
    expect(problems(rawDemo())).toEqual([]);
  });

  it('rejects duplicate matter codes and points at the second one', () => {
    const raw = rawDemo();
    const second = raw.matters[1];
    if (!second) throw new Error('demo too small');
    second.code = firstMatter(raw).code;
    expect(problems(raw)).toEqual([{ path: 'matters.1.code', code: 'duplicate-matter-code' }]);
  });

  it('rejects a text that lacks its English version', () => {
    const raw = rawDemo();
    const name: { 'zh-CN': string; en?: string } = firstMatter(raw).name;
    delete name.en;
    expect(problems(raw)).toEqual([{ path: 'matters.0.name.en', code: 'invalid_type' }]);
  });

  it('rejects a blank English text and a blank general item', () => {
    const raw = rawDemo();
    at(firstMatter(raw).items, 0).en = '   ';
    at(raw.general.items, 3)['zh-CN'] = '';
    expect(
      problems(raw)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['general.items.3.zh-CN', 'matters.0.items.0.en']);
  });

  it('rejects effectiveTo on or before effectiveFrom', () => {
    for (const to of ['2024-03-01', '2024-02-29']) {
      const raw = rawDemo();
      const m = firstMatter(raw);
      m.effectiveFrom = '2024-03-01';
      Object.assign(m, { effectiveTo: to });
      expect(problems(raw)).toEqual([
        { path: 'matters.0.effectiveTo', code: 'effective-to-not-after-from' },
      ]);
    }
  });

  it('rejects impossible calendar dates', () => {
    const raw = rawDemo();
    firstMatter(raw).effectiveFrom = '2025-02-30';
    expect(problems(raw)).toEqual([{ path: 'matters.0.effectiveFrom', code: 'invalid_format' }]);
  });

  it('rejects a matter with no entity kinds, and a repeated kind', () => {
    const raw = rawDemo();
    firstMatter(raw).entityKinds = [];
    expect(problems(raw)).toEqual([{ path: 'matters.0.entityKinds', code: 'too_small' }]);
    firstMatter(raw).entityKinds = ['legal-person', 'legal-person'];
    expect(problems(raw)).toEqual([
      { path: 'matters.0.entityKinds', code: 'duplicate-entity-kind' },
    ]);
  });

  it('rejects an unknown entity kind or commitment type', () => {
    const raw = rawDemo();
    firstMatter(raw).entityKinds = ['company'];
    firstMatter(raw).commitmentType = 'approval';
    expect(
      problems(raw)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['matters.0.commitmentType', 'matters.0.entityKinds.0']);
  });

  it("requires the type's own name exactly when the type is 'other'", () => {
    const raw = rawDemo();
    Object.assign(firstMatter(raw), { otherTypeName: { 'zh-CN': '其他', en: 'Other' } });
    expect(problems(raw)).toEqual([
      { path: 'matters.0.otherTypeName', code: 'other-type-name-mismatch' },
    ]);
    const other = rawDemo();
    const m = other.matters.find((x) => x.commitmentType === 'other');
    if (!m) throw new Error('demo lacks an other-type matter');
    delete (m as { otherTypeName?: unknown }).otherTypeName;
    expect(problems(other)[0]?.code).toBe('other-type-name-mismatch');
  });

  it('rejects fields it does not know, at any depth', () => {
    const raw = rawDemo();
    Object.assign(raw, { injected: true });
    Object.assign(firstMatter(raw).supervision, { note: 'x' });
    expect(problems(raw).map((p) => p.code)).toEqual(['unrecognized_keys', 'unrecognized_keys']);
  });

  it('rejects a bundle that expires before it starts or was issued after it expired', () => {
    const raw = rawDemo();
    raw.validUntil = raw.validFrom;
    expect(problems(raw)).toContainEqual({
      path: 'validUntil',
      code: 'valid-until-not-after-from',
    });
    const late = rawDemo();
    late.issuedAt = '2030-06-01T00:00:00+08:00';
    expect(problems(late)).toEqual([{ path: 'issuedAt', code: 'issued-after-expiry' }]);
  });

  it('rejects instants without an offset and a version that is not a positive integer', () => {
    for (const broken of [
      { issuedAt: '2026-11-02 09:00' },
      { version: 0 },
      { version: 2.5 },
      { version: '3' },
      { schemaVersion: 2 },
    ]) {
      const raw = { ...rawDemo(), ...broken };
      expect(problems(raw).length).toBe(1);
    }
  });

  it('rejects an organ credit code that fails its check character, or is not normalised', () => {
    const raw = rawDemo();
    raw.hall.organ.creditCode = '11130102MB0A73217Y';
    expect(problems(raw)).toEqual([{ path: 'hall.organ.creditCode', code: 'bad-credit-code' }]);
    raw.hall.organ.creditCode = '11130102mb0a73217x';
    expect(problems(raw)).toEqual([{ path: 'hall.organ.creditCode', code: 'bad-credit-code' }]);
  });

  it('requires every commitment type to have a title and every template placeholder', () => {
    const raw = rawDemo();
    delete (raw.general.labels.titleByType as Record<string, unknown>)['credit-repair'];
    raw.general.labels.notification.checkedWithin.en = 'within the period';
    expect(
      problems(raw)
        .map((p) => `${p.path} ${p.code}`)
        .sort(),
    ).toEqual([
      'general.labels.notification.checkedWithin missing-placeholder',
      'general.labels.titleByType.credit-repair invalid_type',
    ]);
  });

  it('refuses an empty catalogue and an empty general item list', () => {
    expect(problems({ ...rawDemo(), matters: [] })).toEqual([
      { path: 'matters', code: 'too_small' },
    ]);
    const raw = rawDemo();
    raw.general.items = [];
    expect(problems(raw)).toEqual([{ path: 'general.items', code: 'too_small' }]);
  });

  it('trims texts so that stray whitespace never reaches the letter', () => {
    const raw = rawDemo();
    firstMatter(raw).name['zh-CN'] = '  食品经营许可（新办）\n';
    expect(CatalogueSchema.parse(raw).matters[0]?.name['zh-CN']).toBe('食品经营许可（新办）');
  });

  it('parses a matter on its own', () => {
    expect(MatterSchema.safeParse(firstMatter(rawDemo())).success).toBe(true);
  });
});

describe('codes', () => {
  it.each([
    ['130102-01', true],
    ['130102-ZWFW', true],
    ['130102', false],
    ['130102-', false],
    ['130102-zw', false],
    ['990102-01', false],
    ['13010-201', false],
  ])('hall code %s → %s', (code, ok) => {
    expect(HallCodeSchema.safeParse(code).success).toBe(ok);
  });

  it.each([
    ['01-001', true],
    ['SCJG-2024-001', true],
    ['A', true],
    ['01--001', false],
    ['-01', false],
    ['01 001', false],
    ['01-001\n', false],
    ['食品-001', false],
  ])('matter code %j → %s', (code, ok) => {
    expect(MatterCodeSchema.safeParse(code).success).toBe(ok);
  });
});

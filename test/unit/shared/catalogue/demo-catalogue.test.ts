import { describe, expect, it } from 'vitest';
import { COMMITMENT_TYPES, ENTITY_KINDS } from '../../../../shared/model';
import { isInForce } from '../../../../shared/catalogue/select';
import { DEMO_TODAY, demoCatalogue } from './fixtures';

/** The demo catalogue must exercise every branch of the product (brief §4, §9). */
describe('demo catalogue', () => {
  const catalogue = demoCatalogue();
  const matters = catalogue.matters;

  it('says it is a demo in the hall and organ names, in both languages', () => {
    for (const text of [catalogue.hall.name, catalogue.hall.organ.name]) {
      expect(text['zh-CN']).toContain('（演示）');
      expect(text.en).toMatch(/\(demo\)/);
    }
  });

  it('is a Hebei hall', () => {
    expect(catalogue.hall.code.slice(0, 2)).toBe('13');
  });

  it('has at least 14 matters across at least 7 departments', () => {
    expect(matters.length).toBeGreaterThanOrEqual(14);
    expect(new Set(matters.map((m) => m.department.code)).size).toBeGreaterThanOrEqual(7);
  });

  it('covers every commitment type and every entity kind', () => {
    expect(new Set(matters.map((m) => m.commitmentType))).toEqual(new Set(COMMITMENT_TYPES));
    expect(new Set(matters.flatMap((m) => m.entityKinds))).toEqual(new Set(ENTITY_KINDS));
  });

  it('has matters only natural persons may use and matters only organisations may use', () => {
    expect(
      matters.some((m) => m.entityKinds.length === 1 && m.entityKinds[0] === 'natural-person'),
    ).toBe(true);
    expect(matters.some((m) => !m.entityKinds.includes('natural-person'))).toBe(true);
  });

  it('has a credit-repair matter of its own type', () => {
    const repair = matters.filter((m) => m.commitmentType === 'credit-repair');
    expect(repair).toHaveLength(1);
    expect(catalogue.general.labels.titleByType['credit-repair']['zh-CN']).toContain('信用修复');
  });

  it('has one matter no longer in force and one not yet in force', () => {
    expect(
      matters.filter((m) => m.effectiveTo !== undefined && m.effectiveTo < DEMO_TODAY),
    ).toHaveLength(1);
    expect(matters.filter((m) => m.effectiveFrom > DEMO_TODAY)).toHaveLength(1);
    expect(matters.filter((m) => isInForce(m, DEMO_TODAY)).length).toBe(matters.length - 2);
  });

  it('words the eight general themes of brief §5', () => {
    expect(catalogue.general.items).toHaveLength(8);
  });

  it('has a complete notification for every matter', () => {
    for (const m of matters) {
      expect(m.legalBasis.length, m.code).toBeGreaterThan(0);
      expect(m.conditions.length, m.code).toBeGreaterThan(0);
      expect(m.items.length, m.code).toBeGreaterThan(0);
      expect(m.consequences.length, m.code).toBeGreaterThan(0);
      expect(m.supervision.withinDays, m.code).toBeGreaterThan(0);
    }
  });

  it('keeps Chinese and English apart: Chinese texts contain Chinese, English texts none', () => {
    const texts = matters.flatMap((m) => [
      m.name,
      ...m.legalBasis,
      ...m.conditions,
      ...m.items,
      ...m.consequences,
    ]);
    for (const t of texts) {
      expect(t['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(t.en).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('is within the bundle validity for the demo date', () => {
    const now = Date.parse(`${DEMO_TODAY}T12:00:00+08:00`);
    expect(Date.parse(catalogue.validFrom)).toBeLessThan(now);
    expect(Date.parse(catalogue.validUntil)).toBeGreaterThan(now);
  });
});

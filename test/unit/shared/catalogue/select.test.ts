import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  groupByDepartment,
  isInForce,
  mattersFor,
  mattersInForce,
  searchMatters,
} from '../../../../shared/catalogue/select';
import type { Matter } from '../../../../shared/catalogue/schema';
import { DEMO_TODAY, demoCatalogue } from './fixtures';

const catalogue = demoCatalogue();
const codes = (matters: readonly Matter[]) => matters.map((m) => m.code);
const byCode = (code: string): Matter => {
  const m = catalogue.matters.find((x) => x.code === code);
  if (!m) throw new Error(`no matter ${code}`);
  return m;
};

describe('in force', () => {
  it('treats effectiveFrom and effectiveTo as inclusive days', () => {
    const expired = byCode('01-002');
    expect(expired.effectiveTo).toBe('2025-12-31');
    expect(isInForce(expired, '2025-12-31')).toBe(true);
    expect(isInForce(expired, '2026-01-01')).toBe(false);
    expect(isInForce(expired, '2022-12-31')).toBe(false);
    const future = byCode('04-002');
    expect(isInForce(future, '2028-12-31')).toBe(false);
    expect(isInForce(future, future.effectiveFrom)).toBe(true);
    expect(isInForce(future, '2099-01-01')).toBe(true);
  });

  it('drops the expired and the future matter today', () => {
    const today = codes(mattersInForce(catalogue, DEMO_TODAY));
    expect(today).not.toContain('01-002');
    expect(today).not.toContain('04-002');
    expect(today).toHaveLength(catalogue.matters.length - 2);
  });

  it('reads a Date on the China calendar, not in UTC', () => {
    // 2025-12-31T16:30Z is already 2026-01-01 00:30 in Shijiazhuang.
    expect(codes(mattersInForce(catalogue, new Date('2025-12-31T15:59:00Z')))).toContain('01-002');
    expect(codes(mattersInForce(catalogue, new Date('2025-12-31T16:30:00Z')))).not.toContain(
      '01-002',
    );
  });

  it('refuses a malformed day rather than guessing', () => {
    expect(() => mattersInForce(catalogue, '2026-13-01')).toThrow(RangeError);
    expect(() => mattersInForce(catalogue, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('mattersFor', () => {
  it('gives each entity kind only the matters it may use', () => {
    const people = mattersFor(catalogue, 'natural-person', DEMO_TODAY);
    const companies = mattersFor(catalogue, 'legal-person', DEMO_TODAY);
    expect(codes(people)).toEqual(['01-003', '03-001', '05-002', '06-001', '11-001', '12-001']);
    expect(codes(people)).not.toContain('04-002'); // natural persons only, but not yet in force
    expect(codes(companies)).toContain('05-001');
    expect(codes(mattersFor(catalogue, 'unincorporated', DEMO_TODAY))).not.toContain('05-001');
    expect(companies.every((m) => m.entityKinds.includes('legal-person'))).toBe(true);
  });
});

describe('groupByDepartment', () => {
  it('groups in order of first appearance and keeps matter order', () => {
    const groups = groupByDepartment(catalogue.matters);
    expect(groups[0]?.department.code).toBe('SCJG');
    expect(codes(groups[0]?.matters ?? [])).toEqual(['01-001', '01-002', '01-003']);
    expect(groups.reduce((n, g) => n + g.matters.length, 0)).toBe(catalogue.matters.length);
    expect(new Set(groups.map((g) => g.department.code)).size).toBe(groups.length);
  });

  it('returns nothing for nothing', () => {
    expect(groupByDepartment([])).toEqual([]);
  });
});

describe('searchMatters', () => {
  const index = buildSearchIndex(catalogue.matters);
  const search = (q: string, lang: 'zh-CN' | 'en' = 'zh-CN') => searchMatters(index, q, lang);
  const top = (q: string, lang: 'zh-CN' | 'en' = 'zh-CN') => search(q, lang)[0];

  it('finds Chinese substrings', () => {
    expect(codes(search('卫生').map((h) => h.matter))).toEqual(['02-001']);
    expect(search('许可').length).toBeGreaterThan(5);
    expect(top('教师资格')).toMatchObject({ matter: { code: '03-001' }, rank: 'name-prefix' });
    expect(top('资格认定')).toMatchObject({ matter: { code: '03-001' }, rank: 'substring' });
  });

  it('finds pinyin initials: spjy → 食品经营', () => {
    const hits = search('spjy');
    expect(codes(hits.map((h) => h.matter)).slice(0, 2)).toEqual(['01-001', '01-002']);
    expect(hits[0]?.rank).toBe('initials');
    expect(top('SPJY')?.matter.code).toBe('01-001');
    expect(top('ggcs')?.matter.code).toBe('02-001');
  });

  it('finds full pinyin, with or without spaces', () => {
    expect(top('shipinjingying')).toMatchObject({
      matter: { code: '01-001' },
      rank: 'name-prefix',
    });
    expect(top('shi pin')).toMatchObject({ matter: { code: '01-001' } });
    expect(top('jiaoshi')?.matter.code).toBe('03-001');
    expect(top('zigerending')).toMatchObject({ matter: { code: '03-001' }, rank: 'substring' });
  });

  it('finds by code: exact first, then the code family', () => {
    expect(search('05-002')[0]).toMatchObject({ matter: { code: '05-002' }, rank: 'code-exact' });
    expect(search('05002')[0]?.rank).toBe('code-exact');
    const family = search('05');
    expect(codes(family.map((h) => h.matter))).toEqual(['05-001', '05-002']);
    expect(family.every((h) => h.rank === 'code-prefix')).toBe(true);
  });

  it('finds English words in any order and by prefix', () => {
    expect(top('food business', 'en')).toMatchObject({
      matter: { code: '01-001' },
      rank: 'name-prefix',
    });
    expect(top('licence food', 'en')?.matter.code).toBe('01-001');
    expect(top('Teacher', 'en')?.matter.code).toBe('03-001');
    expect(top('pollut', 'en')?.matter.code).toBe('09-001');
    expect(top('credit repair', 'en')).toMatchObject({
      matter: { code: '11-001' },
      rank: 'name-prefix',
    });
  });

  it('finds keywords and department names last', () => {
    expect(top('KTV')).toMatchObject({ matter: { code: '08-001' }, rank: 'keyword' });
    expect(top('餐饮')).toMatchObject({ matter: { code: '01-001' }, rank: 'keyword' });
    expect(top('dibao')).toMatchObject({ matter: { code: '06-001' }, rank: 'keyword' });
    expect(top('民政')).toMatchObject({ matter: { code: '06-001' }, rank: 'keyword' });
    expect(top('restaurant', 'en')?.matter.code).toBe('01-001');
  });

  it('ranks code exact > code prefix > name prefix > initials > substring > keywords', () => {
    const base = { ...byCode('01-001'), keywords: [] };
    const make = (code: string, zh: string, en: string, keywords: string[] = []): Matter => ({
      ...base,
      code,
      name: { 'zh-CN': zh, en },
      keywords,
    });
    // Listed worst first, so that only the ranking can put them in order.
    const matters = [
      make('F1', '戊事项', 'Matter F', ['食品']),
      make('E1', '预付食品卡', 'Prepaid food card'),
      make('D1', '食品店', 'Food shop'),
      make('C1', '乙事项', 'Special matter'),
      make('SP-1', '丙事项', 'Matter B'),
      make('SP', '甲事项', 'Matter A'),
    ];
    const hits = searchMatters(buildSearchIndex(matters), 'sp', 'zh-CN');
    expect(hits.map((h) => `${h.matter.code} ${h.rank}`)).toEqual([
      'SP code-exact',
      'SP-1 code-prefix',
      'C1 name-prefix',
      'D1 initials',
      'E1 substring',
      'F1 keyword',
    ]);
  });

  it('prefers matches in the screen language within a rank, then catalogue order', () => {
    const base = byCode('01-001');
    const licence = {
      ...base,
      code: 'X-1',
      name: { 'zh-CN': '营业执照', en: 'Licence for a shop' },
    };
    const barber = {
      ...base,
      code: 'X-2',
      name: { 'zh-CN': '理发店备案', en: 'Barber shop filing' },
    };
    const small = buildSearchIndex([licence, barber]);
    const order = (lang: 'zh-CN' | 'en') =>
      searchMatters(small, 'li', lang).map((h) => `${h.matter.code} ${h.rank}`);
    expect(order('en')).toEqual(['X-1 name-prefix', 'X-2 name-prefix']);
    expect(order('zh-CN')).toEqual(['X-2 name-prefix', 'X-1 name-prefix']);
  });

  it('matches nothing for an empty or blank query, or for nonsense', () => {
    expect(search('')).toEqual([]);
    expect(search('   ')).toEqual([]);
    expect(search('zzzzqqq')).toEqual([]);
    expect(search('不存在的事项')).toEqual([]);
  });

  it('treats regex and markup characters as plain text', () => {
    for (const q of ['.*', '.', '^', '[a-z]+', '<script>', '\\', '%'])
      expect(search(q)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { nameMatches, pinyinInitials } from '../../../../shared/console/name-match';

describe('name search', () => {
  it('finds a name by any part of it, or by its pinyin initials', () => {
    const name = '石家庄星辰信息科技有限公司';
    const initials = () => pinyinInitials(name);
    expect(pinyinInitials('张三')).toBe('zs');
    expect(nameMatches(name, '信息科技', initials)).toBe(true);
    expect(nameMatches(name, 'xxkj', initials)).toBe(true);
    expect(nameMatches(name, 'sjz', initials)).toBe(true);
    expect(nameMatches(name, '保定', initials)).toBe(false);
    expect(nameMatches(name, 'bd', initials)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_COLLECTED_TEXT } from '../../../../shared/record/collection';
import { signableCollection } from '../../../../shared/record/signable-collection';
import { demoCatalogue } from '../catalogue/fixtures';
import { signedPayload } from './fixtures';

/**
 * The kiosk signs only a record whose brief §9 collection items hold: the platform refuses the
 * others, and a signed record cannot be corrected afterwards.
 */

const catalogue = demoCatalogue();
const matter = catalogue.matters[0];
if (!matter) throw new Error('the demo catalogue has no matter');
const payload = () => ({ ...signedPayload(), matter: { code: matter.code, name: matter.name } });

describe('signableCollection', () => {
  it('lets a demo record be signed', () => {
    expect(signableCollection(payload(), catalogue)).toEqual({ ok: true });
  });

  it('stops a record whose accepting organ has no valid credit code', () => {
    const p = payload();
    const broken = { ...p, acceptingOrgan: { ...p.acceptingOrgan, creditCode: '12345' } };
    expect(signableCollection(broken, catalogue)).toEqual({
      ok: false,
      error: 'invalid-item',
      paths: ['acceptingOrgan.creditCode'],
    });
  });

  it('stops a record whose letter is longer than the standard holds', () => {
    const long = {
      ...catalogue,
      matters: catalogue.matters.map((m) =>
        m.code === matter.code
          ? { ...m, items: [{ 'zh-CN': '承'.repeat(MAX_COLLECTED_TEXT), en: 'x' }] }
          : m,
      ),
    };
    expect(signableCollection(payload(), long)).toMatchObject({ ok: false, paths: ['content'] });
  });

  it('stops a record whose matter the catalogue does not hold', () => {
    const p = { ...payload(), matter: { code: 'NO-SUCH', name: matter.name } };
    expect(signableCollection(p, catalogue)).toMatchObject({ ok: false, error: 'no-matter' });
  });
});

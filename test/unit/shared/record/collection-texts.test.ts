import { describe, expect, it } from 'vitest';
import { collectedTexts } from '../../../../shared/record/collection-texts';
import { toCollectionItems } from '../../../../shared/record/collection';
import { deriveRecord } from '../../../../shared/record/lifecycle';
import { demoCatalogue } from '../catalogue/fixtures';
import { RecordLog, signedPayload } from './fixtures';

/**
 * The texts of brief §9's "content" and "liability for breach", as the device and the platform
 * both build them from the catalogue: the whole commitment, general items the matter keeps first.
 */

const catalogue = demoCatalogue();

describe('collectedTexts', () => {
  it('holds the general items the matter keeps, then its own, in Chinese', () => {
    const omitting = catalogue.matters.find((m) => (m.omitGeneralItems ?? []).length > 0);
    const keeping = catalogue.matters.find((m) => (m.omitGeneralItems ?? []).length === 0);
    if (!omitting || !keeping) throw new Error('the demo catalogue lost its omitting matter');
    for (const m of [omitting, keeping]) {
      const texts = collectedTexts(catalogue, m.code);
      const content = texts?.content ?? '';
      catalogue.general.items.forEach((item, i) => {
        if ((m.omitGeneralItems ?? []).includes(i + 1))
          expect(content).not.toContain(item['zh-CN']);
        else expect(content).toContain(item['zh-CN']);
      });
      const lastGeneral = catalogue.general.items.at(-1)?.['zh-CN'] ?? '';
      const firstOwn = m.items[0]?.['zh-CN'] ?? '';
      expect(content.indexOf(firstOwn)).toBeGreaterThan(content.indexOf(lastGeneral));
      for (const c of m.consequences) expect(texts?.liabilityForBreach).toContain(c['zh-CN']);
      expect(content).not.toContain(m.items[0]?.en ?? '');
    }
    expect(collectedTexts(catalogue, 'NO-SUCH')).toBeNull();
  });

  it('gives every demo matter a record whose collection items hold', () => {
    for (const m of catalogue.matters) {
      const texts = collectedTexts(catalogue, m.code);
      if (!texts) throw new Error(m.code);
      const r = deriveRecord(
        new RecordLog().add('record.signed', {
          ...signedPayload(),
          matter: { code: m.code, name: m.name },
        }).entries,
      );
      if (!r.ok) throw new Error(r.reason);
      expect(toCollectionItems(r.record, texts)).toMatchObject({ ok: true });
    }
  });
});

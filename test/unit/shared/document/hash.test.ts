import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentText,
  documentHash,
  documentText,
  liabilityText,
} from '../../../../shared/document/hash';
import type { Entity } from '../../../../shared/entity';
import { at, demoCatalogue } from '../catalogue/fixtures';
import { build, catalogue, company, person } from './fixtures';

describe('documentHash', () => {
  it('is a lower-case SHA-256 hex digest', () => {
    expect(documentHash(build())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic: the same input gives the same hash, however the input was assembled', () => {
    const a = build();
    const b = build({ catalogue: demoCatalogue(), entity: { ...company } });
    expect(documentHash(b)).toBe(documentHash(a));
    // Only the day counts, not the time of day.
    expect(documentHash(build({ preparedAt: new Date('2026-11-05T01:00:00+08:00') }))).toBe(
      documentHash(build({ preparedAt: new Date('2026-11-05T23:59:00+08:00') })),
    );
  });

  it('changes with the language, the matter, the day and the catalogue version', () => {
    const base = documentHash(build());
    const variants = [
      build({ language: 'en' }),
      build({ matterCode: '02-001' }),
      build({ preparedAt: '2026-11-06' }),
      build({ catalogue: { ...catalogue, version: catalogue.version + 1 } }),
    ].map(documentHash);
    for (const h of variants) expect(h).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('changes with any change in the entity', () => {
    const base = documentHash(build());
    const changed: Entity[] = [
      { ...company, name: '石家庄示例食品有限公司二' },
      { ...company, idNumber: '91130100MA0111110X' },
      { ...company, kind: 'unincorporated' },
      { ...company, phone: '13812345679' },
      { ...company, address: '石家庄市长安区示例路2号' },
      {
        ...company,
        agent: { name: '李华', idType: 'resident-id', idNumber: '130102199003071233' },
      },
      { ...company, representative: { name: '王建国' } },
    ];
    for (const entity of changed) expect(documentHash(build({ entity }))).not.toBe(base);
  });

  it('changes for every different entity name and phone (property)', () => {
    const base = documentHash(build());
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== company.name),
        fc.stringMatching(/^1[3-9]\d{9}$/).filter((p) => p !== company.phone),
        (name, phone) => documentHash(build({ entity: { ...company, name, phone } })) !== base,
      ),
      { numRuns: 200 },
    );
  });
});

describe('documentText', () => {
  it('renders the title, every heading in order, numbered items and labelled fields', () => {
    const doc = build();
    const text = documentText(doc);
    expect(text.startsWith(`${doc.title}\n\n一、告知事项\n`)).toBe(true);
    const positions = doc.parts.map((p) => text.indexOf(p.heading));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain(`1. ${catalogue.general.items[0]?.['zh-CN']}`);
    expect(text).toContain(`8. ${catalogue.general.items[7]?.['zh-CN']}`);
    expect(text).toContain('事项编码：01-001');
    expect(text).toContain('统一社会信用代码：91130100MA01111107');
    expect(text).toContain('签名：');
    expect(text.endsWith('单位盖章：')).toBe(true);
  });

  it('uses the punctuation of the letter’s language', () => {
    const text = documentText(build({ language: 'en' }));
    expect(text).toContain('Matter code: 01-001');
    expect(text).not.toContain('：');
  });

  it('differs exactly when the document differs', () => {
    expect(documentText(build())).toBe(documentText(build()));
    expect(documentText(build({ entity: { ...company, phone: '13900000000' } }))).not.toBe(
      documentText(build()),
    );
  });
});

describe('collection texts', () => {
  it('content is the letter without the signer block: no identifiers, phone or address', () => {
    const doc = build({
      matterCode: '11-001',
      entity: { ...person, address: '石家庄市长安区某街1号' },
    });
    const content = contentText(doc);
    expect(content).toContain(doc.title);
    expect(content).toContain('四、违诺后果');
    expect(content).toContain('五、信息公示同意');
    for (const secret of [
      '130102199003071233',
      '13812345678',
      '石家庄市长安区某街1号',
      '张三',
      '六、承诺人签署',
    ]) {
      expect(content).not.toContain(secret);
    }
    expect(documentText(doc)).toContain('130102199003071233');
  });

  it('liability for breach is the consequences part as stated', () => {
    const doc = build({ language: 'en' });
    const liability = liabilityText(doc);
    const m = at(catalogue.matters, 0);
    expect(liability.split('\n')).toEqual([
      '4. Consequences of a false or broken commitment',
      catalogue.general.consequencesPreamble?.en,
      ...m.consequences.map((c, i) => `${i + 1}. ${c.en}`),
    ]);
  });

  it('liability is empty for a document without a consequences part', () => {
    const doc = build();
    expect(liabilityText({ ...doc, parts: doc.parts.filter((p) => p.id !== 'consequences') })).toBe(
      '',
    );
  });
});

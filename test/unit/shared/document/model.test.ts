import { describe, expect, it } from 'vitest';
import { buildCommitmentDocument, PART_IDS } from '../../../../shared/document/model';
import type {
  CommitmentDocument,
  DocumentBlock,
  DocumentInput,
} from '../../../../shared/document/model';
import type { Entity } from '../../../../shared/entity';
import { CatalogueSchema } from '../../../../shared/catalogue/schema';
import { mattersFor } from '../../../../shared/catalogue/select';
import { ENTITY_KINDS, LANGUAGES } from '../../../../shared/model';
import { at, demoCatalogue } from '../catalogue/fixtures';
import { baseInput, build, catalogue, company, person } from './fixtures';

const part = (doc: CommitmentDocument, id: string) => {
  const p = doc.parts.find((x) => x.id === id);
  if (!p) throw new Error(`no part ${id}`);
  return p;
};
const fields = (blocks: readonly DocumentBlock[]) =>
  Object.fromEntries(blocks.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : [])));
const lists = (blocks: readonly DocumentBlock[]) =>
  blocks.flatMap((b) => (b.kind === 'list' ? [b] : []));
const allStrings = (doc: CommitmentDocument): string[] =>
  JSON.stringify(doc)
    .match(/"(?:[^"\\]|\\.)*"/g)
    ?.map((s) => JSON.parse(s) as string) ?? [];

describe('buildCommitmentDocument', () => {
  it('has all six parts in order, with headings and title from the catalogue, in both languages', () => {
    for (const language of LANGUAGES) {
      const doc = build({ language });
      const labels = catalogue.general.labels;
      expect(doc.parts.map((p) => p.id)).toEqual([...PART_IDS]);
      expect(doc.parts.map((p) => p.heading)).toEqual([
        labels.headings.notification[language],
        labels.headings.generalCommitments[language],
        labels.headings.matterCommitments[language],
        labels.headings.consequences[language],
        labels.headings.disclosureConsent[language],
        labels.headings.signer[language],
      ]);
      expect(doc.title).toBe(labels.titleByType['approval-replacing'][language]);
      expect(doc).toMatchObject({
        documentVersion: 1,
        language,
        catalogue: { id: catalogue.catalogueId, version: catalogue.version },
        matter: { code: '01-001', templateVersion: 'HB-SCJG-2024.2' },
        preparedOn: '2026-11-05',
      });
    }
    expect(build().matter.name).toBe('食品经营许可（新办）');
    expect(build({ language: 'en' }).matter.name).toBe('Food business licence (new application)');
  });

  it("states the organ's notification: matter, basis, conditions, replaced materials, checks, consequences", () => {
    const m = at(catalogue.matters, 0);
    const zh = part(build(), 'notification');
    expect(fields(zh.blocks)).toEqual({
      事项名称: '食品经营许可（新办）',
      事项编码: '01-001',
      实施部门: '长安区市场监督管理局',
      核查部门: '长安区市场监督管理局',
      核查内容: m.supervision.what['zh-CN'],
      核查时限: '自受理或者作出决定之日起30日内',
      虚假承诺的后果: catalogue.general.falseCommitmentNotice['zh-CN'],
    });
    expect(lists(zh.blocks).map((l) => [l.label, l.items.length])).toEqual([
      ['设定依据', m.legalBasis.length],
      ['应当具备的条件', m.conditions.length],
      ['以承诺替代的材料', m.replacedMaterials.length],
    ]);
    const en = part(build({ language: 'en' }), 'notification');
    expect(fields(en.blocks)['When']).toBe('within 30 days of acceptance or decision');
    expect(lists(en.blocks)[0]?.items[0]).toBe(
      "Food Safety Law of the People's Republic of China, Article 35",
    );
  });

  it('leaves out the replaced-materials list when the commitment replaces nothing', () => {
    const doc = build({ matterCode: '01-003' });
    expect(lists(part(doc, 'notification').blocks).map((l) => l.label)).toEqual([
      '设定依据',
      '应当具备的条件',
    ]);
  });

  it('lists the general items, the matter items and the consequences in catalogue order', () => {
    const doc = build({ language: 'en' });
    const m = at(catalogue.matters, 0);
    expect(part(doc, 'general-commitments').blocks).toEqual([
      {
        kind: 'list',
        label: catalogue.general.labels.generalIntro.en,
        items: catalogue.general.items.map((i) => i.en),
      },
    ]);
    expect(part(doc, 'matter-commitments').blocks).toEqual([
      {
        kind: 'list',
        label: catalogue.general.labels.matterIntro.en,
        items: m.items.map((i) => i.en),
      },
    ]);
    expect(part(doc, 'consequences').blocks).toEqual([
      {
        kind: 'list',
        label: catalogue.general.consequencesPreamble?.en,
        items: m.consequences.map((i) => i.en),
      },
    ]);
    expect(part(doc, 'disclosure-consent').blocks).toEqual([
      { kind: 'paragraph', text: catalogue.general.disclosureConsent.en },
    ]);
  });

  it('leaves out a general item untrue by the matter’s nature: a credit repair’s "no unrepaired record"', () => {
    const doc = build({ language: 'zh-CN', matterCode: '11-001' });
    const [general] = lists(part(doc, 'general-commitments').blocks);
    const items = catalogue.general.items.map((i) => i['zh-CN']);
    expect(general?.items).toEqual(items.filter((_, i) => i !== 1));
    expect(allStrings(doc).join('')).not.toContain(items[1]);
  });

  it('refuses a catalogue that leaves out a general item it does not have, or all of them', () => {
    const broken = (omit: number[]) =>
      CatalogueSchema.safeParse({
        ...catalogue,
        matters: catalogue.matters.map((m, i) => (i === 0 ? { ...m, omitGeneralItems: omit } : m)),
      }).success;
    expect(broken([2])).toBe(true);
    expect(broken([catalogue.general.items.length + 1])).toBe(false);
    expect(broken([2, 2])).toBe(false);
    expect(broken(catalogue.general.items.map((_, i) => i + 1))).toBe(false);
  });

  it('has no consequences label when the catalogue has no preamble', () => {
    const bare = demoCatalogue();
    delete bare.general.consequencesPreamble;
    const doc = build({ catalogue: bare });
    expect(part(doc, 'consequences').blocks[0]).toMatchObject({ kind: 'list', label: null });
  });

  it('signs an organisation: name, kind, code, representative with id, agent, phone, address, date, signature, seal', () => {
    const signer = part(build(), 'signer');
    expect(signer.blocks[0]).toEqual({
      kind: 'paragraph',
      text: catalogue.general.signerDeclaration['zh-CN'],
    });
    expect(fields(signer.blocks)).toEqual({
      承诺单位: '石家庄示例食品有限公司',
      主体类别: '法人',
      统一社会信用代码: '91130100MA01111107',
      '法定代表人（负责人）': '王建国（居民身份证号码：130102199003071233）',
      经办人: '李华',
      联系电话: '13812345678',
      地址: '石家庄市长安区示例路1号',
      日期: '2026年11月5日',
    });
    expect(signer.blocks.slice(-2)).toEqual([
      { kind: 'signature', label: '签名' },
      { kind: 'seal', label: '单位盖章' },
    ]);
  });

  it('signs a natural person with the identity number as given, and never asks a person for a seal', () => {
    const doc = build({ matterCode: '11-001', entity: person, language: 'en' });
    expect(catalogue.matters.find((m) => m.code === '11-001')?.sealRequired).toBe(true);
    const signer = part(doc, 'signer');
    expect(fields(signer.blocks)).toEqual({
      'Committing person': '张三',
      Category: 'Natural person',
      'Resident identity card number': '130102199003071233',
      Telephone: '13812345678',
      Date: '2026-11-05',
    });
    expect(signer.blocks.some((b) => b.kind === 'seal')).toBe(false);
    expect(signer.blocks.at(-1)).toEqual({ kind: 'signature', label: 'Signature' });
  });

  it('leaves out the seal where the matter does not require one', () => {
    const doc = build({ matterCode: '01-003' });
    expect(part(doc, 'signer').blocks.some((b) => b.kind === 'seal')).toBe(false);
  });

  it('dates the letter on the China calendar', () => {
    expect(build({ preparedAt: new Date('2026-11-04T16:30:00Z') }).preparedOn).toBe('2026-11-05');
    expect(build({ preparedAt: new Date('2026-11-04T15:59:59Z') }).preparedOn).toBe('2026-11-04');
    expect(
      fields(part(build({ preparedAt: '2026-01-09', language: 'en' }), 'signer').blocks)['Date'],
    ).toBe('2026-01-09');
    expect(fields(part(build({ preparedAt: '2026-01-09' }), 'signer').blocks)['日期']).toBe(
      '2026年1月9日',
    );
  });

  it('never expands placeholders found in what the applicant typed', () => {
    const tricky: Entity = {
      ...company,
      representative: { name: '{idType}{name}', idType: 'passport', idNumber: '{idNumber}' },
    };
    const signer = part(build({ entity: tricky, language: 'en' }), 'signer');
    expect(fields(signer.blocks)['Legal representative (person in charge)']).toBe(
      '{idType}{name} (Passport number: {idNumber})',
    );
  });

  it('builds a complete letter for every matter in force, every allowed kind and both languages', () => {
    const entities = {
      'legal-person': company,
      unincorporated: { ...company, kind: 'unincorporated' as const },
      'natural-person': person,
    };
    let built = 0;
    for (const kind of ENTITY_KINDS) {
      for (const m of mattersFor(catalogue, kind, '2026-11-05')) {
        for (const language of LANGUAGES) {
          const doc = build({ matterCode: m.code, entity: entities[kind], language });
          expect(doc.parts.map((p) => p.id)).toEqual([...PART_IDS]);
          expect(doc.title).toBe(catalogue.general.labels.titleByType[m.commitmentType][language]);
          for (const text of allStrings(doc)) {
            expect(text.trim(), `${m.code} ${language}`).not.toBe('');
            expect(text, `${m.code} ${language}`).not.toMatch(
              /\{(days|name|idType|idNumber|y|m|d|mm|dd)\}/,
            );
          }
          if (language === 'en')
            expect(JSON.stringify(doc.parts.slice(0, 5))).not.toMatch(/\p{Script=Han}/u);
          built += 1;
        }
      }
    }
    expect(built).toBeGreaterThan(40);
  });

  it('is canonical JSON: survives a JSON round trip unchanged', () => {
    const doc = build();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('takes every word from the catalogue: changing a label changes the letter', () => {
    const edited = demoCatalogue();
    edited.general.labels.titleByType['approval-replacing']['zh-CN'] = '告知承诺书（试行）';
    edited.general.labels.headings.signer['zh-CN'] = '六、签署';
    const doc = build({ catalogue: edited });
    expect(doc.title).toBe('告知承诺书（试行）');
    expect(part(doc, 'signer').heading).toBe('六、签署');
  });
});

describe('buildCommitmentDocument refusals', () => {
  const refusal = (overrides: Partial<DocumentInput>) => {
    const result = buildCommitmentDocument({ ...baseInput, ...overrides });
    return result.ok ? 'built' : result.error;
  };

  it('refuses an unknown matter and one not in force on the day', () => {
    expect(refusal({ matterCode: '99-999' })).toBe('unknown-matter');
    expect(refusal({ matterCode: '01-002' })).toBe('matter-not-in-force');
    expect(refusal({ matterCode: '01-002', preparedAt: '2025-12-31' })).toBe('built');
    expect(refusal({ matterCode: '04-002', entity: person })).toBe('matter-not-in-force');
    expect(refusal({ matterCode: '04-002', entity: person, preparedAt: '2029-01-01' })).toBe(
      'built',
    );
  });

  it('refuses an entity kind the matter does not admit', () => {
    expect(refusal({ matterCode: '05-001', entity: person })).toBe('entity-kind-not-allowed');
    expect(refusal({ matterCode: '05-001', entity: { ...company, kind: 'unincorporated' } })).toBe(
      'entity-kind-not-allowed',
    );
    expect(refusal({ matterCode: '03-001', entity: company })).toBe('entity-kind-not-allowed');
  });

  it('refuses an organisation without the representative, agent or phone the matter needs', () => {
    const noRepresentative: Entity = { ...company, representative: undefined };
    const noAgent: Entity = { ...company, agent: undefined };
    const noPhone: Entity = { ...company, phone: undefined };
    expect(refusal({ entity: noRepresentative })).toBe('representative-required');
    expect(refusal({ entity: noAgent })).toBe('agent-required');
    expect(refusal({ entity: noPhone })).toBe('phone-required');
    // 13-001 needs no agent.
    expect(refusal({ matterCode: '13-001', entity: noAgent })).toBe('built');
  });

  it('asks a natural person for a phone where needed, but never for a representative or agent', () => {
    const noPhone: Entity = { ...person, phone: undefined };
    expect(refusal({ matterCode: '11-001', entity: person })).toBe('built');
    expect(refusal({ matterCode: '11-001', entity: noPhone })).toBe('phone-required');
  });

  it('throws on a malformed date, which is a programming error', () => {
    expect(() => buildCommitmentDocument({ ...baseInput, preparedAt: '5 Nov 2026' })).toThrow(
      RangeError,
    );
  });
});

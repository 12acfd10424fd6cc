import { describe, expect, it } from 'vitest';
import {
  EntitySchema,
  entityTextIssues,
  signerName,
  validateEntity,
} from '../../../../shared/entity';
import { TODAY } from './arbitraries';

const company = {
  kind: 'legal-person',
  name: ' 河北示例科技有限公司 ',
  idType: 'uscc',
  idNumber: '91130100ma01111107',
  representative: { name: '李四' },
  agent: { name: '张 三', idType: 'resident-id', idNumber: '130102199003071233' },
  phone: '+86 138 1234 5678',
  address: '  石家庄市长安区  示例路1号 ',
};

const person = {
  kind: 'natural-person',
  name: '张三',
  idType: 'resident-id',
  idNumber: '11010519491231002x',
};

describe('validateEntity', () => {
  it('returns the normalised entity, which satisfies EntitySchema', () => {
    const result = validateEntity(company, TODAY);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      entity: {
        kind: 'legal-person',
        name: '河北示例科技有限公司',
        idType: 'uscc',
        idNumber: '91130100MA01111107',
        representative: { name: '李四' },
        agent: { name: '张三', idType: 'resident-id', idNumber: '130102199003071233' },
        phone: '13812345678',
        address: '石家庄市长安区 示例路1号',
      },
    });
    if (result.ok) expect(EntitySchema.parse(result.entity)).toEqual(result.entity);
  });

  it('accepts a natural person with any personal document and drops blank optional fields', () => {
    expect(validateEntity({ ...person, phone: '  ', address: '' }, TODAY)).toEqual({
      ok: true,
      warnings: [],
      entity: {
        kind: 'natural-person',
        name: '张三',
        idType: 'resident-id',
        idNumber: '11010519491231002X',
      },
    });
    expect(
      validateEntity(
        { kind: 'natural-person', name: 'John Smith', idType: 'passport', idNumber: 'e1234567' },
        TODAY,
      ),
    ).toMatchObject({ ok: true, entity: { idNumber: 'E1234567' } });
  });

  it('passes on the organisation-code warning for the clerk', () => {
    expect(validateEntity({ ...company, idNumber: '91130100MA0111111A' }, TODAY)).toMatchObject({
      ok: true,
      warnings: [{ field: 'idNumber', code: 'org-code-check' }],
    });
  });

  it('refuses a document type that the entity kind may not use', () => {
    expect(
      validateEntity({ ...person, idType: 'uscc', idNumber: '91130100MA01111107' }, TODAY),
    ).toEqual({
      ok: false,
      issues: [{ field: 'idNumber', code: 'document-type-not-allowed' }],
    });
    expect(
      validateEntity({ ...company, idType: 'resident-id', idNumber: '130102199003071233' }, TODAY),
    ).toEqual({
      ok: false,
      issues: [{ field: 'idNumber', code: 'document-type-not-allowed' }],
    });
  });

  it('requires a representative name for legal persons and unincorporated organisations', () => {
    const withoutRepresentative = { ...company, representative: undefined };
    expect(validateEntity(withoutRepresentative, TODAY)).toEqual({
      ok: false,
      issues: [{ field: 'representative.name', code: 'required' }],
    });
    expect(
      validateEntity(
        { ...withoutRepresentative, kind: 'unincorporated', representative: { name: ' ' } },
        TODAY,
      ),
    ).toEqual({ ok: false, issues: [{ field: 'representative.name', code: 'required' }] });
  });

  it('checks a representative document when one is given, complete and for a person', () => {
    const withDocument = (rep: object) =>
      validateEntity({ ...company, representative: rep }, TODAY);
    expect(
      withDocument({ name: '李四', idType: 'resident-id', idNumber: '130102199003071233' }),
    ).toMatchObject({
      ok: true,
      entity: {
        representative: { name: '李四', idType: 'resident-id', idNumber: '130102199003071233' },
      },
    });
    expect(withDocument({ name: '李四', idType: 'resident-id' })).toEqual({
      ok: false,
      issues: [{ field: 'representative.idNumber', code: 'required' }],
    });
    expect(withDocument({ name: '李四', idNumber: '130102199003071233' })).toEqual({
      ok: false,
      issues: [{ field: 'representative.idType', code: 'required' }],
    });
    expect(withDocument({ name: '李四', idType: 'uscc', idNumber: '91130100MA01111107' })).toEqual({
      ok: false,
      issues: [{ field: 'representative.idNumber', code: 'document-type-not-allowed' }],
    });
  });

  it('requires an agent to carry a valid personal document', () => {
    expect(validateEntity({ ...person, agent: { name: '李四' } }, TODAY)).toEqual({
      ok: false,
      issues: [{ field: 'agent.idType', code: 'required' }],
    });
    expect(
      validateEntity(
        {
          ...person,
          agent: { name: '李四', idType: 'resident-id', idNumber: '13010219990229123X' },
        },
        TODAY,
      ),
    ).toEqual({ ok: false, issues: [{ field: 'agent.idNumber', code: 'date' }] });
  });

  it('reports every field issue at once, with the validator codes', () => {
    const result = validateEntity(
      {
        kind: 'natural-person',
        name: '12345',
        idType: 'resident-id',
        idNumber: '130102203001011236',
        representative: { name: '李四' },
        agent: { name: '', idType: 'passport', idNumber: 'E1' },
        phone: '12812345678',
        address: '示例路\u0000',
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'name', code: 'digits-only' },
        { field: 'idNumber', code: 'future-date' },
        { field: 'representative', code: 'not-applicable' },
        { field: 'agent.name', code: 'required' },
        { field: 'agent.idNumber', code: 'shape' },
        { field: 'phone', code: 'prefix' },
        { field: 'address', code: 'control', char: 'U+0000' },
      ],
    });
  });

  it('reports structural problems as required / invalid / too-long', () => {
    expect(validateEntity(null, TODAY)).toEqual({
      ok: false,
      issues: [{ field: '', code: 'invalid' }],
    });
    expect(
      validateEntity(
        { kind: 'company', idType: 'uscc', idNumber: 7, name: 'x'.repeat(1001) },
        TODAY,
      ),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'kind', code: 'invalid' },
        { field: 'name', code: 'too-long', max: 100 },
        { field: 'idNumber', code: 'invalid' },
      ],
    });
    expect(
      validateEntity({ kind: 'natural-person', name: '张三', idType: 'resident-id' }, TODAY),
    ).toEqual({
      ok: false,
      issues: [{ field: 'idNumber', code: 'required' }],
    });
  });

  it('refuses an address longer than the stored limit', () => {
    expect(validateEntity({ ...person, address: '路'.repeat(501) }, TODAY)).toEqual({
      ok: false,
      issues: [{ field: 'address', code: 'too-long', max: 500, length: 501 }],
    });
  });
});

describe('EntitySchema', () => {
  it('is strict and bounded', () => {
    const entity = {
      kind: 'natural-person',
      name: '张三',
      idType: 'resident-id',
      idNumber: '130102199003071233',
    };
    expect(EntitySchema.safeParse(entity).success).toBe(true);
    expect(EntitySchema.safeParse({ ...entity, extra: 1 }).success).toBe(false);
    expect(EntitySchema.safeParse({ ...entity, name: ' ' }).success).toBe(false);
    expect(EntitySchema.safeParse({ ...entity, idNumber: '1'.repeat(65) }).success).toBe(false);
  });
});

describe('signerName', () => {
  it('is the person, else the agent at the kiosk, else the representative', () => {
    const org = EntitySchema.parse(company);
    expect(signerName(EntitySchema.parse(person))).toBe('张三');
    expect(signerName(org)).toBe('张 三');
    expect(signerName({ ...org, agent: undefined })).toBe('李四');
  });
});

describe('hostile input at the entity step', () => {
  const company = {
    kind: 'legal-person',
    name: '石家庄示例食品有限公司',
    idType: 'uscc',
    idNumber: '91130100MA01111107',
    representative: { name: '王五' },
  } as const;
  const issueOf = (input: Record<string, unknown>, field: string) => {
    const result = validateEntity({ ...company, ...input }, TODAY);
    return result.ok ? undefined : result.issues.find((i) => i.field === field);
  };

  it('refuses markup in a company name as in a person name (one rule for every name)', () => {
    expect(issueOf({ name: '<img src=x onerror=alert(1)>' }, 'name')).toMatchObject({
      code: 'markup',
    });
    expect(
      issueOf({ representative: { name: '<b>王五</b>' } }, 'representative.name'),
    ).toMatchObject({
      code: 'markup',
    });
  });

  it('says "character not allowed", naming it, for an override or emoji inside an ID number', () => {
    for (const [inserted, code] of [
      ['\u202e', 'bidi-control'],
      ['😀', 'character'],
      ['\u200b', 'invisible'],
    ] as const) {
      const idNumber = `9113010${inserted}0MA01111107`;
      expect(issueOf({ idNumber }, 'idNumber')).toEqual({
        field: 'idNumber',
        code,
        char: `U+${(inserted.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
      });
    }
  });

  it('states the 18 characters a credit code or resident ID must have', () => {
    expect(issueOf({ idNumber: '91130100MA01' }, 'idNumber')).toEqual({
      field: 'idNumber',
      code: 'length',
      min: 18,
      max: 18,
      length: 12,
    });
  });

  it('entityTextIssues refuses a hostile entity that went around the form', () => {
    expect(
      entityTextIssues({
        ...company,
        name: '河北\u202e司公',
        representative: { name: '王<五>' },
        phone: '138\u200b12345678',
      }),
    ).toEqual([
      { field: 'name', code: 'bidi-control', char: 'U+202E' },
      { field: 'representative.name', code: 'markup', char: '<' },
      { field: 'phone', code: 'invisible', char: 'U+200B' },
    ]);
    expect(entityTextIssues(company)).toEqual([]);
  });
});

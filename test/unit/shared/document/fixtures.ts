import { buildCommitmentDocument } from '../../../../shared/document/model';
import type { CommitmentDocument, DocumentInput } from '../../../../shared/document/model';
import { EntitySchema } from '../../../../shared/entity';
import type { Entity } from '../../../../shared/entity';
import { demoCatalogue } from '../catalogue/fixtures';

export const company: Entity = EntitySchema.parse({
  kind: 'legal-person',
  name: '石家庄示例食品有限公司',
  idType: 'uscc',
  idNumber: '91130100MA01111107',
  representative: { name: '王建国', idType: 'resident-id', idNumber: '130102199003071233' },
  agent: { name: '李华' },
  phone: '13812345678',
  address: '石家庄市长安区示例路1号',
});

export const person: Entity = EntitySchema.parse({
  kind: 'natural-person',
  name: '张三',
  idType: 'resident-id',
  idNumber: '130102199003071233',
  phone: '13812345678',
});

export const catalogue = demoCatalogue();
export const baseInput: DocumentInput = {
  catalogue,
  matterCode: '01-001',
  entity: company,
  language: 'zh-CN',
  preparedAt: '2026-11-05',
};

export function build(overrides: Partial<DocumentInput> = {}): CommitmentDocument {
  const result = buildCommitmentDocument({ ...baseInput, ...overrides });
  if (!result.ok) throw new Error(`document refused: ${result.error}`);
  return result.document;
}

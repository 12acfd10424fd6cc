import { z } from 'zod';

/** The product's two languages; zh-CN is the default everywhere. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** A text the product shows in both languages (legal texts are data and always come in both). */
export const LocalizedTextSchema = z.object({
  'zh-CN': z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The three kinds of market entity the reform names (brief, section 2). */
export const ENTITY_KINDS = ['legal-person', 'unincorporated', 'natural-person'] as const;
export const EntityKindSchema = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/** Commitment types of the collection standard (brief, section 9). */
export const COMMITMENT_TYPES = [
  'approval-replacing',
  'acceptance-pending-materials',
  'proof-replacing',
  'credit-repair',
  'industry-self-discipline',
  'voluntary',
  'other',
] as const;
export const CommitmentTypeSchema = z.enum(COMMITMENT_TYPES);
export type CommitmentType = z.infer<typeof CommitmentTypeSchema>;

/** Documents that identify an entity. Organisations use the credit code; people the rest. */
export const ID_DOCUMENT_TYPES = [
  'uscc',
  'resident-id',
  'hk-macao-permit',
  'taiwan-permit',
  'passport',
  'foreign-permanent-resident',
] as const;
export const IdDocumentTypeSchema = z.enum(ID_DOCUMENT_TYPES);
export type IdDocumentType = z.infer<typeof IdDocumentTypeSchema>;

/** An ISO-8601 instant with offset, as every timestamp in records and messages is written. */
export const InstantSchema = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
export const DateSchema = z.iso.date();
/** Lower-case hex SHA-256 / SM3 digest. */
export const DigestSchema = z.string().regex(/^[0-9a-f]{64}$/);

import { z } from 'zod';
import { CommitmentTypeSchema, DateSchema } from '../model';
import { CommitmentCodeSchema } from '../record/commitment-code';
import { CollectedFulfilmentStatusSchema, PartyCategorySchema } from '../record/collection';
import { CreditCodeSchema, OrganSchema } from '../record/events';
import { MAX_PUBLIC_QUERY_PAGE } from './limits';
import { InterfaceVersionSchema } from './version';

/**
 * The public query: anyone asks for an entity's published commitments. Answers are masked
 * (brief §7) and strict, so a phone number or address can never ride along in an extra field.
 */

export const PublicQueryRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    query: z.discriminatedUnion('by', [
      z.object({ by: z.literal('code'), code: z.string().regex(/^[0-9A-Z]{5,32}$/) }).strict(),
      z.object({ by: z.literal('name'), name: z.string().trim().min(2).max(200) }).strict(),
    ]),
    page: z.number().int().min(1).max(10_000),
    pageSize: z.number().int().min(1).max(MAX_PUBLIC_QUERY_PAGE),
  })
  .strict();
export type PublicQueryRequest = z.infer<typeof PublicQueryRequestSchema>;

export const PublicCommitmentSchema = z
  .object({
    commitmentCode: CommitmentCodeSchema,
    party: z
      .object({
        name: z.string().trim().min(1).max(200),
        category: PartyCategorySchema,
        code: z.string().min(1).max(64),
      })
      .strict(),
    commitmentType: CommitmentTypeSchema,
    commitmentTypeName: z.string().max(500).nullable(),
    reason: z.string().trim().min(1).max(500),
    content: z.string().trim().min(1).max(10_000),
    dateMade: DateSchema,
    validUntil: DateSchema.nullable(),
    acceptingOrgan: z
      .object({ name: z.string().trim().min(1).max(200), creditCode: CreditCodeSchema })
      .strict(),
    fulfilment: z
      .object({
        status: CollectedFulfilmentStatusSchema,
        findingDate: DateSchema,
        findingOrgan: OrganSchema,
      })
      .strict()
      .nullable(),
  })
  .strict()
  // A last guard, not the masking rule itself: a natural person's name and number must show a mask.
  .refine(
    (c) =>
      c.party.category !== 'natural-person' ||
      (c.party.name.includes('*') && c.party.code.includes('*')),
    {
      message: 'unmasked-person',
      path: ['party'],
    },
  );
export type PublicCommitment = z.infer<typeof PublicCommitmentSchema>;

export const PublicQueryResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    page: z.number().int().min(1),
    total: z.number().int().min(0),
    items: z.array(PublicCommitmentSchema).max(MAX_PUBLIC_QUERY_PAGE),
  })
  .strict()
  .refine((r) => r.items.length <= r.total, { message: 'more-items-than-total', path: ['items'] });
export type PublicQueryResponse = z.infer<typeof PublicQueryResponseSchema>;

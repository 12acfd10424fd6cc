/**
 * What the host answers the renderer for one read (bridge channel `idReader.read`), checked on
 * both sides: a card's data passes the same rules as at decoding (the number's check digit,
 * its birth date and sex agree with the card's), so a peer cannot slip in an unchecked identity.
 */
import { z } from 'zod';
import { residentIdCheckChar } from '../ids/resident-id';
import { CARD_PHOTO_BYTES } from './card-text';
import type { ReadOutcome } from './read-sequence';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
// The same characters a card may hold (card-text.ts): no controls, format characters or markup.
const CardString = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFFFD<>]/u.test(s), 'character');

export const IdCardDataSchema = z
  .object({
    name: CardString(15),
    idNumber: z.string().regex(/^\d{17}[\dX]$/u),
    sex: z.enum(['male', 'female']),
    birthDate: Day,
    address: CardString(35),
    authority: CardString(15),
    validFrom: Day,
    validUntil: z.union([Day, z.literal('long-term')]),
    /** The card's WLT photo, opaque; only when asked for. */
    photo: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array)
      .refine((b) => b.byteLength > 0 && b.byteLength <= CARD_PHOTO_BYTES)
      .optional(),
  })
  .strict()
  .superRefine((card, ctx) => {
    const n = card.idNumber;
    if (residentIdCheckChar(n.slice(0, 17)) !== n.charAt(17)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'check' });
    }
    if (`${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}` !== card.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'differs from the number' });
    }
    if (((n.charCodeAt(16) - 0x30) % 2 === 1 ? 'male' : 'female') !== card.sex) {
      ctx.addIssue({ code: 'custom', path: ['sex'], message: 'differs from the number' });
    }
    if (card.validUntil !== 'long-term' && card.validUntil <= card.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'before validFrom' });
    }
  });
export type IdCardData = z.infer<typeof IdCardDataSchema>;

export const IdReadRequestSchema = z
  .object({
    /** Ask for the photo only where the hall compares photos. */
    photo: z.boolean().default(false),
  })
  .strict();

export const IdReadAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('card'), card: IdCardDataSchema }).strict(),
  z.object({ status: z.literal('no-card') }).strict(),
  z
    .object({
      status: z.literal('failed'),
      reason: z.enum(['removed', 'unreadable', 'invalid-card']),
    })
    .strict(),
  z
    .object({
      status: z.literal('unavailable'),
      reason: z.enum(['not-configured', 'unplugged', 'no-answer', 'module-fault']),
    })
    .strict(),
]);
export type IdReadAnswer = z.infer<typeof IdReadAnswerSchema>;

/** The bridge's answer for a read: the fields the kiosk needs, nothing more (no ethnicity). */
export function answerFor(outcome: ReadOutcome): IdReadAnswer {
  switch (outcome.status) {
    case 'card': {
      const { card, photo } = outcome;
      return {
        status: 'card',
        card: {
          name: card.name,
          idNumber: card.idNumber,
          sex: card.sex,
          birthDate: card.birthDate,
          address: card.address,
          authority: card.authority,
          validFrom: card.validFrom,
          validUntil: card.validUntil,
          ...(photo ? { photo } : {}),
        },
      };
    }
    case 'failed':
      return { status: 'failed', reason: outcome.reason };
    default:
      return outcome;
  }
}

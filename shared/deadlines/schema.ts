import { z } from 'zod';
import { DateSchema, LocalizedTextSchema } from '../model';
import { DayCountSchema } from './calendar';

/** A material the applicant may hand in after acceptance (容缺受理), by its catalogue id. */
export const MaterialIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

/**
 * The time limits a record promises, fixed when it is signed from the catalogue it was signed
 * under: a later catalogue or calendar never moves a deadline already printed on a letter.
 */
export const RecordDeadlinesSchema = z.strictObject({
  /** The day by which the department checks the commitment (the matter's `withinDays`). */
  verifyBy: DateSchema,
  dayCount: DayCountSchema,
  /** False if working days ran past the known calendar (see DueDate.certain). */
  certain: z.boolean(),
  materials: z
    .array(
      z.strictObject({
        id: MaterialIdSchema,
        name: LocalizedTextSchema,
        dueBy: DateSchema,
      }),
    )
    .max(20),
});
export type RecordDeadlines = z.infer<typeof RecordDeadlinesSchema>;

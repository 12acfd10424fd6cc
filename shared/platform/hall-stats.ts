import { z } from 'zod';
import { DeviceIdSchema } from '../events/envelope';
import { DateSchema, InstantSchema } from '../model';
import { MAX_RANGE_DAYS, StatsFiguresSchema } from '../stats/figures';
import { InterfaceVersionSchema } from './version';

/**
 * The hall's statistics (issue 18): the figures of every record of every device of the asking
 * device's hall, signed from `from` to `to` (hall days). Only the hall's own: a device never
 * learns another hall's figures. Figures only, never a name or an identifier.
 */
export const HallStatsRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    from: DateSchema,
    to: DateSchema,
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'range-reversed', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < MAX_RANGE_DAYS, {
    message: 'range-too-long',
    path: ['to'],
  });
export type HallStatsRequest = z.infer<typeof HallStatsRequestSchema>;

export const HallStatsResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    hallCode: z.string().min(1).max(32),
    /** Devices of the hall whose records were counted (every enrolled one, revoked included). */
    devices: z.number().int().nonnegative(),
    /** When the platform took the figures. */
    takenAt: InstantSchema,
    figures: StatsFiguresSchema,
  })
  .strict();
export type HallStatsResponse = z.infer<typeof HallStatsResponseSchema>;

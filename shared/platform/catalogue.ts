import { z } from 'zod';
import { DeviceIdSchema } from '../events/envelope';
import { SignedCatalogueSchema } from '../catalogue/signed';
import { InterfaceVersionSchema } from './version';

/** The device says which version it holds, so an unchanged catalogue is not sent again. */
export const CatalogueRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    haveVersion: z.number().int().min(1).nullable(),
  })
  .strict();
export type CatalogueRequest = z.infer<typeof CatalogueRequestSchema>;

export const CatalogueResponseSchema = z.discriminatedUnion('status', [
  z.object({ interfaceVersion: InterfaceVersionSchema, status: z.literal('current') }).strict(),
  z
    .object({
      interfaceVersion: InterfaceVersionSchema,
      status: z.literal('updated'),
      /** Verify with verifyCatalogue over the body as received, not over this parsed copy. */
      catalogue: SignedCatalogueSchema,
    })
    .strict(),
]);
export type CatalogueResponse = z.infer<typeof CatalogueResponseSchema>;

import { z } from 'zod';
import shipped from '../../resources/trust/platform-keys.json';
import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import { TrustedKeysSchema } from './trust';

/**
 * The platform keys provisioned with the installation (resources/trust/platform-keys.json), passed
 * to enrolDevice as the device's trust anchor. The shipped file holds the reference platform's
 * DEMO key; a real deployment replaces the file (resources/trust/README.md).
 */

const ProvisionedFileSchema = z
  .object({ _comment: z.string().optional(), keys: TrustedKeysSchema.min(1) })
  .strict();

export function provisionedPlatformKeys(): readonly TrustedCatalogueKey[] {
  const parsed = ProvisionedFileSchema.safeParse(shipped);
  return parsed.success ? parsed.data.keys : [];
}

import demoJson from '../../../../resources/catalogue/demo-catalogue.json';
import { CatalogueSchema } from '../../../../shared/catalogue/schema';
import type { Catalogue } from '../../../../shared/catalogue/schema';

/** A fresh, parsed copy of the demo catalogue that a test may change freely. */
export function demoCatalogue(): Catalogue {
  return CatalogueSchema.parse(structuredClone(demoJson));
}

/** The demo catalogue as raw JSON (not parsed), for tests that break it on purpose. */
export function rawDemo(): typeof demoJson {
  return structuredClone(demoJson);
}

/** A day on which the demo catalogue's ordinary matters are in force. */
export const DEMO_TODAY = '2026-11-25';

/** items[i], or a failed test if it is missing. */
export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item at ${i}`);
  return item;
}

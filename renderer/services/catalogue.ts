import demoCatalogue from '../../resources/catalogue/demo-catalogue.json';
import { CatalogueSchema, type Catalogue } from '../../shared/catalogue/schema';
import type { KioskDb } from '../store/db';
import { readMeta, writeMeta } from '../store/meta';

export type CatalogueSource = 'platform' | 'demo';

export interface LoadedCatalogue {
  readonly catalogue: Catalogue;
  readonly source: CatalogueSource;
}

/**
 * The catalogue the kiosk serves from: the last one the platform sent (verified when it was
 * stored, and re-parsed here), else in demo mode the bundled demo catalogue.
 */
export async function loadCatalogue(db: KioskDb, demo: boolean): Promise<LoadedCatalogue | null> {
  const stored = await readMeta(db, 'catalogue');
  if (stored) return { catalogue: stored, source: 'platform' };
  if (!demo) return null;
  const bundled = CatalogueSchema.safeParse(demoCatalogue);
  return bundled.success ? { catalogue: bundled.data, source: 'demo' } : null;
}

/** Stores a catalogue that the caller has verified against the platform's key. */
export async function storeVerifiedCatalogue(db: KioskDb, catalogue: Catalogue): Promise<void> {
  await writeMeta(db, 'catalogue', catalogue);
}

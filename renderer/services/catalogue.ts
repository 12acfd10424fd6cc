import demoCatalogue from '../../resources/catalogue/demo-catalogue.json';
import { CatalogueSchema, type Catalogue } from '../../shared/catalogue/schema';
import {
  isNewerThan,
  verifyCatalogue,
  type CatalogueVerifyResult,
  type TrustedCatalogueKey,
} from '../../shared/catalogue/signed';
import type { SignatureAlgorithm, Verifier } from '../../shared/crypto/signing';
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

export type CatalogueAcceptResult =
  | { readonly ok: true; readonly catalogue: Catalogue }
  | Extract<CatalogueVerifyResult, { readonly ok: false }>
  | { readonly ok: false; readonly error: 'not-newer' };

/**
 * The one way a catalogue from outside (the platform's answer to a sync, or a file carried on USB)
 * becomes the catalogue the kiosk serves: verified against the platform's keys, for this hall,
 * within its validity, and stored only when it is a newer version of the stored one.
 */
export async function acceptCatalogue(
  db: KioskDb,
  input: unknown,
  check: {
    readonly trusted: readonly TrustedCatalogueKey[];
    readonly verifierFor: (alg: SignatureAlgorithm) => Verifier;
    readonly now: Date;
    readonly hallCode: string;
  },
): Promise<CatalogueAcceptResult> {
  const verified = await verifyCatalogue(
    input,
    check.trusted,
    check.verifierFor,
    check.now,
    check.hallCode,
  );
  if (!verified.ok) return verified;
  const held = await loadCatalogue(db, false);
  if (held && !isNewerThan(verified.catalogue, held.catalogue))
    return { ok: false, error: 'not-newer' };
  await storeVerifiedCatalogue(db, verified.catalogue);
  return { ok: true, catalogue: verified.catalogue };
}

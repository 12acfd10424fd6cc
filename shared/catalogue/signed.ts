import { z } from 'zod';
import { canonicalBytes } from '../crypto/canonical';
import { Base64urlSchema, SignatureAlgorithmSchema } from '../crypto/schemas';
import type { PublicKeyInfo, SignatureAlgorithm, Signer, Verifier } from '../crypto/signing';
import { CatalogueSchema } from './schema';
import type { Catalogue } from './schema';

/**
 * The catalogue as the platform ships it: the bundle plus the platform's signature over the RFC 8785
 * canonical JSON of the bundle. The signature is checked over the bundle exactly as received (not
 * over the parsed copy), so that schema normalisation such as trimming can never make a signed
 * bundle fail or an unsigned difference pass.
 */

const KeyIdSchema = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,127}$/);

export const CatalogueSignatureSchema = z.strictObject({
  alg: SignatureAlgorithmSchema,
  keyId: KeyIdSchema,
  value: Base64urlSchema.min(1).max(2048),
});
export type CatalogueSignature = z.infer<typeof CatalogueSignatureSchema>;

export const SignedCatalogueSchema = z.strictObject({
  catalogue: CatalogueSchema,
  signature: CatalogueSignatureSchema,
});
export type SignedCatalogue = z.infer<typeof SignedCatalogueSchema>;

/** The envelope with the bundle kept as raw JSON, for checking the signature over what arrived. */
const RawSignedCatalogueSchema = z.strictObject({
  catalogue: z.json(),
  signature: CatalogueSignatureSchema,
});

export interface TrustedCatalogueKey {
  readonly keyId: string;
  readonly key: PublicKeyInfo;
}

export type CatalogueVerifyError =
  'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'other-hall';

/** Where and what kind of problem, for logs and the supervisor's diagnostics; never shown as prose. */
export interface SchemaIssue {
  readonly path: string;
  /** zod's issue code, or for the catalogue's own rules their machine code (e.g. 'duplicate-matter-code'). */
  readonly code: string;
}

export type CatalogueVerifyResult =
  | { readonly ok: true; readonly catalogue: Catalogue; readonly keyId: string }
  | { readonly ok: false; readonly error: 'malformed'; readonly issues: readonly SchemaIssue[] }
  | { readonly ok: false; readonly error: Exclude<CatalogueVerifyError, 'malformed'> };

const MAX_REPORTED_ISSUES = 20;

export function summariseIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code === 'custom' ? issue.message : issue.code,
  }));
}

/** The platform's side: sign the bundle's canonical JSON. */
export async function signCatalogue(
  catalogue: Catalogue,
  signer: Signer,
  keyId: string,
): Promise<SignedCatalogue> {
  // Parsing as JSON both proves the value is plain JSON and gives it the type canonicalize takes.
  const value = await signer.sign(canonicalBytes(z.json().parse(catalogue)));
  return { catalogue, signature: { alg: signer.algorithm, keyId, value } };
}

/**
 * The device's side: accept a catalogue only if it is well-formed, signed by a trusted platform key,
 * and valid at `now`. Checks run in that order, so the error names the first thing wrong.
 */
export async function verifyCatalogue(
  input: unknown,
  trustedKeys: readonly TrustedCatalogueKey[],
  verifierFor: (alg: SignatureAlgorithm) => Verifier,
  now: Date,
  /**
   * The device's hall: one platform key signs every hall's catalogue, so a good signature does not
   * make a catalogue this hall's (and a wrong one could never be replaced: versions are per id).
   */
  hallCode?: string,
): Promise<CatalogueVerifyResult> {
  const envelope = RawSignedCatalogueSchema.safeParse(input);
  if (!envelope.success)
    return { ok: false, error: 'malformed', issues: summariseIssues(envelope.error) };
  const parsed = CatalogueSchema.safeParse(envelope.data.catalogue);
  if (!parsed.success) {
    return {
      ok: false,
      error: 'malformed',
      issues: summariseIssues(parsed.error).map((i) => ({ ...i, path: `catalogue.${i.path}` })),
    };
  }

  const { alg, keyId, value } = envelope.data.signature;
  const trusted = trustedKeys.find((k) => k.keyId === keyId && k.key.algorithm === alg);
  if (!trusted) return { ok: false, error: 'unknown-key' };

  let valid: boolean;
  try {
    valid = await verifierFor(alg).verify(
      trusted.key,
      canonicalBytes(envelope.data.catalogue),
      value,
    );
  } catch {
    // A signature the provider cannot even decode is as bad as one that does not match.
    valid = false;
  }
  if (!valid) return { ok: false, error: 'bad-signature' };

  const catalogue = parsed.data;
  if (hallCode !== undefined && catalogue.hall.code !== hallCode)
    return { ok: false, error: 'other-hall' };
  const at = now.getTime();
  // Written so that an invalid `now` (NaN) fails closed.
  if (!(at >= Date.parse(catalogue.validFrom))) return { ok: false, error: 'not-yet-valid' };
  if (at >= Date.parse(catalogue.validUntil)) return { ok: false, error: 'expired' };
  return { ok: true, catalogue, keyId };
}

/**
 * Whether `candidate` may replace `current`: same catalogue, strictly higher version. A replayed or
 * older bundle (a stale USB copy) is refused even though its signature is good.
 */
export function isNewerThan(
  candidate: Pick<Catalogue, 'catalogueId' | 'version'>,
  current: Pick<Catalogue, 'catalogueId' | 'version'>,
): boolean {
  return candidate.catalogueId === current.catalogueId && candidate.version > current.version;
}

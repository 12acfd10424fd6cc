import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PlatformKeyMaterial } from './keys';

/**
 * The DEMO platform key pair committed in demo-platform-key.json: its public half is what the app
 * ships in resources/trust/platform-keys.json, so that a device enrolled against the reference
 * platform (web mode, e2e) trusts what it signs. Its private half is public; demo use only.
 */

export const DEMO_KEY_FILE = new URL('./demo-platform-key.json', import.meta.url);

const CoordinateSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const PublicJwkSchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: CoordinateSchema,
    y: CoordinateSchema,
  })
  .strict();
const DemoKeyFileSchema = z
  .object({
    _warning: z.string().min(1),
    privateJwk: PublicJwkSchema.extend({ d: CoordinateSchema }).strict(),
    publicJwk: PublicJwkSchema,
  })
  .strict();

export function demoKeyMaterial(): PlatformKeyMaterial {
  const file = DemoKeyFileSchema.parse(JSON.parse(readFileSync(DEMO_KEY_FILE, 'utf8')));
  return { privateJwk: file.privateJwk, publicJwk: file.publicJwk };
}

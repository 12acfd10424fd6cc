import { z } from 'zod';

/** An opaque platform-issued token (credentials, cursors): printable ASCII, bounded. */
export const OpaqueTokenSchema = z
  .string()
  .regex(/^[\x21-\x7e]+$/)
  .min(1)
  .max(4096);

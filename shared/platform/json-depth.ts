/**
 * How deep JSON nests, read from its UTF-8 bytes without parsing it. A body nested thousands of
 * levels deep parses, but then overflows the stack of whatever walks it recursively (the schema,
 * canonical JSON, hashing), which would surface as an internal error that a device retries
 * forever. Both sides refuse such a body as malformed before any parsing work.
 */

/** Deeper than any message of the interface (a push request nests about 8 levels). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether the JSON text in `bytes` nests at most `max` objects and arrays deep. Brackets inside
 * strings do not count; bytes of multi-byte UTF-8 characters are all >= 0x80, so they never look
 * like a bracket or a quote. Text that is not JSON at all is left to the parser to refuse.
 */
export function jsonDepthWithin(bytes: Uint8Array, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > max) return false;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth -= 1;
  }
  return true;
}

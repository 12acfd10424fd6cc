/** Longest wait a Retry-After may ask for that we still take as meant (a day). */
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/**
 * Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Returns whole seconds from `now`,
 * or null when the header is absent or neither form.
 */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d{1,10}$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  // An HTTP-date always names a weekday and GMT; a bare number or ISO string is not one.
  if (!/^[A-Za-z]{3},? .*GMT$/.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  const seconds = Math.ceil((at - now.getTime()) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Limits both sides enforce. A body over its limit is refused whole ('too-large') before parsing,
 * so that a hostile or runaway peer cannot make the other side parse megabytes of JSON.
 */

/** Events per push batch. */
export const MAX_PUSH_BATCH = 500;
/** One event's envelope as UTF-8 JSON: a signed record is a few kB (texts travel as hashes). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Any request or response body, except the two bulk downloads below. */
export const MAX_BODY_BYTES = MAX_PUSH_BATCH * MAX_EVENT_BYTES + 64 * 1024;
/**
 * Requests that carry no events (enrolment, the public query, catalogue, credit, pull): a few
 * hundred bytes each. Refused above this before their body is read, so a caller without
 * credentials cannot make the platform read megabytes.
 */
export const MAX_SMALL_REQUEST_BYTES = 8 * 1024;
/** The signed catalogue and the credit snapshot. */
export const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;
/** Central changes per pull response. */
export const MAX_PULL_CHANGES = 500;
/** Results per page of a public query. */
export const MAX_PUBLIC_QUERY_PAGE = 50;
/** Schema issues reported back in one error body. */
export const MAX_ERROR_ISSUES = 50;

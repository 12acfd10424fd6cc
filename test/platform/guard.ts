import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refuse } from './context';
import type { Answer } from './context';
import { send } from './http';

/**
 * The doors of the reference platform, checked on every request before any route runs:
 *
 * - `Host` must name this server (an allow-list of host names, and the port it listens on), so a
 *   page on another site cannot reach it through DNS rebinding (a name of theirs that resolves to
 *   127.0.0.1 carries their name in `Host`).
 * - Every request that can change state (any method but GET, HEAD and OPTIONS) carries JSON as
 *   `Content-Type: application/json`. A browser sends that type cross-site only after a preflight,
 *   which cors.ts grants to the app's own origins and never to the admin routes; the simple
 *   cross-site POST (`text/plain`, forms) is refused before its body is read.
 * - The admin routes take the admin token in their own header, a custom header no page can send
 *   cross-site without a preflight, compared in constant time.
 */

/** The admin token's header; a custom header, so a browser preflights it (and is refused). */
export const ADMIN_TOKEN_HEADER = 'x-platform-admin-token';

/** Host names a loopback platform answers to (IPv6 literals in brackets, as in `Host`). */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/** The host name and port of a `Host` header, or null when it is not one. */
export function parseHost(
  header: string | undefined,
): { name: string; port: number | null } | null {
  const match = header === undefined ? null : HOST.exec(header.toLowerCase());
  if (!match?.[1]) return null;
  return { name: match[1], port: match[2] === undefined ? null : Number(match[2]) };
}

/** Whether `Host` names this server: an allowed name, and this port when it gives one. */
export function hostAllowed(
  header: string | undefined,
  allowed: readonly string[],
  port: number,
): boolean {
  const host = parseHost(header);
  if (!host || !allowed.includes(host.name)) return false;
  return host.port === null ? port === 80 : host.port === port;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Whether the request carries the admin token; constant time in the token's content. */
export function adminTokenMatches(request: FastifyRequest, token: string): boolean {
  const given = request.headers[ADMIN_TOKEN_HEADER];
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(token));
}

export function doorRefusal(
  request: FastifyRequest,
  hosts: readonly string[],
  port: number,
): Answer | null {
  if (!hostAllowed(request.headers.host, hosts, port)) {
    return refuse('malformed', [{ path: 'headers.host', code: 'host-not-allowed' }]);
  }
  if (!SAFE_METHODS.has(request.method) && !isJsonContentType(request.headers['content-type'])) {
    return refuse('malformed', [{ path: 'headers.content-type', code: 'not-json' }]);
  }
  return null;
}

/** Registers the Host and Content-Type checks ahead of every route (and of CORS). */
export function registerDoors(
  instance: FastifyInstance,
  hosts: readonly string[],
  port: () => number,
): void {
  instance.addHook('onRequest', async (request, reply) => {
    const refusal = doorRefusal(request, hosts, port());
    if (refusal) return send(reply, refusal);
    return undefined;
  });
}

import type { FastifyInstance } from 'fastify';
import { BUNDLE_ROUTE, PLATFORM_ROUTES, RETRY_AFTER_HEADER } from '../../shared/platform/routes';

/**
 * Cross-origin access for the app's pages (web mode on http://127.0.0.1:4173, the desktop app on
 * app://): the browser asks before every exchange that carries JSON or a bearer token. Only the
 * device exchanges are opened, never the admin routes, and only to the origins allowed.
 */

export type AllowedOrigins = 'loopback' | readonly string[];

const LOOPBACK_ORIGIN =
  /^(http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?|app:\/\/[a-z0-9.-]+)$/;

export function originAllowed(origin: string, allowed: AllowedOrigins): boolean {
  return allowed === 'loopback' ? LOOPBACK_ORIGIN.test(origin) : allowed.includes(origin);
}

export function registerCors(instance: FastifyInstance, allowed: AllowedOrigins): void {
  const paths = new Set<string>([
    ...Object.values(PLATFORM_ROUTES).map((r) => r.path),
    BUNDLE_ROUTE.path,
  ]);
  instance.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !originAllowed(origin, allowed) || !paths.has(request.url.split('?')[0] ?? ''))
      return;
    void reply
      .header('access-control-allow-origin', origin)
      .header('vary', 'Origin')
      .header('access-control-expose-headers', RETRY_AFTER_HEADER);
    if (request.method === 'OPTIONS') {
      // The device token travels in Authorization, the one header besides Content-Type.
      await reply
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, authorization')
        .header('access-control-max-age', '600')
        .code(204)
        .send();
    }
  });
}

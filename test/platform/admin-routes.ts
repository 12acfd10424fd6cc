import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HallCodeSchema } from '../../shared/catalogue/schema';
import { summariseIssues } from '../../shared/catalogue/signed';
import { InstantSchema } from '../../shared/model';
import { MAX_BUNDLE_BYTES } from '../../shared/platform/bundle';
import { ok, refuse } from './context';
import type { Answer } from './context';
import { FaultConfigSchema } from './faults';
import type { FaultInjector } from './faults';
import { adminTokenMatches } from './guard';
import { LOOPBACK, decodeBody, send } from './http';
import type { PlatformServer } from './server';

/**
 * The admin endpoints, for tests and the demo: what the platform holds, the fault plan, central
 * changes, enrolment codes, and the offline bundle round trip the command line also offers
 * (import a bundle, write a device's receipts file). Answered to loopback callers that send the
 * admin token (printed by the command line) in its own header, and only with a `Host` of this
 * server and, for what changes state, a JSON body (guard.ts).
 */

/** An admin message (a fault plan, a central change, a code) is a few kilobytes at most. */
const ADMIN_BODY_BYTES = 64 * 1024;

const CentralChangeInput = z
  // The event is checked by createCentralChange: its fields by the devices' rules, then its schema.
  .object({ commitmentCode: z.string(), event: z.unknown() })
  .strict();
const EnrolmentCodeInput = z
  .object({
    code: z.string().regex(/^[0-9A-Z]{8,32}$/),
    hallCode: HallCodeSchema,
    expiresAt: InstantSchema.nullable().optional(),
  })
  .strict();

function adminBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; answer: Answer } {
  const decoded = decodeBody(body);
  if (!decoded.ok) return decoded;
  const parsed = schema.safeParse(decoded.json);
  if (!parsed.success) {
    return { ok: false, answer: refuse('malformed', summariseIssues(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}

export function registerAdminRoutes(
  instance: FastifyInstance,
  admin: PlatformServer['admin'],
  faults: FaultInjector,
  token: string,
): void {
  /** Loopback callers with the admin token only (guard.ts has checked Host and Content-Type). */
  function adminOnly(request: FastifyRequest, reply: FastifyReply): boolean {
    if (LOOPBACK.has(request.socket.remoteAddress ?? '') && adminTokenMatches(request, token)) {
      return true;
    }
    void send(reply, refuse('unauthorised'));
    return false;
  }

  instance.get('/admin/state', (request, reply) => {
    if (adminOnly(request, reply)) return send(reply, ok(admin.state()));
    return reply;
  });
  instance.get('/admin/faults', (request, reply) => {
    if (!adminOnly(request, reply)) return reply;
    return send(
      reply,
      ok({ config: faults.settings, requests: faults.requestCount, injected: faults.log }),
    );
  });
  instance.put('/admin/faults', { bodyLimit: ADMIN_BODY_BYTES }, (request, reply) => {
    if (!adminOnly(request, reply)) return reply;
    const input = adminBody(FaultConfigSchema.nullable(), request.body);
    if (!input.ok) return send(reply, input.answer);
    return send(reply, ok({ config: faults.configure(input.value) }));
  });
  instance.post(
    '/admin/central-changes',
    { bodyLimit: ADMIN_BODY_BYTES },
    async (request, reply) => {
      if (!adminOnly(request, reply)) return reply;
      const input = adminBody(CentralChangeInput, request.body);
      if (!input.ok) return send(reply, input.answer);
      const result = await admin.createCentralChange(input.value.commitmentCode, input.value.event);
      if (result.ok) return send(reply, ok(result.change));
      if (result.error === 'invalid-fields')
        return send(reply, { status: 422, body: { error: result.error, issues: result.issues } });
      if (result.error === 'invalid-event') return send(reply, refuse('malformed'));
      return send(reply, { status: 409, body: { error: result.error } });
    },
  );
  instance.post('/admin/bundles', { bodyLimit: MAX_BUNDLE_BYTES }, async (request, reply) => {
    if (!adminOnly(request, reply)) return reply;
    const body = request.body;
    if (!Buffer.isBuffer(body)) return send(reply, refuse('malformed'));
    return send(reply, await admin.importBundle(new Uint8Array(body)));
  });
  instance.get<{ Params: { deviceId: string } }>(
    '/admin/receipts/:deviceId',
    async (request, reply) => {
      if (!adminOnly(request, reply)) return reply;
      const answer = await admin.receipts(request.params.deviceId);
      if (!answer.ok) return send(reply, { status: 404, body: { error: answer.error } });
      return reply.type('application/json').send(Buffer.from(answer.bytes));
    },
  );
  instance.post('/admin/enrolment-codes', { bodyLimit: ADMIN_BODY_BYTES }, (request, reply) => {
    if (!adminOnly(request, reply)) return reply;
    const input = adminBody(EnrolmentCodeInput, request.body);
    if (!input.ok) return send(reply, input.answer);
    admin.addEnrolmentCode(input.value.code, input.value.hallCode, input.value.expiresAt ?? null);
    return send(reply, ok({ code: input.value.code }));
  });
}

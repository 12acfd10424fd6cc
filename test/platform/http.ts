import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonDepthWithin } from '../../shared/platform/json-depth';
import { refuse } from './context';
import type { Answer } from './context';

/** HTTP plumbing shared by the exchange and admin routes. */

export const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded =
  { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly answer: Answer };

/** The body as JSON, or the precise reason it is not. */
export function decodeBody(body: unknown): Decoded {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    return { ok: false, answer: refuse('malformed', [{ path: '', code: 'empty-body' }]) };
  }
  // Before any parsing work: a body nested thousands deep would overflow a recursive walk later.
  if (!jsonDepthWithin(body)) {
    return { ok: false, answer: refuse('malformed', [{ path: '', code: 'too-deep' }]) };
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, answer: refuse('malformed', [{ path: '', code: 'invalid-utf8' }]) };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, answer: refuse('malformed', [{ path: '', code: 'invalid-json' }]) };
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export function send(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(answer.body));
}

/** No answer at all: the client sees its connection die. */
export function drop(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

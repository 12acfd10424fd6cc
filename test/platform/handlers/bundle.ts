import { openBundle } from '../../../shared/platform/bundle';
import type { BundleError, DeviceKeyLookup } from '../../../shared/platform/bundle';
import type { SignatureAlgorithm } from '../../../shared/crypto/signing';
import { parseRequest, parseResponse } from '../../../shared/platform/messages';
import { deviceById, errorAnswer, refuse } from '../context';
import type { Answer, PlatformContext } from '../context';
import { subtle } from '../keys';
import { push } from './push';

/**
 * Import of an offline bundle, from the HTTP route or the command line: the bundle is opened
 * (signature, decryption) and its batch goes through the very push of a network push, under the
 * bundle's batchId. So a second import, or a network push of the same events, stores nothing
 * new and gets the stored receipts; the answer is the PushResponse.
 */

function lookup(ctx: PlatformContext, deviceId: string): DeviceKeyLookup {
  const device = deviceById(ctx.db, deviceId);
  if (!device) return { status: 'unknown' };
  if (device.revoked_at !== null) return { status: 'revoked' };
  return {
    status: 'known',
    key: { algorithm: device.key_alg as SignatureAlgorithm, publicKey: device.public_key },
  };
}

/** Each bundle refusal as the platform's error body; the bundle's code rides as an issue code. */
function refusal(error: BundleError): Answer {
  switch (error.code) {
    case 'version':
      return errorAnswer({ error: error.mismatch });
    case 'too-large':
      return refuse('too-large');
    case 'unknown-device':
      return refuse('unknown-device');
    case 'device-revoked':
      return refuse('device-revoked');
    case 'bad-signature':
      return refuse('unauthorised', [{ path: 'signature', code: 'bad-signature' }]);
    case 'wrong-recipient':
      return refuse('malformed', [{ path: 'encryption.recipientKeyId', code: 'wrong-recipient' }]);
    case 'decrypt-failed':
    case 'bad-format':
      return refuse('malformed', [
        { path: 'bundle', code: error.code },
        ...(error.issues ?? []).slice(0, 20),
      ]);
  }
}

export async function importBundle(ctx: PlatformContext, bytes: Uint8Array): Promise<Answer> {
  const opened = await openBundle(bytes, {
    platformKey: ctx.keys.bundle,
    subtle,
    verifiers: ctx.verifiers,
    deviceKey: (deviceId) => lookup(ctx, deviceId),
  });
  if (!opened.ok) return refusal(opened.error);
  // The same parse as a network push, so the two paths refuse alike.
  const parsed = parseRequest('push', opened.raw, opened.plaintextBytes);
  if (!parsed.ok) return errorAnswer(parsed.error);
  const device = deviceById(ctx.db, opened.header.deviceId);
  if (!device) return refuse('unknown-device');
  // A file that starts past what the platform holds was carried before an earlier one: refused
  // without an answer stored under its batch id, so the same file imports once the earlier has.
  if (parsed.value.cursor.fromSeq > device.head_seq + 1) {
    return refuse('malformed', [{ path: 'cursor.fromSeq', code: 'earlier-bundle-missing' }]);
  }
  const answer = await push(ctx, parsed.value, opened.raw, device);
  if (answer.status !== 200) return answer;
  const body = JSON.stringify(answer.body);
  const checked = parseResponse('push', answer.body, Buffer.byteLength(body));
  return checked.ok ? answer : errorAnswer({ error: { ...checked.error.error, code: 'internal' } });
}

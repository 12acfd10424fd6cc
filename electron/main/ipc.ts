import type { IpcMainInvokeEvent } from 'electron';
import { isBridgeChannel, parseBridgeRequest, type HostResult } from '../../shared/bridge/contract';
import type { MainHandlers } from './host-handlers';
import { isAppUrl } from './policy';

export const IPC_CHANNEL = 'kiosk-host:invoke';

/**
 * The single IPC entry point: the sender must be one of our pages, the channel one of the
 * contract's, and the request must match its schema; anything else gets a precise refusal.
 */
export async function handleInvoke(
  handlers: MainHandlers,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  channel: unknown,
  request: unknown,
  devServerUrl?: string,
): Promise<HostResult<unknown>> {
  const frameUrl = event.senderFrame?.url ?? '';
  const trusted =
    isAppUrl(frameUrl) || (devServerUrl !== undefined && frameUrl.startsWith(devServerUrl));
  if (!trusted) return { ok: false, error: { code: 'denied', detail: 'untrusted sender' } };
  if (!isBridgeChannel(channel))
    return { ok: false, error: { code: 'invalid-request', detail: 'unknown channel' } };
  const checked = parseBridgeRequest(channel, request);
  if (!checked.ok) return checked;
  try {
    const handler = handlers[channel] as (r: unknown, s: typeof event.sender) => Promise<unknown>;
    return { ok: true, value: await handler(checked.value, event.sender) };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'failed', detail: error instanceof Error ? error.message : String(error) },
    };
  }
}

import type { z } from 'zod';
import {
  isBridgeChannel,
  parseBridgeRequest,
  bridgeContract,
  type BridgeChannel,
  type BridgeResponse,
  type HostResult,
} from '../../shared/bridge/contract';
import { HostFailure } from './host-failure';
import { isAllowedNavigation } from './policy';

export const IPC_CHANNEL = 'kiosk-host:invoke';

type Req<C extends BridgeChannel> = z.output<(typeof bridgeContract)[C]['request']>;

/** One handler per contract channel; `S` is the sender (Electron's WebContents in the app). */
export type HostHandlers<S> = {
  [C in BridgeChannel]: (request: Req<C>, sender: S) => Promise<BridgeResponse<C>>;
};

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEvent<S extends { readonly id: number }> {
  readonly sender: S;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface SenderPolicy {
  /** Whether the id is one of the windows this process opened for app pages. */
  readonly isAppWindow: (webContentsId: number) => boolean;
  readonly devServerUrl?: string | undefined;
}

/** Only the top frame of one of our own windows, showing one of our pages, may call the host. */
export function isTrustedSender(
  event: InvokeEvent<{ readonly id: number }>,
  policy: SenderPolicy,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!policy.isAppWindow(event.sender.id)) return false;
  return isAllowedNavigation(frame.url, policy.devServerUrl);
}

/**
 * The single IPC entry point: the sender must be trusted, the channel one of the contract's, and
 * the request must match its schema; anything else gets a precise refusal. A handler's failure
 * comes back as its HostFailure code, or 'failed'; an answer off the contract never leaves.
 */
export async function handleInvoke<S extends { readonly id: number }>(
  handlers: HostHandlers<S>,
  event: InvokeEvent<S>,
  channel: unknown,
  request: unknown,
  policy: SenderPolicy,
): Promise<HostResult<unknown>> {
  if (!isTrustedSender(event, policy))
    return { ok: false, error: { code: 'denied', detail: 'untrusted sender' } };
  if (!isBridgeChannel(channel))
    return { ok: false, error: { code: 'invalid-request', detail: 'unknown channel' } };
  const checked = parseBridgeRequest(channel, request);
  if (!checked.ok) return checked;
  try {
    const handler = handlers[channel] as (r: unknown, s: S) => Promise<unknown>;
    const value = await handler(checked.value, event.sender);
    if (!bridgeContract[channel].response.safeParse(value).success)
      return { ok: false, error: { code: 'failed', detail: 'host answer off the contract' } };
    return { ok: true, value };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (error instanceof HostFailure) return { ok: false, error: { code: error.code, detail } };
    return { ok: false, error: { code: 'failed', detail } };
  }
}

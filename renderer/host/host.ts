import {
  parseBridgeRequest,
  parseBridgeResult,
  type BridgeChannel,
  type BridgeRequest,
  type BridgeResponse,
  type HostResult,
} from '../../shared/bridge/contract';

/** What the renderer knows of its host: one typed call per contract channel, nothing else. */
export interface Host {
  invoke<C extends BridgeChannel>(
    channel: C,
    request: BridgeRequest<C>,
  ): Promise<HostResult<BridgeResponse<C>>>;
}

/** The raw function a host exposes (Electron's preload, or the web handlers below). */
export type RawInvoke = (channel: BridgeChannel, request: unknown) => Promise<unknown>;

/** Wraps a raw host so every request and every answer is checked against the contract. */
export function createHost(raw: RawInvoke): Host {
  return {
    async invoke(channel, request) {
      const checked = parseBridgeRequest(channel, request);
      if (!checked.ok) return checked;
      let answer: unknown;
      try {
        answer = await raw(channel, checked.value);
      } catch (error) {
        return { ok: false, error: { code: 'failed', detail: String(error) } };
      }
      return parseBridgeResult(channel, answer);
    },
  };
}

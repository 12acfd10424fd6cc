import type { BridgeResponse, HostResult } from '../../shared/bridge/contract';

export type PrintOutcome = 'printed' | 'downloaded' | 'failed';

/**
 * What became of a `print.pdf` request. The desktop host answers ok with `printed: false` when
 * the printer refused the job, so `ok` alone does not mean paper came out.
 */
export function printOutcome(result: HostResult<BridgeResponse<'print.pdf'>>): PrintOutcome {
  if (!result.ok) return 'failed';
  if (result.value.via === 'download') return 'downloaded';
  return result.value.printed ? 'printed' : 'failed';
}

import type { HostErrorCode } from '../../shared/bridge/contract';

/** Thrown by a host handler to refuse with a contract error code rather than a bare 'failed'. */
export class HostFailure extends Error {
  constructor(
    readonly code: HostErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'HostFailure';
  }
}

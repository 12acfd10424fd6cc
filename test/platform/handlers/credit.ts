import type {
  CreditCheckRequest,
  CreditCheckResponse,
  CreditSnapshotRequest,
  CreditSnapshotResponse,
} from '../../../shared/platform/credit';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { chinaInstant } from '../../../shared/time';
import { ok } from '../context';
import type { Answer, PlatformContext } from '../context';
import { creditStatus, registeredName } from '../credit-register';
import type { SnapshotIssuer } from '../credit-register';

export async function creditSnapshot(
  ctx: PlatformContext,
  issuer: SnapshotIssuer,
  request: CreditSnapshotRequest,
): Promise<Answer> {
  const current = await issuer.current(ctx.db);
  const body: CreditSnapshotResponse =
    request.haveIssuedAt === current.snapshot.issuedAt
      ? { interfaceVersion: PLATFORM_INTERFACE_VERSION, status: 'current' }
      : current;
  return ok(body);
}

export function creditCheck(ctx: PlatformContext, request: CreditCheckRequest): Answer {
  // Only when asked: a device of before the registered name parses the answer strictly.
  const name =
    request.withRegisteredName && request.idType === 'uscc'
      ? registeredName(ctx.db, request.identifier)
      : undefined;
  const body: CreditCheckResponse = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    status: creditStatus(ctx.db, request.idType, request.identifier),
    checkedAt: chinaInstant(ctx.now()),
    ...(name === undefined ? {} : { registeredName: name }),
  };
  return ok(body);
}

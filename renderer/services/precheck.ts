import type { Entity } from '../../shared/entity';
import { normaliseIdentifier } from '../../shared/ids/normalise';
import type { CommitmentType } from '../../shared/model';
import {
  decidePrecheck,
  type PrecheckDecision,
  type PrecheckInput,
} from '../../shared/precheck/rules';
import type { LoadedCreditSnapshot } from '../../shared/precheck/snapshot';
import type { AppServices } from './app-services';
import type { FetchLike } from '../platform/client';
import { deviceClient } from '../sync/deps';
import { demoSnapshot, loadStoredSnapshot } from './credit-snapshot';

let demoList: LoadedCreditSnapshot | null = null;

/** How long an applicant waits for the platform's answer before the snapshot decides. */
export const ONLINE_PRECHECK_TIMEOUT_MS = 5_000;

/**
 * The platform's answer for this entity (brief §6.1: online, it decides), or null when there is
 * none to be had in time: demo mode, not enrolled, offline, or the exchange failed.
 */
async function askPlatform(
  db: AppServices['db'],
  entity: Pick<Entity, 'idType' | 'idNumber'>,
  fetch: FetchLike | undefined,
): Promise<PrecheckInput['online'] | null> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  const client = await deviceClient(db, {
    timeoutMs: ONLINE_PRECHECK_TIMEOUT_MS,
    ...(fetch ? { fetch } : {}),
  });
  if (!client) return null;
  const answer = await client.creditCheck({
    idType: entity.idType,
    identifier: normaliseIdentifier(entity.idNumber),
  });
  return answer.ok ? { status: answer.value.status, checkedAt: answer.value.checkedAt } : null;
}

/**
 * The pre-check for one entity under the hall's policy: the platform's answer when it can be had,
 * else the stored snapshot (demo: the bundled list). The matter's commitment type matters only for
 * credit repair, where a listed entity may sign.
 */
export async function runPrecheck(
  services: Pick<AppServices, 'db' | 'demo' | 'settings' | 'now'>,
  entity: Pick<Entity, 'idType' | 'idNumber'>,
  commitmentType?: CommitmentType,
  options: { readonly fetch?: FetchLike } = {},
): Promise<PrecheckDecision> {
  const online = services.demo ? null : await askPlatform(services.db, entity, options.fetch);
  const now = services.now();
  let snapshot = await loadStoredSnapshot(services.db);
  if (!snapshot && services.demo) {
    demoList ??= demoSnapshot(now);
    snapshot = demoList;
  }
  return decidePrecheck({
    identifier: entity.idNumber,
    now,
    policy: services.settings.precheck,
    ...(online ? { online } : {}),
    ...(snapshot ? { snapshot } : {}),
    ...(commitmentType ? { commitmentType } : {}),
  });
}

/** How long the entity step waits for a registered name before the applicant types it. */
export const REGISTERED_NAME_TIMEOUT_MS = 3_000;

/**
 * The name the platform's register holds for a credit code (issue 15), or null: demo mode, not
 * enrolled, offline, a platform that does not know the code or does not answer names (an older
 * one refuses the request), or no answer in time. Then the applicant types the name.
 */
export async function lookupRegisteredName(
  services: Pick<AppServices, 'db' | 'demo'>,
  creditCode: string,
  options: { readonly fetch?: FetchLike } = {},
): Promise<string | null> {
  if (services.demo) return null;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  const client = await deviceClient(services.db, {
    timeoutMs: REGISTERED_NAME_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (!client) return null;
  const answer = await client.creditCheck({
    idType: 'uscc',
    identifier: normaliseIdentifier(creditCode),
    withRegisteredName: true,
  });
  return answer.ok ? (answer.value.registeredName ?? null) : null;
}

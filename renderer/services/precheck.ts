import { decidePrecheck, type PrecheckDecision } from '../../shared/precheck/rules';
import type { CommitmentType } from '../../shared/model';
import type { LoadedCreditSnapshot } from '../../shared/precheck/snapshot';
import type { AppServices } from '../app/services';
import { demoSnapshot, loadStoredSnapshot } from './credit-snapshot';

let demoList: LoadedCreditSnapshot | null = null;

/**
 * The pre-check for one identifier under the hall's policy. The online check joins here once the
 * platform client exists; until then a device decides from its snapshot (demo: the bundled list).
 * The matter's commitment type matters only for credit repair, where a listed entity may sign.
 */
export async function runPrecheck(
  services: Pick<AppServices, 'db' | 'demo' | 'settings' | 'now'>,
  identifier: string,
  commitmentType?: CommitmentType,
): Promise<PrecheckDecision> {
  const now = services.now();
  let snapshot = await loadStoredSnapshot(services.db);
  if (!snapshot && services.demo) {
    demoList ??= demoSnapshot(now);
    snapshot = demoList;
  }
  return decidePrecheck({
    identifier,
    now,
    policy: services.settings.precheck,
    ...(snapshot ? { snapshot } : {}),
    ...(commitmentType ? { commitmentType } : {}),
  });
}

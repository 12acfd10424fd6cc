import { canonicalBytes } from '../../shared/crypto/canonical';
import type { ChainDamage, LostLink } from '../../shared/events/damage';
import { GENESIS_HASH } from '../../shared/events/envelope';
import type { EventEnvelope } from '../../shared/events/envelope';
import { lossApprovalContent, lossDeclarationContent } from '../../shared/platform/loss';
import type { LossApproval, LossDeclaration } from '../../shared/platform/loss';
import { chinaInstant } from '../../shared/time';
import { loadDeviceIdentity } from '../device/identity';
import { failureCode } from '../platform/failure';
import { loadTrustedKeys, verifyPlatformSignature } from '../platform/trust';
import { readHead } from '../store/event-log';
import { headMirrorOf } from '../store/head-mirror';
import type { SyncDeps } from './context';
import { loadPushPlan } from './push';
import { deleteMeta, writeMeta } from '../store/meta';
import { checkOwnChain, loadDeclaredLosses, publishCheck } from './self-check';

/**
 * The supervisor's procedure for a damaged store (issue 13; the protocol is shared/platform/
 * loss.ts and docs/declared-loss.md). The device's self-check names the damaged events; the
 * supervisor declares exactly those lost. The device signs the declaration, the platform approves
 * it, and only then does the device record it: the lost events' outbox entries are closed as
 * 'declared-lost' (the reconciliation lists them so), the chain goes on from the declared link
 * hashes, and the next sync sends every later record. Nothing else is touched.
 */

/** 'not-enrolled', 'no-signer', 'nothing-damaged', 'bad-approval', or a platform failure code. */
export type DeclareLossError = string;

export type DeclareLossResult =
  | { readonly ok: true; readonly lost: readonly LostLink[]; readonly approval: LossApproval }
  | { readonly ok: false; readonly error: DeclareLossError };

/** Closes a lost event's outbox entry: never sent, and said so. */
export const DECLARED_LOST = 'declared-lost';

/**
 * The hash the chain goes on from after each damaged seq: what the next intact stored event
 * links to, else (nothing intact after it) the link before it, carried over the gap.
 */
export function lostLinks(
  damage: readonly ChainDamage[],
  events: ReadonlyMap<number, EventEnvelope>,
  declared: ReadonlyMap<number, LostLink>,
): LostLink[] {
  const damaged = new Set(damage.map((d) => d.seq));
  const links = new Map<number, string>();
  const linkOf = (seq: number): string => {
    if (seq <= 0) return GENESIS_HASH;
    return links.get(seq) ?? declared.get(seq)?.linkHash ?? events.get(seq)?.hash ?? GENESIS_HASH;
  };
  return [...damage]
    .sort((a, b) => a.seq - b.seq)
    .map((d) => {
      const next = events.get(d.seq + 1);
      const linkHash =
        next && !damaged.has(d.seq + 1) && !declared.has(d.seq + 1)
          ? next.prevHash
          : linkOf(d.seq - 1);
      links.set(d.seq, linkHash);
      return { seq: d.seq, eventId: d.eventId, reason: d.reason, linkHash };
    });
}

export async function declareDamagedLost(
  deps: SyncDeps,
  supervisorId: string,
): Promise<DeclareLossResult> {
  const { db } = deps;
  const [device, trusted] = await Promise.all([loadDeviceIdentity(db), loadTrustedKeys(db)]);
  if (!device || device.demo) return { ok: false, error: 'not-enrolled' };
  if (!deps.signer) return { ok: false, error: 'no-signer' };
  const check = await checkOwnChain({ db, device, trusted, verifiers: deps.verifiers });
  if (check.ok) return { ok: false, error: 'nothing-damaged' };
  const declared = await loadDeclaredLosses(db);
  const seqs = check.damage.map((d) => d.seq);
  const around = await db.events
    .where('seq')
    .anyOf([...seqs, ...seqs.map((s) => s + 1), ...seqs.map((s) => s - 1)])
    .toArray()
    .catch(() => [] as EventEnvelope[]);
  const lost = lostLinks(check.damage, new Map(around.map((e) => [e.seq, e])), declared);
  const declaration: LossDeclaration = {
    deviceId: device.deviceId,
    declarationId: crypto.randomUUID(),
    supervisorId,
    at: chinaInstant(deps.now()),
    lost,
  };
  const deviceSig = await deps.signer.sign(canonicalBytes(lossDeclarationContent(declaration)));
  const answer = await deps.client.declareLoss({
    declaration,
    deviceSig,
  });
  if (!answer.ok) return { ok: false, error: failureCode(answer.failure) };
  const { approval, platformSig } = answer.value;
  const matches =
    approval.declarationId === declaration.declarationId &&
    approval.deviceId === device.deviceId &&
    approval.lost.length === lost.length &&
    approval.lost.every((a, i) => a.seq === lost[i]?.seq);
  const signed = await verifyPlatformSignature(
    lossApprovalContent(approval),
    platformSig,
    trusted,
    deps.verifiers,
  );
  if (!matches || !signed) return { ok: false, error: 'bad-approval' };

  const lostSeqs = new Set(lost.map((l) => l.seq));
  const newHead = await db.transaction('rw', [db.outbox, db.meta], async () => {
    await writeMeta(
      db,
      'chainLosses',
      [...declared.values(), ...lost].sort((a, b) => a.seq - b.seq),
    );
    // A pending entry had no receipt and gets none: each record row's 'synced' stays as it is,
    // and is not rebuilt from payloads that are damaged.
    for (const entry of await db.outbox
      .where('seq')
      .anyOf([...lostSeqs])
      .toArray()) {
      if (entry.state !== 'pending') continue;
      await db.outbox.put({
        ...entry,
        state: 'rejected',
        rejection: { code: DECLARED_LOST, detail: approval.declarationId },
      });
    }
    const plan = await loadPushPlan({ db });
    if (plan?.eventIds.some((id) => lost.some((l) => l.eventId === id)))
      await deleteMeta(db, 'syncPushPlan');
    // Lost seqs at or past the store's head (a rolled-back or rewritten head): the chain goes
    // on after the last of them, from its link hash, so that no seq is ever taken twice.
    const head = await readHead(db);
    const last = lost.at(-1);
    if (last && last.seq >= head.seq) {
      const moved = { seq: last.seq, hash: last.linkHash };
      await writeMeta(db, 'chainHead', moved);
      return moved;
    }
    return null;
  });
  if (newHead) {
    await headMirrorOf(db)
      ?.save({ deviceId: device.deviceId, ...newHead })
      .catch(() => undefined);
  }
  await publishCheck(db, await checkOwnChain({ db, device, trusted, verifiers: deps.verifiers }));
  return { ok: true, lost, approval };
}

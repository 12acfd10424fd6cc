import { canonicalBytes } from '../../../shared/crypto/canonical';
import type { SignatureAlgorithm } from '../../../shared/crypto/signing';
import type { ChainHead } from '../../../shared/events/envelope';
import { lossApprovalContent, lossDeclarationContent } from '../../../shared/platform/loss';
import type { LossApproval, LossDeclareRequest } from '../../../shared/platform/loss';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { chinaInstant } from '../../../shared/time';
import { deviceById, ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import type { Db } from '../db';

/**
 * A declared loss (shared/platform/loss.ts): signed by the device, approved here. Each declared seq
 * the platform holds is answered 'held'; each it does not is stored as a declared loss with the
 * hash the device's chain goes on from, and the device's head moves over the declared seqs that
 * follow it. Push then links the device's later events over them (declaredLink, below). A
 * declaration sent again is answered the same; a seq declared twice keeps its first declaration.
 */

interface LossRow {
  readonly seq: number;
  readonly link_hash: string;
}

/** The declared loss at `seq`, if any. */
export function declaredLoss(db: Db, deviceId: string, seq: number): LossRow | undefined {
  return db
    .prepare<[string, number], LossRow>(
      'SELECT seq, link_hash FROM declared_losses WHERE device_id = ? AND seq = ?',
    )
    .get(deviceId, seq);
}

/** The head after every declared loss that directly follows `head`. */
export function overDeclaredLosses(db: Db, deviceId: string, head: ChainHead): ChainHead {
  let current = head;
  for (;;) {
    const loss = declaredLoss(db, deviceId, current.seq + 1);
    if (!loss) return current;
    current = { seq: loss.seq, hash: loss.link_hash };
  }
}

/** Every declared loss of the device, by seq: read once for a whole push batch. */
export function declaredLossesOf(db: Db, deviceId: string): ReadonlyMap<number, string> {
  return new Map(
    db
      .prepare<[string], LossRow>('SELECT seq, link_hash FROM declared_losses WHERE device_id = ?')
      .all(deviceId)
      .map((row) => [row.seq, row.link_hash]),
  );
}

/** overDeclaredLosses over losses already read (declaredLossesOf). */
export function overLosses(losses: ReadonlyMap<number, string>, head: ChainHead): ChainHead {
  let current = head;
  for (let hash = losses.get(current.seq + 1); hash !== undefined;) {
    current = { seq: current.seq + 1, hash };
    hash = losses.get(current.seq + 1);
  }
  return current;
}

function isHeld(db: Db, deviceId: string, seq: number): boolean {
  const row = db
    .prepare<[string, number, string, number], { n: number }>(
      `SELECT (SELECT count(*) FROM events WHERE device_id = ? AND seq = ?)
            + (SELECT count(*) FROM refused_links WHERE device_id = ? AND seq = ?) AS n`,
    )
    .get(deviceId, seq, deviceId, seq);
  return (row?.n ?? 0) > 0;
}

export function declareLoss(
  ctx: PlatformContext,
  request: LossDeclareRequest,
  authorised: DeviceRow,
): Promise<Answer> {
  return ctx.locks.run(authorised.device_id, () => approve(ctx, request, authorised.device_id));
}

async function approve(
  ctx: PlatformContext,
  request: LossDeclareRequest,
  deviceId: string,
): Promise<Answer> {
  const device = deviceById(ctx.db, deviceId);
  if (!device) return refuse('unknown-device');
  const { declaration } = request;
  const valid = await ctx.verifiers
    .verifierFor(device.key_alg as SignatureAlgorithm)
    .verify(
      { algorithm: device.key_alg as SignatureAlgorithm, publicKey: device.public_key },
      canonicalBytes(lossDeclarationContent(declaration)),
      request.deviceSig,
    )
    .catch(() => false);
  if (!valid) return refuse('malformed', [{ path: 'deviceSig', code: 'bad-signature' }]);
  const db = ctx.db;
  const at = chinaInstant(ctx.now());
  const approval: LossApproval = db.transaction(() => {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO declared_losses (device_id, seq, event_id, reason, link_hash,
         declaration_id, supervisor_id, declared_at, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const lost = declaration.lost.map((l) => {
      if (isHeld(db, deviceId, l.seq)) return { seq: l.seq, state: 'held' as const };
      insert.run(
        deviceId,
        l.seq,
        l.eventId,
        l.reason,
        l.linkHash,
        declaration.declarationId,
        declaration.supervisorId,
        declaration.at,
        at,
      );
      return { seq: l.seq, state: 'lost' as const };
    });
    const head = overDeclaredLosses(db, deviceId, { seq: device.head_seq, hash: device.head_hash });
    if (head.seq > device.head_seq) {
      db.prepare('UPDATE devices SET head_seq = ?, head_hash = ? WHERE device_id = ?').run(
        head.seq,
        head.hash,
        deviceId,
      );
    }
    return { declarationId: declaration.declarationId, deviceId, approvedAt: at, lost };
  })();
  return ok({
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    approval,
    platformSig: await ctx.keys.sign(lossApprovalContent(approval)),
  });
}

import type { Db } from './db';

/**
 * What the platform holds of one device's chain, seq by seq: received (with a receipt), refused
 * for its content, declared lost by the device's supervisor (issue 13), and any seq up to the
 * device's head that is none of these (a gap nobody declared).
 */
export interface DeviceReconciliation {
  readonly head: number;
  readonly received: number;
  readonly refused: number;
  readonly declaredLost: readonly {
    readonly seq: number;
    readonly eventId: string;
    readonly reason: string;
    readonly declarationId: string;
    readonly supervisorId: string;
  }[];
  readonly undeclaredGaps: readonly number[];
}

export function deviceReconciliation(db: Db, deviceId: string): DeviceReconciliation {
  const head =
    db
      .prepare<[string], { head_seq: number }>('SELECT head_seq FROM devices WHERE device_id = ?')
      .get(deviceId)?.head_seq ?? 0;
  const seqs = (table: string) =>
    new Set(
      db
        .prepare<[string], { seq: number }>(`SELECT seq FROM ${table} WHERE device_id = ?`)
        .all(deviceId)
        .map((r) => r.seq),
    );
  const received = seqs('events');
  const refused = seqs('refused_links');
  const declaredLost = db
    .prepare<
      [string],
      {
        seq: number;
        eventId: string;
        reason: string;
        declarationId: string;
        supervisorId: string;
      }
    >(
      `SELECT seq, event_id AS eventId, reason, declaration_id AS declarationId,
         supervisor_id AS supervisorId FROM declared_losses WHERE device_id = ? ORDER BY seq`,
    )
    .all(deviceId);
  const declared = new Set(declaredLost.map((d) => d.seq));
  const undeclaredGaps: number[] = [];
  for (let seq = 1; seq <= head; seq += 1)
    if (!received.has(seq) && !refused.has(seq) && !declared.has(seq)) undeclaredGaps.push(seq);
  return { head, received: received.size, refused: refused.size, declaredLost, undeclaredGaps };
}

/** The reconciliation as the command line prints it, one line per fact, every declared loss named. */
export function reconciliationLines(deviceId: string, r: DeviceReconciliation): string[] {
  return [
    `device ${deviceId}: head ${r.head}, received ${r.received}, refused ${r.refused}, ` +
      `declared lost ${r.declaredLost.length}, undeclared gaps ${r.undeclaredGaps.length}`,
    ...r.declaredLost.map(
      (d) =>
        `  declared lost: seq ${d.seq} ${d.eventId} (${d.reason}), ` +
        `declaration ${d.declarationId} by supervisor ${d.supervisorId}`,
    ),
    ...(r.undeclaredGaps.length > 0
      ? [`  UNDECLARED GAPS: seq ${r.undeclaredGaps.join(', ')}`]
      : []),
    r.undeclaredGaps.length === 0
      ? `  adds up: ${r.received} + ${r.refused} + ${r.declaredLost.length} = ${r.head}`
      : `  does NOT add up: ${r.undeclaredGaps.length} seq(s) neither received, refused nor declared lost`,
  ];
}

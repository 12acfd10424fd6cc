/**
 * Runs in Chromium: the audit log's filter and CSV export (renderer/clerk/audit-entries.ts, the
 * AuditScreen's CSV rows) over 24,000 chain events, payloads sealed at rest as on a hall device,
 * beside a peer doing the same work another way: one bulk read of the whole table (getAll), then
 * the same filter and the same CSV. Both must give the same lines (checked by the runner).
 */
import i18next, { type TFunction } from 'i18next';
import { loadAuditEntries, type AuditEntry } from '../../../renderer/clerk/audit-entries';
import { eventDetail, eventName, kindName } from '../../../renderer/clerk/audit-text';
import { resources } from '../../../renderer/i18n/resources';
import { KioskDb, type StoredEvent } from '../../../renderer/store/db';
import {
  auditKind,
  commitmentCodeOf,
  matchesFilter,
  type AuditFilter,
} from '../../../shared/console/audit-entry';
import { toCsv } from '../../../shared/console/csv';
import { testDataKeys } from '../../support/data-keys';

declare global {
  interface Window {
    seedAuditBench: (count: number) => Promise<{ seedMs: number; day: string; code: string }>;
    runAudit: (
      filter: AuditFilter,
      runs: number,
      csv: boolean,
      peer: boolean,
    ) => Promise<{ samples: number[]; seqs: number[]; csvBytes: number }>;
  }
}

const DEVICE = 'bench-device';
const STAFF = ['S001', 'C002', 'C003', 'C004', 'C005', 'C006', 'C007', 'C008'];
const HASH = 'a'.repeat(64);

let db: KioskDb | null = null;
const i18n = i18next.createInstance();
await i18n.init({
  resources,
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});
const t: TFunction = i18n.getFixedT('zh-CN');

/** A day at a busy hall, repeated: each record signed, and a share voided, found on, reprinted. */
window.seedAuditBench = async (count) => {
  db = new KioskDb(`audit-bench-${Date.now()}`, testDataKeys());
  const start = performance.now();
  const events: StoredEvent[] = [];
  let record = 0;
  for (let seq = 1; seq <= count; seq += 1) {
    const day = `2026-11-${String(1 + (Math.floor((seq / count) * 30) % 30)).padStart(2, '0')}`;
    const at = `${day}T${String(8 + (seq % 9)).padStart(2, '0')}:15:00+08:00`;
    const clerk = STAFF[seq % STAFF.length] ?? 'S001';
    const base = { v: 1 as const, seq, eventId: `${DEVICE}:${seq}`, deviceId: DEVICE, at };
    const chain = {
      prevHash: HASH,
      hash: HASH,
      sig: { alg: 'ECDSA-P256-SHA256' as const, value: 'AA' },
    };
    const n = seq % 10;
    if (n < 6) {
      record += 1;
      const code = `13010220261101${String(10_000 + record).padStart(6, '0')}`;
      events.push({
        ...base,
        ...chain,
        recordId: `r-${record}`,
        type: 'record.signed',
        actor: { kind: 'applicant' },
        payload: {
          commitmentCode: code,
          entity: {
            kind: 'legal-person',
            name: `石家庄测试${record}有限公司`,
            idNumber: `91130100MA${String(record).padStart(8, '0')}`,
          },
          assistedBy: n === 0 ? clerk : null,
        },
      });
    } else if (n === 6) {
      events.push({
        ...base,
        ...chain,
        recordId: `r-${record}`,
        type: 'record.voided',
        actor: { kind: 'clerk', id: clerk },
        payload: { reasonCode: 'entered-in-error', reasonText: '录入错误', by: clerk },
      });
    } else if (n === 7) {
      events.push({
        ...base,
        ...chain,
        recordId: `r-${record - 1}`,
        type: 'audit.record.reprinted',
        actor: { kind: 'clerk', id: clerk },
        payload: { reason: '申请人遗失' },
      });
    } else {
      events.push({
        ...base,
        ...chain,
        recordId: null,
        type: n === 8 ? 'audit.clerk.sign-in' : 'audit.clerk.sign-out',
        actor: { kind: 'clerk', id: clerk },
        payload: { staffId: clerk },
      });
    }
  }
  for (let i = 0; i < events.length; i += 4_000)
    await db.events.bulkAdd(events.slice(i, i + 4_000));
  const last = [...events].reverse().find((e) => e.type === 'record.signed');
  return {
    seedMs: performance.now() - start,
    day: '2026-11-15',
    code: typeof last?.payload.commitmentCode === 'string' ? last.payload.commitmentCode : '',
  };
};

/** The peer's read: the whole table at once, then the same filter, in seq order, newest first. */
async function bulkEntries(store: KioskDb, filter: AuditFilter): Promise<AuditEntry[]> {
  const all = await store.events.orderBy('seq').toArray();
  const codes = new Map<string, string>();
  const entries: AuditEntry[] = [];
  for (const event of all) {
    if (event.type === 'record.signed' && event.recordId) {
      const code = event.payload.commitmentCode;
      if (typeof code === 'string') codes.set(event.recordId, code);
    }
    const code = commitmentCodeOf(event, codes);
    if (matchesFilter(event, code, filter)) entries.push({ event, code });
  }
  return entries.reverse();
}

/** The AuditScreen's CSV of the entries (its columns, in words). */
function auditCsv(entries: readonly AuditEntry[]): string {
  return toCsv(
    [...entries]
      .reverse()
      .map(({ event: e, code }) => [
        e.seq,
        e.at,
        kindName(auditKind(e), t),
        eventName(e.type, t),
        e.actor.id ?? e.actor.kind,
        code ?? '',
        eventDetail(e, t),
        e.hash,
      ]),
  );
}

window.runAudit = async (filter, runs, csv, peer) => {
  const store = db;
  if (!store) throw new Error('not seeded');
  const samples: number[] = [];
  let entries: AuditEntry[] = [];
  let csvBytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    entries = await (peer ? bulkEntries(store, filter) : loadAuditEntries(store, filter));
    if (csv) csvBytes = new TextEncoder().encode(auditCsv(entries)).length;
    samples.push(performance.now() - t0);
  }
  return { samples, seqs: entries.map((e) => e.event.seq), csvBytes };
};

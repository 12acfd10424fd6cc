import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { toCsv } from '../../shared/console/csv';
import type { KioskDb, StoredEvent } from '../store/db';
import { recordExport } from '../store/audit-log';
import { Outcome, ScreenHeading, useConsole } from './console';
import { shortTime } from './format';
import { Pager } from '../ui/Pager';

const PAGE = 50;
const isAudit = (e: StoredEvent) => e.type.startsWith('audit.');

/** Newest first, a page at a time, walking the chain from its head. */
async function auditPage(db: KioskDb, page: number): Promise<StoredEvent[]> {
  return db.events
    .orderBy('seq')
    .reverse()
    .filter(isAudit)
    .offset(page * PAGE)
    .limit(PAGE + 1)
    .toArray();
}

function detail(e: StoredEvent, t: TFunction): string {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'audit.clerk.signed-in':
      return t(`clerk.roles.${String(p.role)}` as 'clerk.roles.clerk');
    case 'audit.clerk.signed-out':
      return t(
        `clerk.audit.signOutReasons.${String(p.reason)}` as 'clerk.audit.signOutReasons.manual',
      );
    case 'audit.clerk.sign-in-failed':
      return `${String(p.attemptedClerkId)} · ${t(`clerk.audit.failReasons.${String(p.reason)}` as 'clerk.audit.failReasons.locked-out')}`;
    case 'audit.settings.changed':
      return `${String(p.key)}: ${JSON.stringify(p.to)}`;
    case 'audit.record.reprinted':
      return `${String(p.commitmentCode)} · ${String(p.reason)}`;
    case 'audit.export.made':
      return t('clerk.audit.exportDetail', {
        kind: t(`clerk.audit.exportKinds.${String(p.kind)}` as 'clerk.audit.exportKinds.records'),
        format: String(p.format).toUpperCase(),
        count: Number(p.recordCount),
      });
    case 'audit.receipts.imported':
      return t('clerk.receipts.audit', {
        accepted: Number(p.accepted),
        refused: Number(p.refused),
      });
    default:
      return '';
  }
}

export function AuditScreen() {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<StoredEvent[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void auditPage(services.db, page).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [services.db, page, version]);

  const eventName = (type: string) =>
    t(`clerk.eventTypes.${type}` as 'clerk.eventTypes.record.signed', { defaultValue: type });

  const exportCsv = async () => {
    const all = await services.db.events.orderBy('seq').filter(isAudit).toArray();
    const csv = toCsv([
      [
        t('clerk.audit.cols.seq'),
        t('clerk.audit.cols.when'),
        t('clerk.audit.cols.what'),
        t('clerk.audit.cols.who'),
        t('clerk.audit.cols.detail'),
        t('clerk.audit.cols.hash'),
      ],
      ...all.map((e) => [
        e.seq,
        e.at,
        eventName(e.type),
        e.actor.id ?? e.actor.kind,
        detail(e, t),
        e.hash,
      ]),
    ]);
    const saved = await services.host.invoke('file.save', {
      suggestedName: `audit-log-${services.device.deviceId}.csv`,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(csv),
    });
    if (!saved.ok || !saved.value.saved) {
      setMessage({ kind: 'error', text: t('clerk.report.failed') });
      return;
    }
    await recordExport(ctx, clerk, {
      kind: 'audit-log',
      format: 'csv',
      recordCount: all.length,
      masked: true,
    });
    setMessage({ kind: 'ok', text: t('clerk.report.saved') });
    setVersion((v) => v + 1);
  };

  return (
    <section className="console-section" aria-labelledby="audit-heading">
      <ScreenHeading id="audit-heading">{t('clerk.audit.heading')}</ScreenHeading>
      <div className="row">
        <button type="button" className="button-primary" onClick={() => void exportCsv()}>
          {t('clerk.audit.export')}
        </button>
      </div>
      <Outcome message={message} />
      {rows && (
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('clerk.audit.cols.seq')}</th>
              <th scope="col">{t('clerk.audit.cols.when')}</th>
              <th scope="col">{t('clerk.audit.cols.what')}</th>
              <th scope="col">{t('clerk.audit.cols.who')}</th>
              <th scope="col">{t('clerk.audit.cols.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PAGE).map((e) => (
              <tr key={e.eventId}>
                <td>{e.seq}</td>
                <td>{shortTime(e.at)}</td>
                <td>{eventName(e.type)}</td>
                <td>{e.actor.id ?? t(`clerk.actors.${e.actor.kind}`)}</td>
                <td>{detail(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} hasMore={Boolean(rows && rows.length > PAGE)} onPage={setPage} />
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceSyncDeps } from '../../sync/deps';
import { runSync } from '../../sync/engine';
import { reconcile, type Reconciliation } from '../../sync/reconcile';
import {
  acknowledgeProvisionalHit,
  listProvisionalHits,
  type ProvisionalHit,
} from '../../sync/recheck';
import { useConsole } from '../console';
import { hallTime } from '../format';
import { rejectionMessage, say } from '../sync/sync-messages';
import { useSyncStatus } from '../sync/use-sync-status';
import { reconciliationRows } from './reconciliation-view';
import { listRejectedEvents, type RejectedEvent } from './rejected';
import { syncFailureText } from './sync-failure';

type Message = { kind: 'ok' | 'error'; text: string } | null;

interface Held {
  readonly reconciliation: Reconciliation;
  readonly rejected: readonly RejectedEvent[];
  readonly hits: readonly ProvisionalHit[];
}

/**
 * End of day, first part: send what waits, then account for every record made: accepted, rejected
 * (with the platform's reason) or still pending, by count and by list; and the provisional
 * pre-checks the platform found a dishonesty record for, until the clerk acknowledges each.
 */
export function SyncPanel({
  day,
  dataVersion,
  onSynced,
}: {
  readonly day: string;
  /** Changes when the outbox changed elsewhere on the screen (receipts imported). */
  readonly dataVersion: number;
  readonly onSynced: () => void;
}) {
  const { t } = useTranslation();
  const { services } = useConsole();
  const { db } = services;
  const status = useSyncStatus(db);
  const [held, setHeld] = useState<Held | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void Promise.all([
      reconcile(db, { day }),
      listRejectedEvents(db),
      listProvisionalHits(db),
    ]).then(([reconciliation, rejected, hits]) => {
      if (live) setHeld({ reconciliation, rejected, hits });
    });
    return () => {
      live = false;
    };
  }, [db, day, version, dataVersion]);

  const syncNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const deps = await deviceSyncDeps(db);
      if (!deps) {
        setMessage({ kind: 'error', text: t('clerk.sync.errors.not-enrolled') });
        return;
      }
      const outcome = await runSync(deps);
      if (!outcome.ran) setMessage({ kind: 'error', text: t('clerk.sync.alreadyRunning') });
      else if (outcome.ok) {
        setMessage({
          kind: 'ok',
          text: t('clerk.sync.done', {
            accepted: (outcome.push?.accepted ?? 0) + (outcome.push?.duplicate ?? 0),
            rejected: outcome.push?.rejected ?? 0,
            pulled: outcome.pulled,
          }),
        });
      } else {
        setMessage({ kind: 'error', text: syncFailureText(t, outcome.error) });
      }
    } finally {
      setBusy(false);
      refresh();
      onSynced();
    }
  };

  const pendingLine = (
    <p data-testid="pending-count">
      {status === null
        ? t('clerk.records.loading')
        : t('clerk.report.pending', { count: status.pending })}
    </p>
  );

  if (services.demo)
    return (
      <div className="console-card">
        <h2 className="console-subheading">{t('clerk.report.syncHeading')}</h2>
        {pendingLine}
        <p>{t('clerk.report.syncDemo')}</p>
      </div>
    );

  const running = status?.running ?? false;
  const progress = status?.progress ?? { done: 0, total: 0 };
  const rec = held?.reconciliation;

  return (
    <div className="console-card" data-testid="sync-panel">
      <h2 className="console-subheading">{t('clerk.report.syncHeading')}</h2>
      {pendingLine}
      <div className="row">
        <button
          type="button"
          className="button-primary"
          disabled={busy || running}
          onClick={() => void syncNow()}
        >
          {t('clerk.sync.runNow')}
        </button>
      </div>
      {running && status && (
        <div role="status">
          <label>
            {t('clerk.sync.progressLabel', { phase: t(`clerk.sync.phases.${status.phase}`) })}{' '}
            <progress
              className="sync-progress"
              max={Math.max(progress.total, 1)}
              value={progress.total > 0 ? progress.done : undefined}
            />
          </label>
          {progress.total > 0 && (
            <span> {t('clerk.sync.progress', { done: progress.done, total: progress.total })}</span>
          )}
        </div>
      )}
      <p
        role="status"
        className={`outcome ${message ? `outcome-${message.kind}` : ''}`}
        data-testid="sync-outcome"
      >
        {message?.text ?? ''}
      </p>

      {rec && (
        <>
          <h3>{t('clerk.sync.reconciliation')}</h3>
          <p
            data-testid="reconciliation"
            className={rec.addsUp ? 'notice notice-ok' : 'notice notice-stop'}
            role={rec.addsUp ? undefined : 'alert'}
          >
            {t(rec.addsUp ? 'clerk.sync.addsUp' : 'clerk.sync.doesNotAddUp', {
              made: rec.made.length,
              accepted: rec.accepted.length,
              rejected: rec.rejected.length,
              pending: rec.pending.length,
            })}
            {!rec.addsUp &&
              rec.events.missing > 0 &&
              ` ${t('clerk.sync.missingEvents', { count: rec.events.missing })}`}
          </p>
          {reconciliationRows(rec).length > 0 && (
            <table className="data-table" data-testid="reconciliation-list">
              <caption className="visually-hidden">{t('clerk.sync.reconciliation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('clerk.records.cols.code')}</th>
                  <th scope="col">{t('clerk.sync.cols.state')}</th>
                  <th scope="col">{t('clerk.sync.cols.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {reconciliationRows(rec).map((r) => (
                  <tr key={r.recordId}>
                    <td className="mono">{r.commitmentCode ?? r.recordId}</td>
                    <td>{t(`clerk.sync.states.${r.state}`)}</td>
                    <td>
                      {[
                        ...r.codes.map((c) => {
                          const m = rejectionMessage(c);
                          return say(t, m);
                        }),
                        ...r.problems.map((p) => t(`clerk.sync.problems.${p}`)),
                      ].join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}

      {held && held.rejected.length > 0 && (
        <>
          <h3>{t('clerk.sync.rejectedHeading')}</h3>
          <p>{t('clerk.sync.rejectedLead')}</p>
          <table className="data-table" data-testid="rejected-events">
            <thead>
              <tr>
                <th scope="col">{t('clerk.sync.cols.seq')}</th>
                <th scope="col">{t('clerk.records.cols.code')}</th>
                <th scope="col">{t('clerk.sync.cols.event')}</th>
                <th scope="col">{t('clerk.sync.cols.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {held.rejected.map((r) => {
                const m = rejectionMessage(r.code);
                return (
                  <tr key={r.eventId}>
                    <td>{r.seq}</td>
                    <td className="mono">{r.commitmentCode ?? '—'}</td>
                    <td>
                      {t(`clerk.eventTypes.${r.type}` as 'clerk.eventTypes.record.signed', {
                        defaultValue: r.type,
                      })}
                    </td>
                    <td>
                      {say(t, m)}
                      {r.detail ? ` (${r.detail})` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      {held && held.hits.length > 0 && (
        <>
          <h3>{t('clerk.sync.hitsHeading')}</h3>
          <p className="notice notice-stop">{t('clerk.sync.hitsLead')}</p>
          <ul className="sync-list" data-testid="provisional-hits">
            {held.hits.map((h) => (
              <li key={h.recordId}>
                <span className="mono">{h.commitmentCode}</span> ·{' '}
                {t('clerk.sync.hitCheckedAt', { at: hallTime(h.checkedAt) })}{' '}
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t('clerk.sync.acknowledgeHit', { code: h.commitmentCode })}
                  onClick={() => void acknowledgeProvisionalHit(db, h.recordId).then(refresh)}
                >
                  {t('clerk.sync.acknowledge')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

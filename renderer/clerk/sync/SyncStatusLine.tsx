import { useTranslation } from 'react-i18next';
import type { KioskDb } from '../../store/db';
import { hallTime } from '../format';
import { useStaleBundles } from '../report/BundleExport';
import { say, statusParts, type StatusPart } from './sync-messages';
import { useSyncStatus } from './use-sync-status';

/**
 * The console's compact sync line, on every screen: connection, a run's progress, what waits to
 * be sent, the last success, the current error and a clock the platform finds off.
 */
export function SyncStatusLine({ db }: { readonly db: KioskDb }) {
  const { t } = useTranslation();
  const status = useSyncStatus(db);
  const staleBundles = useStaleBundles(db);
  if (!status) return null;
  const text = (part: StatusPart): string => {
    switch (part.kind) {
      case 'connection':
        return t(part.online ? 'clerk.sync.online' : 'clerk.sync.offline');
      case 'running':
        return part.total > 0
          ? t('clerk.sync.runningProgress', {
              phase: t(`clerk.sync.phases.${part.phase}`),
              done: part.done,
              total: part.total,
            })
          : t('clerk.sync.running', { phase: t(`clerk.sync.phases.${part.phase}`) });
      case 'pending':
        return t('clerk.sync.pending', { count: part.count });
      case 'last-success':
        return part.at
          ? t('clerk.sync.lastSuccess', { at: hallTime(part.at) })
          : t('clerk.sync.neverSynced');
      case 'error':
        return say(t, part.message);
      case 'clock-skew':
        return t('clerk.sync.clockSkew', { seconds: part.seconds });
      case 'damage':
        return part.messages.map((m) => say(t, m)).join('; ');
    }
  };
  const parts = statusParts(status);
  return (
    <p className="sync-line" data-testid="sync-status" aria-live="polite">
      {parts.map((part, i) => (
        <span
          key={part.kind}
          className={`sync-part sync-${part.kind}${(part.kind === 'connection' && !part.online) || part.kind === 'damage' ? ' sync-warn' : ''}`}
          {...(part.kind === 'damage' ? { 'data-testid': 'sync-damage' } : {})}
        >
          {i > 0 && <span aria-hidden="true"> · </span>}
          {text(part)}
        </span>
      ))}
      {staleBundles && (
        <span className="sync-part sync-warn" data-testid="sync-stale-bundles">
          <span aria-hidden="true"> · </span>
          {t('hardening.bundles.statusLine')}
        </span>
      )}
    </p>
  );
}

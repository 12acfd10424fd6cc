import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { declareDamagedLost } from '../sync/loss';
import { deviceSyncDeps } from '../sync/deps';
import { Outcome, useConsole } from './console';
import { damageMessages, errorMessage, say } from './sync/sync-messages';
import { useSyncStatus } from './sync/use-sync-status';

/**
 * The supervisor's procedure for a damaged store (sync/loss.ts): the damaged events the device's
 * self-check named are declared lost, signed by the device and approved by the platform; later
 * records then go out with the next sync. Shown only while the sync status names damage.
 */
export function DeclareLossPanel() {
  const { t } = useTranslation();
  const { services, clerk } = useConsole();
  const status = useSyncStatus(services.db);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!status || (status.damage.length === 0 && outcome === null)) return null;

  const declare = async () => {
    setBusy(true);
    try {
      const deps = await deviceSyncDeps(services.db);
      const result = deps
        ? await declareDamagedLost(deps, clerk.id)
        : { ok: false as const, error: 'not-enrolled' };
      setOutcome(
        result.ok
          ? { kind: 'ok', text: t('clerk.declareLoss.done', { count: result.lost.length }) }
          : { kind: 'error', text: say(t, errorMessage(result.error)) },
      );
      setConfirmed(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console-card" data-testid="declare-loss">
      <h2 className="console-subheading">{t('clerk.declareLoss.heading')}</h2>
      <p>{t('clerk.declareLoss.lead')}</p>
      <ul>
        {damageMessages(status.damage).map((m, i) => (
          <li key={i}>{say(t, m)}</li>
        ))}
      </ul>
      {status.damage.length > 0 && (
        <>
          <div className="check">
            <input
              id="declare-loss-confirm"
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <label htmlFor="declare-loss-confirm">{t('clerk.declareLoss.confirm')}</label>
          </div>
          <div className="row">
            <button
              type="button"
              className="button-secondary"
              disabled={!confirmed || busy}
              onClick={() => void declare()}
            >
              {t('clerk.declareLoss.run')}
            </button>
          </div>
        </>
      )}
      <Outcome message={outcome} />
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resetDemoDevice } from '../device/demo-reset';
import { Outcome, useConsole } from './console';

/**
 * On a demo device, the supervisor's way to a real one: the demo records go (they were never sent)
 * and the app restarts, to enrol with the platform address set above, or in demo mode again.
 */
export function LeaveDemoPanel() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [confirmed, setConfirmed] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!services.device.demo) return null;

  const leave = async () => {
    const result = await resetDemoDevice(services.db);
    if (!result.ok) {
      setFailed(true);
      return;
    }
    location.reload();
  };

  return (
    <div className="console-card">
      <h2 className="console-subheading">{t('clerk.leaveDemo.heading')}</h2>
      <p>{t('clerk.leaveDemo.lead')}</p>
      <div className="check">
        <input
          id="leave-demo-confirm"
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        <label htmlFor="leave-demo-confirm">{t('clerk.leaveDemo.confirm')}</label>
      </div>
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          disabled={!confirmed}
          onClick={() => void leave()}
        >
          {t('clerk.leaveDemo.run')}
        </button>
      </div>
      <Outcome message={failed ? { kind: 'error', text: t('clerk.leaveDemo.failed') } : null} />
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceKeyStatus, type DeviceKeyStatus } from '../device/identity';
import { logProblem } from '../host/problem-log';
import { buildSupportBundle, supportBundleFile } from '../services/support-bundle';
import { Outcome, useConsole } from './console';
import { StaleBundleNotice } from './report/BundleExport';

/**
 * Supervisor only (settings): says how the device key is kept, and saves the support bundle (services/support-bundle.ts), the recent
 * log with the device's facts and sync status and no personal data, to send to support.
 */
export function SupportBundlePanel() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [keyStatus, setKeyStatus] = useState<DeviceKeyStatus | null>(null);

  // How the device key is kept (a legacy key is replaced at a sync: sync/key-rotation.ts).
  useEffect(() => {
    let live = true;
    void deviceKeyStatus(services.db)
      .then((status) => {
        if (live) setKeyStatus(status);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [services.db]);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const file = supportBundleFile(await buildSupportBundle(services));
      const saved = await services.host.invoke('file.save', {
        ...file,
        mimeType: 'application/json',
      });
      if (!saved.ok) logProblem('warn', 'support-bundle.failed', saved.error.code);
      setMessage(
        saved.ok
          ? saved.value.saved
            ? { kind: 'ok', text: t('hardening.support.saved', { name: file.suggestedName }) }
            : null
          : { kind: 'error', text: t('hardening.support.failed') },
      );
    } catch (error) {
      logProblem('warn', 'support-bundle.failed', error);
      setMessage({ kind: 'error', text: t('hardening.support.failed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console-card" data-testid="support-bundle">
      <h2 className="console-subheading">{t('hardening.support.heading')}</h2>
      <p>{t('hardening.support.lead')}</p>
      {keyStatus && (
        <p data-testid="device-key-status" data-status={keyStatus}>
          {t('hardening.keyRotation.line', {
            status: t(`hardening.keyRotation.status.${keyStatus}`),
          })}
        </p>
      )}
      <StaleBundleNotice />
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void save()}
        >
          {t('hardening.support.save')}
        </button>
      </div>
      <Outcome message={message} />
    </div>
  );
}

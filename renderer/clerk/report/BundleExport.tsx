import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordExport } from '../../store/audit-log';
import { exportPendingBundles } from '../../sync/bundle-export';
import { Outcome, useConsole } from '../console';

/** For a hall without network: pending events saved as sealed files to carry to the platform. */
export function BundleExport() {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const exported = await exportPendingBundles({
        db: services.db,
        signer: services.signer,
        device: services.device,
        now: services.now,
      });
      if (!exported.ok) {
        setMessage({ kind: 'error', text: t(`clerk.bundle.errors.${exported.error}`) });
        return;
      }
      for (const file of exported.files) {
        const saved = await services.host.invoke('file.save', {
          suggestedName: file.name,
          mimeType: 'application/json',
          data: file.bytes,
        });
        if (!saved.ok || !saved.value.saved) {
          setMessage({ kind: 'error', text: t('clerk.bundle.errors.not-saved') });
          return;
        }
      }
      const events = exported.files.reduce((n, f) => n + f.events, 0);
      await recordExport(ctx, clerk, {
        kind: 'sync-bundle',
        format: 'json',
        recordCount: events,
        masked: false,
      });
      setMessage({
        kind: 'ok',
        text: t('clerk.bundle.saved', { files: exported.files.length, events }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bundle-export">
      <h2 className="console-subheading">{t('clerk.bundle.heading')}</h2>
      <p>{t('clerk.bundle.lead')}</p>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void run()}>
        {t('clerk.bundle.export')}
      </button>
      <Outcome message={message} />
    </div>
  );
}

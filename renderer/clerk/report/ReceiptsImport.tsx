import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createVerifiers } from '../../../shared/crypto/providers';
import { loadTrustedKeys } from '../../platform/trust';
import { recordReceiptsImport } from '../../store/audit-log';
import { importReceipts } from '../../sync/receipts-import';
import { Outcome, useConsole } from '../console';
import { hallTime } from '../format';
import { FilePicker } from '../../ui/FilePicker';

/** The way back for offline bundles: the platform's signed receipts file, applied to the outbox. */
export function ReceiptsImport({ onImported }: { readonly onImported: () => void }) {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        setMessage({ kind: 'error', text: t('clerk.receipts.errors.not-read') });
        return;
      }
      const imported = await importReceipts(
        {
          db: services.db,
          deviceId: services.device.deviceId,
          trusted: await loadTrustedKeys(services.db),
          verifiers: createVerifiers(crypto.subtle),
        },
        bytes,
      );
      if (!imported.ok) {
        setMessage({ kind: 'error', text: t(`clerk.receipts.errors.${imported.error}`) });
        return;
      }
      const audited = await recordReceiptsImport(ctx, clerk, imported.value);
      onImported();
      setMessage(
        audited.ok
          ? {
              kind: 'ok',
              text: t('clerk.receipts.imported', {
                ...imported.value,
                issuedAt: hallTime(imported.value.issuedAt),
              }),
            }
          : { kind: 'error', text: t('clerk.receipts.errors.audit-failed') },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bundle-export">
      <h2 className="console-subheading">{t('clerk.receipts.heading')}</h2>
      <p>{t('clerk.receipts.lead')}</p>
      <FilePicker
        label={t('clerk.receipts.import')}
        accept="application/json,.json"
        disabled={busy}
        testId="receipts-file"
        onFile={(file) => void run(file)}
      />
      <Outcome message={message} />
    </div>
  );
}

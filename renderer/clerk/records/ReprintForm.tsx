import { logProblem } from '../../host/problem-log';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printOutcome } from '../../host/print-outcome';
import { letterPdf } from '../../services/letter';
import { recordReprint } from '../../store/audit-log';
import { useConsole } from '../console';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { TextField } from './fields';
import type { FieldIssue } from '../../../shared/fields/issue';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { checkText } from '../../../shared/fields/text';
import { signedReceipt } from './history';

/** A copy of the signed letter, marked as a copy on every page; the reprint is audited. */
export function ReprintForm({ loaded, onResult }: ActionFormProps) {
  const { t, i18n } = useTranslation();
  const { ctx, clerk, services } = useConsole();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [issue, setIssue] = useState<FieldIssue | undefined>(undefined);

  const submit = async () => {
    // The same rule recordReprint holds the reason to, checked before anything is printed.
    const checked = checkText(reason, TEXT_RULES.reason);
    setIssue(checked.ok ? undefined : checked.issue);
    if (!checked.ok) return;
    setBusy(true);
    try {
      // The copy carries the platform's attested time of the signing, once it has one.
      const receipt = signedReceipt(loaded);
      const pdf = await letterPdf(services, i18n, loaded.row, {
        copy: true,
        platformTime: receipt?.platformTime ?? null,
        platformReceiptNo: receipt?.receiptNo ?? null,
      });
      const printed = await services.host.invoke('print.pdf', {
        pdf,
        title: `${loaded.row.commitmentCode}-copy`,
        ...(services.settings.printer ? { printer: services.settings.printer } : {}),
      });
      const outcome = printOutcome(printed);
      if (outcome === 'failed') {
        onResult({ ok: false, error: 'print-failed' });
        return;
      }
      const audited = await recordReprint(ctx, clerk, loaded.row, reason);
      if (!audited.ok) {
        onResult({ ok: false, error: audited.error });
        return;
      }
      onResult({
        ok: true,
        message:
          outcome === 'downloaded' ? t('clerk.reprint.downloaded') : t('clerk.reprint.printed'),
      });
    } catch (error) {
      logProblem('warn', 'reprint.failed', error);
      onResult({ ok: false, error: 'print-failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionFrame
      heading={t('clerk.reprint.heading')}
      submitLabel={t('clerk.reprint.submit')}
      busy={busy}
      issues={issue ? { reason: issue } : {}}
      onSubmit={() => void submit()}
    >
      <TextField
        name="reprint-reason"
        label={t('clerk.reprint.reason')}
        value={reason}
        onChange={setReason}
        maxLength={TEXT_RULES.reason.max}
        issue={issue}
      />
    </ActionFrame>
  );
}

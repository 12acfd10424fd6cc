import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/fields/issue';
import { TEXT_RULES } from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import { logProblem } from '../host/problem-log';
import { printOutcome } from '../host/print-outcome';
import { reprintArchivedLetter, type ArchivedReprint } from '../services/letter-archive';
import { bundledFont } from '../services/letter';
import { recordReprint } from '../store/audit-log';
import { Outcome, useConsole } from './console';
import { TextField } from './records/fields';

type Problem = Extract<ArchivedReprint, { ok: false }>['problem'];

/**
 * "补打已清除记录的承诺书 / Reprint a purged record's letter": after the retention purge the
 * records list no longer shows a record, so the clerk enters its commitment code. The letter comes
 * from the platform's archive, is checked against the hash this device kept at the purge
 * (services/letter-archive.ts), and is printed stamped as a copy; the reprint is audited.
 */
export function ArchiveReprintPanel() {
  const { t, i18n } = useTranslation();
  const { ctx, clerk, services } = useConsole();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [reasonIssue, setReasonIssue] = useState<FieldIssue | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const fail = (problem: Problem | 'print-failed') =>
    setMessage({ kind: 'error', text: t(`evidence.archive.problem.${problem}`) });

  const submit = async () => {
    setMessage(null);
    // The rule recordReprint holds the reason to, checked before the platform is asked.
    const checked = checkText(reason, TEXT_RULES.reason);
    setReasonIssue(checked.ok ? undefined : checked.issue);
    if (!checked.ok) return;
    setBusy(true);
    try {
      // The stamp is in the letter's binding language, Chinese, with the English word beside it.
      const zh = i18n.getFixedT('zh-CN');
      const reprint = await reprintArchivedLetter(services, code, {
        mark: zh('pdf.copyMark'),
        note: zh('evidence.archive.copyNote'),
        font: await bundledFont(),
      });
      if (!reprint.ok) {
        fail(reprint.problem);
        return;
      }
      const printed = await services.host.invoke('print.pdf', {
        pdf: reprint.pdf,
        title: `${reprint.commitmentCode}-copy`,
        ...(services.settings.printer ? { printer: services.settings.printer } : {}),
      });
      const outcome = printOutcome(printed);
      if (outcome === 'failed') {
        fail('print-failed');
        return;
      }
      const audited = await recordReprint(ctx, clerk, reprint, reason);
      if (!audited.ok) {
        setMessage({ kind: 'error', text: t(`clerk.errors.${audited.error}`) });
        return;
      }
      setMessage({
        kind: 'ok',
        text: t(
          outcome === 'downloaded' ? 'evidence.archive.downloaded' : 'evidence.archive.printed',
          { code: reprint.commitmentCode },
        ),
      });
    } catch (error) {
      logProblem('warn', 'archive-reprint.failed', error);
      fail('print-failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="console-card archive-reprint" aria-labelledby="archive-reprint-heading">
      <h2 id="archive-reprint-heading" className="console-subheading">
        {t('evidence.archive.heading')}
      </h2>
      <p>{t('evidence.archive.lead')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          name="archive-code"
          label={t('evidence.archive.code')}
          value={code}
          onChange={setCode}
          maxLength={20}
          hint={t('evidence.archive.codeHint')}
        />
        <TextField
          name="archive-reason"
          label={t('clerk.reprint.reason')}
          value={reason}
          onChange={setReason}
          maxLength={TEXT_RULES.reason.max}
          issue={reasonIssue}
        />
        <button
          type="submit"
          className="button-primary"
          disabled={busy}
          data-testid="archive-reprint"
        >
          {busy ? t('evidence.archive.fetching') : t('evidence.archive.submit')}
        </button>
      </form>
      <Outcome message={message} />
    </section>
  );
}

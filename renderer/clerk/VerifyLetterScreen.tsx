import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterVerdict } from '../../shared/evidence/letter-verdict';
import { checkLetterFile, type LetterCheck } from '../services/letter-verify';
import { FilePicker } from '../ui/FilePicker';
import { ArchiveReprintPanel } from './ArchiveReprintPanel';
import { ScreenHeading, useConsole } from './console';
import { findingText } from './verify-finding-text';

/**
 * "核验承诺书 / Verify a letter": the clerk picks a PDF, and the product says in words what holds
 * (signature, signer, timestamp, record) and what does not (services/letter-verify.ts).
 */
export function VerifyLetterScreen() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<LetterCheck | null>(null);

  const pick = async (file: File) => {
    setBusy(true);
    setCheck(null);
    try {
      setCheck(await checkLetterFile(services, new Uint8Array(await file.arrayBuffer())));
    } catch {
      setCheck({ ok: false, problem: 'not-a-pdf' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="console-section" aria-labelledby="verify-heading">
      <ScreenHeading id="verify-heading">{t('evidence.verify.heading')}</ScreenHeading>
      <p>{t('evidence.verify.lead')}</p>
      <FilePicker
        label={t('evidence.verify.pick')}
        accept="application/pdf,.pdf"
        testId="verify-file"
        disabled={busy}
        onFile={(file) => void pick(file)}
      />
      <div role="status" aria-live="polite" data-testid="verify-result">
        {busy && <p>{t('evidence.verify.checking')}</p>}
        {check && !check.ok && (
          <p className="notice notice-stop">{t(`evidence.verify.refused.${check.problem}`)}</p>
        )}
        {check?.ok && <VerdictView verdict={check.verdict} />}
      </div>
      <ArchiveReprintPanel />
    </section>
  );
}

function VerdictView({ verdict }: { readonly verdict: LetterVerdict }) {
  const { t, i18n } = useTranslation();
  const good = verdict.overall === 'valid';
  return (
    <>
      <p
        className={good ? 'notice' : 'notice notice-stop'}
        data-testid="verify-overall"
        data-overall={verdict.overall}
      >
        <strong>{t(`evidence.verify.overall.${verdict.overall}`)}</strong>
      </p>
      <ul className="verify-findings">
        {verdict.findings.map((f, i) => (
          <li key={`${f.code}-${i}`} data-level={f.level}>
            {t(`evidence.verify.level.${f.level}`)} {findingText(t, i18n.language, f)}
          </li>
        ))}
      </ul>
    </>
  );
}

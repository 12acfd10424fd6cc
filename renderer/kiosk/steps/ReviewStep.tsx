import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/model';
import type { Matter } from '../../../shared/catalogue/schema';
import { StepFrame } from '../StepFrame';
import type { KioskSession } from '../session';

/** counter: the record would not hold as the platform's collection items; it was not signed. */
export type SubmitOutcome = 'submitted' | 'failed' | 'counter';

interface ReviewStepProps {
  readonly session: KioskSession;
  readonly matter: Matter;
  readonly submit: () => Promise<SubmitOutcome>;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

export function ReviewStep({ session, matter, submit, onBack, onCancel }: ReviewStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [state, setState] = useState<'idle' | 'submitting' | 'failed' | 'counter'>('idle');
  // The letter's digest is bound in the record and printed on the letter; not shown here.
  const { entity, precheck, signature, photo } = session;
  const go = async () => {
    if (state === 'submitting') return;
    setState('submitting');
    const outcome = await submit();
    setState(outcome === 'submitted' ? 'idle' : outcome);
  };
  return (
    <StepFrame
      step="review"
      heading={t('kiosk.review.heading')}
      onBack={state === 'submitting' ? undefined : onBack}
      onCancel={state === 'submitting' ? undefined : onCancel}
      action={
        <button
          type="button"
          className="button-primary"
          aria-disabled={state === 'submitting'}
          onClick={() => void go()}
        >
          {state === 'submitting' ? t('kiosk.review.submitting') : t('kiosk.review.submit')}
        </button>
      }
    >
      <dl className="summary">
        <dt>{t('kiosk.review.matter')}</dt>
        <dd>
          {matter.name[lang]} <span className="mono">({matter.code})</span>
        </dd>
        <dt>{t('kiosk.review.entity')}</dt>
        <dd>{entity?.name}</dd>
        <dt>{t('kiosk.review.idNumber')}</dt>
        <dd className="mono">{entity?.idNumber}</dd>
        <dt>{t('kiosk.review.precheck')}</dt>
        <dd>
          {precheck?.outcome === 'provisional'
            ? t('kiosk.review.precheckProvisional')
            : precheck?.outcome === 'eligible-for-repair'
              ? t('kiosk.review.precheckRepair')
              : t('kiosk.review.precheckEligible')}
        </dd>
        <dt>{t('kiosk.review.signature')}</dt>
        <dd>
          {signature?.method === 'typed-name-witnessed'
            ? t('kiosk.review.signatureTyped')
            : signature?.method === 'typed-name-confirmed'
              ? t('kioskux.signature.confirmed.review')
              : t('kiosk.review.signatureDrawn')}
        </dd>
        {photo && (
          <>
            <dt>{t('kiosk.review.photo')}</dt>
            <dd>{t(`kiosk.review.photoStatus.${photo.status}`)}</dd>
          </>
        )}
      </dl>
      {state === 'counter' && (
        <p className="field-error" role="alert" data-testid="review-counter">
          {t('evidence.collection.notSignable')}
        </p>
      )}
      {state === 'failed' && (
        <p className="field-error" role="alert">
          {t('kiosk.review.failed')}
        </p>
      )}
    </StepFrame>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrecheckDecision } from '../../../shared/precheck/rules';
import { StepFrame } from '../StepFrame';

interface PrecheckStepProps {
  readonly decision: PrecheckDecision | null;
  readonly run: () => Promise<void>;
  readonly onContinue: () => void;
  readonly onBack: () => void;
  readonly onFinish: () => void;
}

export function PrecheckStep({ decision, run, onContinue, onBack, onFinish }: PrecheckStepProps) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!decision) void run();
  }, [decision, run]);

  if (!decision) {
    return (
      <StepFrame step="precheck" heading={t('kiosk.precheck.heading')}>
        <p role="status" className="notice">
          {t('kiosk.precheck.checking')}
        </p>
      </StepFrame>
    );
  }
  if (decision.outcome === 'not-eligible' || decision.outcome === 'unavailable') {
    const refused = decision.outcome === 'not-eligible';
    return (
      <StepFrame
        step="precheck"
        heading={
          refused ? t('kiosk.precheck.notEligibleHeading') : t('kiosk.precheck.unavailableHeading')
        }
        onBack={onBack}
        action={
          <button type="button" className="button-primary" onClick={onFinish}>
            {t('kiosk.precheck.toCounter')}
          </button>
        }
      >
        <div className="notice notice-stop" role="alert">
          <p>{refused ? t('kiosk.precheck.notEligible') : t('kiosk.precheck.unavailable')}</p>
          {refused && <p>{t('kiosk.precheck.notEligibleNext')}</p>}
        </div>
        {/* A mistyped number is the commonest reason: the way back keeps every other answer. */}
        <div className="row">
          <button type="button" className="button-secondary" onClick={onBack}>
            {t('kioskux.precheck.correct')}
          </button>
        </div>
      </StepFrame>
    );
  }
  const snapshot = decision.snapshot;
  return (
    <StepFrame
      step="precheck"
      heading={t('kiosk.precheck.heading')}
      onBack={onBack}
      action={
        <button type="button" className="button-primary" onClick={onContinue}>
          {t('kiosk.precheck.continue')}
        </button>
      }
    >
      {decision.outcome === 'provisional' ? (
        <div className="notice notice-warn" role="status">
          <p>{t('kiosk.precheck.provisional')}</p>
          <p className="notice-detail">{t('kiosk.precheck.provisionalDetail')}</p>
        </div>
      ) : (
        <div className="notice notice-ok" role="status">
          {decision.outcome === 'eligible' ? (
            <p>{t('kiosk.precheck.eligible')}</p>
          ) : (
            // A listed entity on a credit-repair matter: told what was found, and why it may go on.
            <>
              <p>{t('kiosk.precheck.repairEligible')}</p>
              <p>{t('kiosk.precheck.repairEligibleNext')}</p>
            </>
          )}
          <p className="notice-detail">
            {decision.basis === 'online' || !snapshot
              ? t('kiosk.precheck.basisOnline')
              : t('kiosk.precheck.basisSnapshot', {
                  time: new Date(snapshot.issuedAt).toLocaleString(i18n.language, {
                    timeZone: 'Asia/Shanghai',
                  }),
                  hours: Math.max(0, Math.round(snapshot.ageHours)),
                })}
          </p>
        </div>
      )}
    </StepFrame>
  );
}

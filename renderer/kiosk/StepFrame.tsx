import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../services/app-services';
import { STEPS, type Step } from './session';

/** Steps after the welcome screen, as counted in the progress line. */
const COUNTED = STEPS.filter((s) => s !== 'welcome');
const COUNTED_NO_PHOTO = COUNTED.filter((s) => s !== 'photo');

interface StepFrameProps {
  readonly step: Exclude<Step, 'welcome'>;
  readonly heading: string;
  readonly children: ReactNode;
  readonly onBack?: () => void;
  readonly onCancel?: () => void;
  /** The step's main action, right-aligned in the footer. */
  readonly action?: ReactNode;
  /** The on-screen keyboard, docked under the body while a field is being typed in. */
  readonly keyboard?: ReactNode;
}

/** The frame of every kiosk step: progress, heading (focused on arrival), body, footer. */
export function StepFrame({
  step,
  heading,
  children,
  onBack,
  onCancel,
  action,
  keyboard,
}: StepFrameProps) {
  const { t } = useTranslation();
  const counted = useServices().settings.signingPhoto === 'off' ? COUNTED_NO_PHOTO : COUNTED;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);
  const current = counted.indexOf(step) + 1;
  return (
    <section className="step" aria-labelledby="step-heading" data-step={step}>
      <p className="step-progress">
        {t('kiosk.progress', { current, total: counted.length })} · {t(`kiosk.steps.${step}`)}
      </p>
      <ol className="step-dots" aria-hidden="true">
        {counted.map((s, i) => (
          <li key={s} className={i < current ? 'done' : ''} />
        ))}
      </ol>
      <h1 id="step-heading" ref={headingRef} tabIndex={-1} className="step-heading">
        {heading}
      </h1>
      <div className="step-body">{children}</div>
      {keyboard && <div className="step-keyboard">{keyboard}</div>}
      <div className="step-footer">
        <div className="step-footer-left">
          {onBack && (
            <button type="button" className="button-secondary" onClick={onBack}>
              {t('kiosk.back')}
            </button>
          )}
          {onCancel && (
            <button type="button" className="button-secondary" onClick={onCancel}>
              {t('kiosk.cancel')}
            </button>
          )}
        </div>
        {action}
      </div>
    </section>
  );
}

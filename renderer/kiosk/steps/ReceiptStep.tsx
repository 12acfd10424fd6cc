import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../../store/db';
import { StepFrame } from '../StepFrame';
import { QrCode } from '../QrCode';
import type { PrintOutcome } from '../../host/print-outcome';

/** A material to follow (容缺受理) as the receipt names it: what is owed and by which day. */
export interface OwedMaterial {
  readonly name: string;
  readonly dueBy: string;
  /** The catalogue's time limit, when the matter is still in it. */
  readonly withinDays?: number;
  readonly workingDays?: boolean;
}

interface ReceiptStepProps {
  /** The materials the applicant still owes; empty for every other kind of commitment. */
  readonly materials?: readonly OwedMaterial[];
  readonly record: RecordRow;
  readonly qrText: string;
  readonly print: () => Promise<PrintOutcome>;
  readonly resetAfterSeconds: number;
  readonly onFinish: () => void;
}

export function ReceiptStep({
  record,
  qrText,
  print,
  resetAfterSeconds,
  onFinish,
  materials = [],
}: ReceiptStepProps) {
  const { t } = useTranslation();
  const [printState, setPrintState] = useState<'idle' | 'printing' | PrintOutcome>('idle');
  // Counted from a deadline, not by ticks: a tick the browser delays never stretches the time.
  const [deadline, setDeadline] = useState(() => Date.now() + resetAfterSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const left = Math.ceil((deadline - now) / 1000);
  const [extended, setExtended] = useState(false);
  // WCAG 2.2.1: the return to the start can be put off, by the button or by any touch.
  const extend = () => {
    const at = Date.now();
    setNow(at);
    setDeadline(at + resetAfterSeconds * 1000);
    setExtended(true);
  };
  // Said once per stage, not each second: after an extension, then under 20 and under 10 s.
  const stage = left > 20 ? null : left > 10 ? 20 : 10;
  const announcement =
    stage !== null
      ? t('kioskux.receipt.remaining', { seconds: stage })
      : extended
        ? t('kioskux.receipt.extended', { seconds: resetAfterSeconds })
        : '';
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onFinish();
  }, [left, onFinish]);

  const doPrint = async () => {
    setPrintState('printing');
    setPrintState(await print());
  };

  return (
    <StepFrame
      step="receipt"
      heading={t('kiosk.receipt.heading')}
      action={
        <button type="button" className="button-primary" onClick={onFinish}>
          {t('kiosk.receipt.finish')}
        </button>
      }
    >
      <div className="receipt" onPointerDown={extend}>
        <div>
          <p className="receipt-label">{t('kiosk.receipt.code')}</p>
          <p className="receipt-code mono" data-testid="commitment-code">
            {record.commitmentCode}
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={printState === 'printing'}
            onClick={() => void doPrint()}
          >
            {printState === 'printing' ? t('kiosk.receipt.printing') : t('kiosk.receipt.print')}
          </button>
          <p role="status" className={printState === 'failed' ? 'field-error' : 'field-hint'}>
            {printState === 'printed'
              ? t('kiosk.receipt.printed')
              : printState === 'downloaded'
                ? t('kiosk.receipt.downloaded')
                : printState === 'failed'
                  ? t('kiosk.receipt.printFailed')
                  : ''}
          </p>
          {materials.length > 0 && (
            <div data-testid="receipt-materials">
              <h2 className="receipt-label">{t('stats.receipt.materialsHeading')}</h2>
              <ul>
                {materials.map((m) => (
                  <li key={m.name}>
                    {m.withinDays === undefined
                      ? t('stats.receipt.material', { name: m.name, date: m.dueBy })
                      : t(
                          m.workingDays
                            ? 'stats.receipt.materialWorking'
                            : 'stats.receipt.materialCalendar',
                          { name: m.name, date: m.dueBy, count: m.withinDays },
                        )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="field-hint" data-testid="receipt-countdown">
            {t('kiosk.receipt.autoReset', { seconds: Math.max(0, left) })}
          </p>
          <button type="button" className="button-secondary" onClick={extend}>
            {t('kioskux.receipt.extend')}
          </button>
          <p className="visually-hidden" role="status" data-testid="receipt-announcement">
            {announcement}
          </p>
        </div>
        <QrCode text={qrText} label={t('kiosk.receipt.qrLabel')} />
      </div>
    </StepFrame>
  );
}

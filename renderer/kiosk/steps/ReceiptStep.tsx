import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../../store/db';
import { StepFrame } from '../StepFrame';
import { QrCode } from '../QrCode';
import type { PrintOutcome } from '../../host/print-outcome';

interface ReceiptStepProps {
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
}: ReceiptStepProps) {
  const { t } = useTranslation();
  const [printState, setPrintState] = useState<'idle' | 'printing' | PrintOutcome>('idle');
  const [left, setLeft] = useState(resetAfterSeconds);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
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
      <div className="receipt">
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
          <p className="field-hint">
            {t('kiosk.receipt.autoReset', { seconds: Math.max(0, left) })}
          </p>
        </div>
        <QrCode text={qrText} label={t('kiosk.receipt.qrLabel')} />
      </div>
    </StepFrame>
  );
}

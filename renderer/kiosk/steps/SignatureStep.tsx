import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { sha256Hex } from '../../../shared/crypto/canonical';
import { checkSignature, type SignatureProblem } from '../../../shared/signature/quality';
import { StepFrame } from '../StepFrame';
import type { SignatureCapture } from '../session';

interface SignatureStepProps {
  readonly onDone: (signature: SignatureCapture) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

function dataUrlBytes(url: string): Uint8Array {
  const base64 = url.slice(url.indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Hand-drawn signature on the screen; refused when empty, too small or a bare line. */
export function SignatureStep({ onDone, onBack, onCancel }: SignatureStepProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [problem, setProblem] = useState<SignatureProblem | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Draw at device resolution so the printed signature is sharp.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { penColor: '#0b1f4d', minWidth: 1.2, maxWidth: 3.2 });
    pad.addEventListener('beginStroke', () => setProblem(null));
    padRef.current = pad;
    return () => {
      pad.off();
      pad.clear();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    setProblem(null);
  };

  const confirm = () => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    const strokes = pad.toData().map((group) => group.points.map(({ x, y }) => ({ x, y })));
    const check = checkSignature(strokes, {
      width: canvas.offsetWidth,
      height: canvas.offsetHeight,
    });
    if (!check.ok) {
      setProblem(check.problem);
      return;
    }
    const png = dataUrlBytes(pad.toDataURL('image/png'));
    onDone({ method: 'drawn', png, imageHash: sha256Hex(png) });
  };

  return (
    <StepFrame
      step="signature"
      heading={t('kiosk.signature.heading')}
      onBack={onBack}
      onCancel={onCancel}
      action={
        <button type="button" className="button-primary" onClick={confirm}>
          {t('kiosk.signature.confirm')}
        </button>
      }
    >
      <canvas
        ref={canvasRef}
        className="signature-pad"
        role="img"
        aria-label={t('kiosk.signature.padLabel')}
        data-testid="signature-pad"
      />
      <p className="field-error" role="alert">
        {problem ? t(`kiosk.signature.errors.${problem}`) : ''}
      </p>
      <div className="row">
        <button type="button" className="button-secondary" onClick={clear}>
          {t('kiosk.signature.clear')}
        </button>
      </div>
    </StepFrame>
  );
}

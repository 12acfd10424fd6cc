import { useEffect, useRef, useState } from 'react';
import { STAFF_NUMBER, TEXT_RULES } from '../../../shared/fields/rules';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { sha256Hex } from '../../../shared/crypto/canonical';
import { checkSignature, type SignatureProblem } from '../../../shared/signature/quality';
import { Field } from '../../ui/Field';
import { StepFrame } from '../StepFrame';
import type { SignatureCapture } from '../session';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { useFieldKeyboard } from '../keyboard/use-field-keyboard';
import { TypedNameConfirmed } from './TypedNameConfirmed';

/** A clerk's check of their own staff number and PIN, for a typed-name signature they witness. */
export type WitnessCheck = (
  clerkId: string,
  pin: string,
) => Promise<{ readonly ok: true; readonly clerkId: string } | { readonly ok: false }>;

interface SignatureStepProps {
  /** The committing person's name as entered: a typed name must match it. */
  readonly signerName: string;
  /**
   * Absent where no clerk can witness (no clerks set up): a typed name is then confirmed by the
   * applicant's own declaration instead (TypedNameConfirmed).
   */
  readonly witness?: WitnessCheck | undefined;
  readonly onDone: (signature: SignatureCapture) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

function dataUrlBytes(url: string): Uint8Array {
  const base64 = url.slice(url.indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Hand-drawn signature on the screen; refused when empty, too small or a bare line. */
export function SignatureStep({
  signerName,
  witness,
  onDone,
  onBack,
  onCancel,
}: SignatureStepProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(false);
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
    // A stroke whose finger leaves the glass still moving (a signature's closing flourish) is a
    // fling to the browser's gesture recogniser: touch-action: none keeps the page still, but the
    // fling runs on for a second or more, and the next tap anywhere only stops it. The applicant's
    // tap on the confirm button was swallowed that way (no click at all). Consuming the touch start
    // keeps a stroke out of gesture recognition; the pad draws from pointer events, which still come.
    const noGesture = (e: TouchEvent) => e.preventDefault();
    canvas.addEventListener('touchstart', noGesture, { passive: false });
    return () => {
      canvas.removeEventListener('touchstart', noGesture);
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

  if (typed && !witness) {
    return (
      <TypedNameConfirmed
        signerName={signerName}
        onDone={onDone}
        onPad={() => setTyped(false)}
        onCancel={onCancel}
      />
    );
  }
  if (typed && witness) {
    return (
      <TypedNameSignature
        signerName={signerName}
        witness={witness}
        onDone={onDone}
        onPad={() => setTyped(false)}
        onCancel={onCancel}
      />
    );
  }

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
        <button type="button" className="button-secondary" onClick={() => setTyped(true)}>
          {witness ? t('kiosk.signature.cannotDraw') : t('kioskux.signature.noPointer')}
        </button>
      </div>
    </StepFrame>
  );
}

interface TypedNameProps {
  readonly signerName: string;
  readonly witness: WitnessCheck;
  readonly onDone: (signature: SignatureCapture) => void;
  readonly onPad: () => void;
  readonly onCancel: () => void;
}

/** For an applicant who cannot draw: a typed name, witnessed by a clerk who signs in on the spot. */
function TypedNameSignature({ signerName, witness, onDone, onPad, onCancel }: TypedNameProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<'mismatch' | 'badClerk' | null>(null);
  const keyboard = useFieldKeyboard<'name' | 'clerk' | 'pin'>();
  const typing = {
    name: { id: 'field-typed-name', kind: 'name', label: t('kiosk.signature.typed.name') },
    clerk: {
      id: 'field-witness-id',
      kind: 'alphanumeric',
      label: t('kiosk.signature.typed.clerkId'),
    },
    pin: { id: 'field-witness-pin', kind: 'digits', label: t('kiosk.signature.typed.clerkPin') },
  } as const;
  const values = { name, clerk: clerkId, pin };
  const setters = { name: setName, clerk: setClerkId, pin: setPin };
  const confirm = async () => {
    const typedName = name.trim();
    if (typedName !== signerName.trim()) {
      setError('mismatch');
      return;
    }
    const checked = await witness(clerkId.trim(), pin);
    setPin('');
    if (!checked.ok) {
      setError('badClerk');
      return;
    }
    onDone({
      method: 'typed-name-witnessed',
      typedName,
      nameHash: sha256Hex(new TextEncoder().encode(typedName)),
      witnessClerkId: checked.clerkId,
    });
  };
  return (
    <StepFrame
      step="signature"
      heading={t('kiosk.signature.typed.heading')}
      onBack={onPad}
      onCancel={onCancel}
      action={
        <button type="button" className="button-primary" onClick={() => void confirm()}>
          {t('kiosk.signature.typed.witness')}
        </button>
      }
      keyboard={
        keyboard.active && (
          <OnScreenKeyboard
            key={keyboard.active}
            targetId={typing[keyboard.active].id}
            label={typing[keyboard.active].label}
            kind={typing[keyboard.active].kind}
            value={values[keyboard.active]}
            onChange={setters[keyboard.active]}
            onDone={keyboard.close}
          />
        )
      }
    >
      <p className="notice">{t('kiosk.signature.typed.explain')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <Field
          name="typed-name"
          label={t('kiosk.signature.typed.name')}
          control={(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              maxLength={TEXT_RULES.personName.max}
              value={name}
              {...keyboard.inputProps('name')}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        />
        <Field
          name="witness-id"
          label={t('kiosk.signature.typed.clerkId')}
          control={(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              maxLength={STAFF_NUMBER.max}
              value={clerkId}
              {...keyboard.inputProps('clerk')}
              onChange={(e) => setClerkId(e.target.value)}
            />
          )}
        />
        <Field
          name="witness-pin"
          label={t('kiosk.signature.typed.clerkPin')}
          control={(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="password"
              autoComplete="off"
              maxLength={12}
              value={pin}
              {...keyboard.inputProps('pin')}
              onChange={(e) => setPin(e.target.value)}
            />
          )}
        />
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      <p className="field-error" role="alert">
        {error ? t(`kiosk.signature.typed.${error}`) : ''}
      </p>
      <div className="row">
        <button type="button" className="button-secondary" onClick={onPad}>
          {t('kiosk.signature.typed.backToPad')}
        </button>
      </div>
    </StepFrame>
  );
}

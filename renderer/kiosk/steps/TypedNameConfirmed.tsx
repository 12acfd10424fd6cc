import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sha256Hex } from '../../../shared/crypto/canonical';
import { Field } from '../../ui/Field';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { useFieldKeyboard } from '../keyboard/use-field-keyboard';
import type { SignatureCapture } from '../session';
import { StepFrame } from '../StepFrame';
import './typed-name.css';

interface TypedNameConfirmedProps {
  /** The committing person's name as entered: the typed name must match it. */
  readonly signerName: string;
  readonly onDone: (signature: SignatureCapture) => void;
  readonly onPad: () => void;
  readonly onCancel: () => void;
}

/**
 * For an applicant who cannot draw on the screen where no clerk can witness a typed name: the
 * name typed again (on the physical keyboard, a switch that drives it, or the on-screen keys),
 * and a declaration that names the signer and says what typing it means, confirmed by its own
 * checkbox. Every control is a native input or button, so nothing needs a pointer. The record
 * binds the name's hash and says how it was signed; the letter prints the name with that note.
 */
export function TypedNameConfirmed({
  signerName,
  onDone,
  onPad,
  onCancel,
}: TypedNameConfirmedProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<'mismatch' | 'notAgreed' | null>(null);
  const keyboard = useFieldKeyboard<'name'>();
  // A corrected name takes the last refusal away with it.
  const type = (value: string) => {
    setName(value);
    setError(null);
  };

  const sign = () => {
    const typedName = name.trim();
    if (typedName !== signerName.trim()) {
      setError('mismatch');
      return;
    }
    if (!agreed) {
      setError('notAgreed');
      return;
    }
    onDone({
      method: 'typed-name-confirmed',
      typedName,
      nameHash: sha256Hex(new TextEncoder().encode(typedName)),
    });
  };

  return (
    <StepFrame
      step="signature"
      heading={t('kioskux.signature.confirmed.heading')}
      onBack={onPad}
      onCancel={onCancel}
      action={
        <button type="button" className="button-primary" onClick={sign}>
          {t('kioskux.signature.confirmed.sign')}
        </button>
      }
      keyboard={
        keyboard.active && (
          <OnScreenKeyboard
            targetId="field-confirmed-name"
            label={t('kioskux.signature.confirmed.name')}
            kind="name"
            value={name}
            onChange={type}
            onDone={keyboard.close}
          />
        )
      }
    >
      <p className="notice">{t('kioskux.signature.confirmed.explain')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          sign();
        }}
      >
        <Field
          name="confirmed-name"
          label={t('kioskux.signature.confirmed.name')}
          control={(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              value={name}
              {...keyboard.inputProps('name')}
              onChange={(e) => type(e.target.value)}
            />
          )}
        />
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      <div className="notice notice-warn typed-declaration">
        <p>{t('kioskux.signature.confirmed.statement', { name: signerName })}</p>
        <label className="typed-agree">
          <input
            type="checkbox"
            checked={agreed}
            onChange={(e) => {
              setAgreed(e.target.checked);
              setError(null);
            }}
          />
          {t('kioskux.signature.confirmed.agree')}
        </label>
      </div>
      <p className="field-error" role="alert">
        {error ? t(`kioskux.signature.confirmed.${error}`) : ''}
      </p>
      <div className="row">
        <button type="button" className="button-secondary" onClick={onPad}>
          {t('kioskux.signature.confirmed.backToPad')}
        </button>
      </div>
    </StepFrame>
  );
}

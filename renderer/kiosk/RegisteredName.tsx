import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateUscc } from '../../shared/ids/uscc';
import { useServices } from '../services/app-services';
import { lookupRegisteredName } from '../services/precheck';

/**
 * Asks the platform for the name registered under a valid credit code (issue 15). Answers null
 * until one is known, and whenever none is to be had (offline, demo, unknown code): then the
 * applicant types the name.
 */
export function useRegisteredName(
  code: string,
  enabled: boolean,
): {
  readonly name: string | null;
  readonly looking: boolean;
} {
  const services = useServices();
  const checked = enabled ? validateUscc(code) : null;
  const valid = checked?.ok ? checked.value : null;
  const [answer, setAnswer] = useState<{ code: string; name: string | null } | null>(null);
  useEffect(() => {
    if (valid === null) return;
    let live = true;
    lookupRegisteredName(services, valid).then(
      (name) => live && setAnswer({ code: valid, name }),
      () => live && setAnswer({ code: valid, name: null }),
    );
    return () => {
      live = false;
    };
  }, [services, valid]);
  if (valid === null) return { name: null, looking: false };
  if (answer?.code !== valid) return { name: null, looking: !services.demo };
  return { name: answer.name, looking: false };
}

/**
 * Under the organisation's name when the platform gave it: where it comes from, and a way out
 * for an applicant who finds it wrong (the kiosk cannot go on with another name; a clerk can).
 */
export function RegisteredNameNotice({ onMismatch }: { readonly onMismatch: () => void }) {
  const { t } = useTranslation();
  const [reported, setReported] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (reported) alertRef.current?.focus();
  }, [reported]);
  return (
    <div className="registered-name">
      <p className="field-hint">{t('identity.registeredName.filled')}</p>
      {reported ? (
        <p ref={alertRef} tabIndex={-1} className="notice notice-stop" role="alert">
          {t('identity.registeredName.reported')}
        </p>
      ) : (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setReported(true);
            onMismatch();
          }}
        >
          {t('identity.registeredName.report')}
        </button>
      )}
    </div>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallCodeSchema } from '../../shared/catalogue/schema';
import { EnrolRequestSchema } from '../../shared/platform/enrol';
import { detectHost } from '../host';
import { PlatformClient } from '../platform/client';
import { enrolDevice } from '../platform/enrol';
import { provisionedPlatformKeys } from '../platform/provisioned';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import {
  HallSettingsSchema,
  loadSettings,
  saveSettings,
  type HallSettings,
} from '../settings/hall-settings';
import type { KioskDb } from '../store/db';
import { deviceSyncDeps } from '../sync/deps';
import { runSync } from '../sync/engine';
import { Outcome, ScreenHeading } from './console';
import { TextField } from './records/fields';
import { PLATFORM_URL_MAX, TEXT_RULES } from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import { enrolErrorMessage, errorMessage, say, type Message } from './sync/sync-messages';
import '../theme/clerk.css';

type Stage = 'form' | 'fetching' | 'fetch-failed';

type EnrolField = 'platformUrl' | 'hallCode' | 'window' | 'enrolmentCode';

/** The first field, in form order, that the platform would refuse; checked before asking it. */
function firstInvalid(
  url: string | null,
  input: { readonly hallCode: string; readonly window: string; readonly enrolmentCode: string },
): EnrolField | null {
  const checks: readonly [EnrolField, boolean][] = [
    ['platformUrl', url !== null && HallSettingsSchema.shape.platformUrl.safeParse(url).success],
    ['hallCode', HallCodeSchema.safeParse(input.hallCode).success],
    [
      'window',
      EnrolRequestSchema.shape.window.safeParse(input.window).success &&
        checkText(input.window, TEXT_RULES.windowName).ok,
    ],
    [
      'enrolmentCode',
      EnrolRequestSchema.shape.enrolmentCode.safeParse(input.enrolmentCode).success,
    ],
  ];
  return checks.find(([, valid]) => !valid)?.[0] ?? null;
}

/**
 * First start of a device that works with a platform: the supervisor enrols it with the hall code,
 * the window and the hall's one-time code, against the platform keys shipped with the app (and,
 * on a new device still in demo mode, the platform's address). Then the catalogue and the credit
 * snapshot are fetched once, so the kiosk can serve at once.
 */
export function EnrolScreen({
  db,
  onEnrolled,
  askPlatformUrl = false,
  onCancel,
}: {
  readonly db: KioskDb;
  readonly onEnrolled: () => void;
  /** The settings name no platform yet: the address is asked too, and stored once enrolled. */
  readonly askPlatformUrl?: boolean;
  readonly onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<HallSettings | null>(null);
  const [platformUrl, setPlatformUrl] = useState('');
  const [hallCode, setHallCode] = useState('');
  const [windowLabel, setWindowLabel] = useState('');
  const [code, setCode] = useState('');
  const [stage, setStage] = useState<Stage>('form');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; message: Message } | null>(null);
  // The field the platform would refuse, marked where it is typed.
  const [invalidField, setInvalidField] = useState<EnrolField | null>(null);
  const errorOf = (field: EnrolField) =>
    invalidField === field ? t(`clerk.enrol.invalid.${field}`) : undefined;

  useEffect(() => {
    void loadSettings(db).then((s) => {
      setSettings(s);
      setWindowLabel(s.window);
      setPlatformUrl(s.platformUrl ?? '');
    });
  }, [db]);

  const fetchCatalogue = async () => {
    setStage('fetching');
    const deps = await deviceSyncDeps(db);
    const outcome = deps ? await runSync(deps, { steps: ['catalogue', 'snapshot'] }) : null;
    if (outcome && (outcome.ok || !outcome.ran)) {
      onEnrolled();
      return;
    }
    setStage('fetch-failed');
    setMessage({ kind: 'error', message: errorMessage(outcome?.error ?? 'not-enrolled') });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings) return;
    const url = askPlatformUrl ? platformUrl.trim().replace(/\/+$/, '') : settings.platformUrl;
    const input = {
      hallCode: hallCode.trim().toUpperCase(),
      window: windowLabel.trim(),
      enrolmentCode: code.trim().toUpperCase(),
    };
    const invalid = firstInvalid(url, input);
    setInvalidField(url === null ? 'platformUrl' : invalid);
    if (invalid !== null || url === null) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#enrol-form [aria-invalid="true"]')?.focus(),
      );
      setMessage({
        kind: 'error',
        message: { key: `clerk.enrol.invalid.${invalid ?? 'platformUrl'}` },
      });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const info = await detectHost().invoke('app.info', {});
      const result = await enrolDevice(db, new PlatformClient({ baseUrl: url }), {
        ...input,
        appVersion: info.ok ? info.value.appVersion : '0.0.0',
        trustedKeys: provisionedPlatformKeys(),
        trustedRoots: provisionedRootCertificates(),
      });
      if (!result.ok) {
        setMessage({ kind: 'error', message: enrolErrorMessage(result) });
        return;
      }
      // The hall's settings name the platform and the window it now knows this device by.
      await saveSettings(db, { ...settings, platformUrl: url, window: input.window });
      setMessage({
        kind: 'ok',
        message: { key: 'clerk.enrol.enrolled', values: { device: result.identity.deviceId } },
      });
      await fetchCatalogue();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="console-card narrow" aria-labelledby="enrol-heading">
      <ScreenHeading id="enrol-heading">{t('clerk.enrol.heading')}</ScreenHeading>
      <p>{t('clerk.enrol.lead')}</p>
      {!askPlatformUrl && (
        <dl className="summary">
          <dt>{t('clerk.enrol.platform')}</dt>
          <dd className="mono" data-testid="enrol-platform">
            {settings?.platformUrl ?? '—'}
          </dd>
        </dl>
      )}
      {stage === 'form' ? (
        <form id="enrol-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
          {askPlatformUrl && (
            <TextField
              name="enrol-platform-url"
              label={t('clerk.enrol.platform')}
              hint={t('clerk.enrol.platformHint')}
              value={platformUrl}
              onChange={setPlatformUrl}
              maxLength={PLATFORM_URL_MAX}
              error={errorOf('platformUrl')}
            />
          )}
          <TextField
            name="enrol-hall"
            label={t('clerk.enrol.hallCode')}
            hint={t('clerk.enrol.hallCodeHint')}
            value={hallCode}
            onChange={setHallCode}
            maxLength={64}
            error={errorOf('hallCode')}
          />
          <TextField
            name="enrol-window"
            label={t('clerk.enrol.window')}
            value={windowLabel}
            onChange={setWindowLabel}
            maxLength={TEXT_RULES.windowName.max}
            error={errorOf('window')}
          />
          <TextField
            name="enrol-code"
            label={t('clerk.enrol.code')}
            hint={t('clerk.enrol.codeHint')}
            value={code}
            onChange={setCode}
            maxLength={32}
            error={errorOf('enrolmentCode')}
          />
          <Outcome
            message={message ? { kind: message.kind, text: say(t, message.message) } : null}
          />
          <div className="row">
            <button type="submit" className="button-primary" disabled={busy || !settings}>
              {t('clerk.enrol.submit')}
            </button>
            {onCancel && (
              <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
                {t('clerk.enrol.cancel')}
              </button>
            )}
          </div>
        </form>
      ) : (
        <>
          <Outcome
            message={
              stage === 'fetching'
                ? { kind: 'ok', text: t('clerk.enrol.fetching') }
                : message
                  ? { kind: 'error', text: say(t, message.message) }
                  : null
            }
          />
          {stage === 'fetch-failed' && (
            <div className="row">
              <button
                type="button"
                className="button-primary"
                onClick={() => void fetchCatalogue()}
              >
                {t('clerk.enrol.retryFetch')}
              </button>
              <button type="button" className="button-secondary" onClick={onEnrolled}>
                {t('clerk.enrol.continue')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createVerifiers } from '../../shared/crypto/providers';
import { calendarDay } from '../../shared/ids/calendar';
import { LANGUAGES } from '../../shared/model';
import { loadStoredSnapshot } from '../services/credit-snapshot';
import { loadTrustedKeys } from '../platform/trust';
import { acceptCatalogue } from '../services/catalogue';
import {
  HallSettingsSchema,
  SIGNING_PHOTO_POLICIES,
  saveSettings,
  type HallSettings,
} from '../settings/hall-settings';
import { DeclareLossPanel } from './DeclareLossPanel';
import { LeaveDemoPanel } from './LeaveDemoPanel';
import { SupportBundlePanel } from './SupportBundlePanel';
import { appendAudit } from '../store/audit-log';
import { Outcome, ScreenHeading, useConsole } from './console';
import { shortTime } from './format';
import { FilePicker } from '../ui/FilePicker';
import { SelectField, TextField } from './records/fields';
import { purgeExpiredRecords } from './retention';
import { settingsChanges } from './settings-changes';
import { rangeOf, settingsIssues } from './settings-fields';
import type { FieldIssues } from '../../shared/fields/issue';
import { PLATFORM_URL_MAX, TEXT_RULES, type NumberKind } from '../../shared/fields/rules';

type Message = { kind: 'ok' | 'error'; text: string } | null;

function ageHours(instant: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(instant)) / 3_600_000));
}

/** Supervisor only: the hall's configuration of this device, its clerks, catalogue and retention. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { clerk } = useConsole();
  if (clerk.role !== 'supervisor')
    return (
      <section className="console-section" aria-labelledby="settings-heading">
        <ScreenHeading id="settings-heading">{t('clerk.settings.heading')}</ScreenHeading>
        <p className="notice notice-stop" data-testid="settings-refused">
          {t('clerk.settings.supervisorOnly')}
        </p>
      </section>
    );
  return (
    <section className="console-section" aria-labelledby="settings-heading">
      <ScreenHeading id="settings-heading">{t('clerk.settings.heading')}</ScreenHeading>
      <HallSettingsForm />
      <CataloguePanel />
      <RetentionPanel />
      <LeaveDemoPanel />
      <DeclareLossPanel />
      <SupportBundlePanel />
    </section>
  );
}

function Panel({ heading, children }: { readonly heading: string; readonly children: ReactNode }) {
  return (
    <div className="console-card">
      <h2 className="console-subheading">{heading}</h2>
      {children}
    </div>
  );
}

/** The settings path a field of the form edits, from its input's id ('field-set-warn'). */
function fieldPathOf(field: Element): string {
  const id = field.querySelector('[id]')?.id.replace(/^field-/, '') ?? '';
  return FIELD_PATHS[id] ?? id;
}
const FIELD_PATHS: Readonly<Record<string, string>> = {
  'set-window': 'window',
  'set-platform': 'platformUrl',
  'set-warn': 'idle.warnAfterSeconds',
  'set-countdown': 'idle.countdownSeconds',
  'set-receipt': 'idle.receiptSeconds',
  'set-signout': 'idle.clerkSignOutMinutes',
  'set-snapshot-age': 'precheck.maxSnapshotAgeHours',
  'set-retention': 'retentionDays',
  'set-objection': 'objectionDays',
  'set-masking-idKeepStart': 'masking.idKeepStart',
  'set-masking-idKeepEnd': 'masking.idKeepEnd',
  'set-masking-phoneKeepStart': 'masking.phoneKeepStart',
  'set-masking-phoneKeepEnd': 'masking.phoneKeepEnd',
};

const numberValue = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

function HallSettingsForm() {
  const { t } = useTranslation();
  const { services, ctx, clerk, onSettingsSaved } = useConsole();
  const [draft, setDraft] = useState<HallSettings>(services.settings);
  const [printers, setPrinters] = useState<string[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const [issues, setIssues] = useState<FieldIssues>({});

  useEffect(() => {
    void services.host.invoke('print.listPrinters', {}).then((r) => {
      if (r.ok) setPrinters(r.value.printers.map((p) => p.name));
    });
  }, [services.host]);

  const num = (value: number) => (Number.isNaN(value) ? '' : String(value));
  const idle = (key: keyof HallSettings['idle']) => (v: string) =>
    setDraft((d) => ({ ...d, idle: { ...d.idle, [key]: numberValue(v) } }));
  const masking = (key: keyof HallSettings['masking']) => (v: string) =>
    setDraft((d) => ({ ...d, masking: { ...d.masking, [key]: numberValue(v) } }));

  // Each number's field states its range; its error names the range it breaks.
  const numberField = (
    name: string,
    path: string,
    kind: NumberKind,
    label: string,
    value: number,
    onChange: (v: string) => void,
  ) => {
    const range = rangeOf(kind);
    return (
      <TextField
        key={name}
        name={name}
        type="number"
        label={label}
        hint={t('fields.range', range)}
        min={range.min}
        max={range.max}
        issue={issues[path]}
        value={num(value)}
        onChange={onChange}
      />
    );
  };

  const save = async () => {
    const found = settingsIssues(draft);
    setIssues(found);
    const parsed = HallSettingsSchema.safeParse(draft);
    if (Object.keys(found).length > 0 || !parsed.success) {
      // The marked fields by their labels, in form order (the same words the form shows).
      const marked = [...document.querySelectorAll('#hall-settings .field')]
        .filter((f) => f.querySelector('[id]') && fieldPathOf(f) in found)
        .map((f) => f.querySelector('label')?.textContent ?? '');
      setMessage({
        kind: 'error',
        text: marked.length
          ? t('fields.summary', {
              count: marked.length,
              fields: marked.join(t('fields.summarySeparator')),
            })
          : t('fields.errors.invalid'),
      });
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#hall-settings [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const changes = settingsChanges(services.settings, parsed.data);
    const saved = await saveSettings(services.db, parsed.data);
    for (const change of changes)
      await appendAudit(
        ctx,
        { type: 'audit.settings.changed', payload: { by: clerk.id, ...change } },
        { kind: 'clerk', id: clerk.id },
      );
    onSettingsSaved(saved);
    setMessage({ kind: 'ok', text: t('clerk.settings.saved', { count: changes.length }) });
  };

  return (
    <Panel heading={t('clerk.settings.hall')}>
      <form
        id="hall-settings"
        className="form settings-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          name="set-window"
          label={t('clerk.settings.window')}
          value={draft.window}
          maxLength={TEXT_RULES.windowName.max}
          issue={issues['window']}
          onChange={(window) => setDraft((d) => ({ ...d, window }))}
        />
        <TextField
          name="set-platform"
          label={t('clerk.settings.platformUrl')}
          hint={t('clerk.settings.platformHint')}
          issue={issues['platformUrl']}
          maxLength={PLATFORM_URL_MAX}
          value={draft.platformUrl ?? ''}
          onChange={(v) =>
            setDraft((d) => ({ ...d, platformUrl: v.trim() === '' ? null : v.trim() }))
          }
        />
        <SelectField
          name="set-language"
          label={t('clerk.settings.language')}
          value={draft.defaultLanguage}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          onChange={(defaultLanguage) => setDraft((d) => ({ ...d, defaultLanguage }))}
        />
        <SelectField
          name="set-printer"
          label={t('clerk.settings.printer')}
          value={draft.printer ?? ''}
          options={[
            { value: '', label: t('clerk.settings.defaultPrinter') },
            ...printers.map((p) => ({ value: p, label: p })),
          ]}
          onChange={(p) => setDraft((d) => ({ ...d, printer: p === '' ? null : p }))}
        />
        {numberField(
          'set-warn',
          'idle.warnAfterSeconds',
          'warnAfterSeconds',
          t('clerk.settings.warnAfterSeconds'),
          draft.idle.warnAfterSeconds,
          idle('warnAfterSeconds'),
        )}
        {numberField(
          'set-countdown',
          'idle.countdownSeconds',
          'countdownSeconds',
          t('clerk.settings.countdownSeconds'),
          draft.idle.countdownSeconds,
          idle('countdownSeconds'),
        )}
        {numberField(
          'set-receipt',
          'idle.receiptSeconds',
          'receiptSeconds',
          t('clerk.settings.receiptSeconds'),
          draft.idle.receiptSeconds,
          idle('receiptSeconds'),
        )}
        {numberField(
          'set-signout',
          'idle.clerkSignOutMinutes',
          'clerkSignOutMinutes',
          t('clerk.settings.clerkSignOutMinutes'),
          draft.idle.clerkSignOutMinutes,
          idle('clerkSignOutMinutes'),
        )}
        {numberField(
          'set-snapshot-age',
          'precheck.maxSnapshotAgeHours',
          'maxSnapshotAgeHours',
          t('clerk.settings.maxSnapshotAgeHours'),
          draft.precheck.maxSnapshotAgeHours,
          (v) =>
            setDraft((d) => ({
              ...d,
              precheck: { ...d.precheck, maxSnapshotAgeHours: numberValue(v) },
            })),
        )}
        <SelectField
          name="set-when-stale"
          label={t('clerk.settings.whenStale')}
          value={draft.precheck.whenStale}
          options={(['provisional', 'refuse'] as const).map((v) => ({
            value: v,
            label: t(`clerk.settings.stale.${v}`),
          }))}
          onChange={(whenStale) =>
            setDraft((d) => ({ ...d, precheck: { ...d.precheck, whenStale } }))
          }
        />
        <SelectField
          name="set-signing-photo"
          label={t('clerk.settings.signingPhoto')}
          value={draft.signingPhoto}
          options={SIGNING_PHOTO_POLICIES.map((v) => ({
            value: v,
            label: t(`clerk.settings.signingPhotoPolicies.${v}`),
          }))}
          onChange={(signingPhoto) => setDraft((d) => ({ ...d, signingPhoto }))}
        />
        <SelectField
          name="set-require-id-card"
          label={t('identity.settings.signerIdentification')}
          value={draft.requireIdCard ? 'card-required' : 'card-or-typed'}
          options={(['card-or-typed', 'card-required'] as const).map((v) => ({
            value: v,
            label: t(`identity.settings.signerIdentificationOptions.${v}`),
          }))}
          onChange={(v) => setDraft((d) => ({ ...d, requireIdCard: v === 'card-required' }))}
        />
        {numberField(
          'set-retention',
          'retentionDays',
          'retentionDays',
          t('clerk.settings.retentionDays'),
          draft.retentionDays,
          (v) => setDraft((d) => ({ ...d, retentionDays: numberValue(v) })),
        )}
        {numberField(
          'set-objection',
          'objectionDays',
          'objectionDays',
          t('clerk.settings.objectionDays'),
          draft.objectionDays,
          (v) => setDraft((d) => ({ ...d, objectionDays: numberValue(v) })),
        )}
        {(['idKeepStart', 'idKeepEnd', 'phoneKeepStart', 'phoneKeepEnd'] as const).map((key) =>
          numberField(
            `set-masking-${key}`,
            `masking.${key}`,
            key,
            t(`clerk.settings.masking.${key}`),
            draft.masking[key],
            masking(key),
          ),
        )}
        <Outcome message={message} />
        <div className="row">
          <button type="submit" className="button-primary">
            {t('clerk.settings.save')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function CataloguePanel() {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const [snapshotAt, setSnapshotAt] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const catalogue = services.catalogue;
  const now = services.now();

  useEffect(() => {
    void loadStoredSnapshot(services.db).then((s) => setSnapshotAt(s?.issuedAt ?? null));
  }, [services.db]);

  const importFile = async (file: File) => {
    let input: unknown;
    try {
      input = JSON.parse(await file.text());
    } catch {
      setMessage({ kind: 'error', text: t('clerk.catalogue.errors.not-json') });
      return;
    }
    const keys = await loadTrustedKeys(services.db);
    if (keys.length === 0) {
      setMessage({ kind: 'error', text: t('clerk.catalogue.errors.no-platform-key') });
      return;
    }
    const verified = await acceptCatalogue(services.db, input, {
      trusted: keys,
      verifierFor: createVerifiers(crypto.subtle).verifierFor,
      now: services.now(),
      hallCode: services.device.hallCode,
    });
    if (!verified.ok) {
      setMessage({ kind: 'error', text: t(`clerk.catalogue.errors.${verified.error}`) });
      return;
    }
    await appendAudit(
      ctx,
      {
        type: 'audit.settings.changed',
        payload: {
          by: clerk.id,
          key: 'catalogue',
          ...(catalogue ? { from: catalogue.catalogue.version } : {}),
          to: verified.catalogue.version,
        },
      },
      { kind: 'clerk', id: clerk.id },
    );
    setMessage({
      kind: 'ok',
      text: t('clerk.catalogue.imported', { version: verified.catalogue.version }),
    });
  };

  return (
    <Panel heading={t('clerk.catalogue.heading')}>
      <dl className="summary">
        <dt>{t('clerk.catalogue.version')}</dt>
        <dd data-testid="catalogue-version">
          {catalogue
            ? t('clerk.catalogue.versionValue', {
                id: catalogue.catalogue.catalogueId,
                version: catalogue.catalogue.version,
                source: t(`clerk.catalogue.sources.${catalogue.source}`),
              })
            : t('clerk.catalogue.none')}
        </dd>
        <dt>{t('clerk.catalogue.validity')}</dt>
        <dd>
          {catalogue
            ? `${shortTime(catalogue.catalogue.validFrom)} – ${shortTime(catalogue.catalogue.validUntil)}`
            : '—'}
        </dd>
        <dt>{t('clerk.catalogue.snapshot')}</dt>
        <dd>
          {snapshotAt
            ? t('clerk.catalogue.snapshotAge', {
                at: shortTime(snapshotAt),
                hours: ageHours(snapshotAt, now),
              })
            : services.demo
              ? t('clerk.catalogue.snapshotDemo')
              : t('clerk.catalogue.none')}
        </dd>
      </dl>
      <FilePicker
        label={t('clerk.catalogue.import')}
        accept="application/json,.json"
        testId="catalogue-file"
        onFile={(file) => void importFile(file)}
      />
      <Outcome message={message} />
    </Panel>
  );
}

function RetentionPanel() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [message, setMessage] = useState<Message>(null);
  return (
    <Panel heading={t('clerk.retention.heading')}>
      <p>{t('clerk.retention.lead', { days: services.settings.retentionDays })}</p>
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            void purgeExpiredRecords(
              services.db,
              calendarDay(services.now()),
              services.settings.retentionDays,
            ).then((n) => setMessage({ kind: 'ok', text: t('clerk.retention.done', { count: n }) }))
          }
        >
          {t('clerk.retention.run')}
        </button>
      </div>
      <Outcome message={message} />
    </Panel>
  );
}

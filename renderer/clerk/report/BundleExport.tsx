import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordExport } from '../../store/audit-log';
import type { KioskDb } from '../../store/db';
import {
  exportPendingBundles,
  forgetBundleExport,
  noteBundlesSaved,
  staleBundleExport,
  type BundleExportNote,
} from '../../sync/bundle-export';
import { Outcome, useConsole } from '../console';
import { hallTime } from '../format';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Exports the pending events as sealed files and saves them (one click): used by the report
 * screen's export and by the re-export after a key rotation. The files saved are noted with the
 * key that signed them (sync/bundle-export.ts), so a later rotation can say they must go again.
 */
export function useBundleExport(): {
  readonly busy: boolean;
  readonly message: Message;
  readonly run: () => Promise<void>;
} {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const stale = await staleBundleExport(services.db);
      const exported = await exportPendingBundles({
        db: services.db,
        signer: services.signer,
        device: services.device,
        now: services.now,
      });
      if (!exported.ok) {
        if (exported.error === 'no-pending' && stale) {
          // The old files carry nothing the platform lacks (a rotation waits for every event).
          await forgetBundleExport(services.db);
          setMessage({ kind: 'ok', text: t('hardening.bundles.nothingWaiting') });
        } else if (exported.error === 'rotation-pending') {
          setMessage({ kind: 'error', text: t('hardening.bundles.rotationPending') });
        } else {
          setMessage({ kind: 'error', text: t(`clerk.bundle.errors.${exported.error}`) });
        }
        return;
      }
      for (const file of exported.files) {
        const saved = await services.host.invoke('file.save', {
          suggestedName: file.name,
          mimeType: 'application/json',
          data: file.bytes,
        });
        if (!saved.ok || !saved.value.saved) {
          setMessage({ kind: 'error', text: t('clerk.bundle.errors.not-saved') });
          return;
        }
      }
      await noteBundlesSaved(services.db, exported, services.now());
      const events = exported.files.reduce((n, f) => n + f.events, 0);
      await recordExport(ctx, clerk, {
        kind: 'sync-bundle',
        format: 'json',
        recordCount: events,
        masked: false,
      });
      setMessage({
        kind: 'ok',
        text: t('clerk.bundle.saved', { files: exported.files.length, events }),
      });
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}

/** The last offline files, while a key rotation has made them void (live: the store's note). */
export function useStaleBundles(db: KioskDb): BundleExportNote | null {
  const [stale, setStale] = useState<BundleExportNote | null>(null);
  useEffect(() => {
    const watched = liveQuery(() => staleBundleExport(db)).subscribe({
      next: setStale,
      // A closed store: nothing to say.
      error: () => undefined,
    });
    return () => watched.unsubscribe();
  }, [db]);
  return stale;
}

/** What the supervisor is told after a key rotation about files exported before it. */
export function StaleBundleText({ note }: { readonly note: BundleExportNote }) {
  const { t } = useTranslation();
  return (
    <p className="outcome outcome-error" data-testid="stale-bundles">
      {t('hardening.bundles.stale', {
        at: hallTime(note.at),
        fromSeq: note.fromSeq,
        toSeq: note.toSeq,
      })}
    </p>
  );
}

/** Settings: the notice with its one-click re-export; nothing when no file is void. */
export function StaleBundleNotice() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const stale = useStaleBundles(services.db);
  const { busy, message, run } = useBundleExport();
  if (!stale && !message) return null;
  return (
    <div className="stale-bundles">
      {stale && <StaleBundleText note={stale} />}
      {stale && (
        <div className="row">
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => void run()}
          >
            {t('hardening.bundles.reexport')}
          </button>
        </div>
      )}
      <Outcome message={message} />
    </div>
  );
}

/** For a hall without network: pending events saved as sealed files to carry to the platform. */
export function BundleExport() {
  const { t } = useTranslation();
  const { services } = useConsole();
  const stale = useStaleBundles(services.db);
  const { busy, message, run } = useBundleExport();
  return (
    <div className="bundle-export">
      <h2 className="console-subheading">{t('clerk.bundle.heading')}</h2>
      <p>{t('clerk.bundle.lead')}</p>
      {stale && <StaleBundleText note={stale} />}
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void run()}>
        {t('clerk.bundle.export')}
      </button>
      <Outcome message={message} />
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { neutraliseBidi } from '../../../shared/fields/display';
import { useTranslation } from 'react-i18next';
import { maskingRules } from '../../settings/hall-settings';
import { maskEntityForAudience, maskPhone } from '../../../shared/masking/mask';
import type { Language } from '../../../shared/model';
import type { ObjectionFiledPayload } from '../../../shared/record/events';
import { DocumentView } from '../../document/DocumentView';
import { identificationLine } from '../../services/identification-text';
import { photoBlobKey, signatureBlobKey } from '../../store/blob-keys';
import { mergeEntries } from '../../store/records';
import { ScreenHeading, useConsole } from '../console';
import { hallTime, matterName, shortTime } from '../format';
import { historyRows, signedReceipt } from './history';
import { eventWhy, syncText } from './history-text';
import { RecordDeadlines } from '../due/RecordDeadlines';
import { EvidenceImage } from './EvidenceImage';
import { loadRecord, type LoadedRecord } from './loaded-record';
import { RecordActions } from './RecordActions';

/** The pending objection's deadline, from the event that filed it (here or centrally). */
function objectionDeadline(loaded: LoadedRecord): string | null {
  if (loaded.view.objection !== 'pending') return null;
  const filed = mergeEntries(loaded.events, loaded.central)
    .filter((e) => e.type === 'objection.filed')
    .at(-1);
  return (filed?.payload as ObjectionFiledPayload | undefined)?.deadline ?? null;
}

/** One record: who it binds, its state, every event with who and when, the letter as signed. */
export function RecordDetail({
  recordId,
  onBack,
}: {
  readonly recordId: string;
  readonly onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { services } = useConsole();
  const lang = i18n.language as Language;
  const [loaded, setLoaded] = useState<LoadedRecord | null | 'missing'>(null);

  const [version, setVersion] = useState(0);
  const reload = useCallback(async () => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void loadRecord(services.db, recordId).then((r) => live && setLoaded(r ?? 'missing'));
    return () => {
      live = false;
    };
  }, [services.db, recordId, version]);

  if (loaded === null) return <p role="status">{t('clerk.records.loading')}</p>;
  if (loaded === 'missing')
    return (
      <section className="console-section">
        <ScreenHeading>{t('clerk.detail.missing')}</ScreenHeading>
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('clerk.detail.back')}
        </button>
      </section>
    );

  const { row, view, document } = loaded;
  const receipt = signedReceipt(loaded);
  const entity = maskEntityForAudience(view.signed.entity, 'platform');
  const deadline = objectionDeadline(loaded);
  const hash = view.signed.document.hash;

  return (
    <section className="console-section" aria-labelledby="detail-heading">
      <div className="row">
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('clerk.detail.back')}
        </button>
      </div>
      <ScreenHeading id="detail-heading">
        {t('clerk.detail.heading', { code: row.commitmentCode })}
      </ScreenHeading>
      <dl className="summary detail-summary">
        <dt>{t('clerk.detail.state')}</dt>
        <dd data-testid="record-state">{t(`clerk.states.${view.state}`)}</dd>
        <dt>{t('clerk.detail.objection')}</dt>
        <dd data-testid="record-objection">
          {t(
            `clerk.objectionStates.${view.objection.replace('resolved:', 'resolved-')}` as 'clerk.objectionStates.none',
          )}
          {deadline && ` · ${t('clerk.detail.deadline', { date: deadline })}`}
        </dd>
        <dt>{t('clerk.detail.matter')}</dt>
        <dd>
          {row.matterCode} {matterName(services.catalogue?.catalogue, row.matterCode, lang)}
        </dd>
        <dt>{t('clerk.detail.entity')}</dt>
        <dd>
          <bdi>{neutraliseBidi(entity.name)}</bdi> · {t(`clerk.entityKinds.${entity.kind}`)}
        </dd>
        <dt>{t('clerk.detail.identifier')}</dt>
        <dd>
          <span className="mono" data-testid="record-identifier">
            {entity.idNumber}
          </span>
          {view.signed.identifierWarnings.map((warning) => (
            <p key={warning} className="notice notice-warn" data-testid="record-identifier-warning">
              {t(`clerk.detail.identifierWarnings.${warning}`)}
            </p>
          ))}
        </dd>
        {entity.representative && (
          <>
            <dt>{t('clerk.detail.representative')}</dt>
            <dd>
              <bdi>{neutraliseBidi(entity.representative.name)}</bdi>
            </dd>
          </>
        )}
        {entity.agent && (
          <>
            <dt>{t('clerk.detail.agent')}</dt>
            <dd>
              <bdi>{neutraliseBidi(entity.agent.name)}</bdi> {entity.agent.idNumber ?? ''}
            </dd>
          </>
        )}
        {entity.phone && (
          <>
            <dt>{t('clerk.detail.phone')}</dt>
            {/* Brief §7: staff screens show a phone as its first 3 and last 4 digits. */}
            <dd>{maskPhone(entity.phone, 'internal', maskingRules(services.settings))}</dd>
          </>
        )}
        <dt>{t('identity.record.heading')}</dt>
        <dd data-testid="record-identification">
          {identificationLine(t, view.signed.identification)}
          {view.signed.identification?.nameSource &&
            ` · ${t('identity.record.nameSource')}: ${t(`identity.record.nameSources.${view.signed.identification.nameSource}`)}`}
        </dd>
        <dt>{t('clerk.detail.signedAt')}</dt>
        <dd>{shortTime(row.signedAt)}</dd>
        <dt>{t('clerk.detail.platformTime')}</dt>
        <dd data-testid="record-platform-time">
          {receipt
            ? t('clerk.detail.platformTimeValue', {
                at: hallTime(receipt.platformTime),
                receipt: receipt.receiptNo,
              })
            : t('clerk.detail.platformTimeNone')}
        </dd>
        <dt>{t('clerk.detail.precheck')}</dt>
        <dd>
          {t(`clerk.precheck.${view.signed.precheck.outcome}`)}
          {view.recheck && ` · ${t(`clerk.precheck.recheck-${view.recheck.outcome}`)}`}
          {view.signed.precheck.outcome === 'provisional' &&
            view.signed.precheck.staleSnapshotLists && (
              <p className="notice notice-warn" data-testid="record-precheck-stale-listed">
                {t('clerk.precheck.staleListed')}
              </p>
            )}
        </dd>
        <dt>{t('clerk.detail.signature')}</dt>
        <dd>
          {view.signed.signature.method === 'typed-name-confirmed'
            ? t('kioskux.signature.confirmed.method')
            : t(`clerk.signatureMethods.${view.signed.signature.method}`, {
                clerk: view.signed.signature.witnessClerkId ?? '',
              })}
          {view.signed.assisted.assisted &&
            ` · ${t('clerk.detail.assisted', { clerk: view.signed.assisted.clerkId ?? '' })}`}
          {view.signed.signature.method === 'drawn' && (
            <EvidenceImage
              db={services.db}
              blobKey={signatureBlobKey(row.recordId)}
              alt={t('clerk.detail.signatureImageAlt')}
              testId="record-signature-image"
            />
          )}
        </dd>
        {view.signed.photo && (
          <>
            <dt>{t('clerk.detail.photo')}</dt>
            <dd data-testid="record-photo">
              {view.signed.photo.status === 'taken'
                ? t('clerk.detail.photoStatus.taken', { at: shortTime(view.signed.photo.at) })
                : t(`clerk.detail.photoStatus.${view.signed.photo.status}`)}
              {view.signed.photo.status === 'taken' && (
                <EvidenceImage
                  db={services.db}
                  blobKey={photoBlobKey(row.recordId)}
                  alt={t('clerk.detail.photoAlt')}
                  testId="record-photo-image"
                />
              )}
            </dd>
          </>
        )}
        <dt>{t('clerk.detail.hash')}</dt>
        <dd className="mono hash" data-testid="record-hash">
          {hash}
        </dd>
        <dt>{t('clerk.detail.synced')}</dt>
        <dd data-testid="record-synced">
          {row.synced === 1 ? t('clerk.records.syncedYes') : t('clerk.records.syncedNo')}
        </dd>
        <RecordDeadlines view={view} />
        {view.fulfilment && (
          <>
            <dt>{t('clerk.detail.fulfilment')}</dt>
            <dd data-testid="record-fulfilment">
              {t(`clerk.fulfilment.statuses.${view.fulfilment.status}`)}
              {view.fulfilment.permitRevoked && ` · ${t('clerk.fulfilment.revoked')}`} ·{' '}
              <bdi>{neutraliseBidi(view.fulfilment.findingOrgan.name)}</bdi> ·{' '}
              {view.fulfilment.findingDate}
            </dd>
          </>
        )}
        {view.voided && (
          <>
            <dt>{t('clerk.detail.voidReason')}</dt>
            <dd>
              {t(`clerk.void.reasons.${view.voided.reasonCode}`)} · {view.voided.reasonText}
            </dd>
          </>
        )}
      </dl>

      <RecordActions loaded={loaded} onChanged={reload} />

      <h2 className="console-subheading">{t('clerk.detail.history')}</h2>
      {loaded.anomalies.size > 0 && (
        <p className="notice notice-warn" role="alert" data-testid="record-anomalies">
          {t('clerk.detail.anomalies', { count: loaded.anomalies.size })}
        </p>
      )}
      <table className="data-table" data-testid="record-history">
        <thead>
          <tr>
            <th scope="col">{t('clerk.detail.cols.when')}</th>
            <th scope="col">{t('clerk.detail.cols.what')}</th>
            <th scope="col">{t('clerk.detail.cols.who')}</th>
            <th scope="col">{t('clerk.detail.cols.why')}</th>
            <th scope="col">{t('clerk.detail.cols.platformTime')}</th>
            <th scope="col">{t('clerk.detail.cols.sync')}</th>
          </tr>
        </thead>
        <tbody>
          {historyRows({ ...loaded, events: [...loaded.events, ...loaded.reprints] }).map((h) => (
            <tr key={h.id}>
              <td>{hallTime(h.at)}</td>
              <td>
                {t(`clerk.eventTypes.${h.type}` as 'clerk.eventTypes.record.signed', {
                  defaultValue: h.type,
                })}
              </td>
              <td>
                {t(`clerk.actors.${h.actor.kind}`)}
                {h.actor.id ? ` ${h.actor.id}` : ''}
              </td>
              <td>{eventWhy(h, t)}</td>
              <td>
                {h.receipt
                  ? hallTime(h.receipt.platformTime)
                  : h.source === 'central'
                    ? hallTime(h.at)
                    : '—'}
              </td>
              <td>
                {syncText(h, t)}
                {loaded.anomalies.has(h.id) &&
                  ` · ${t('clerk.detail.notApplied', { reason: t(`clerk.errors.${loaded.anomalies.get(h.id) ?? 'invalid-record'}`) })}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="console-subheading">{t('clerk.detail.document')}</h2>
      {document ? (
        <details className="doc-details">
          <summary>{t('clerk.detail.showDocument')}</summary>
          <DocumentView document={document} />
        </details>
      ) : (
        <p>{t('clerk.detail.noDocument')}</p>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  maskEntityForAudience,
  type DisplayEntity,
  type MaskingRules,
} from '../../shared/masking/mask';
import { maskingRules } from '../settings/hall-settings';
import type { Language } from '../../shared/model';
import {
  isPublished,
  publishedFinding,
  type PublishedFinding,
} from '../../shared/console/publication';
import type { RecordView } from '../../shared/record/lifecycle';
import type { KioskDb } from '../store/db';
import { loadRecordView } from '../store/records';
import { ScreenHeading, useConsole } from './console';
import { matterName } from './format';
import { findByText } from './text-index';

const LIMIT = 50;

interface Published {
  readonly code: string;
  readonly entity: DisplayEntity;
  readonly view: RecordView;
}

async function publicQuery(db: KioskDb, text: string, rules: MaskingRules): Promise<Published[]> {
  const q = text.trim();
  if (q === '') return [];
  // Names and identifiers are sealed at rest (no index): the window's text index finds them. The
  // public asks by the start of a name or by a whole identifier, not by record number.
  const id = q.toUpperCase();
  const { rows } = await findByText(db, q, LIMIT);
  const found: Published[] = [];
  for (const row of rows) {
    if (!row.entityName.startsWith(q) && row.idNumber !== id) continue;
    // With the central changes: a finding or an objection result decided at the platform shows.
    const view = await loadRecordView(db, row.recordId);
    if (!view || !isPublished(view)) continue;
    found.push({
      code: row.commitmentCode,
      entity: maskEntityForAudience(view.signed.entity, 'public', rules),
      view,
    });
  }
  return found.sort((a, b) => (a.code < b.code ? 1 : -1));
}

export function PublicQueryScreen() {
  const { t, i18n } = useTranslation();
  const { services } = useConsole();
  const lang = i18n.language as Language;
  const [text, setText] = useState('');
  const [result, setResult] = useState<Published[] | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(await publicQuery(services.db, text, maskingRules(services.settings)));
  };

  const findingText = (finding: PublishedFinding) =>
    finding === null
      ? t('clerk.publicQuery.noFinding')
      : finding === 'repaired'
        ? t('clerk.publicQuery.repaired')
        : t(`clerk.fulfilment.statuses.${finding}`);

  return (
    <section className="console-section" aria-labelledby="public-heading">
      <ScreenHeading id="public-heading">{t('clerk.publicQuery.heading')}</ScreenHeading>
      <p>{t('clerk.publicQuery.lead')}</p>
      <form
        className="filters"
        role="search"
        aria-label={t('clerk.publicQuery.heading')}
        onSubmit={(e) => void submit(e)}
      >
        <label className="filter filter-wide">
          <span>{t('clerk.publicQuery.text')}</span>
          <input
            type="search"
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            {t('clerk.records.find')}
          </button>
        </div>
      </form>
      <p role="status" className="result-count">
        {result === null
          ? ''
          : result.length === 0
            ? t('clerk.publicQuery.none')
            : t('clerk.publicQuery.count', { count: result.length })}
      </p>
      {result && result.length > 0 && (
        <table className="data-table" data-testid="public-results">
          <thead>
            <tr>
              <th scope="col">{t('clerk.records.cols.code')}</th>
              <th scope="col">{t('clerk.records.cols.entity')}</th>
              <th scope="col">{t('clerk.records.cols.identifier')}</th>
              <th scope="col">{t('clerk.records.cols.matter')}</th>
              <th scope="col">{t('clerk.publicQuery.validUntil')}</th>
              <th scope="col">{t('clerk.detail.fulfilment')}</th>
            </tr>
          </thead>
          <tbody>
            {result.map((p) => (
              <tr key={p.code}>
                <td className="mono">{p.code}</td>
                <td>{p.entity.name}</td>
                <td className="mono">{p.entity.idNumber}</td>
                <td>
                  {matterName(services.catalogue?.catalogue, p.view.signed.matter.code, lang)}
                </td>
                <td>{p.view.signed.validUntil ?? t('clerk.publicQuery.noLimit')}</td>
                <td>{findingText(publishedFinding(p.view))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

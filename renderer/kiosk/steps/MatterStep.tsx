import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue, Matter } from '../../../shared/catalogue/schema';
import {
  buildSearchIndex,
  groupByDepartment,
  mattersFor,
  searchMatters,
} from '../../../shared/catalogue/select';
import type { EntityKind, Language } from '../../../shared/model';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { useFieldKeyboard } from '../keyboard/use-field-keyboard';
import { StepFrame } from '../StepFrame';

interface MatterStepProps {
  readonly catalogue: Catalogue | null;
  readonly kind: EntityKind;
  readonly today: string;
  readonly onSelect: (matterCode: string) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

export function MatterStep({
  catalogue,
  kind,
  today,
  onSelect,
  onBack,
  onCancel,
}: MatterStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [query, setQuery] = useState('');
  const [department, setDepartment] = useState<string | null>(null);
  const keyboard = useFieldKeyboard<'search'>();
  const matters = useMemo(
    () => (catalogue ? mattersFor(catalogue, kind, today) : []),
    [catalogue, kind, today],
  );
  const index = useMemo(() => buildSearchIndex(matters), [matters]);
  const groups = useMemo(() => groupByDepartment(matters), [matters]);
  const shown: Matter[] = query.trim()
    ? searchMatters(index, query, lang).map((hit) => hit.matter)
    : matters.filter((m) => department === null || m.department.code === department);

  return (
    <StepFrame
      step="matter"
      heading={t('kiosk.matter.heading')}
      onBack={onBack}
      onCancel={onCancel}
      keyboard={
        keyboard.active && (
          <OnScreenKeyboard
            targetId="matter-search"
            label={t('kiosk.matter.searchLabel')}
            kind="name"
            initialMode="latin"
            value={query}
            onChange={setQuery}
            onDone={keyboard.close}
          />
        )
      }
    >
      {!catalogue ? (
        <p role="alert">{t('kiosk.matter.noCatalogue')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="matter-search">{t('kiosk.matter.searchLabel')}</label>
            <input
              id="matter-search"
              type="search"
              autoComplete="off"
              maxLength={100}
              value={query}
              {...keyboard.inputProps('search')}
              placeholder={t('kiosk.matter.searchPlaceholder')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {!query.trim() && (
            <div role="group" aria-label={t('kiosk.matter.departments')} className="chip-row">
              <button
                type="button"
                className="chip"
                aria-pressed={department === null}
                onClick={() => setDepartment(null)}
              >
                {t('kiosk.matter.allDepartments')}
              </button>
              {groups.map((g) => (
                <button
                  key={g.department.code}
                  type="button"
                  className="chip"
                  aria-pressed={department === g.department.code}
                  onClick={() => setDepartment(g.department.code)}
                >
                  {g.department.name[lang]}
                </button>
              ))}
            </div>
          )}
          <p className="result-count" role="status">
            {shown.length > 0
              ? t('kiosk.matter.results', { count: shown.length })
              : t('kiosk.matter.none')}
          </p>
          <ul className="matter-list">
            {shown.map((m) => (
              <li key={m.code}>
                <button type="button" className="matter" onClick={() => onSelect(m.code)}>
                  <span className="matter-name">{m.name[lang]}</span>
                  <span className="matter-meta">
                    {m.department.name[lang]} · {t(`kiosk.matter.type.${m.commitmentType}`)} ·{' '}
                    {t(`kiosk.matter.level.${m.level}`)} · {m.code}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </StepFrame>
  );
}

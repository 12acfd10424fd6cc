import { useTranslation } from 'react-i18next';
import { ENTITY_KINDS, type EntityKind } from '../../../shared/model';
import { StepFrame } from '../StepFrame';

interface KindStepProps {
  readonly selected: EntityKind | null;
  readonly onSelect: (kind: EntityKind) => void;
  readonly onCancel: () => void;
}

export function KindStep({ selected, onSelect, onCancel }: KindStepProps) {
  const { t } = useTranslation();
  return (
    <StepFrame step="kind" heading={t('kiosk.kind.heading')} onCancel={onCancel}>
      <div className="choice-grid">
        {ENTITY_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="choice"
            aria-pressed={selected === kind}
            onClick={() => onSelect(kind)}
          >
            <span className="choice-title">{t(`kiosk.kind.${kind}`)}</span>
            <span className="choice-hint">{t(`kiosk.kind.${kind}-hint`)}</span>
          </button>
        ))}
      </div>
    </StepFrame>
  );
}

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedActions, type RecordAction } from '../../../shared/record/allowed-actions';
import { isSyncedToPlatform } from '../../store/record-actions';
import { Outcome, useConsole } from '../console';
import type { ActionFormProps } from './ActionFrame';
import type { LoadedRecord } from './loaded-record';
import { CaseForm } from './CaseForm';
import { FulfilmentForm } from './FulfilmentForm';
import { MaterialForm } from './MaterialForm';
import { ObjectionFileForm, ObjectionResolveForm } from './ObjectionForms';
import { RepairForm } from './RepairForm';
import { ReprintForm } from './ReprintForm';
import { VoidForm } from './VoidForm';

export type ActionName = RecordAction;

/** The actions the record's lifecycle allows now, each behind its own button. */
export function RecordActions({
  loaded,
  onChanged,
}: {
  readonly loaded: LoadedRecord;
  readonly onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [open, setOpen] = useState<ActionName | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const onResult: ActionFormProps['onResult'] = (result) => {
    if (!result.ok) {
      setMessage({ kind: 'error', text: t(`clerk.errors.${result.error}`) });
      return;
    }
    setMessage({
      kind: 'ok',
      text: 'message' in result ? result.message : t(`clerk.done.${open ?? 'void'}`),
    });
    setOpen(null);
    void onChanged();
  };

  let form: ReactNode = null;
  switch (open) {
    case 'void':
      form = (
        <VoidForm
          loaded={loaded}
          onResult={onResult}
          synced={() => isSyncedToPlatform(services.db, loaded.row.recordId)}
        />
      );
      break;
    case 'fulfilment':
      form = <FulfilmentForm loaded={loaded} onResult={onResult} />;
      break;
    case 'objectionFile':
      form = <ObjectionFileForm loaded={loaded} onResult={onResult} />;
      break;
    case 'objectionResolve':
      form = <ObjectionResolveForm loaded={loaded} onResult={onResult} />;
      break;
    case 'repair':
      form = <RepairForm loaded={loaded} onResult={onResult} />;
      break;
    case 'material':
      form = <MaterialForm loaded={loaded} onResult={onResult} />;
      break;
    case 'case':
      form = <CaseForm loaded={loaded} onResult={onResult} />;
      break;
    case 'reprint':
      form = <ReprintForm loaded={loaded} onResult={onResult} />;
      break;
    case null:
      break;
  }

  return (
    <div className="actions-panel">
      <h2 className="console-subheading">{t('clerk.actions.heading')}</h2>
      <div className="row" role="group" aria-label={t('clerk.actions.heading')}>
        {allowedActions(loaded.view).map((a) => (
          <button
            key={a}
            type="button"
            className="button-secondary"
            aria-expanded={open === a}
            aria-controls="action-form"
            onClick={() => {
              setMessage(null);
              setOpen(open === a ? null : a);
            }}
          >
            {t(`clerk.actions.${a}`)}
          </button>
        ))}
      </div>
      <Outcome message={message} />
      <div id="action-form">{form}</div>
    </div>
  );
}

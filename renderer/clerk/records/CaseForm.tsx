import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseNumberSchema } from '../../../shared/record/events';
import { recordAction } from '../../store/record-actions';
import { useConsole } from '../console';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { TextField } from './fields';

/** Links the record to the hall's approval case (办件) from the one-window acceptance slip. */
export function CaseForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { ctx, clerk } = useConsole();
  const [caseNumber, setCaseNumber] = useState(loaded.view.caseLink?.caseNumber ?? '');
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = CaseNumberSchema.safeParse(caseNumber);
    setError(!parsed.success);
    if (!parsed.success) return;
    setBusy(true);
    const result = await recordAction(ctx, loaded.row.recordId, clerk, {
      type: 'case.linked',
      payload: { caseNumber: parsed.data, source: 'typed', by: clerk.id },
    });
    setBusy(false);
    onResult(result);
  };

  return (
    <ActionFrame
      heading={t('stats.case.heading')}
      submitLabel={t('stats.case.submit')}
      busy={busy}
      onSubmit={() => void submit()}
    >
      <TextField
        name="case-number"
        label={t('stats.case.number')}
        value={caseNumber}
        onChange={(v) => {
          setCaseNumber(v);
          setError(false);
        }}
        hint={error ? t('stats.case.invalid') : t('stats.case.hint')}
      />
    </ActionFrame>
  );
}

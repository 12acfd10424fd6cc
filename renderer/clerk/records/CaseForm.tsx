import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseNumberSchema } from '../../../shared/record/events';
import { useConsole } from '../console';
import { useActionSubmit } from './action-submit';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { TextField } from './fields';

/** Links the record to the hall's approval case (办件) from the one-window acceptance slip. */
export function CaseForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { clerk } = useConsole();
  const [caseNumber, setCaseNumber] = useState(loaded.view.caseLink?.caseNumber ?? '');
  const [error, setError] = useState(false);
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);

  const submit = async () => {
    const parsed = CaseNumberSchema.safeParse(caseNumber);
    setError(!parsed.success);
    if (!parsed.success) return;
    await send({
      type: 'case.linked',
      payload: { caseNumber: parsed.data, source: 'typed', by: clerk.id },
    });
  };

  return (
    <ActionFrame
      heading={t('stats.case.heading')}
      submitLabel={t('stats.case.submit')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <TextField
        name="case-number"
        label={t('stats.case.number')}
        value={caseNumber}
        maxLength={40}
        onChange={(v) => {
          setCaseNumber(v);
          setError(false);
        }}
        hint={error ? t('stats.case.invalid') : t('stats.case.hint')}
      />
    </ActionFrame>
  );
}

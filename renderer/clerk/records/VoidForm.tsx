import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOID_REASONS } from '../../../shared/record/events';
import { voidRecord, type VoidApproval } from '../../store/record-actions';
import { useConsole } from '../console';
import { PinField } from '../../ui/PinField';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { STAFF_NUMBER, TEXT_RULES } from '../../../shared/fields/rules';
import { useActionSubmit } from './action-submit';
import { SelectField, TextField } from './fields';

type VoidReason = (typeof VOID_REASONS)[number];

/** Void with a reason; once the platform holds the record, a supervisor approves on the spot. */
export function VoidForm({
  loaded,
  onResult,
  synced,
}: ActionFormProps & { readonly synced: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const { ctx, clerk } = useConsole();
  const [reasonCode, setReasonCode] = useState<VoidReason>('entered-in-error');
  const [reasonText, setReasonText] = useState('');
  const [needsApproval, setNeedsApproval] = useState(false);
  const [approverId, setApproverId] = useState('');
  const [approverPin, setApproverPin] = useState('');
  const { issues, busy, settle, setBusy } = useActionSubmit(loaded, onResult);

  useEffect(() => {
    void synced().then((s) => setNeedsApproval(s && clerk.role !== 'supervisor'));
  }, [synced, clerk.role]);

  const submit = async () => {
    setBusy(true);
    const approval: VoidApproval | undefined = needsApproval
      ? { clerkId: approverId, pin: approverPin }
      : undefined;
    setApproverPin('');
    const result = await voidRecord(
      ctx,
      loaded.row.recordId,
      clerk,
      { reasonCode, reasonText },
      approval,
    );
    setBusy(false);
    settle(result);
  };

  return (
    <ActionFrame
      heading={t('clerk.void.heading')}
      submitLabel={t('clerk.void.submit')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="void-reason"
        label={t('clerk.void.reason')}
        value={reasonCode}
        options={VOID_REASONS.map((r) => ({ value: r, label: t(`clerk.void.reasons.${r}`) }))}
        onChange={setReasonCode}
      />
      <TextField
        name="void-text"
        label={t('clerk.void.text')}
        value={reasonText}
        onChange={setReasonText}
        multiline
        maxLength={TEXT_RULES.reason.max}
        issue={issues['reasonText']}
      />
      {needsApproval && (
        <fieldset className="approval">
          <legend>{t('clerk.void.approval')}</legend>
          <p>{t('clerk.void.approvalLead')}</p>
          <TextField
            name="void-approver"
            label={t('clerk.void.approverId')}
            value={approverId}
            onChange={setApproverId}
            maxLength={STAFF_NUMBER.max}
          />
          <PinField
            name="void-approver-pin"
            label={t('clerk.void.approverPin')}
            purpose="current"
            value={approverPin}
            onChange={setApproverPin}
          />
        </fieldset>
      )}
    </ActionFrame>
  );
}

import { useState } from 'react';
import type { FieldIssues } from '../../../shared/fields/issue';
import { recordAction, type ActionEvent, type ActionResult } from '../../store/record-actions';
import { useConsole } from '../console';
import type { FormResult } from './ActionFrame';
import type { LoadedRecord } from './loaded-record';

/**
 * Submits a record action and keeps the store's field issues on the form (each shown next to its
 * field) instead of closing it; any other outcome goes to `onResult`.
 */
export function useActionSubmit(loaded: LoadedRecord, onResult: (result: FormResult) => void) {
  const { ctx, clerk } = useConsole();
  const [issues, setIssues] = useState<FieldIssues>({});
  const [busy, setBusy] = useState(false);
  const settle = (result: ActionResult) => {
    if (!result.ok && result.error === 'invalid-fields') {
      setIssues(result.issues);
      return;
    }
    setIssues({});
    onResult(result);
  };
  const submit = async (event: ActionEvent) => {
    setBusy(true);
    try {
      settle(await recordAction(ctx, loaded.row.recordId, clerk, event));
    } finally {
      setBusy(false);
    }
  };
  return { issues, busy, submit, settle, setBusy };
}

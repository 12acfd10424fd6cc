import { closedDueItems, metOnTime, openDueItems } from '../deadlines/worklist';
import { commitmentCodeDay } from '../record/commitment-code';
import type { RecordView } from '../record/lifecycle';
import type { StatsRecord } from './figures';

/** What the figures count of a record folded from its events (the platform's side). */
export function statsRecordOf(view: RecordView): StatsRecord {
  const s = view.signed;
  return {
    day: commitmentCodeDay(s.commitmentCode),
    matterCode: s.matter.code,
    entityKind: s.entity.kind,
    commitmentType: s.commitmentType,
    state: view.state,
    objection: view.objection,
    provisional: s.precheck.outcome === 'provisional' && view.recheck === null,
    openDue: openDueItems(view).map((i) => ({ kind: i.kind, dueBy: i.dueBy })),
    closedDue: closedDueItems(view).map((i) => ({ kind: i.kind, onTime: metOnTime(i) })),
  };
}

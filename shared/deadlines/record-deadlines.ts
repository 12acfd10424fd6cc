import type { Matter } from '../catalogue/schema';
import { dayIndex, dueAfter, type WorkingCalendar } from './calendar';
import type { RecordDeadlines } from './schema';

/** The deadlines a record signed on `signedOn` (the hall's day) for `matter` promises. */
export function recordDeadlines(
  matter: Matter,
  calendar: WorkingCalendar | undefined,
  signedOn: string,
): RecordDeadlines {
  const index = dayIndex(calendar);
  const dayCount = matter.supervision.dayCount ?? 'calendar';
  const verify = dueAfter(signedOn, matter.supervision.withinDays, dayCount, index);
  let certain = verify.certain;
  const materials = (matter.materialsToFollow ?? []).map((m) => {
    const due = dueAfter(signedOn, m.withinDays, m.dayCount ?? 'calendar', index);
    certain &&= due.certain;
    return { id: m.id, name: m.name, dueBy: due.day };
  });
  return { verifyBy: verify.day, dayCount, certain, materials };
}

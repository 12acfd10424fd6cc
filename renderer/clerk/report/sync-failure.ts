import type { TFunction } from 'i18next';
import { errorMessage, say } from '../sync/sync-messages';

/**
 * What the end-of-day panel says when "Sync now" fails. Unreachable (no answer, or none in time),
 * the platform may stay so all day: the way to send today's records then is the offline export
 * just below on the same screen, named as the clerk sees it there (its section and button).
 */
export function syncFailureText(t: TFunction, error: string | null | undefined): string {
  const failed = t('clerk.sync.failed', { reason: say(t, errorMessage(error ?? 'internal')) });
  if (error !== 'network' && error !== 'timeout') return failed;
  return `${failed} ${t('staff.sync.offlineWay', {
    section: t('clerk.bundle.heading'),
    button: t('clerk.bundle.export'),
  })}`;
}

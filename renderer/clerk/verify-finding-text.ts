import type { TFunction } from 'i18next';
import type { Finding } from '../../shared/evidence/letter-verdict';
import { hallDateTime } from '../../shared/time';

/**
 * A letter check's finding as one sentence with the values it names. A time (the platform's
 * timestamp) is written in the clerk's language on the hall's clock, never the browser's zone: the
 * same letter checked on two machines says the same time.
 */
export function findingText(t: TFunction, language: string, f: Finding): string {
  const p = f.params;
  const values = {
    device: p['device'] ?? '',
    hall: p['hall'] ?? '',
    time: p['time'] ? hallDateTime(p['time'], language) : '',
    tsa: p['tsa'] ?? '',
    code: p['code'] ?? '',
    record: p['record'] ?? '',
  };
  return t(`evidence.verify.finding.${f.code}`, values);
}

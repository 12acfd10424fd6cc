import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { listedIdentifier, printedName } from '../../../../renderer/clerk/format';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  maskingRules,
  saveSettings,
} from '../../../../renderer/settings/hall-settings';
import { KioskDb } from '../../../../renderer/store/db';
import { maskPhone } from '../../../../shared/masking/mask';
import { testDataKeys } from '../../../support/data-keys';

const person = {
  entityKind: 'natural-person',
  entityName: '张三',
  idNumber: '130102199003071233',
} as const;

describe('the hall’s masking rule (brief §7: configurable)', () => {
  let db: KioskDb | null = null;
  afterEach(async () => {
    db?.close();
    await db?.delete();
  });

  it('is first 6 and last 4 by default, and settings stored before it existed load whole', async () => {
    db = new KioskDb(`masking-settings-${Math.random()}`, testDataKeys());
    const older: Record<string, unknown> = { ...DEFAULT_SETTINGS, window: 'B07' };
    delete older.masking;
    await db.meta.put({ key: 'settings', value: older });
    const loaded = await loadSettings(db);
    expect(loaded).toEqual({ ...DEFAULT_SETTINGS, window: 'B07' });
    expect(listedIdentifier(person, maskingRules(loaded))).toBe('130102********1233');
  });

  it('masks lists, exports and staff screens by the hall’s own rule once set', async () => {
    db = new KioskDb(`masking-settings-${Math.random()}`, testDataKeys());
    const masking = { idKeepStart: 3, idKeepEnd: 2, phoneKeepStart: 2, phoneKeepEnd: 2 };
    await saveSettings(db, { ...DEFAULT_SETTINGS, masking });
    const rules = maskingRules(await loadSettings(db));
    expect(listedIdentifier(person, rules)).toBe('130*************33');
    expect(maskPhone('13812345678', 'internal', rules)).toBe('13*******78');
    expect(printedName(person, rules)).toBe('张*');
  });

  it('refuses a rule that would show a whole number', async () => {
    db = new KioskDb(`masking-settings-${Math.random()}`, testDataKeys());
    const masking = { idKeepStart: 18, idKeepEnd: 0, phoneKeepStart: 3, phoneKeepEnd: 4 };
    await db.meta.put({ key: 'settings', value: { ...DEFAULT_SETTINGS, masking } });
    expect((await loadSettings(db)).masking).toEqual(DEFAULT_SETTINGS.masking);
  });
});

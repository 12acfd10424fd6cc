import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, sessionReducer, type KioskSession } from '../../../../renderer/kiosk/session';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  saveSettings,
} from '../../../../renderer/settings/hall-settings';
import { KioskDb } from '../../../../renderer/store/db';
import { testDataKeys } from '../../../support/data-keys';

const drawn = { method: 'drawn', png: new Uint8Array([1]), imageHash: 'a'.repeat(64) } as const;
const taken = {
  status: 'taken',
  jpeg: new Uint8Array([0xff, 0xd8]),
  imageHash: 'b'.repeat(64),
  at: '2026-11-25T10:00:00+08:00',
} as const;

describe('the photo step in the kiosk session', () => {
  it('follows the signature only where the hall asks for a photo, then leads to the review', () => {
    const at = (s: KioskSession) => s.step;
    expect(
      at(sessionReducer(newSession(), { type: 'signed', signature: drawn, photo: false })),
    ).toBe('review');
    const signed = sessionReducer(newSession(), { type: 'signed', signature: drawn, photo: true });
    expect(at(signed)).toBe('photo');
    const photographed = sessionReducer(signed, { type: 'photo', photo: taken });
    expect(photographed).toMatchObject({ step: 'review', photo: taken });
  });

  it('drops the photo whenever an earlier answer changes or the applicant signs again', () => {
    const withPhoto = sessionReducer(
      sessionReducer(newSession(), { type: 'signed', signature: drawn, photo: true }),
      { type: 'photo', photo: taken },
    );
    expect(
      sessionReducer(withPhoto, { type: 'signed', signature: drawn, photo: true }).photo,
    ).toBeNull();
    expect(sessionReducer(withPhoto, { type: 'matter', matterCode: 'X' }).photo).toBeNull();
    expect(sessionReducer(withPhoto, { type: 'kind', kind: 'legal-person' }).photo).toBeNull();
  });
});

describe('the hall setting for the photo', () => {
  let db: KioskDb | null = null;
  afterEach(async () => {
    db?.close();
    await db?.delete();
  });

  it('is off by default, and settings stored before it existed still load whole', async () => {
    db = new KioskDb(`photo-settings-${Math.random()}`, testDataKeys());
    expect(DEFAULT_SETTINGS.signingPhoto).toBe('off');
    const older: Record<string, unknown> = { ...DEFAULT_SETTINGS, window: 'B07' };
    delete older.signingPhoto;
    await db.meta.put({ key: 'settings', value: older });
    expect(await loadSettings(db)).toEqual({ ...DEFAULT_SETTINGS, window: 'B07' });
    await saveSettings(db, { ...DEFAULT_SETTINGS, signingPhoto: 'required' });
    expect((await loadSettings(db)).signingPhoto).toBe('required');
    await db.meta.put({ key: 'settings', value: { ...older, signingPhoto: 'always' } });
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
  });
});

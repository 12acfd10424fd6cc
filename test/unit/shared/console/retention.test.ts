import { describe, expect, it } from 'vitest';
import { retentionCutoff, selectPurgeable } from '../../../../shared/console/retention';

describe('retention cutoff', () => {
  it('counts calendar days back, across months and leap days', () => {
    expect(retentionCutoff('2026-11-25', 30)).toBe('2026-10-26');
    expect(retentionCutoff('2024-03-01', 1)).toBe('2024-02-29');
    expect(retentionCutoff('2026-01-01', 365)).toBe('2025-01-01');
  });

  it('refuses nonsense rather than purging by accident', () => {
    expect(() => retentionCutoff('25/11/2026', 30)).toThrow(RangeError);
    expect(() => retentionCutoff('2026-11-25', 0)).toThrow(RangeError);
    expect(() => retentionCutoff('2026-11-25', 1.5)).toThrow(RangeError);
  });
});

describe('selecting records to purge', () => {
  const rows = [
    { recordId: 'old-synced', day: '2025-01-01', synced: 1 as const },
    { recordId: 'old-unsynced', day: '2020-01-01', synced: 0 as const },
    { recordId: 'edge-synced', day: '2025-11-25', synced: 1 as const },
    { recordId: 'day-before-edge', day: '2025-11-24', synced: 1 as const },
    { recordId: 'new-synced', day: '2026-11-20', synced: 1 as const },
  ];

  it('takes synced records signed before the cutoff, never an unsynced one', () => {
    expect(selectPurgeable(rows, '2026-11-25', 365)).toEqual(['old-synced', 'day-before-edge']);
  });

  it('keeps everything when nothing is old enough', () => {
    expect(selectPurgeable(rows, '2020-01-02', 30)).toEqual([]);
  });
});

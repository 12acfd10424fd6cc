import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  downloadOf,
  openConsole,
  pdfText,
  setUpSupervisor,
  shot,
  signIn,
  SUPERVISOR,
  type Lang,
} from './clerk-helpers';
import type { RecordRow } from '../../../renderer/store/db';
import type { RecordState } from '../../../shared/record/lifecycle';
import { tallyOf } from '../../../shared/stats/tally';

/** The hall's clock: Monday 7 December 2026, 09:00. */
const NOW = new Date('2026-12-07T09:00:00+08:00');

/**
 * Index rows as the store writes them (store/records.ts rowOf), put straight into IndexedDB with
 * the tally their writes would have kept (shared/stats/tally.ts, the same function the store's
 * upgrade counts with): the kiosk flow that makes real ones is proved by the kiosk and deadline
 * specs, the tally's upkeep by its unit property. No sealed fields: the statistics never read them.
 */
const row = (n: number, day: string, state: RecordState, extra: Partial<RecordRow> = {}) =>
  ({
    recordId: `stats-${n}`,
    commitmentCode: `130102${day.replaceAll('-', '')}01${String(n).padStart(4, '0')}`,
    day,
    signedAt: `${day}T10:00:00+08:00`,
    matterCode: n % 2 === 0 ? '01-001' : '07-001',
    entityKind: n === 3 ? 'natural-person' : 'legal-person',
    commitmentType: n % 2 === 0 ? 'approval-replacing' : 'acceptance-pending-materials',
    entityName: '测试',
    idNumber: '91130100MA01111107',
    state,
    objection: 'none',
    synced: 0,
    provisional: 0,
    ...extra,
  }) satisfies RecordRow;

const ROWS = [
  row(1, '2026-12-01', 'signed', {
    dueBy: '2026-12-04',
    due: [{ kind: 'verification', dueBy: '2026-12-04' }],
  }),
  // Checked the day before its deadline: met on time.
  row(2, '2026-12-01', 'kept', {
    met: [{ kind: 'verification', dueBy: '2026-12-03', closedOn: '2026-12-02' }],
  }),
  row(3, '2026-12-02', 'broken', { provisional: 1 }),
  row(4, '2026-12-03', 'voided'),
  // November: outside the month the screen opens on.
  row(5, '2026-11-30', 'kept'),
];

async function seedRows(page: Page): Promise<void> {
  await page.locator('.app-shell').waitFor();
  await page.evaluate(
    async ({ rows, tally }) => {
      const open = indexedDB.open('credit-commitment-kiosk');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['records', 'tally'], 'readwrite');
        for (const r of rows) tx.objectStore('records').put(r);
        for (const d of tally) tx.objectStore('tally').put(d);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows: ROWS, tally: tallyOf(ROWS) },
  );
}

/** The audit entries of exports in the chain (their type is clear at rest; the payload is sealed). */
function exportEntries(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db
        .transaction('events')
        .objectStore('events')
        .index('type')
        .count('audit.export.made');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}

const T = {
  'zh-CN': {
    nav: '统计',
    made: '作出承诺',
    overdue: '已逾期事项',
    xlsx: '保存 Excel（XLSX）',
    pdf: '保存 PDF',
    contrast: '高对比度',
    met: '承诺核查 1 0 0 1 100 %',
    exportedBy: `导出人员：${SUPERVISOR.id}`,
  },
  en: {
    nav: 'Statistics',
    made: 'Commitments made',
    overdue: 'Deadlines overdue',
    xlsx: 'Save Excel (XLSX)',
    pdf: 'Save PDF',
    contrast: 'High contrast',
    met: 'Check of the commitment 1 0 0 1 100 %',
    exportedBy: `Exported by staff ${SUPERVISOR.id}`,
  },
} as const;

async function toStats(page: Page, lang: Lang) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.clock.install({ time: NOW });
  await openConsole(page, lang);
  await setUpSupervisor(page, lang);
  await seedRows(page);
  await signIn(page, lang, SUPERVISOR);
  await page
    .getByRole('navigation')
    .getByRole('button', { name: T[lang].nav, exact: true })
    .click();
  await expect(page.getByTestId('chart-by-day').locator('svg')).toBeVisible();
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`statistics (${lang}): the device's figures of the month, charted with their tables, axe-clean, saved as XLSX and PDF`, async ({
    page,
  }) => {
    await toStats(page, lang);
    const outcomes = page.locator('.stats-pair').nth(1).locator('table');
    // Four records in December (the November one is outside the range).
    await expect(
      outcomes.getByRole('row', { name: new RegExp(`^${T[lang].made} 4`) }),
    ).toBeVisible();
    await expect(
      outcomes.getByRole('row', { name: new RegExp(`^${T[lang].overdue} 1`) }),
    ).toBeVisible();
    await expect(page.locator('.stats-pair').first().locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('chart-outcomes')).toHaveAttribute('aria-label', /4/);
    // Deadlines met: one check on time, one overdue.
    await expect(page.getByRole('row', { name: T[lang].met, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, `clerk-stats-${lang}`);

    const xlsx = await downloadOf(page, () =>
      page.getByRole('button', { name: T[lang].xlsx }).click(),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer,
    );
    const days = book.worksheets[0];
    expect(days?.getRow(2).values).toEqual([undefined, '2026-12-01', '2']);
    expect(days?.rowCount).toBe(4);
    const pdf = await downloadOf(page, () =>
      page.getByRole('button', { name: T[lang].pdf }).click(),
    );
    expect(pdfText(pdf)).toContain(T[lang].made.replace(/\s+/g, ''));
    // The footer names who exported, and each export is in the audit log.
    expect(pdfText(pdf)).toContain(T[lang].exportedBy.replace(/\s+/g, ''));
    await expect.poll(() => exportEntries(page)).toBe(2);

    await page.getByRole('button', { name: T[lang].contrast }).click();
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    await expect(
      page.getByTestId('chart-by-day').locator('path[fill="#ffd400"]').first(),
    ).toBeAttached();
    await expectNoAxeViolations(page);
    await shot(page, `clerk-stats-${lang}-contrast`);
  });
}

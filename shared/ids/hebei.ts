/** Hebei's prefecture-level divisions by the first four digits of a division code (brief §3). */
export const HEBEI_PREFECTURES = {
  '1301': 'shijiazhuang',
  '1302': 'tangshan',
  '1303': 'qinhuangdao',
  '1304': 'handan',
  '1305': 'xingtai',
  '1306': 'baoding',
  '1307': 'zhangjiakou',
  '1308': 'chengde',
  '1309': 'cangzhou',
  '1310': 'langfang',
  '1311': 'hengshui',
} as const satisfies Record<string, string>;

export type HebeiPrefecture = (typeof HEBEI_PREFECTURES)[keyof typeof HEBEI_PREFECTURES];

export function isHebeiDivision(divisionCode: string): boolean {
  return divisionCode.startsWith('13');
}

/**
 * The prefecture for a Hebei division code, or undefined for other provinces and for 13xx codes
 * outside the table (province-level or historic codes): a hint, never a reason to reject.
 */
export function hebeiPrefectureOf(divisionCode: string): HebeiPrefecture | undefined {
  const key = divisionCode.slice(0, 4);
  return Object.hasOwn(HEBEI_PREFECTURES, key)
    ? HEBEI_PREFECTURES[key as keyof typeof HEBEI_PREFECTURES]
    : undefined;
}

import type { Catalogue } from '../catalogue/schema';
import type { CollectedTexts } from './collection';

/**
 * The letter's texts as the collection standard (brief §9) asks for them, in the binding zh-CN:
 * "content", the full commitment (the general items the matter keeps, then the matter's own), and
 * "liability for breach" (the organ's notice, then the matter's consequences). Both sides build
 * them here from the catalogue the record pins, so the device's letter, the collected items and
 * the public view say the same; the letter itself is not pushed (the record carries its hash).
 * null: the catalogue has no such matter.
 */
export function collectedTexts(catalogue: Catalogue, matterCode: string): CollectedTexts | null {
  const matter = catalogue.matters.find((m) => m.code === matterCode);
  if (!matter) return null;
  const { general } = catalogue;
  const zh = (text: { readonly 'zh-CN': string }) => text['zh-CN'];
  const omitted = new Set(matter.omitGeneralItems ?? []);
  const generalItems = general.items.filter((_, i) => !omitted.has(i + 1)).map(zh);
  const numbered = (items: readonly string[]) => items.map((text, i) => `${i + 1}. ${text}`);
  const content = [
    zh(general.labels.generalIntro),
    ...numbered(generalItems),
    zh(general.labels.matterIntro),
    ...numbered(matter.items.map(zh)),
  ].join('\n');
  const liabilityForBreach = [
    zh(general.falseCommitmentNotice),
    ...(general.consequencesPreamble ? [zh(general.consequencesPreamble)] : []),
    ...numbered(matter.consequences.map(zh)),
  ].join('\n');
  return { content, liabilityForBreach };
}

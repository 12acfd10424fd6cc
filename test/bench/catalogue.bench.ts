import demoJson from '../../resources/catalogue/demo-catalogue.json';
import { CatalogueSchema } from '../../shared/catalogue/schema';
import type { Matter } from '../../shared/catalogue/schema';
import { buildSearchIndex, searchMatters } from '../../shared/catalogue/select';
import { signCatalogue, verifyCatalogue } from '../../shared/catalogue/signed';
import { buildCommitmentDocument } from '../../shared/document/model';
import { documentHash, documentText } from '../../shared/document/hash';
import { P256TestSigner, p256TestVerifier } from '../unit/shared/catalogue/p256-test-signer';
import { compare, measure, report } from './harness';

/**
 * Catalogue costs on the kiosk: search per keystroke (with the precomputed index, against redoing
 * the pinyin each time), verifying a signed bundle, and building and hashing one letter.
 */
const catalogue = CatalogueSchema.parse(demoJson);
const large: Matter[] = Array.from({ length: 1000 }, (_, i) => {
  const m = catalogue.matters[i % catalogue.matters.length] as Matter;
  return {
    ...m,
    code: `${String(i).padStart(4, '0')}-${m.code}`,
    name: { ...m.name, 'zh-CN': `${m.name['zh-CN']}${i}` },
  };
});
const keystrokes = ['s', 'sp', 'spj', 'spjy', '食', '食品', 'food', 'food b', '05-0', 'dibao'];

const index = buildSearchIndex(large);
const indexed = await measure('search 1000 matters, 10 keystrokes (indexed)', () => {
  for (const q of keystrokes) searchMatters(index, q, 'zh-CN');
});
const unindexed = await measure(
  'search 1000 matters, 10 keystrokes (index rebuilt each time)',
  () => {
    for (const q of keystrokes) searchMatters(buildSearchIndex(large), q, 'zh-CN');
  },
  { runs: 5, warmup: 1 },
);
const build = await measure('buildSearchIndex 1000 matters', () => buildSearchIndex(large), {
  runs: 10,
});

const signer = new P256TestSigner();
const signed = JSON.parse(JSON.stringify(await signCatalogue(catalogue, signer, 'bench')));
const trusted = [{ keyId: 'bench', key: await signer.publicKeyInfo() }];
const now = new Date('2026-11-25T04:00:00Z');
const verify = await measure(
  'verifyCatalogue demo bundle',
  async () => {
    const r = await verifyCatalogue(signed, trusted, () => p256TestVerifier, now);
    if (!r.ok) throw new Error(r.error);
  },
  { extra: { bytes: JSON.stringify(signed).length } },
);

const entity = {
  kind: 'legal-person' as const,
  name: '石家庄示例食品有限公司',
  idType: 'uscc' as const,
  idNumber: '91130100MA01111107',
  representative: { name: '王建国' },
  agent: { name: '李华' },
  phone: '13812345678',
};
const letter = await measure(
  'buildCommitmentDocument + documentHash + documentText',
  () => {
    const r = buildCommitmentDocument({
      catalogue,
      matterCode: '01-001',
      entity,
      language: 'zh-CN',
      preparedAt: '2026-11-25',
    });
    if (!r.ok) throw new Error(r.error);
    documentHash(r.document);
    documentText(r.document);
  },
  { runs: 200 },
);

report('catalogue', [indexed, unindexed, build, verify, letter], [compare(indexed, unindexed)]);

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../renderer/i18n/resources';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const zh = flatten(resources['zh-CN'].translation);
const english = flatten(resources.en.translation);

describe('translations', () => {
  it('zh-CN and English have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('no translation is empty or left as its own key', () => {
    for (const [key, value] of [...zh, ...english]) {
      expect(value.trim(), key).not.toBe('');
      expect(value, key).not.toBe(key);
    }
  });

  it('every literal key used in the renderer exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('renderer')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][a-zA-Z0-9_.-]*)'/g))
        used.add(match[1] ?? '');
      // Template keys like t(`welcome.steps.${step}`): check the static prefix exists.
      for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.-]+)\.\$\{/g)) {
        const prefix = `${match[1] ?? ''}.`;
        expect(
          [...zh.keys()].some((k) => k.startsWith(prefix)),
          prefix,
        ).toBe(true);
        expect(
          [...english.keys()].some((k) => k.startsWith(prefix)),
          prefix,
        ).toBe(true);
      }
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((k) => !zh.has(k) || !english.has(k));
    expect(missing).toEqual([]);
  });

  it('English text contains no untranslated Chinese, apart from language names', () => {
    const cjk = /[\u4e00-\u9fff]/;
    const offenders = [...english].filter(([k, v]) => cjk.test(v) && !k.startsWith('language.'));
    expect(offenders).toEqual([]);
  });
});

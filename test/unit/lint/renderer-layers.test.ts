import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The renderer's layer rules (eslint.config.js, README "Layout") proved on probe files: an import
 * that runs back up, a Node built-in and a cycle each fail lint; the renderer as it is passes.
 */
const root = join(import.meta.dirname, '../../..');
const LAYER_RULES = new Set([
  'import-x/no-restricted-paths',
  'import-x/no-cycle',
  'no-restricted-imports',
]);
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  // The layer rules need no types; without the project service a probe need not exist on disk.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the renderer layers', { timeout: 120_000 }, () => {
  it('refuse an import that runs back up a layer', async () => {
    expect(
      await ruleIds(
        "import { useServices } from '../services/app-services';\nexport const f = useServices;\n",
        'renderer/store/probe.ts',
      ),
    ).toEqual(['import-x/no-restricted-paths']);
    expect(
      await ruleIds(
        "import { App } from '../app/App';\nexport const f = App;\n",
        'renderer/kiosk/probe.ts',
      ),
    ).toEqual(['import-x/no-restricted-paths']);
  });

  it('let a folder import its own layer and those below', async () => {
    expect(
      await ruleIds(
        "import { Field } from '../ui/Field';\nimport { requestPersistentStorage } from '../store/db';\nimport { useServices } from '../services/app-services';\nexport const f = [Field, requestPersistentStorage, useServices];\n",
        'renderer/kiosk/probe.ts',
      ),
    ).toEqual([]);
  });

  it('refuse Node built-ins and packages off the allow-list in the renderer', async () => {
    for (const name of ['zlib', 'node:fs', 'fs/promises', 'buffer', 'electron', 'left-pad']) {
      expect(
        await ruleIds(
          `import * as m from '${name}';\nexport const f = m;\n`,
          'renderer/pdf/probe.ts',
        ),
        name,
      ).toEqual(['no-restricted-imports']);
    }
    expect(
      await ruleIds("import { z } from 'zod';\nexport const f = z;\n", 'renderer/pdf/probe.ts'),
    ).toEqual([]);
  });

  it('keep the reference platform on shared/ and its own packages', async () => {
    for (const [name, rule] of [
      ['../../renderer/store/db', 'no-restricted-imports'],
      ['../../electron/main/index', 'no-restricted-imports'],
      ['react', 'no-restricted-imports'],
      ['fs', 'no-restricted-imports'],
    ] as const) {
      expect(
        await ruleIds(
          `import * as m from '${name}';\nexport const f = m;\n`,
          'test/platform/probe.ts',
        ),
        name,
      ).toEqual([rule]);
    }
    expect(
      await ruleIds(
        "import * as fs from 'node:fs';\nimport Fastify from 'fastify';\nimport { z } from 'zod';\nexport const f = [fs, Fastify, z];\n",
        'test/platform-fuzz/probe.ts',
      ),
    ).toEqual([]);
  });

  describe('a cycle', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(root, 'renderer/ui/lint-probe-'));
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fails lint, even inside one layer', async () => {
      const results = await eslint.lintFiles([relative(root, dir)]);
      expect(results.map((r) => [basename(r.filePath), r.messages.map((m) => m.ruleId)])).toEqual([
        ['a.ts', ['import-x/no-cycle']],
        ['b.ts', ['import-x/no-cycle']],
      ]);
    });
  });

  it('hold for the renderer as it is', { timeout: 300_000 }, async () => {
    const results = await eslint.lintFiles(['renderer']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${relative(root, r.filePath)}:${m.line} ${m.ruleId} ${m.message}`),
    );
    expect(problems).toEqual([]);
  });
});

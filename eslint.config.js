import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The renderer's layers, bottom first (README, "Layout"). A folder may import its own layer and
 * the layers below it, never one above; imports inside a layer must form a tree (import-x/no-cycle
 * below). `main.tsx`, at the top, may import anything.
 */
export const RENDERER_LAYERS = [
  // Primitives: form fields, pager, error boundary, display switches; translations; design tokens.
  { name: 'primitives', folders: ['ui', 'i18n', 'theme'] },
  // State and the outside world: IndexedDB, the platform's HTTP client, the device key, the host
  // bridge, the device's certificate, the hall's settings, and the commitment document's two
  // renderings (screen and PDF).
  {
    name: 'state and adapters',
    folders: ['store', 'platform', 'device', 'pki', 'host', 'settings', 'document', 'pdf'],
  },
  // Use cases without screens: catalogue, credit list, pre-check, letter, sync.
  { name: 'services', folders: ['services', 'sync'] },
  // The two applications' screens.
  { name: 'screens', folders: ['kiosk', 'clerk'] },
  // The composition root: start-up, the app shell, routing.
  { name: 'composition', folders: ['app'] },
];

// A folder of the renderer that is in no layer fails here, so it is placed before it is used.
const rendererFolders = readdirSync(join(import.meta.dirname, 'renderer'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const layered = RENDERER_LAYERS.flatMap((l) => l.folders);
const unplaced = rendererFolders.filter((f) => !layered.includes(f));
if (unplaced.length > 0)
  throw new Error(`renderer/${unplaced.join(', renderer/')}: in no layer of RENDERER_LAYERS`);

/** Allow-list: each folder may import from its own layer and those below; anything else is refused. */
const layerZones = RENDERER_LAYERS.flatMap((layer, i) => {
  const allowed = RENDERER_LAYERS.slice(0, i + 1).flatMap((l) => l.folders);
  return layer.folders.map((folder) => ({
    target: `./renderer/${folder}`,
    from: './renderer',
    except: allowed.map((f) => `./${f}`),
    message: `renderer/${folder} is in the ${layer.name} layer: it may import only ${allowed.map((f) => `${f}/`).join(', ')} (README, "Layout").`,
  }));
});

/**
 * The packages each browser-side area may import, and nothing else that is not a relative path: no
 * Node built-in (with or without `node:`), no Electron, no package nobody chose for it. The compiler
 * says the same through each tsconfig's lib/types.
 */
const sharedPackages = [
  'zod',
  'canonicalize',
  'pinyin-pro',
  'sm-crypto-v2',
  '@noble/ciphers',
  '@noble/curves',
  '@noble/hashes',
];
const rendererPackages = [
  ...sharedPackages,
  'react',
  'react-dom',
  'react-i18next',
  'i18next',
  'dexie',
  'pdf-lib',
  'fontkit',
  'qrcode',
  // The business licence's QR code, read from the camera (renderer/kiosk/licence-qr).
  'jsqr',
  'signature_pad',
  // The day report's XLSX (renderer/clerk/report), loaded on first use.
  'exceljs',
  // The statistics screen's charts (renderer/clerk/stats), tree-shaken from echarts/core.
  'echarts',
  // The kiosk's on-screen keyboard (renderer/kiosk/keyboard).
  'simple-keyboard',
  // The device certificate and the letter's PDF signature (renderer/pki, renderer/pdf/sign).
  '@peculiar/x509',
  'reflect-metadata',
  'pkijs',
  'asn1js',
];
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for no-restricted-imports: any bare import of a package not in `packages`. */
const onlyPackages = (packages, message, { nodeBuiltins = false } = {}) => ({
  regex: `^(?!\\.{1,2}/|${nodeBuiltins ? 'node:|' : ''}(${packages.map(escape).join('|')})(/|$))`,
  message,
});

// Anchored regexes: a bare module name (and its subpaths) only, never a relative path such as
// '../crypto/canonical' that happens to share a name with a package.
const restrict = (names, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ regex: `^(${names.join('|')})(/.*)?$`, message }] },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'electron/launcher/',
      'test/bench/run.mjs',
      // electron-vite and Vite load their config through a bundled copy beside it, removed a
      // moment later: the build runs beside the lint, and a copy found and then gone failed it.
      '**/*.config.ts.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      // Type-aware rules: the project service finds each file's tsconfig through tsconfig.json's
      // references (shared, renderer, electron, test), the same programs \`tsc -b\` checks.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads each imported module with the TypeScript parser (for the cycle check).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its error; one passed where a callback returns nothing is
      // never awaited either; a switch over a union must name every member (or say default).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // Plain JavaScript outside every tsconfig: no type information to check against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyPackages(
              sharedPackages,
              'shared/ is pure TypeScript: only the packages on its allow-list (eslint.config.js); no DOM, Node, Electron, React or Dexie.',
            ),
            {
              regex: '^(\\.\\./)+(renderer|electron)(/.*)?$',
              message: 'shared/ never imports the renderer or the main process.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'navigator',
        'localStorage',
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyPackages(
              rendererPackages,
              'The renderer imports only the packages on its allow-list (eslint.config.js): no Node built-in, no Electron. Reach the host through renderer/host.',
            ),
            {
              regex: '^(\\.\\./)+electron(/.*)?$',
              message: 'The renderer never reaches Electron: use the host bridge.',
            },
          ],
        },
      ],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // The meta table is read and written only through its typed registry (renderer/store/meta.ts).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/store/meta.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.property.name='meta'][callee.property.name=/^(get|put|add|update|delete|bulkGet|bulkPut|bulkAdd|bulkDelete|where|toArray|clear|filter|each)$/]",
          message:
            'Read and write the meta table through renderer/store/meta.ts (readMeta, writeMeta, …): one key, one schema.',
        },
      ],
    },
  },
  {
    // One cycle check for every process: a module never imports, through any path, itself.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts', 'electron/**/*.ts'],
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      ['react', 'react-dom', 'dexie', '(\\.\\./)+renderer'],
      'The main process does not import the renderer.',
    ),
  },
  {
    files: ['.ci/**/*.mjs', 'test/support/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', '*.config.ts', 'renderer/vite.config.ts'],
    ignores: ['test/platform/**', 'test/platform-fuzz/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The reference platform and its fuzzer: a Node server standing in for the province's, built
    // on shared/ only (never the app's renderer or main process), with the packages it chose.
    files: ['test/platform/**/*.ts', 'test/platform-fuzz/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyPackages(
              [
                ...sharedPackages,
                'fastify',
                '@fastify/rate-limit',
                'better-sqlite3',
                '@peculiar/x509',
                'reflect-metadata',
                // The RFC 3161 time-stamping authority (tsa.ts).
                'asn1js',
                'pkijs',
              ],
              'The reference platform imports only Node built-ins (as node:…) and the packages on its allow-list (eslint.config.js).',
              { nodeBuiltins: true },
            ),
            {
              regex: '^(\\.\\./)+(renderer|electron)(/.*)?$',
              message:
                "The reference platform is the province's side: it shares shared/ with the app, nothing else.",
            },
          ],
        },
      ],
      'import-x/no-cycle': 'error',
    },
  },
);

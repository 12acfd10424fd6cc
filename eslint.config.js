import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports each area may not use: the compiler says the same through each tsconfig's lib/types. */
const nodeModules = [
  'node:.*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
];
// Anchored regexes: a bare module name (and its subpaths) only, never a relative path such as
// '../crypto/canonical' that happens to share a name with a Node module.
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
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeModules, 'react', 'react-dom', 'dexie', 'electron', '(\\.\\./)+(renderer|electron)'],
      'shared/ is pure TypeScript: no DOM, Node, Electron, React or Dexie.',
    ),
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
      ...restrict(
        [...nodeModules, 'electron', '(\\.\\./)+electron'],
        'The renderer never reaches Node or Electron: use the host bridge.',
      ),
    },
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
    files: ['.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', '*.config.ts', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

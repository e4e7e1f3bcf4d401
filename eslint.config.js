// ESLint 9 flat config: type-aware rules for TypeScript, React hooks rules for the apps, plain recommended
// rules for the build scripts. `npm run lint` (and `npm test`) run it with --max-warnings=0.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import m4s from './apps/server/lint/boundaries.mjs';
import keys from './scripts/lint/unique-keys.mjs';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      '**/.tmp/**',
      'e2e/artifacts/**',
      'bench/.out/**',
      'apps/server/migrations/**',
    ],
  },

  // Build and CI scripts: plain Node ESM, no type information.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },

  // Files the apps serve as they are (the owner app's service worker).
  {
    files: ['apps/*/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },

  // TypeScript, type-aware: each file is checked with the nearest tsconfig.json (the project service).
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits; a test file calls them bare.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'suite', 'before', 'after'], package: 'node:test' },
          ],
        },
      ],
      // React's onClick={async () => …} is fine: React ignores the returned promise by design.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A `default:` branch is a deliberate decision; without one every member of a union must be handled.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `x == null` (null or undefined) is the one loose comparison worth keeping.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
      // Fastify handlers, hooks and plugins are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      // `_`-prefixed names are deliberate placeholders (a handler's unused request, a tuple's skipped slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // The server's module boundaries (apps/server/lint/boundaries.mjs; ARCHITECTURE.md "Boundaries a linter holds").
  {
    files: ['apps/server/src/**/*.ts'],
    plugins: { m4s },
    rules: {
      'm4s/no-foreign-queries': 'error',
      'm4s/no-sql-in-routes': 'error',
      'm4s/no-module-cycle': 'error',
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-kit.ts'],
    rules: { 'm4s/no-row-cast': 'error' },
  },

  // Tests read untyped JSON (app.inject().json(), fetch().json()) and assert on it; the assertion is the
  // check, so the no-unsafe-* rules would only force casts on every line.
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // The apps' message catalogues: a key defined by two spread parts silently overrides (scripts/lint/unique-keys.mjs).
  {
    files: [
      'apps/{admin,advisor,owner}/src/{i18n.ts,messages/en.ts,messages/zh-cn.ts}',
      'packages/web-kit/src/**/*messages*.ts',
    ],
    plugins: { keys },
    rules: { 'keys/no-shadowed-spread-key': 'error' },
  },

  // React apps and the shared web kit.
  {
    files: ['apps/{admin,advisor,owner}/src/**/*.{ts,tsx}', 'packages/web-kit/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // Tool configs that no tsconfig includes: linted without type information.
  {
    files: ['**/vite.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

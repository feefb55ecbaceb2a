import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Forms are parsed with parseSubmission (app/forms/submission.ts), the one module that imports parseWithZod.
const parseWithZodImports = ['@conform-to/zod', '@conform-to/zod/v3', '@conform-to/zod/v4'].map((name) => ({
  name,
  importNames: ['parseWithZod'],
  message: 'Parse a form with parseSubmission from app/forms/submission.ts: it refuses NUL, which PostgreSQL cannot store, with a message next to the field.',
}));

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', '.cache/**', '.data/**', '.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      'react/prop-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
      'no-restricted-imports': ['error', { paths: parseWithZodImports }],
    },
  },
  {
    // Playwright fixtures call `use`, which is not a React hook.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['app/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: parseWithZodImports, patterns: [{ group: ['**/*.server', '**/*.server.ts'], message: 'Components do not fetch data: no server modules here.' }] },
      ],
    },
  },
  {
    // The wrapper, and its test that compares it with conform's.
    files: ['app/forms/submission.ts', 'app/forms/submission.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

// ESLint for the web UI: TypeScript (typescript-eslint), the rules of hooks and accessibility
// of JSX (jsx-a11y). Run by `npm run lint`, part of `npm run build` and `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import hooks from 'eslint-plugin-react-hooks';
import a11y from 'eslint-plugin-jsx-a11y';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/api/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': hooks, 'jsx-a11y': a11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { 'jsx-a11y': { components: {} } },
    rules: {
      ...hooks.configs.recommended.rules,
      ...a11y.flatConfigs.recommended.rules,
      // Preact writes "class" and "for"; jsx-a11y reads them like className/htmlFor.
      'jsx-a11y/label-has-associated-control': ['error', { assert: 'either', depth: 3 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Response data is typed from the contract; `as` on API data is what this project avoids.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The service worker (a classic script, not part of the app bundle).
    files: ['sw/**/*.js'],
    languageOptions: {
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly', Promise: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);

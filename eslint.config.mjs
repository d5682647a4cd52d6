// Lint: typescript-eslint's recommended rules, plus the direction of imports between the
// top-level folders (DESIGN.md "Layout"): engines are pure and import no upper folder;
// runtime never imports platform or designer; designer talks to the server over HTTP only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['fastify', 'fastify-plugin', '@fastify/*', 'mongodb', 'lmdb', 'mingo', 'fs', 'node:*', 'http', 'net', 'child_process'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['engines/*/src/**/*.{ts,tsx}'],
    ignores: ['engines/*/src/react/**'],
    rules: restrict([...io, '@tessera/runtime', '@tessera/platform', '@tessera/designer', 'react', 'react-dom', 'antd', '**/runtime/**', '**/platform/**', '**/designer/**'],
      'Engines are pure: no I/O, no React outside src/react, no imports from upper folders.'),
  },
  {
    files: ['engines/*/src/react/**/*.{ts,tsx}'],
    rules: restrict([...io, '@tessera/runtime', '@tessera/platform', '@tessera/designer', '**/runtime/**', '**/platform/**', '**/designer/**'],
      'The renderer is an engine entry: no I/O and no imports from upper folders.'),
  },
  {
    files: ['runtime/src/**/*.ts'],
    rules: restrict(['@tessera/platform', '@tessera/designer', '**/platform/**', '**/designer/**'],
      'runtime sits below platform: platform imports runtime, never the reverse.'),
  },
  {
    files: ['designer/src/**/*.{ts,tsx}'],
    rules: restrict(['@tessera/runtime', '@tessera/platform', 'fastify', 'mongodb', 'lmdb', '**/runtime/**', '**/platform/**'],
      'The designer talks to the server through the HTTP API only.'),
  },
);

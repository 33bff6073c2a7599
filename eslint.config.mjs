// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/e2e/.vscode-host/**', 'test/e2e/.vscode-web/**', 'test/e2e/.vscode-web/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly', document: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web bundles (esbuild.mjs: dist/web/client.js, dist/web/server.js) run in the browser, so
    // the code they are built from must not reach for Node (esbuild also fails on a Node built-in).
    // Exempt: the Node-only entries and helpers, and schedule.ts (it tests for setImmediate).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    ignores: ['server/src/cli.ts', 'server/src/cli/**', 'server/src/node.ts', 'server/src/schedule.ts', 'client/src/extension.ts', 'client/src/ownerNode.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode-languageserver/node', 'vscode-languageclient/node', 'fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto', 'url', 'util', 'worker_threads'],
        patterns: ['node:*'],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'setImmediate', 'clearImmediate', 'global'],
    },
  },
  {
    // The language service is a pure library: text in, LSP data out. The server, the CLI
    // and the client are adapters over it, so it must not reach for their worlds.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node', 'fs', 'path', 'child_process', 'os', 'net', 'http', 'https'],
        patterns: ['node:*', '../*.ts', '../server', '../cli*', '../node'],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer', 'setImmediate', 'clearImmediate'],
    },
  },
);

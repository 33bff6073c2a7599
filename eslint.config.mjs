// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A client module may import `server/src/protocol` and nothing else of the server (see the client entry below). */
const CLIENT_SERVER_BOUNDARY = { regex: '(^|/)server/src/(?!protocol$)', message: 'The clients import only server/src/protocol.ts from the server: declare a request there and handle it in server/src/features/.' };

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
  {
    // The clients speak only protocol: from the server side they import `server/src/protocol.ts`
    // alone (its names and message shapes), never the core or the server's modules, so that the
    // client bundles carry no yaml, markdown-it or rules (issue 14). This entry restates the web
    // restrictions above for the client files because a later no-restricted-imports replaces an
    // earlier one; the Node-only entries keep only the server boundary.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode-languageserver/node', 'vscode-languageclient/node', 'fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto', 'url', 'util', 'worker_threads'],
        patterns: [{ group: ['node:*'] }, CLIENT_SERVER_BOUNDARY],
      }],
    },
  },
  {
    files: ['client/src/extension.ts', 'client/src/ownerNode.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLIENT_SERVER_BOUNDARY] }] },
  },
);

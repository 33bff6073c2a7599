// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A client module may import `server/src/protocol` and nothing else of the server (see the client entry below). */
const CLIENT_SERVER_BOUNDARY = { regex: '(^|/)server/src/(?!protocol$)', message: 'The clients import only server/src/protocol.ts from the server: declare a request there and handle it in server/src/features/.' };
/** Adapters (server, CLI) reach the core through server/src/service/index.ts or a group's index, never a group's insides. */
const ADAPTER_CORE_BOUNDARY = { regex: '(^|/)service/[^/]+/.', message: "Adapters import the core through server/src/service/index.ts or a group's index (service/<group>), never a module inside a group: export what you need from the group's index.ts." };
// What the web bundles may not import (the browser has no Node); the core's rule below adds to it.
const WEB_RESTRICTED_PATHS = ['vscode-languageserver/node', 'vscode-languageclient/node', 'fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto', 'url', 'util', 'worker_threads'];

/**
 * The one import rule of the core (server/src/service/**, a pure library: text in, LSP data out).
 * In flat config a later entry for a rule replaces an earlier one for the files both match, so
 * this list includes the web-bundle restrictions too. It forbids:
 * - every Node built-in, bare (`fs`, `fs/promises`, …: node:module's list) or `node:`;
 * - every `vscode*` package except the pure data/text libraries (LSP types, text document, URIs);
 * - any relative import that leaves server/src/service/ (`depth` is how many folders below
 *   service/ the file sits: it may climb that many `../`, no more), and any `dir/..` detour.
 * Every import matches at most one entry, so it draws exactly one error.
 */
function coreImports(depth) {
  const builtins = [...new Set([...builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:')), ...WEB_RESTRICTED_PATHS.filter((name) => !name.startsWith('vscode'))])];
  return ['error', {
    paths: builtins.map((name) => ({ name, message: 'The core (server/src/service) runs in the browser and in workers: no Node built-ins; take the data as an argument.' })),
    patterns: [
      { regex: '^node:', message: 'The core (server/src/service) runs in the browser and in workers: no Node built-ins; take the data as an argument.' },
      { regex: '^vscode(?!-languageserver-types$|-languageserver-textdocument$|-uri$)', caseSensitive: true, message: 'The core (server/src/service) may use only vscode-languageserver-types, vscode-languageserver-textdocument and vscode-uri: the editor, the connection and the client belong to the adapters.' },
      { regex: `^(?:\\./)?(?:\\.\\./){${depth}}\\.\\.(?:/|$)|(?:^|/)(?!\\.\\.?(?:/|$))[^/]+/\\.\\.(?:/|$)`, message: 'The core (server/src/service) imports nothing outside server/src/service/: the adapters call the core, never the other way round.' },
    ],
  }];
}

/** One config entry per folder depth below server/src/service/ (globs cannot count `../`). */
const CORE_MAX_DEPTH = 8;
const coreEntries = Array.from({ length: CORE_MAX_DEPTH + 1 }, (_, depth) => ({
  files: [`server/src/service/${'*/'.repeat(depth)}*.ts`],
  rules: { 'no-restricted-imports': coreImports(depth) },
}));

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
    ignores: ['server/src/cli.ts', 'server/src/cliEntry.ts', 'server/src/cli/**', 'server/src/node.ts', 'server/src/schedule.ts', 'client/src/extension.ts', 'client/src/ownerNode.ts', 'client/src/revisionsNode.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: WEB_RESTRICTED_PATHS,
        patterns: [{ group: ['node:*'] }, ADAPTER_CORE_BOUNDARY],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'setImmediate', 'clearImmediate', 'global'],
    },
  },
  {
    // The language service is a pure library: text in, LSP data out. The server, the CLI
    // and the client are adapters over it, so it must not reach for their worlds.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'setImmediate', 'clearImmediate', 'global'],
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
        paths: WEB_RESTRICTED_PATHS,
        patterns: [{ group: ['node:*'] }, CLIENT_SERVER_BOUNDARY],
      }],
    },
  },
  {
    files: ['server/src/cli.ts', 'server/src/cliEntry.ts', 'server/src/cli/**', 'server/src/node.ts', 'server/src/schedule.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ADAPTER_CORE_BOUNDARY] }] },
  },
  {
    files: ['client/src/extension.ts', 'client/src/ownerNode.ts', 'client/src/revisionsNode.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLIENT_SERVER_BOUNDARY] }] },
  },
  // After the web-bundle entry, so that for the core this rule (a superset) is the one that applies.
  ...coreEntries,
);

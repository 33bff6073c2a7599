// The README's test command (`npm test`, after build and type-check): unit, protocol and
// CLI suites on node's test runner, the grammar tests, then the end-to-end suites in a real VS Code
// (desktop build: Node extension host) and in VS Code for the web (browser build: web worker server).
// `node scripts/test.mjs unit lsp` runs only the named parts (unit, lsp, cli, grammar, e2e, web).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const parts = process.argv.slice(2);
const wanted = (name) => parts.length === 0 || parts.includes(name);

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((file) => String(file).endsWith('.test.js'))
    .map((file) => join(dir, String(file)))
    .sort();
}

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const nodeSuites = ['unit', 'lsp', 'cli'].filter(wanted).flatMap((name) => testFiles(join('out', 'test', name)));
if (nodeSuites.length > 0) run('unit, protocol and CLI tests', process.execPath, ['--test', '--test-reporter=spec', ...nodeSuites]);
// The TextMate grammar tests are part of the unit tests (`unit` runs them too; `grammar` alone runs only them).
if (wanted('grammar') || parts.includes('unit')) run('grammar tests', process.execPath, ['test/grammar/run.mjs']);
if (wanted('e2e')) run('end-to-end tests in VS Code', process.execPath, ['test/e2e/run.mjs']);
if (wanted('web')) run('end-to-end tests in VS Code for the web', process.execPath, ['test/e2e/run-web.mjs']);

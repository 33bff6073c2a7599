#!/usr/bin/env node
// `npm run test:grammar` (and the `grammar` part of scripts/test.mjs): the TextMate injection grammars in
// syntaxes/ against the syntax tests in test/grammar/fixtures/*.test.md, with vscode-tmgrammar-test, which
// tokenizes with VS Code's own engine (vscode-textmate + oniguruma). The grammars come from package.json's
// `contributes.grammars` (with their `injectTo`), so what is tested is what ships; the Markdown, YAML and
// shell grammars they inject into are VS Code's built-in ones, vendored in test/grammar/vendor/.
//
// Fixture format: first line `<!-- SYNTAX TEST "text.html.markdown" "description"`, then Markdown; a line
// `<!--   ^^^ scope.a scope.b - excluded.scope` asserts scopes of the line above (`<!-- <~~--- …` for the
// first columns: `~` skips a column, `-` asserts one). Scope names are compared whole, and only one `-`
// (before all the excluded scopes) is allowed: more makes the tool's parser hang.
//
// Closing line: `grammar: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const require = createRequire(import.meta.url);
const VENDOR = ['markdown.tmLanguage.json', 'yaml.tmLanguage.json', 'yaml-1.2.tmLanguage.json', 'yaml-embedded.tmLanguage.json', 'shell-unix-bash.tmLanguage.json'];

function main() {
  const problems = [];
  // Every grammar in syntaxes/ must be contributed (else it ships untested, or not at all).
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contributed = new Set((manifest.contributes?.grammars ?? []).map((grammar) => join(ROOT, grammar.path)));
  for (const file of readdirSync(join(ROOT, 'syntaxes')).filter((name) => name.endsWith('.json'))) {
    const path = join(ROOT, 'syntaxes', file);
    if (!contributed.has(path)) problems.push(`syntaxes/${file} is not in package.json contributes.grammars`);
    try {
      JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push(`syntaxes/${file} is not valid JSON: ${error.message}`);
    }
  }
  const fixtures = readdirSync(join(HERE, 'fixtures')).filter((name) => name.endsWith('.test.md')).sort().map((name) => join(HERE, 'fixtures', name));
  if (fixtures.length === 0) problems.push('no fixtures in test/grammar/fixtures');

  const cli = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');
  const args = [cli, '--config', join(ROOT, 'package.json'), ...VENDOR.flatMap((file) => ['-g', join(HERE, 'vendor', file)]), ...fixtures.map((file) => relative(ROOT, file))];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  // The vendored Markdown grammar embeds dozens of languages we do not load: drop those notices.
  const output = `${result.stdout}${result.stderr}`.split('\n').filter((line) => !/^grammar not found for /.test(line)).join('\n').trim();
  if (output) console.log(output);
  const passed = (output.match(/^✓ /gm) ?? []).length;
  const failed = (output.match(/^✖ /gm) ?? []).length;
  if (result.error) problems.push(`vscode-tmgrammar-test did not run: ${result.error.message}`);
  else if (result.status !== 0 && failed === 0) problems.push(`vscode-tmgrammar-test exited with ${result.status ?? result.signal}`);
  if (passed + failed !== fixtures.length && problems.length === 0) problems.push(`expected a result for each of the ${fixtures.length} fixtures, got ${passed + failed}`);
  for (const problem of problems) console.error(`grammar: ${problem}`);
  console.log(`grammar: ${passed} passed, ${failed + problems.length} failed`);
  return failed + problems.length === 0 ? 0 : 1;
}

process.exit(main());

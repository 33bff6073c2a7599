/**
 * Issue 13 items 1 and 6 through the built CLI: a folder holding a post nested 3,000
 * levels deep is still reported whole (JSON for every file, normal exit code), and
 * `import` of an export with 150,000 list lines works.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NESTING_MESSAGE } from '../../server/src/service/model/yamlParse';
import { loadExport } from '../support/exports';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-yaml-cost-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  files: Array<{ path: string; diagnostics: Array<{ rule: string; message: string; range: { start: { line: number; character: number } } }> }>;
  summary: { files: number; errors: number; warnings: number };
}

describe('alphanode check: a post nested 3,000 levels deep', () => {
  it('is one yaml-syntax error in the JSON report; the clean post beside it is reported too; exit 1', () => {
    const seed = loadSeed('000');
    const deep = edit(seed, 'notes:\n', `deep:\n${'- '.repeat(3_000)}x\nnotes:\n`);
    writeFileSync(join(tmp, 'a-deep.post.md'), deep);
    writeFileSync(join(tmp, 'b-clean.post.md'), seed);
    const result = run(['check', '--format', 'json', '.']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(
      report.files.map((file) => ({ path: file.path.replace(/^.*[\\/]/, ''), diagnostics: file.diagnostics.map((d) => ({ rule: d.rule, message: d.message, start: d.range.start })) })),
      [
        { path: 'a-deep.post.md', diagnostics: [{ rule: 'yaml-syntax', message: `The post meta is not valid YAML: ${NESTING_MESSAGE}`, start: { line: deep.split('\n').indexOf('deep:') + 1, character: 126 } }] },
        { path: 'b-clean.post.md', diagnostics: [] },
      ],
    );
    assert.deepEqual(report.summary, { files: 2, errors: 1, warnings: 0 });
  });
});

describe('alphanode import: 150,000 list lines', () => {
  it('imports them all (exit 0), no stack overflow', () => {
    const items = Array.from({ length: 150_000 }, (_, i) => `  • check item number ${i}`);
    const input = edit(loadExport('000'), 'implementation checklist\n\n  • review query plans\n', `implementation checklist\n\n${items.join('\n')}\n  • review query plans\n`);
    writeFileSync(join(tmp, 'big.txt'), input);
    const result = run(['import', 'big.txt', '-o', 'big.post.md']);
    assert.equal(result.status, 0, result.stderr);
    const lines = readFileSync(join(tmp, 'big.post.md'), 'utf8').split('\n');
    const first = lines.indexOf('- check item number 0');
    assert.ok(first > 0);
    assert.equal(lines[first + 149_999], '- check item number 149999');
  });
});

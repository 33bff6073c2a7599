/**
 * `alphanode check` on the hostile corpus (test/support/hostile.ts) and on special files:
 * one bad file is that file's problem; every other file is still reported, in text, JSON
 * and SARIF, on the in-process and the worker-thread paths.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSeed, REPO_ROOT } from '../support/fixtures';
import { hostileCorpus, writeHostileCorpus } from '../support/hostile';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

interface JsonReport {
  files: Array<{ path: string; error?: string; diagnostics: Array<{ rule: string; message: string; range: { start: { line: number } } }> }>;
  summary: { files: number; errors: number; warnings: number };
}

function run(args: string[], cwd: string, timeout = 120_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const clean = loadSeed('001');

describe('alphanode check: the hostile corpus', () => {
  const folder = join(tmp, 'corpus');
  const names = writeHostileCorpus(folder);
  writeFileSync(join(folder, 'zz-clean.post.md'), clean);

  it('a folder of hostile posts: every file is reported, none crashes the run, exit 1 (errors found)', () => {
    const result = run(['check', '--format', 'json', 'corpus'], tmp);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.files.map((file) => file.path).sort(), [...names, 'zz-clean.post.md'].map((name) => join('corpus', name)).sort());
    assert.deepEqual(report.files.filter((file) => file.error), [], 'no file is unreadable');
    const byName = new Map(report.files.map((file) => [file.path.slice('corpus/'.length), file]));
    assert.deepEqual(byName.get('zz-clean.post.md')!.diagnostics, [], 'the clean post next to them is clean');
    for (const name of names.filter((n) => n.startsWith('deep-'))) {
      const rules = byName.get(name)!.diagnostics.map((d) => d.rule);
      assert.ok(rules.includes('yaml-syntax'), `${name}: ${rules.join(', ')}`);
      assert.ok(!rules.includes('internal-error'), `${name}: no crash`);
    }
  });

  it('the same corpus in SARIF and text: one result per diagnostic, the summary line at the end', () => {
    const json = JSON.parse(run(['check', '--format', 'json', 'corpus'], tmp).stdout) as JsonReport;
    const sarif = run(['check', '--format', 'sarif', 'corpus'], tmp);
    assert.equal(sarif.status, 1);
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0].results;
    assert.equal(results.length, json.files.reduce((sum, file) => sum + file.diagnostics.length, 0));
    const text = run(['check', 'corpus'], tmp);
    assert.equal(text.status, 1);
    assert.match(text.stdout.trimEnd().split('\n').at(-1)!, new RegExp(`^${json.summary.files} files checked: ${json.summary.errors} errors, ${json.summary.warnings} warnings\\.$`));
  });

  it('the worker-thread path (≥ 200 files): the hostile posts among 300 clean ones are reported, in order', () => {
    const big = join(tmp, 'big');
    mkdirSync(big);
    for (let i = 0; i < 300; i++) writeFileSync(join(big, `p${String(i).padStart(3, '0')}.post.md`), clean);
    for (const { name, text } of hostileCorpus().filter((post) => post.name.startsWith('deep-'))) writeFileSync(join(big, name), text);
    const result = run(['check', '--format', 'json', 'big'], tmp);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.files.length, 306);
    assert.deepEqual(report.files.map((file) => file.path), [...report.files.map((file) => file.path)].sort((a, b) => a.localeCompare(b)));
    assert.equal(report.files.filter((file) => file.diagnostics.length > 0).length, 6, 'only the six deep posts have problems');
    assert.equal(report.summary.errors, 6);
  });
});

describe('alphanode check: special and oversized files', () => {
  it('a FIFO named on the command line is refused at once (exit 2, a clear message), the other files still checked', () => {
    const fifo = join(tmp, 'pipe.post.md');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo (not POSIX): nothing to test
    writeFileSync(join(tmp, 'ok.post.md'), clean);
    const result = run(['check', '--format', 'json', 'pipe.post.md', 'ok.post.md'], tmp, 10_000);
    assert.equal(result.status, 2);
    assert.deepEqual((JSON.parse(result.stdout) as JsonReport).files.map((file) => [file.path, file.error ?? '', file.diagnostics.length]), [
      ['pipe.post.md', 'cannot read: not a regular file (a FIFO)', 0],
      ['ok.post.md', '', 0],
    ]);
    assert.equal(result.stderr, 'pipe.post.md: cannot read: not a regular file (a FIFO)\n');
  });

  it('/dev/zero named on the command line is refused (exit 2), never read', () => {
    const result = run(['check', '/dev/zero'], tmp, 10_000);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '/dev/zero: error: cannot read: not a regular file (a character device)\n0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n');
  });

  it('inside a folder, a FIFO and a link named like posts are skipped with a note on stderr; the posts are checked', () => {
    const folder = join(tmp, 'special');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.post.md'), clean);
    if (spawnSync('mkfifo', [join(folder, 'b.post.md')]).status !== 0) return;
    symlinkSync(join(folder, 'a.post.md'), join(folder, 'c.post.md'));
    const result = run(['check', 'special'], tmp, 10_000);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings.\n');
    assert.equal(result.stderr, 'alphanode: skipped special/b.post.md: not a regular file (a FIFO)\nalphanode: skipped special/c.post.md: not a regular file (a symbolic link)\n');
  });

  it('a post over 10 MB is reported as internal-error (not read); a large non-post in a folder is left alone', () => {
    const folder = join(tmp, 'large');
    mkdirSync(folder);
    const filler = `${'lorem ipsum dolor '.repeat(60)}\n\n`.repeat(10_000);
    writeFileSync(join(folder, 'huge.post.md'), clean + filler);
    writeFileSync(join(folder, 'huge-readme.md'), `# readme\n\n${filler}`);
    const result = run(['check', '--format', 'json', 'large'], tmp);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => d.rule), file.diagnostics[0]?.message]), [
      ['large/huge.post.md', ['internal-error'], 'This file could not be checked: it is 10.4 MB, more than the 10 MB a post may have. No other check ran on it.'],
    ]);
  });
});

/**
 * `alphanode check --shard i/n` (the built dist/cli.js): the shards of a run are disjoint and
 * together are the whole run, in JSON and SARIF alike (a broken template and an unreadable
 * path included, each once); and the progress line: on a terminal's stderr only, never on
 * stdout, silent when stderr is not a terminal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generatePosts } from '../support/corpus';
import { edit, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-cli-shard-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface JsonFile {
  path: string;
  error?: string;
  diagnostics: Array<{ rule: string; severity: string; message: string }>;
}
interface JsonReport {
  files: JsonFile[];
  summary: { files: number; errors: number; warnings: number };
}
interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
}

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// 60 posts, some broken, in two folders; one governed by a broken template.
const project = join(tmp, 'project');
mkdirSync(join(project, 'posts'), { recursive: true });
mkdirSync(join(project, 'team'), { recursive: true });
generatePosts(60, 3).forEach((text, i) => {
  const broken = i % 7 === 0 ? edit(text, 'paragraphs: ', 'paragraphs: 1') : text;
  writeFileSync(join(project, i < 50 ? 'posts' : 'team', `${String(i).padStart(2, '0')}.post.md`), broken);
});
writeFileSync(join(project, 'team', '.alphanode.yaml'), 'rules: [not, a, map\n');
const ARGS = ['posts', 'team', 'missing.post.md'];

describe('alphanode check --shard', () => {
  it('the shards of a JSON run are disjoint, and together they are the whole run', () => {
    const whole = run(['--format', 'json', ...ARGS], project);
    assert.equal(whole.status, 2, whole.stderr);
    const full = JSON.parse(whole.stdout) as JsonReport;
    assert.equal(full.summary.files, 62, 'the template, 60 posts, the missing path');
    const seen = new Map<string, JsonFile>();
    const sums = { files: 0, errors: 0, warnings: 0 };
    for (let index = 1; index <= 4; index++) {
      const shard = run(['--format', 'json', '--shard', `${index}/4`, ...ARGS], project);
      const report = JSON.parse(shard.stdout) as JsonReport;
      assert.ok(report.files.length > 5, `shard ${index} has ${report.files.length} files`);
      for (const file of report.files) {
        assert.ok(!seen.has(file.path), `${file.path} in two shards`);
        seen.set(file.path, file);
      }
      assert.equal(shard.status, report.files.some((file) => file.error) ? 2 : report.summary.errors > 0 ? 1 : 0);
      for (const key of ['files', 'errors', 'warnings'] as const) sums[key] += report.summary[key];
    }
    assert.deepEqual(sums, full.summary);
    assert.deepEqual([...seen.keys()].sort(), full.files.map((file) => file.path).sort());
    for (const file of full.files) assert.deepEqual(seen.get(file.path), file, file.path);
    assert.ok(full.files.some((file) => file.path === 'team/.alphanode.yaml' && file.diagnostics.length > 0));
    assert.ok(full.files.some((file) => file.path === 'missing.post.md' && file.error));
  });

  it('SARIF shards merge into the whole run\'s results', () => {
    const results = (log: SarifLog) => log.runs.flatMap((sarifRun) => sarifRun.results).map((result) => `${result.locations[0]?.physicalLocation.artifactLocation.uri} ${result.ruleId} ${result.message.text}`).sort();
    const full = results(JSON.parse(run(['--format', 'sarif', ...ARGS], project).stdout) as SarifLog);
    const merged = [1, 2, 3].flatMap((index) => results(JSON.parse(run(['--format', 'sarif', '--shard', `${index}/3`, ...ARGS], project).stdout) as SarifLog)).sort();
    assert.ok(full.length > 10);
    assert.deepEqual(merged, full);
  });

  it('--shard 1/1 is the whole run; bad shards are bad usage', () => {
    assert.equal(run(['--format', 'json', '--shard', '1/1', ...ARGS], project).stdout, run(['--format', 'json', ...ARGS], project).stdout);
    for (const bad of ['0/4', '5/4', '2', 'a/b']) {
      const result = run(['--shard', bad, 'posts'], project);
      assert.equal(result.status, 2);
      assert.equal(result.stderr.split('\n')[0], `alphanode: --shard needs I/N: this job's part I (1 to N) of N parts, e.g. --shard 2/4. Got ${JSON.stringify(bad)}.`);
    }
  });
});

describe('alphanode check: progress line', () => {
  const many = join(tmp, 'many');
  mkdirSync(many);
  generatePosts(200, 4).forEach((text, i) => writeFileSync(join(many, `${String(i).padStart(3, '0')}.post.md`), text));

  it('is silent when stderr is not a terminal (CI)', () => {
    const result = run(['--format', 'json', '.'], many);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '');
    assert.equal((JSON.parse(result.stdout) as JsonReport).summary.files, 200);
  });

  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it('on a terminal: one line on stderr, redrawn in place and erased at the end; stdout stays the report', { skip: script.status !== 0 && 'no `script` to give the CLI a terminal' }, () => {
    const out = join(tmp, 'report.json');
    // `script` gives the command a pseudo-terminal; stdout goes to a file, stderr stays on the terminal.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check --format json . > ${JSON.stringify(out)}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: many, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stdout);
    const terminal = result.stdout;
    const frames = terminal.split('\r\x1b[K').filter((frame) => frame !== '');
    assert.ok(frames.length >= 1, JSON.stringify(terminal));
    for (const frame of frames) assert.match(frame, /^alphanode: \d{1,3}\/200 files, \d+\.\d s$/);
    assert.ok(terminal.endsWith('\r\x1b[K'), 'the line is erased at the end');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonReport).summary.files, 200);
  });
});

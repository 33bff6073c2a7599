/**
 * No false alarms: other teams' Markdown (test/fixtures/foreign: a Hugo site of runbooks with
 * `title`/`weight` front matter, a Hugo blog, READMEs, docs with `summary`/`tools`/`difficulty`)
 * gets no diagnostics from `alphanode check` (dist/cli.js) nor from the language server
 * (dist/server.js, open documents and the workspace scan), while the alphanode post placed
 * among them, identified by its front matter only, is still checked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fsFileAccess } from '../support/fileAccess';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { LspClient } from '../support/lspClient';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FOREIGN = join(FIXTURES, 'foreign');
const OURS = 'hugo-runbooks/content/runbooks/database/staging-parity.md';

interface Report {
  files: Array<{ path: string; diagnostics: Array<{ rule: string; severity: string; range: { start: { line: number } } }> }>;
  summary: { files: number; errors: number; warnings: number };
}

function check(args: string[], cwd: string): { status: number | null; report: Report; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

/** Every Markdown file of the tree, relative, forward slashes, sorted. */
function markdownFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((path) => /\.(md|markdown)$/.test(path))
    .map((path) => path.split(sep).join('/'))
    .sort();
}

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-foreign-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('foreign Markdown: alphanode check', () => {
  it('the fixture holds Hugo runbooks and a blog, READMEs and docs with front matter', () => {
    const files = markdownFiles(FOREIGN);
    assert.ok(files.length >= 12, files.join());
    for (const path of ['hugo-runbooks/content/runbooks/database/restore-from-backup.md', 'hugo-blog/content/posts/hello-world.md', 'docs/guide.md', 'README.md']) assert.ok(files.includes(path), path);
    assert.match(readFileSync(join(FOREIGN, 'hugo-runbooks/content/runbooks/database/restore-from-backup.md'), 'utf8'), /^---\ntitle: .*\nweight: 20\nsummary: .*\ntools: .*\ndifficulty: /);
  });

  it('the tree: only our post (not named *.post.md, found by its front matter) is reported, with its one error', () => {
    const { status, report } = check(['.'], FOREIGN);
    assert.equal(status, 1);
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => `${d.rule}:${d.severity}:${d.range.start.line}`)]), [[OURS, ['paragraph-count:error:60']]]);
    assert.deepEqual(report.summary, { files: 1, errors: 1, warnings: 0 });
  });

  it('without our post: exit 0 and an empty files list', () => {
    const copy = join(tmp, 'without');
    cpSync(FOREIGN, copy, { recursive: true });
    unlinkSync(join(copy, OURS));
    const { status, report, stderr } = check(['.'], copy);
    assert.equal(status, 0, stderr);
    assert.deepEqual(report, { files: [], summary: { files: 0, errors: 0, warnings: 0 } });
  });

  it('every file named on the command line: classified as the editor does, each foreign one skipped with a note, exit 1 only for our post', () => {
    const files = markdownFiles(FOREIGN);
    const { status, report, stderr } = check(files, FOREIGN);
    assert.equal(status, 1, stderr);
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => d.rule)]), [[OURS, ['paragraph-count']]]);
    const notes = stderr.trimEnd().split('\n');
    assert.deepEqual(notes.map((line) => /^alphanode: skipped (.+?): not a post: /.exec(line)?.[1]), files.filter((path) => path !== OURS));
    assert.match(notes[0], /no post glob matches its path \(default \*\*\/\*\.post\.md; `files` in \.alphanode\.yaml adds folders\) and its front matter does not identify one; see README "What is a post"$/);
  });

  it('a foreign README named alone: skipped with a note, exit 0, no diagnostics', () => {
    const result = spawnSync(process.execPath, [CLI, 'check', 'README.md'], { cwd: FOREIGN, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '0 files checked: 0 errors, 0 warnings.\n');
    assert.match(result.stderr, /^alphanode: skipped README\.md: not a post: [^\n]+\n$/);
  });

  it('a team that opts in with `files` gets its folder checked (folder globs are opt-in, not gone)', () => {
    const copy = join(tmp, 'opted-in');
    cpSync(FOREIGN, copy, { recursive: true });
    writeFileSync(join(copy, 'hugo-runbooks/.alphanode.yaml'), 'files: ["content/runbooks/network/*.md"]\n');
    const { report } = check(['.'], copy);
    assert.deepEqual(report.files.map((file) => file.path), [OURS, 'hugo-runbooks/content/runbooks/network/dns-failures.md']);
    assert.ok(report.files[1].diagnostics.filter((d) => d.rule === 'meta-required').length >= 10, 'the opted-in runbook is checked as a post');
  });
});

describe('foreign Markdown: the language server', () => {
  const folder = pathToFileURL(FOREIGN).href;
  let client: LspClient;
  after(() => client?.kill());

  it('the workspace scan publishes only our post; every foreign file opened gets no diagnostics', async () => {
    client = await LspClient.start({ workspaceFolder: folder, handlers: fsFileAccess().handlers });
    const ours = await client.waitForPublish((p) => p.uri === `${folder}/${OURS}`, 10_000, 'the scan of our post');
    assert.deepEqual(ours.diagnostics.map((d) => `${String(d.code)}:${d.severity}:${d.range.start.line}`), ['paragraph-count:1:60']);
    await client.settle(1_000);
    const published = [...new Set(client.publishes.map((p) => relative(FOREIGN, new URL(p.uri).pathname)))];
    assert.deepEqual(published, [OURS], 'the scan publishes nothing for foreign files');
    const foreign = markdownFiles(FOREIGN).filter((path) => path !== OURS);
    for (const path of foreign) {
      const uri = `${folder}/${path}`;
      await client.open(uri, readFileSync(join(FOREIGN, path), 'utf8'));
      assert.deepEqual(await client.waitForDiagnostics(uri, 1), [], path);
    }
    await client.open(`${folder}/${OURS}`, readFileSync(join(FOREIGN, OURS), 'utf8'));
    assert.deepEqual((await client.waitForDiagnostics(`${folder}/${OURS}`, 1)).map((d) => String(d.code)), ['paragraph-count']);
  });
});

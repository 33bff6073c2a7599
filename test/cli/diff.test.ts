/**
 * `alphanode diff` (the built CLI) on a real temporary git repository: the working tree
 * against HEAD or another revision, every output format, and the exit-2 cases.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parsePost } from '../../server/src/service';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
// Git without the machine's configuration: a fixed identity, no hooks or templates of the user.
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: GIT_ENV });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV });
  assert.equal(result.status, 0, result.stderr);
}

const seed = loadSeed('000');
const other = loadSeed('001');
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'alphanode-diff-')));
const repo = join(tmp, 'repo');
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The seed with one of each change the issue names: meta scalar, list item, nested map, checklist item changed and reordered, a rollback note added. */
const CHECKLIST = '- review query plans\n- add indexes carefully\n- test with realistic data\n';
const edited = [
  (text: string) => edit(text, 'difficulty: advanced', 'difficulty: intermediate'),
  (text: string) => edit(text, '  - pytest\n', '  - nose\n'),
  (text: string) => edit(text, '  freshness: 74', '  freshness: 80'),
  (text: string) => edit(text, CHECKLIST, '- review the query plans\n- test with realistic data\n- add indexes carefully\n'),
  (text: string) => edit(text, '## final notes\n', '```rollback\nowner: sam.lee\nexpected_result: indexes exist\nrollback: drop them\n```\n\n## final notes\n'),
].reduce((text, change) => change(text), seed);
const lineOf = (text: string, find: string) => parsePost(text).index.positionAt(text.lastIndexOf(find)).line + 1;

before(() => {
  mkdirSync(join(repo, 'posts'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'posts', 'staging.post.md'), seed);
  writeFileSync(join(repo, 'posts', 'gone.post.md'), other);
  writeFileSync(join(repo, 'posts', 'same.post.md'), loadSeed('002'));
  writeFileSync(join(repo, 'posts', 'notes.md'), '# notes\n\nnot a post\n');
  // Deleted since, but in a folder .alphanodeignore skips: a folder diff leaves it out, as check does.
  mkdirSync(join(repo, 'posts', 'drafts'));
  writeFileSync(join(repo, 'posts', 'drafts', 'old.post.md'), loadSeed('004'));
  writeFileSync(join(repo, '.alphanodeignore'), 'posts/drafts/\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'posts');
  writeFileSync(join(repo, 'posts', 'staging.post.md'), edited);
  unlinkSync(join(repo, 'posts', 'gone.post.md'));
  rmSync(join(repo, 'posts', 'drafts'), { recursive: true });
  writeFileSync(join(repo, 'posts', 'new.post.md'), loadSeed('003'));
  writeFileSync(join(repo, 'posts', 'notes.md'), '# notes\n\nstill not a post\n');
});

describe('alphanode diff: what changed, against HEAD', () => {
  it('json: meta scalar, list item, nested map, checklist item changed and reordered, rollback note added', () => {
    const result = run(['diff', '--format', 'json', 'posts/staging.post.md'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(JSON.parse(result.stdout), {
      base: 'HEAD',
      posts: [{
        post: 'posts/staging.post.md',
        status: 'modified',
        changes: [
          { area: 'meta', kind: 'changed', path: 'tools[1]', old: 'pytest', new: 'nose', line: lineOf(edited, '  - nose') },
          { area: 'meta', kind: 'changed', path: 'difficulty', old: 'advanced', new: 'intermediate', line: lineOf(edited, 'difficulty:') },
          { area: 'meta', kind: 'changed', path: 'score.freshness', old: 74, new: 80, line: lineOf(edited, '  freshness:') },
          { area: 'checklist', kind: 'changed', path: 'checklist[0]', old: 'review query plans', new: 'review the query plans', line: lineOf(edited, '- review the query plans') },
          { area: 'checklist', kind: 'reordered', path: 'checklist[2]', from: 'checklist[1]', old: 'add indexes carefully', new: 'add indexes carefully', line: lineOf(edited, '- add indexes carefully') },
          { area: 'rollback', kind: 'added', path: 'rollback["implementation checklist"]', new: { owner: 'sam.lee', expected_result: 'indexes exist', rollback: 'drop them' }, line: lineOf(edited, '```rollback') },
        ],
        notes: [],
      }],
    });
  });

  it('a folder: posts added and deleted found on both sides, unchanged posts counted, non-posts left out', () => {
    const result = run(['diff', 'posts'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.split('\n').filter((line) => !line.startsWith('  ')), [
      'posts/gone.post.md: deleted',
      '',
      'posts/new.post.md: added',
      '',
      'posts/staging.post.md: modified (6 changes)',
      '',
      '3 posts changed since HEAD (1 added, 1 deleted), 1 unchanged.',
      '',
    ]);
    const json = JSON.parse(run(['diff', '--format', 'json', 'posts'], repo).stdout) as { posts: Array<{ post: string; status: string }> };
    assert.deepEqual(json.posts.map((post) => `${post.post} ${post.status}`), [
      'posts/gone.post.md deleted', 'posts/new.post.md added', 'posts/same.post.md unchanged', 'posts/staging.post.md modified',
    ]);
  });

  it('a deleted post named by its path is reported deleted', () => {
    const result = run(['diff', '--format', 'json', 'posts/gone.post.md'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).posts, [{ post: 'posts/gone.post.md', status: 'deleted', changes: [], notes: [] }]);
  });

  it('text: one block per post, values as JSON, lines 1-based', () => {
    const result = run(['diff', 'posts/staging.post.md'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.split('\n').slice(0, 4), [
      'posts/staging.post.md: modified (6 changes)',
      `  meta       changed   tools[1]: "pytest" → "nose"  (line ${lineOf(edited, '  - nose')})`,
      `  meta       changed   difficulty: "advanced" → "intermediate"  (line ${lineOf(edited, 'difficulty:')})`,
      `  meta       changed   score.freshness: 74 → 80  (line ${lineOf(edited, '  freshness:')})`,
    ]);
    assert.equal(result.stdout.split('\n')[5], `  checklist  reordered checklist[2] (was checklist[1]): "add indexes carefully"  (line ${lineOf(edited, '- add indexes carefully')})`);
  });

  it('markdown: a table per post, every value escaped for a pull-request comment', () => {
    writeFileSync(join(repo, 'posts', 'same.post.md'), edit(loadSeed('002'), /^difficulty: .*$/m.exec(loadSeed('002'))![0], 'difficulty: "<img src=x onerror=alert(1)> | `x`"'));
    try {
      const result = run(['diff', '--format', 'markdown', 'posts/same.post.md'], repo);
      assert.equal(result.status, 0, result.stderr);
      const old = /^difficulty: (.*)$/m.exec(loadSeed('002'))![1];
      assert.equal(result.stdout, [
        '## Post changes since HEAD',
        '',
        '1 post changed since HEAD, 0 unchanged.',
        '',
        '### posts/same.post.md: modified',
        '',
        '| Part | Change | Where | Before | After |',
        '| --- | --- | --- | --- | --- |',
        `| meta | changed | difficulty | "${old}" | "&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\\`x\\\`" |`,
        '',
      ].join('\n'));
    } finally {
      writeFileSync(join(repo, 'posts', 'same.post.md'), loadSeed('002'));
    }
  });

  it('--base: another revision (a branch, or HEAD~1)', () => {
    git(repo, 'branch', 'before-edit');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'edit');
    assert.match(run(['diff', 'posts'], repo).stdout, /^0 posts changed since HEAD, 3 unchanged\.\n$/);
    for (const base of ['before-edit', 'HEAD~1']) {
      const result = run(['diff', '--base', base, '--format', 'json', 'posts'], repo);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as { base: string; posts: Array<{ post: string; status: string }> };
      assert.equal(json.base, base);
      assert.deepEqual(json.posts.map((post) => `${post.post} ${post.status}`).filter((line) => !line.endsWith('unchanged')), [
        'posts/gone.post.md deleted', 'posts/new.post.md added', 'posts/staging.post.md modified',
      ]);
    }
  });
});

describe('alphanode diff: exit 2', () => {
  it('an unknown revision, with a clear message (a ref like an option is a ref)', () => {
    for (const base of ['no-such-branch', '--output=/tmp/x']) {
      const result = run(['diff', `--base=${base}`, 'posts'], repo);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `alphanode: unknown revision ${JSON.stringify(base)} in ${repo} (use a branch, tag or commit, e.g. HEAD or origin/main; in CI, fetch it first).\n`);
    }
  });

  it('a path outside a git repository', () => {
    const outside = join(tmp, 'loose');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'a.post.md'), seed);
    const result = run(['diff', 'a.post.md'], outside);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, `alphanode: ${join(outside, 'a.post.md')} is not inside a git repository (diff compares posts with a git revision).\n`);
  });

  it('a named file in neither version, and bad usage', () => {
    const missing = run(['diff', 'posts/never.post.md'], repo);
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /^posts\/never\.post\.md: error: no such file, in the working tree or at the base revision\n/);
    const usage = run(['diff', '--format', 'yaml', 'posts'], repo);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^alphanode: unknown --format "yaml": use text, json or markdown\.\n/);
    assert.match(run(['diff'], repo).stderr, /^alphanode: diff needs at least one file or folder\.\n/);
  });
});

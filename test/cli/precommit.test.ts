/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) as pre-commit runs them: the staged files
 * filtered by the hook's `files` pattern, appended to its `entry`, with `alphanode` on PATH
 * (here a shim for the built dist/cli.js, as the installed package's bin is).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';

interface Hook { id: string; name: string; entry: string; language: string; files: string }
const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-precommit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(tmp, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'alphanode'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'dist', 'cli.js')}" "$@"\n`);
chmodSync(join(bin, 'alphanode'), 0o755);

const seed = loadSeed('000');
const broken = edit(seed, 'paragraphs: 5', 'paragraphs: 6');
const line = seed.split('\n').indexOf('  paragraphs: 5') + 1;

function repository(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, relative)), { recursive: true });
    writeFileSync(join(dir, relative), text);
  }
  return dir;
}

/** What pre-commit does with a hook: filter the staged files by `files`, split `entry` (shlex), append them. */
function runHook(id: string, cwd: string, staged: string[]): { status: number | null; stdout: string; stderr: string; files: string[] } {
  const hook = hooks.find((candidate) => candidate.id === id);
  if (!hook) throw new Error(`no hook ${id}`);
  const files = staged.filter((file) => new RegExp(hook.files).test(file));
  const [command, ...args] = hook.entry.split(/\s+/);
  const result = spawnSync(command, [...args, ...files], { cwd, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, files };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares alphanode and alphanode-fix: node hooks on .md files, running alphanode check (with --fix)', () => {
    assert.deepEqual(hooks.map(({ id, entry, language, files }) => ({ id, entry, language, files })), [
      { id: 'alphanode', entry: 'alphanode check', language: 'node', files: '\\.md$' },
      { id: 'alphanode-fix', entry: 'alphanode check --fix', language: 'node', files: '\\.md$' },
    ]);
  });

  it('alphanode: checks the staged posts only (not the image, not the .mdx), exit 1 with the problem', () => {
    const cwd = repository('check', { 'posts/good.post.md': seed, 'posts/six.post.md': broken, 'media/chart.png': 'png', 'site/page.mdx': '# x\n' });
    const result = runHook('alphanode', cwd, ['media/chart.png', 'posts/good.post.md', 'posts/six.post.md', 'site/page.mdx']);
    assert.deepEqual(result.files, ['posts/good.post.md', 'posts/six.post.md']);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, `posts/six.post.md:${line}:15: error paragraph-count payload.paragraphs is 6 but the body has 5 prose paragraphs.\n2 files checked: 1 error, 0 warnings.\n`);
  });

  it('alphanode-fix: fixes the staged post in place (pre-commit then fails the commit on the change) and passes', () => {
    const cwd = repository('fix', { 'posts/six.post.md': broken });
    const result = runHook('alphanode-fix', cwd, ['posts/six.post.md']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'posts/six.post.md: fixed 1 problem\n1 file checked: 0 errors, 0 warnings.\n');
    assert.equal(readFileSync(join(cwd, 'posts', 'six.post.md'), 'utf8'), seed);
  });

  it('skips the non-posts among the staged files (a README, another site\'s front matter)', () => {
    const cwd = repository('foreign', { 'README.md': '# Runbooks\n\nOur posts live in posts/.\n', 'docs/guide.md': '---\ntitle: Guide\nweight: 3\n---\n\n# Guide\n', 'posts/good.post.md': seed });
    const result = runHook('alphanode', cwd, ['README.md', 'docs/guide.md', 'posts/good.post.md']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings.\n');
    assert.match(result.stderr, /skipped README\.md: not a post/);
    assert.match(result.stderr, /skipped docs\/guide\.md: not a post/);
  });
});

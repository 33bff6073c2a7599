/**
 * `alphanode check --format github` (workflow commands that annotate a pull request) and the
 * composite action at the repository root (action.yml): its steps' scripts run as the runner
 * runs them (`bash --noprofile --norc -eo pipefail`), with `${{ … }}` in their `env` filled in as
 * GitHub fills it, on a fixture tree, and the exact annotation lines are asserted.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { escapeData, escapeProperty } from '../../server/src/cli/github';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';
import { ACTION as action, runAction } from '../support/githubAction';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-action-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const seed = loadSeed('000');
/** A tree as a repository holds it: posts, a post with `,` in its name, one with a warning, and a README. */
function fixtureTree(name: string): string {
  const dir = join(tmp, name);
  const files: Record<string, string> = {
    'posts/good.post.md': seed,
    'posts/six,1.post.md': edit(seed, 'paragraphs: 5', 'paragraphs: 6'),
    'posts/typo.post.md': edit(seed, 'reading_time: 7\n', 'reading_time: 7\nreading_tme%: 7\n'),
    'README.md': '# Runbooks\n\nOur posts live in posts/.\n',
  };
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, relative)), { recursive: true });
    writeFileSync(join(dir, relative), text);
  }
  return dir;
}

const paragraphsLine = seed.split('\n').indexOf('  paragraphs: 5') + 1;
const typoLine = seed.split('\n').indexOf('reading_time: 7') + 2;
const SIX = `::error file=posts/six%2C1.post.md,line=${paragraphsLine},col=15,endLine=${paragraphsLine},endColumn=16,title=paragraph-count::payload.paragraphs is 6 but the body has 5 prose paragraphs.`;
const TYPO = `::warning file=posts/typo.post.md,line=${typoLine},col=1,endLine=${typoLine},endColumn=13,title=meta-unknown-key::Unknown key "reading_tme%25": it looks like "reading_time", which is already set; remove one of them.`;

describe('alphanode check --format github', () => {
  it('one workflow command per diagnostic, 1-based, properties escaped, then the summary; exit 1 on errors', () => {
    const cwd = fixtureTree('format');
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'github', 'posts'], { cwd, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, `${SIX}\n${TYPO}\n3 files checked: 1 error, 1 warning.\n`);
    assert.equal(result.stderr, '');
  });

  it('an absolute path inside the working folder is annotated relative to it; an unreadable file is an error without a position', () => {
    const cwd = fixtureTree('absolute');
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'github', join(cwd, 'posts', 'six,1.post.md'), 'gone.post.md'], { cwd, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, `${SIX}\n::error file=gone.post.md::cannot read: no such file or folder\n1 file checked: 1 error, 0 warnings; 1 file could not be read.\n`);
  });

  it('--fix says what it fixed as a notice', () => {
    const cwd = fixtureTree('fix');
    const result = spawnSync(process.execPath, [CLI, 'check', '--fix', '--format', 'github', 'posts/six,1.post.md'], { cwd, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '::notice file=posts/six%2C1.post.md::fixed 1 problem\n1 file checked: 0 errors, 0 warnings.\n');
    assert.equal(readFileSync(join(cwd, 'posts', 'six,1.post.md'), 'utf8'), seed);
  });

  it("escapes as the runner reads it (actions/toolkit's escapeData and escapeProperty)", () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
    assert.equal(escapeData('%0A'), '%250A', 'an escape already in the text is not read as one');
  });
});

const run = (cwd: string, inputs: Record<string, string>) => runAction(cwd, inputs, { runnerTemp: tmp });

describe('action.yml (composite action)', () => {
  it('declares the inputs paths, config, max-warnings, format and sarif-file, and splices none into a script', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'config', 'max-warnings', 'format', 'sarif-file']);
    assert.equal(action.inputs.format.default, 'github');
    for (const step of action.runs.steps) {
      assert.equal(step.shell, 'bash');
      assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs reach the script through env, never spliced into it`);
    }
  });

  it('annotates the posts of a folder (github format), skips the README, and fails the step on errors', async () => {
    const cwd = fixtureTree('action');
    const result = await run(cwd, { paths: 'posts' });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, `${SIX}\n${TYPO}\n3 files checked: 1 error, 1 warning.\n`);
  });

  it('several paths (one per line), --max-warnings, and SARIF written to sarif-file', async () => {
    const cwd = fixtureTree('action-sarif');
    const paths = '  posts/good.post.md\n\nposts/typo.post.md\n';
    const passing = await run(cwd, { paths, 'sarif-file': 'alphanode.sarif' });
    assert.equal(passing.status, 0, passing.stderr);
    assert.equal(passing.stdout, `${TYPO}\n2 files checked: 0 errors, 1 warning.\n`);
    const sarif = JSON.parse(readFileSync(join(cwd, 'alphanode.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    assert.deepEqual(sarif.runs[0].results.map((result) => [result.ruleId, result.locations[0].physicalLocation.artifactLocation.uri]), [['meta-unknown-key', 'posts/typo.post.md']]);

    const strict = await run(cwd, { paths, 'max-warnings': '0', 'sarif-file': 'strict.sarif' });
    assert.equal(strict.status, 1);
    assert.equal(strict.stdout, `${TYPO}\n2 files checked: 0 errors, 1 warning.\n`);
    assert.match(strict.stderr, /1 warnings, more than --max-warnings 0 allows/);
    assert.ok(existsSync(join(cwd, 'strict.sarif')), 'the SARIF is written even when the check fails');
  });

  it('config applies one template to every post; format text is the plain text output', async () => {
    const cwd = fixtureTree('action-config');
    writeFileSync(join(cwd, 'team.yaml'), 'rules:\n  meta-unknown-key: off\n  paragraph-count: warning\n');
    const result = await run(cwd, { paths: 'posts', config: 'team.yaml', format: 'text' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `posts/six,1.post.md:${paragraphsLine}:15: warning paragraph-count payload.paragraphs is 6 but the body has 5 prose paragraphs.\n3 files checked: 0 errors, 1 warning.\n`);
  });
});

/**
 * `alphanode check --fix` (the built dist/cli.js) on temp copies of the fix fixtures
 * (test/fixtures/fixes/*.before.post.md): the file written is what the core's fixAll gives,
 * nothing fix-all could still change is left, a second run changes no byte and fixes
 * nothing, and the JSON output counts the fixes per file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzePost, fixAll, parsePost, RULES } from '../../server/src/service';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FIXES_DIR = join(FIXTURES, 'fixes');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-cli-fix-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface JsonReport {
  files: Array<{ path: string; fixed?: number; error?: string; diagnostics: Array<{ rule: string; severity: string; message: string }> }>;
  summary: { files: number; errors: number; warnings: number };
}

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], cwd: string): { status: number | null; report: JsonReport } {
  const result = run(['check', '--format', 'json', ...args], cwd);
  assert.equal(result.stderr, '');
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
}

/** Findings fix-all would still act on: a preferred fix that is not a client command. */
const fixableLeft = (text: string) => analyzePost(parsePost(text)).filter((finding) => finding.fixes.some((fix) => fix.preferred && !fix.command)).map((finding) => String(finding.diagnostic.code));
const befores = readdirSync(FIXES_DIR).filter((name) => name.endsWith('.before.post.md')).sort();
const ruleOf = (name: string) => name.slice(0, -'.before.post.md'.length);

/** A fresh folder (no .alphanode.yaml above it: the default template) holding `files`. */
function folderWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmp, 'case-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('alphanode check --fix on every fix fixture', () => {
  it('there is a before fixture for every fixable rule', () => {
    assert.deepEqual(befores.map(ruleOf), RULES.filter((rule) => rule.fixable).map((rule) => rule.id).sort());
  });

  for (const name of befores) {
    const rule = ruleOf(name);
    it(`${rule}: writes fixAll's text, leaves nothing fixable, reports the fixes; a second run changes nothing`, () => {
      const before = readFileSync(join(FIXES_DIR, name), 'utf8');
      const dir = folderWith({ 'post.post.md': before });
      const file = join(dir, 'post.post.md');
      const expected = fixAll(before);

      const first = json(['--fix', 'post.post.md'], dir);
      const written = readFileSync(file, 'utf8');
      assert.equal(written, expected.text);
      assert.deepEqual(fixableLeft(written), [], 'no finding with a preferred (non-command) fix is left');
      assert.equal(first.report.files.length, 1);
      assert.equal(first.report.files[0].fixed, expected.applied);
      assert.equal(first.report.files[0].fixed! > 0, rule !== 'rollback-missing', 'only command fixes: nothing written');
      // What is reported is what is left in the written file.
      assert.deepEqual(first.report.files[0].diagnostics.map((d) => d.rule), analyzePost(parsePost(written)).map((f) => String(f.diagnostic.code)));
      assert.equal(first.status, first.report.summary.errors > 0 ? 1 : 0);

      const bytes = readFileSync(file);
      const second = json(['--fix', 'post.post.md'], dir);
      assert.deepEqual(readFileSync(file), bytes, 'the second --fix changes no byte');
      assert.ok(second.report.files[0].fixed === 0 || second.report.files[0].fixed === undefined, `fixed ${second.report.files[0].fixed}`);
      assert.deepEqual(second.report.files[0].diagnostics, first.report.files[0].diagnostics);
    });
  }
});

describe('alphanode check --fix: output and file handling', () => {
  it('a folder of every before fixture: JSON `fixed` per file, each equal to fixAll\'s count; then 0 everywhere', () => {
    const dir = mkdtempSync(join(tmp, 'folder-'));
    mkdirSync(join(dir, 'posts'));
    for (const name of befores) copyFileSync(join(FIXES_DIR, name), join(dir, 'posts', `${ruleOf(name)}.post.md`));
    const first = json(['--fix', 'posts'], dir);
    assert.deepEqual(
      first.report.files.map((file) => [file.path, file.fixed]),
      befores.map((name) => [join('posts', `${ruleOf(name)}.post.md`), fixAll(readFileSync(join(FIXES_DIR, name), 'utf8')).applied]),
    );
    const second = json(['--fix', 'posts'], dir);
    assert.deepEqual(second.report.files.map((file) => file.fixed ?? 0), befores.map(() => 0));
    // After the fix only the rollback placeholders are left (and rollback-missing, whose fix needs the editor).
    assert.deepEqual([...new Set(second.report.files.flatMap((file) => file.diagnostics.map((d) => d.rule)))].sort(), ['rollback-fields', 'rollback-missing']);
  });

  it('text output: a `fixed N problems` line for a file that changed, none on the second run', () => {
    const before = readFileSync(join(FIXES_DIR, 'checklist-item.before.post.md'), 'utf8');
    const dir = folderWith({ 'list.post.md': before });
    const first = run(['check', '--fix', 'list.post.md'], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, `list.post.md: fixed ${fixAll(before).applied} problems\n1 file checked: 0 errors, 0 warnings.\n`);
    const second = run(['check', '--fix', 'list.post.md'], dir);
    assert.equal(second.stdout, '1 file checked: 0 errors, 0 warnings.\n');
  });

  it('without --fix the file is not written and JSON has no `fixed`', () => {
    const before = readFileSync(join(FIXES_DIR, 'paragraph-count.before.post.md'), 'utf8');
    const dir = folderWith({ 'p.post.md': before });
    const { status, report } = json(['p.post.md'], dir);
    assert.equal(status, 1);
    assert.equal(readFileSync(join(dir, 'p.post.md'), 'utf8'), before);
    assert.equal('fixed' in report.files[0], false);
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.rule), ['paragraph-count']);
  });

  it('a file with a BOM keeps its BOM (and nothing else changes but the fix)', () => {
    const before = readFileSync(join(FIXES_DIR, 'paragraph-count.before.post.md'), 'utf8');
    const after = readFileSync(join(FIXES_DIR, 'paragraph-count.after.post.md'), 'utf8');
    const dir = folderWith({ 'bom.post.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(before, 'utf8')]) });
    const { status, report } = json(['--fix', 'bom.post.md'], dir);
    assert.equal(status, 0);
    assert.equal(report.files[0].fixed, 1);
    const written = readFileSync(join(dir, 'bom.post.md'));
    assert.deepEqual([...written.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(written.subarray(3).toString('utf8'), after);
    // The second run leaves the bytes, BOM included.
    json(['--fix', 'bom.post.md'], dir);
    assert.deepEqual(readFileSync(join(dir, 'bom.post.md')), written);
  });

  it('a CRLF file stays CRLF', () => {
    const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    const before = readFileSync(join(FIXES_DIR, 'meta-required.before.post.md'), 'utf8');
    const after = readFileSync(join(FIXES_DIR, 'meta-required.after.post.md'), 'utf8');
    const dir = folderWith({ 'crlf.post.md': crlf(before) });
    assert.equal(json(['--fix', 'crlf.post.md'], dir).status, 0);
    assert.equal(readFileSync(join(dir, 'crlf.post.md'), 'utf8'), crlf(after));
  });

  it('broken-example with --owner NAME: the file written is fixAll\'s text with that owner, and it checks clean', () => {
    const text = readFileSync(join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8');
    const dir = folderWith({ 'broken-example.post.md': text });
    const { status, report } = json(['--fix', '--owner', 'Dana Ops', 'broken-example.post.md'], dir);
    assert.equal(status, 0, 'the owner fix leaves no error behind');
    assert.equal(report.files[0].fixed, 6);
    const written = readFileSync(join(dir, 'broken-example.post.md'), 'utf8');
    assert.equal(written, fixAll(text, { owner: 'Dana Ops' }).text);
    assert.ok(written.includes('rehearsed: "2026-10-02"\nowner: Dana Ops\n```'), 'the owner ends the note the fix completes');
    assert.deepEqual(report.files[0].diagnostics, []);
    assert.equal(run(['check', '--fix', '--owner', ' ', 'broken-example.post.md'], dir).status, 2, 'an empty --owner is bad usage');
  });

  it('without --owner: git\'s user.name of the folder, else the OS user (the editor\'s chain, less its setting)', () => {
    const text = readFileSync(join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8');
    const ownerLine = (dir: string) => readFileSync(join(dir, 'broken-example.post.md'), 'utf8').split('\n').find((line) => line.startsWith('owner:'));
    const repo = folderWith({ 'broken-example.post.md': text });
    const git = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).status, 0, `git ${args.join(' ')}`);
    git('init', '-q');
    git('config', 'user.name', 'Git Person');
    assert.equal(json(['--fix', 'broken-example.post.md'], repo).status, 0);
    assert.equal(ownerLine(repo), 'owner: Git Person');
    // No repository and no global user.name (an empty HOME): the OS user.
    const home = mkdtempSync(join(tmp, 'home-'));
    const plain = folderWith({ 'broken-example.post.md': text });
    const result = spawnSync(process.execPath, [CLI, 'check', '--fix', 'broken-example.post.md'], { cwd: plain, encoding: 'utf8', env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: tmp } });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(ownerLine(plain), `owner: ${userInfo().username}`);
  });
});

describe('alphanode check --fix runs to a fixed point (issue 13)', () => {
  it('a front matter missing most keys (17 passes, past the old silent bound of 10): one run fixes it all, a second changes no byte', () => {
    const seed = readFileSync(join(FIXTURES, 'seeds', '000_4c4f1146a33b6d7b.post.md'), 'utf8');
    const sparse = `---\ntopic: keeping staging close to production / python services\n---\n${seed.slice(seed.indexOf('\n---\n', 4) + 5)}`;
    const expected = fixAll(sparse);
    assert.deepEqual([expected.passes > 10, expected.converged], [true, true]);
    const dir = folderWith({ 'sparse.post.md': sparse });
    const first = json(['--fix', 'sparse.post.md'], dir);
    assert.equal(first.status, 1, 'the placeholders are still errors');
    assert.equal(first.report.files[0].fixed, expected.applied);
    const written = readFileSync(join(dir, 'sparse.post.md'));
    assert.equal(written.toString('utf8'), expected.text);
    const second = json(['--fix', 'sparse.post.md'], dir);
    assert.deepEqual(readFileSync(join(dir, 'sparse.post.md')), written, 'the second --fix changes no byte');
    assert.equal(second.report.files[0].fixed ?? 0, 0);
  });

  it('deleting image_sources: --fix leaves has_images: 1 under the body image, and writes nothing', () => {
    const seed = readFileSync(join(FIXTURES, 'seeds', '000_4c4f1146a33b6d7b.post.md'), 'utf8');
    const noSources = seed.replace(/^image_sources:\n(?: {2}.*\n|\s{4}.*\n)+/m, '');
    assert.ok(!noSources.includes('image_sources') && noSources.includes('  has_images: 1\n'));
    const dir = folderWith({ 'images.post.md': noSources });
    const { status, report } = json(['--fix', 'images.post.md'], dir);
    assert.equal(status, 1);
    assert.equal(readFileSync(join(dir, 'images.post.md'), 'utf8'), noSources);
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.rule), ['flags-consistency', 'image-sources']);
  });
});

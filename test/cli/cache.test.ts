/**
 * `alphanode check --cache` (the built dist/cli.js): a hit gives the stored result without
 * checking the file again (proved by a stored message the checker would never write), a
 * change of content or template checks again, a corrupt, truncated or foreign cache is
 * ignored with a note, two runs at once leave a valid cache, a run that changes nothing
 * writes nothing, and `--fix` updates it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parsePost, validatePost } from '../../server/src/service';
import { generatePosts } from '../support/corpus';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-cli-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface JsonReport {
  files: Array<{ path: string; fixed?: number; diagnostics: Array<{ rule: string; severity: string; message: string }> }>;
  summary: { files: number; errors: number; warnings: number };
}

interface CacheData {
  format: string;
  version: string;
  entries: Record<string, { content: string; diagnostics: Array<{ message: string }> | null; fixedPoint: boolean; day?: string }>;
}

function check(cwd: string, ...args: string[]): { status: number | null; report: JsonReport; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

/** The note every `--cache` run ends with. */
const summaryNote = (checked: number, unchanged: number, location: string) =>
  `alphanode: --cache: ${checked} file${checked === 1 ? '' : 's'} checked, ${unchanged} unchanged (${location})\n`;

/** A fresh folder with the clean seed and the seed with one paragraph-count error. */
function project(name: string): { dir: string; cache: string } {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'posts'), { recursive: true });
  writeFileSync(join(dir, 'posts', 'a.post.md'), loadSeed('000'));
  writeFileSync(join(dir, 'posts', 'b.post.md'), edit(loadSeed('001'), 'paragraphs: 7', 'paragraphs: 9'));
  return { dir, cache: join(dir, '.alphanodecache') };
}

const readCache = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CacheData;
const messages = (report: JsonReport) => report.files.map((file) => [file.path, file.diagnostics.map((d) => `${d.rule} ${d.message}`)]);
const expected = (text: string) => validatePost(parsePost(text)).map((d) => `${String(d.code)} ${String(d.message)}`);

describe('alphanode check --cache', () => {
  it('a first run checks every file and writes .alphanodecache; an unchanged re-run reuses every result', () => {
    const { dir, cache } = project('hit');
    const cold = check(dir, '--cache', 'posts');
    assert.equal(cold.status, 1);
    assert.equal(cold.stderr, summaryNote(2, 0, cache));
    const b = readFileSync(join(dir, 'posts', 'b.post.md'), 'utf8');
    assert.deepEqual(messages(cold.report), [['posts/a.post.md', []], ['posts/b.post.md', expected(b)]]);
    assert.ok(expected(b).length > 0);
    const data = readCache(cache);
    assert.equal(data.format, 'alphanode-check-cache/1');
    assert.deepEqual(Object.keys(data.entries).sort(), [join(dir, 'posts', 'a.post.md'), join(dir, 'posts', 'b.post.md')]);
    assert.equal(data.entries[join(dir, 'posts', 'b.post.md')].content, createHash('sha256').update(b).digest('hex'));

    // A message the checker never writes: only a cache hit can print it.
    data.entries[join(dir, 'posts', 'b.post.md')].diagnostics![0].message = 'from the cache';
    writeFileSync(cache, JSON.stringify(data));
    const warm = check(dir, '--cache', 'posts');
    assert.equal(warm.status, 1);
    assert.equal(warm.stderr, summaryNote(0, 2, cache));
    assert.equal(warm.report.files[1].diagnostics[0].message, 'from the cache');
    assert.deepEqual(warm.report.summary, cold.report.summary);
  });

  it('a re-run that changes nothing writes nothing; a file gone from the folder drops its entry', () => {
    const { dir, cache } = project('unchanged');
    check(dir, '--cache', 'posts');
    // Bytes that read the same: a rewrite would leave the trailing line break out.
    const text = `${readFileSync(cache, 'utf8')}\n`;
    writeFileSync(cache, text);
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(0, 2, cache));
    assert.equal(readFileSync(cache, 'utf8'), text);
    rmSync(join(dir, 'posts', 'a.post.md'));
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(0, 1, cache));
    assert.deepEqual(Object.keys(readCache(cache).entries), [join(dir, 'posts', 'b.post.md')]);
  });

  it('a changed file is checked again, the others are not', () => {
    const { dir, cache } = project('content');
    check(dir, '--cache', 'posts');
    const fixedB = loadSeed('001');
    writeFileSync(join(dir, 'posts', 'b.post.md'), fixedB);
    const rerun = check(dir, '--cache', 'posts');
    assert.equal(rerun.status, 0);
    assert.equal(rerun.stderr, summaryNote(1, 1, cache));
    assert.deepEqual(messages(rerun.report), [['posts/a.post.md', []], ['posts/b.post.md', []]]);
    assert.equal(readCache(cache).entries[join(dir, 'posts', 'b.post.md')].content, createHash('sha256').update(fixedB).digest('hex'));
  });

  it('a changed template checks again every post it governs', () => {
    const { dir, cache } = project('template');
    writeFileSync(join(dir, '.alphanode.yaml'), 'rules:\n  paragraph-count: warning\n');
    const first = check(dir, '--cache', 'posts');
    assert.deepEqual(first.report.files[1].diagnostics.map((d) => `${d.rule} ${d.severity}`), ['paragraph-count warning']);
    writeFileSync(join(dir, '.alphanode.yaml'), 'rules:\n  paragraph-count: off\n');
    const rerun = check(dir, '--cache', 'posts');
    assert.equal(rerun.stderr, summaryNote(2, 0, cache));
    assert.deepEqual(rerun.report.files[1].diagnostics, []);
    // A template added nearer to one post re-checks that post only.
    writeFileSync(join(dir, 'posts', '.alphanode.yaml'), 'rules:\n  paragraph-count: off\n');
    writeFileSync(join(dir, 'posts', 'sub.post.md'), loadSeed('002'));
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(3, 0, cache));
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(0, 3, cache));
    assert.equal(check(dir, '--cache', '--config', '.alphanode.yaml', 'posts').stderr, summaryNote(3, 0, cache), '--config is another template');
  });

  it('a file named on the command line is classified as in its folder run: a non-post is skipped with a note, also from the cache', () => {
    const { dir, cache } = project('named');
    writeFileSync(join(dir, 'posts', 'notes.md'), '# just notes\n');
    check(dir, '--cache', 'posts');
    const skipped = 'alphanode: skipped posts/notes.md: not a post: no post glob matches its path (default **/*.post.md; `files` in .alphanode.yaml adds folders) and its front matter does not identify one; see README "What is a post"\n';
    const first = check(dir, '--cache', 'posts/notes.md');
    assert.equal(first.stderr, summaryNote(1, 0, cache) + skipped);
    assert.deepEqual(first.report.files, []);
    const again = check(dir, '--cache', 'posts/notes.md');
    assert.equal(again.stderr, summaryNote(0, 1, cache) + skipped);
    assert.deepEqual(again.report.files, []);
  });

  for (const [name, content, note] of [
    ['truncated', null, 'it is not valid JSON (corrupt or truncated)'],
    ['garbage', '\u0000\u0001 not json', 'it is not valid JSON (corrupt or truncated)'],
    ['foreign', '{"eslint": true}', 'it is not an alphanode cache'],
    ['array', '[1, 2, 3]', 'it is not an alphanode cache'],
    ['bad entry', 'ENTRY', 'its entry for "PATH" is malformed'],
  ] as const) {
    it(`a ${name} cache is ignored with a note, the run is as without it, and it is rewritten`, () => {
      const { dir, cache } = project(`corrupt-${name.replace(' ', '-')}`);
      const plain = check(dir, 'posts');
      check(dir, '--cache', 'posts');
      const whole = readFileSync(cache, 'utf8');
      const path = join(dir, 'posts', 'b.post.md');
      let text = content ?? whole.slice(0, Math.floor(whole.length / 2));
      if (content === 'ENTRY') {
        const data = readCache(cache);
        (data.entries[path].diagnostics as unknown[]).push({ message: 'no range', code: 'x' });
        text = JSON.stringify(data);
      }
      writeFileSync(cache, text);
      const run = check(dir, '--cache', 'posts');
      assert.equal(run.stderr, `alphanode: ignored the cache ${cache}: ${note.replace('PATH', path)}; it will be rewritten\n${summaryNote(2, 0, cache)}`);
      assert.equal(run.status, plain.status);
      assert.deepEqual(run.report, plain.report);
      assert.equal(readCache(cache).format, 'alphanode-check-cache/1');
      assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(0, 2, cache));
    });
  }

  it('a cache location that cannot be written costs only the speed: a note, the usual report and exit code', () => {
    const { dir } = project('unwritable');
    mkdirSync(join(dir, 'cache-folder'));
    const location = join(dir, 'cache-folder');
    const run = check(dir, '--cache', '--cache-location', 'cache-folder', 'posts');
    assert.equal(run.status, 1);
    assert.equal(run.report.summary.files, 2);
    const lines = run.stderr.split('\n');
    assert.match(lines[0], new RegExp(`^alphanode: ignored the cache ${location}: cannot read it \\(.*EISDIR`));
    assert.match(lines[1], new RegExp(`^alphanode: could not write the cache ${location}: .*`));
    assert.equal(lines[2], summaryNote(2, 0, location).trimEnd());
  });

  it('--cache-location puts the cache elsewhere; a cache of another version is ignored silently', () => {
    const { dir } = project('location');
    const location = join(dir, 'build', 'check.cache');
    mkdirSync(join(dir, 'build'));
    assert.equal(check(dir, '--cache', '--cache-location', 'build/check.cache', 'posts').stderr, summaryNote(2, 0, location));
    const data = readCache(location);
    data.version = '0.0.0-older';
    writeFileSync(location, JSON.stringify(data));
    assert.equal(check(dir, '--cache', '--cache-location', 'build/check.cache', 'posts').stderr, summaryNote(2, 0, location));
    assert.equal(check(dir, '--cache', '--cache-location', 'build/check.cache', 'posts').stderr, summaryNote(0, 2, location));
  });

  it('two runs at once leave a valid cache (each writes a whole file and renames it into place)', async () => {
    const dir = join(tmp, 'concurrent');
    mkdirSync(dir);
    // Enough posts for the worker threads, so both runs overlap for a while.
    generatePosts(200, 5).forEach((text, i) => writeFileSync(join(dir, `${String(i).padStart(3, '0')}.post.md`), text));
    const runOnce = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', '--cache', '.'], { cwd: dir });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout }));
      });
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all([runOnce(), runOnce()]);
      for (const run of runs) {
        assert.equal(run.code, 0);
        assert.equal((JSON.parse(run.stdout) as JsonReport).summary.files, 200);
      }
      const data = readCache(join(dir, '.alphanodecache'));
      assert.equal(Object.keys(data.entries).length, 200);
    }
    assert.equal(check(dir, '--cache', '.').stderr, summaryNote(0, 200, join(dir, '.alphanodecache')));
  });

  it('--fix fixes what a plain run cached, and caches the fixed text', () => {
    const { dir, cache } = project('fix');
    check(dir, '--cache', 'posts');
    const fix = check(dir, '--cache', '--fix', 'posts');
    assert.equal(fix.stderr, summaryNote(2, 0, cache), 'a plain run\'s entries do not say that nothing is left to fix');
    assert.deepEqual(fix.report.files.map((file) => file.fixed), [0, 1]);
    assert.equal(fix.status, 0);
    const fixedText = readFileSync(join(dir, 'posts', 'b.post.md'), 'utf8');
    assert.equal(readCache(cache).entries[join(dir, 'posts', 'b.post.md')].content, createHash('sha256').update(fixedText).digest('hex'));
    const again = check(dir, '--cache', '--fix', 'posts');
    assert.equal(again.stderr, summaryNote(0, 2, cache));
    assert.deepEqual(again.report.files.map((file) => file.fixed), [0, 0]);
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(0, 2, cache));
  });

  it('a post with a date in the future is checked again the next day; other posts keep their result', () => {
    const { dir, cache } = project('dates');
    const future = edit(loadSeed('002'), 'last_reviewed: "2019-01-23"', 'last_reviewed: "2999-01-01"');
    writeFileSync(join(dir, 'posts', 'future.post.md'), future);
    const first = check(dir, '--cache', 'posts');
    assert.ok(first.report.files[2].diagnostics.some((d) => d.message.includes('a date in the future')), JSON.stringify(first.report.files[2]));
    const data = readCache(cache);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(data.entries[join(dir, 'posts', 'future.post.md')].day, today);
    assert.equal(data.entries[join(dir, 'posts', 'a.post.md')].day, undefined);
    // As if written yesterday.
    data.entries[join(dir, 'posts', 'future.post.md')].day = '2000-01-01';
    writeFileSync(cache, JSON.stringify(data));
    assert.equal(check(dir, '--cache', 'posts').stderr, summaryNote(1, 2, cache));
  });

  it('bad usage: --cache-location without --cache, or empty', () => {
    for (const args of [['--cache-location', 'x'], ['--cache', '--cache-location', '']]) {
      const result = spawnSync(process.execPath, [CLI, 'check', ...args, 'posts'], { cwd: tmp, encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr.split('\n')[0], args[0] === '--cache' ? 'alphanode: --cache-location needs a file name.' : 'alphanode: --cache-location needs --cache.');
    }
  });
});

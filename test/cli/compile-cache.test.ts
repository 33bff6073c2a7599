/**
 * The CLI's compile cache (server/src/cli/compileCache.ts): the bin loads its bundle through
 * V8's code cache. Each case runs real node processes, since an entry is written when the
 * process that compiled it exits: a changed bundle of the same length never runs the old
 * code, an accepted entry is not rewritten, a corrupt one is replaced, a folder others may
 * write is not used, runs at once leave one whole entry, and the built CLI gives the same
 * results with the cache, without it, and from it (worker threads included).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheEntryName, defaultCacheFolder, KEPT_VERSIONS } from '../../server/src/cli/compileCache';
import { generatePosts } from '../support/corpus';
import { REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const LOADER = join(REPO_ROOT, 'out', 'server', 'src', 'cli', 'compileCache.js');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-compile-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder for entries (0700, as the loader makes them). */
function cacheFolder(): string {
  const folder = join(tmp, `cache-${folders++}`);
  mkdirSync(folder, { mode: 0o700 });
  return folder;
}

/** Node code that loads `bundle` through the compile cache in `folder` and prints its exports as JSON. */
const loadScript = (bundle: string, folder: string) =>
  `const { requireWithCompileCache } = require(${JSON.stringify(LOADER)});
   process.stdout.write(JSON.stringify(requireWithCompileCache(${JSON.stringify(bundle)}, 'test', ${JSON.stringify(folder)})));`;

function load(bundle: string, folder: string): unknown {
  const result = spawnSync(process.execPath, ['-e', loadScript(bundle, folder)], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

const entries = (folder: string) => readdirSync(folder).sort();

describe('the compile cache (requireWithCompileCache)', () => {
  it('runs the bundle as require would (exports, require, module, __filename, __dirname) and writes one entry at exit', () => {
    const folder = cacheFolder();
    const bundle = join(tmp, 'shape.js');
    writeFileSync(bundle, "module.exports = { file: __filename, dir: __dirname, join: require('node:path').join('a', 'b'), isExports: this === exports };\n");
    const source = readFileSync(bundle);
    assert.deepEqual(load(bundle, folder), { file: bundle, dir: tmp, join: join('a', 'b'), isExports: true });
    assert.deepEqual(entries(folder), [cacheEntryName(bundle, source, 'test')]);
  });

  it('never runs cached code for another bundle of the same length: the entry is keyed by content', () => {
    const folder = cacheFolder();
    const bundle = join(tmp, 'same-length.js');
    writeFileSync(bundle, "module.exports = 'A';\n");
    assert.equal(load(bundle, folder), 'A');
    assert.equal(load(bundle, folder), 'A');
    writeFileSync(bundle, "module.exports = 'B';\n");
    assert.equal(load(bundle, folder), 'B');
    assert.equal(entries(folder).length, 2);
  });

  it(`two versions in turn keep an entry each (neither rewrites its entry on every run); past ${KEPT_VERSIONS} the oldest is removed`, () => {
    const folder = cacheFolder();
    const bundle = join(tmp, 'versions.js');
    const version = (n: number) => {
      writeFileSync(bundle, `module.exports = ${n};\n`);
      assert.equal(load(bundle, folder), n);
      return cacheEntryName(bundle, readFileSync(bundle), 'test');
    };
    const [one, two] = [version(1), version(2)];
    const writtenAt = () => entries(folder).map((name) => statSync(join(folder, name)).mtimeMs);
    const before = writtenAt();
    version(1);
    version(2);
    assert.deepEqual(writtenAt(), before, 'both entries were accepted as they were');
    assert.deepEqual(entries(folder), [one, two].sort());
    const later = [3, 4, 5].map(version);
    assert.deepEqual(entries(folder), [two, ...later].sort(), 'the entry written first is gone');
  });

  it('leaves an accepted entry as it is, and replaces a corrupt one', () => {
    const folder = cacheFolder();
    const bundle = join(tmp, 'kept.js');
    writeFileSync(bundle, `module.exports = ${JSON.stringify('x'.repeat(2000))}.length;\n`);
    assert.equal(load(bundle, folder), 2000);
    const [entry] = entries(folder);
    const written = readFileSync(join(folder, entry));
    const writtenAt = statSync(join(folder, entry)).mtimeMs;
    assert.equal(load(bundle, folder), 2000);
    assert.equal(statSync(join(folder, entry)).mtimeMs, writtenAt, 'an accepted entry is not rewritten');

    const garbage = Buffer.alloc(written.length, 0x5a);
    writeFileSync(join(folder, entry), garbage);
    assert.equal(load(bundle, folder), 2000);
    assert.deepEqual(entries(folder), [entry]);
    assert.notDeepEqual(readFileSync(join(folder, entry)), garbage, 'the rejected entry was replaced');
  });

  it('does not use a folder others may write (cached code is code)', () => {
    const folder = cacheFolder();
    chmodSync(folder, 0o777);
    const bundle = join(tmp, 'shared.js');
    writeFileSync(bundle, 'module.exports = 42;\n');
    assert.equal(load(bundle, folder), 42);
    assert.deepEqual(entries(folder), []);
  });

  it('six runs at once on an empty folder each give the right result and leave one whole entry, no temporary files', async () => {
    const folder = cacheFolder();
    const bundle = join(tmp, 'race.js');
    writeFileSync(bundle, `module.exports = [${Array.from({ length: 500 }, (_, i) => `function f${i}() { return ${i}; }`).join(', ')}].length;\n`);
    const runs = await Promise.all(Array.from({ length: 6 }, () => new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['-e', loadScript(bundle, folder)]);
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout }));
    })));
    assert.deepEqual(runs, Array.from({ length: 6 }, () => ({ code: 0, stdout: '500' })));
    const [entry, ...rest] = entries(folder);
    assert.deepEqual(rest, []);
    const writtenAt = statSync(join(folder, entry)).mtimeMs;
    assert.equal(load(bundle, folder), 500);
    assert.equal(statSync(join(folder, entry)).mtimeMs, writtenAt, 'the entry left by the race is whole: it is accepted');
  });

  it('lives in the per-user cache folder of each platform; ALPHANODE_COMPILE_CACHE moves it or turns it off', () => {
    assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, 'linux'), join('/x/cache', 'alphanode', 'compile-cache'));
    assert.match(defaultCacheFolder({}, 'linux')!, /[/\\]\.cache[/\\]alphanode[/\\]compile-cache$/);
    assert.match(defaultCacheFolder({}, 'darwin')!, /[/\\]Library[/\\]Caches[/\\]alphanode[/\\]compile-cache$/);
    assert.equal(defaultCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'), 'C:\\Users\\u\\AppData\\Local\\alphanode\\compile-cache');
    assert.equal(defaultCacheFolder({}, 'win32'), undefined);
    assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: 'relative/cache' }, 'linux', '/home/u'), join('/home/u', '.cache', 'alphanode', 'compile-cache'), 'a relative XDG_CACHE_HOME is ignored');
    assert.equal(defaultCacheFolder({}, 'linux', ''), undefined, 'no home folder: no cache (never one relative to the project)');
    assert.equal(defaultCacheFolder({ ALPHANODE_COMPILE_CACHE: '/elsewhere', XDG_CACHE_HOME: '/x' }, 'linux'), '/elsewhere');
    for (const off of ['off', 'OFF', '0', 'false']) assert.equal(defaultCacheFolder({ ALPHANODE_COMPILE_CACHE: off }, 'linux'), undefined);
  });
});

describe('the built CLI through its compile cache', () => {
  it('gives the same check results without the cache, filling it, and from it, worker threads included', () => {
    const folder = cacheFolder();
    const posts = join(tmp, 'posts');
    mkdirSync(posts);
    // Over 200 posts: the run spreads them over worker threads, which start from the entry too.
    generatePosts(230, 31).forEach((text, i) => writeFileSync(join(posts, `${String(i).padStart(3, '0')}.post.md`), text));
    writeFileSync(join(posts, '007.post.md'), readFileSync(join(posts, '007.post.md'), 'utf8').replace(/^summary: .*$/m, 'summary: ""'));
    const run = (setting: string, ...args: string[]) => {
      const result = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ALPHANODE_COMPILE_CACHE: setting } });
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      return result.stdout;
    };
    const without = run('off', 'check', '--format', 'json', 'posts');
    assert.match(without, /"path": "posts\/007\.post\.md",\s*"diagnostics": \[\s*\{/, 'the broken post has a problem');
    assert.deepEqual(entries(folder), []);
    assert.equal(run(folder, 'check', '--format', 'json', 'posts'), without);
    const [checkEntry, ...none] = entries(folder);
    assert.match(checkEntry, /^cli-main\.js\.[0-9a-f]{32}\.check\.bin$/);
    assert.deepEqual(none, []);
    assert.equal(run(folder, 'check', '--format', 'json', 'posts'), without);
    assert.equal(run(folder, '--version').trim(), JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    assert.deepEqual(entries(folder), [checkEntry, checkEntry.replace('.check.', '.other.')]);
  });
});

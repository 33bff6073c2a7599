/**
 * The npm package as a team installs it: `npm pack` of the built repository, installed offline
 * into an empty folder (so it cannot pull in a dependency), then `npx alphanode` from there.
 * The action (action.yml) installs the same package from a registry. And `npm run release:check`'s listing of what the npm package and the VSIX ship, and the web bundles' size budgets.
 */
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { htmlDecodeTree } from 'entities/lib/decode.js';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';
import { runAction } from '../support/githubAction';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-package-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
/** npm with a cache of its own and no network: nothing may come from a registry. */
const npmEnv = { ...process.env, npm_config_cache: join(tmp, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return result;
}

describe('the npm package', () => {
  let tarball = '';
  const app = join(tmp, 'app');
  before(() => {
    // --ignore-scripts: `prepare` would rebuild; the suites run on the build there is (npm test builds first).
    const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], REPO_ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    tarball = join(tmp, info.filename);
    mkdirSync(app);
  });

  it('holds only the CLI (its entry and bundle), its docs and schema, README, LICENSE and CHANGELOG, under 1 MB', () => {
    const listed = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], REPO_ROOT);
    const [info] = JSON.parse(listed.stdout) as Array<{ size: number; files: Array<{ path: string }> }>;
    assert.deepEqual(info.files.map((file) => file.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli-main.js', 'dist/cli.js', 'docs/rules.md', 'package.json', 'schemas/alphanode-template.schema.json']);
    assert.ok(info.size < 1_000_000, `the tarball is ${info.size} bytes`);
  });

  it('installs offline into an empty folder with no dependency, and `npx alphanode` runs from there', () => {
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
    assert.equal(installed.status, 0, installed.stderr);
    assert.deepEqual(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.')), ['alphanode-runbooks']);

    const version = npm(['exec', '--offline', '--', 'alphanode', '--version'], app);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${VERSION}\n`);

    const seed = loadSeed('000');
    writeFileSync(join(app, 'clean.post.md'), seed);
    writeFileSync(join(app, 'broken.post.md'), edit(seed, 'paragraphs: 5', 'paragraphs: 6'));
    const clean = spawnSync('npx', ['alphanode', 'check', 'clean.post.md'], { cwd: app, env: npmEnv, encoding: 'utf8', timeout: 60_000 });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, '1 file checked: 0 errors, 0 warnings.\n');
    const line = seed.split('\n').indexOf('  paragraphs: 5') + 1;
    const broken = spawnSync('npx', ['alphanode', 'check', 'broken.post.md'], { cwd: app, env: npmEnv, encoding: 'utf8', timeout: 60_000 });
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.equal(broken.stdout, `broken.post.md:${line}:15: error paragraph-count payload.paragraphs is 6 but the body has 5 prose paragraphs.\n1 file checked: 1 error, 0 warnings.\n`);
  });

  it("is what the action installs (its own version, from the registry) when the action's checkout has no build", async () => {
    // A registry of one package, this tarball, on 127.0.0.1: what `uses: alphanode/alphanode-runbooks@v0` meets.
    const data = readFileSync(tarball);
    const tarballPath = `/alphanode-runbooks/-/alphanode-runbooks-${VERSION}.tgz`;
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (request.url === '/alphanode-runbooks') {
        const dist = { tarball: base + tarballPath, shasum: createHash('sha1').update(data).digest('hex'), integrity: `sha512-${createHash('sha512').update(data).digest('base64')}` };
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ name: 'alphanode-runbooks', 'dist-tags': { latest: VERSION }, versions: { [VERSION]: { name: 'alphanode-runbooks', version: VERSION, bin: { alphanode: 'dist/cli.js' }, dist } } }));
      } else if (request.url === tarballPath) {
        response.end(data);
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const checkout = join(tmp, 'action-checkout'); // the action's repository at a tag: no dist/
      mkdirSync(checkout);
      for (const file of ['action.yml', 'package.json']) cpSync(join(REPO_ROOT, file), join(checkout, file));
      const runnerTemp = join(tmp, 'runner');
      mkdirSync(runnerTemp);
      const work = join(tmp, 'workspace');
      mkdirSync(join(work, 'posts'), { recursive: true });
      const seed = loadSeed('000');
      writeFileSync(join(work, 'posts', 'good.post.md'), seed);
      writeFileSync(join(work, 'posts', 'six.post.md'), edit(seed, 'paragraphs: 5', 'paragraphs: 6'));
      const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      // A runner's empty npm cache: `npm pack` above cached the tarball, which would hide its download.
      const result = await runAction(work, { paths: 'posts' }, { actionPath: checkout, runnerTemp, env: { ...npmEnv, npm_config_offline: 'false', npm_config_registry: registry, npm_config_cache: join(tmp, 'runner-npm-cache') } as Record<string, string> });
      const line = seed.split('\n').indexOf('  paragraphs: 5') + 1;
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stdout, `::error file=posts/six.post.md,line=${line},col=15,endLine=${line},endColumn=16,title=paragraph-count::payload.paragraphs is 6 but the body has 5 prose paragraphs.\n2 files checked: 1 error, 0 warnings.\n`);
      assert.deepEqual(requests, ['/alphanode-runbooks', tarballPath]);
      assert.deepEqual(readdirSync(join(runnerTemp, 'alphanode', 'node_modules')).filter((name) => !name.startsWith('.')), ['alphanode-runbooks']);
    } finally {
      server.close();
    }
  });
});

describe('npm run release:check', () => {
  it('passes: the npm package and the VSIX ship nothing they should not', () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'release-check.mjs')], { cwd: REPO_ROOT, env: npmEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^npm: {2}alphanode-runbooks-[\d.]+\.tgz, \d+ KB packed \(\d+ KB unpacked\), 8 files$/m);
    assert.match(result.stdout, /^release check passed$/m);
  });

  it('fails on a source map, a test fixture, a TypeScript source, runtime dependencies and a README image outside the VSIX', () => {
    const copy = join(tmp, 'release-copy');
    for (const path of ['package.json', '.npmignore', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'docs', 'media', 'schemas', 'snippets', 'syntaxes']) {
      cpSync(join(REPO_ROOT, path), join(copy, path), { recursive: true });
    }
    writeFileSync(join(copy, 'media', 'preview.js.map'), '{}');
    mkdirSync(join(copy, 'media', 'test', 'fixtures'), { recursive: true });
    writeFileSync(join(copy, 'media', 'test', 'fixtures', 'post.md'), '---\n');
    writeFileSync(join(copy, 'schemas', 'schema.ts'), 'export {};\n');
    const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...manifest, dependencies: { yaml: '^2.0.0' } }));
    writeFileSync(join(copy, 'README.md'), `${readFileSync(join(copy, 'README.md'), 'utf8')}\n![a diagram](docs/diagram.png)\n`);
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'release-check.mjs'), '--root', copy], { cwd: copy, env: npmEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('  - ')).sort();
    assert.deepEqual(problems, [
      '  - README: the image docs/diagram.png is not in the VSIX',
      '  - npm: runtime dependencies yaml: every bundle is self-contained, they belong in devDependencies',
      '  - vsix: media/preview.js.map is a source map',
      '  - vsix: media/preview.js.map should not ship',
      '  - vsix: media/test/fixtures/post.md is a fixture',
      '  - vsix: media/test/fixtures/post.md is a test',
      '  - vsix: media/test/fixtures/post.md should not ship',
      '  - vsix: schemas/schema.ts is a TypeScript source',
      '  - vsix: schemas/schema.ts should not ship',
    ]);
  });
});

describe('the web bundles', () => {
  // Budgets of issue 14, in the KB `npm run build` prints (KiB): the worker's size decides how fast
  // the extension starts on vscode.dev, and the client is vscode-languageclient plus our protocol glue.
  const kib = (file: string) => statSync(join(REPO_ROOT, 'dist', 'web', file)).size / 1024;

  it('the language server worker is at most 700 KB', () => {
    assert.ok(kib('server.js') <= 700, `dist/web/server.js is ${kib('server.js').toFixed(1)} KB`);
  });

  it('the client is at most 500 KB', () => {
    assert.ok(kib('client.js') <= 500, `dist/web/client.js is ${kib('client.js').toFixed(1)} KB`);
  });

  it("the worker's copy of markdown-it's HTML entity table, read as UTF-8 (as browsers read worker scripts), is the library's", () => {
    // esbuild.mjs writes the web bundles' non-ASCII as UTF-8 instead of \u escapes (20 KB less).
    const bundle = readFileSync(join(REPO_ROOT, 'dist', 'web', 'server.js'), 'utf8');
    // The table's literal starts with its first code unit as is (U+1D41), not as `\u1d41`.
    const opening = /new Uint16Array\((["'`])/g;
    let start = -1;
    for (const match of bundle.matchAll(opening)) if (bundle.charCodeAt(match.index + match[0].length) === htmlDecodeTree[0]) start = match.index + match[0].length - 1;
    assert.ok(start >= 0, 'no entity table with raw UTF-8 text in dist/web/server.js');
    let end = start + 1;
    while (bundle[end] !== bundle[start]) end += bundle[end] === '\\' ? 2 : 1;
    const table = runInNewContext(bundle.slice(start, end + 1)) as string;
    assert.equal(table.length, htmlDecodeTree.length);
    assert.ok([...htmlDecodeTree].every((unit, i) => table.charCodeAt(i) === unit), 'the entity table differs');
  });
});

/**
 * `alphanode import` and `alphanode render --format text` on the built CLI (dist/cli.js):
 * output, warnings on stderr, exit codes, -o and never overwriting without --force.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importExport, stripRollbackNotes } from '../../server/src/service';
import { EXPORTS_DIR, exportNames, loadExport, withoutFirstLine } from '../support/exports';
import { edit, loadSeed, REPO_ROOT, SEEDS_DIR, seedNames } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, input: options.input, encoding: 'utf8', timeout: 10_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-import-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('alphanode import', () => {
  for (const name of exportNames()) {
    it(`${name.slice(0, 3)}: prints the source form on stdout, nothing on stderr, exit 0`, () => {
      const result = run(['import', join(EXPORTS_DIR, name)]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, stripRollbackNotes(loadSeed(name.slice(0, 3))));
    });
  }

  it('prints each warning on stderr as FILE:LINE: warning: …, and still exits 0', () => {
    const input = edit(loadExport('001'), 'difficultybeginner\n', 'difficultybeginner\nreading tme7\n');
    writeFileSync(join(tmp, 'typo.txt'), input);
    const result = run(['import', 'typo.txt'], { cwd: tmp });
    assert.equal(result.status, 0);
    const line = input.split('\n').indexOf('reading tme7') + 1;
    assert.equal(result.stderr, `typo.txt:${line}: warning: "reading tme7" is not a known meta label with its value; kept as a comment in the front matter\n`);
    assert.ok(result.stdout.includes(`\n# export line ${line}: reading tme7\n---\n`));
  });

  it('input that is not an export → exit 1, the reason on stderr, nothing on stdout', () => {
    const result = run(['import', join('test', 'fixtures', 'seeds', seedNames()[0])]);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `${join('test', 'fixtures', 'seeds', seedNames()[0])}: error: this is a source post already (it opens with \`---\` front matter), not a rendered export\n`);
  });

  it('reads standard input for `-`', () => {
    const result = run(['import', '-'], { input: loadExport('002') });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, stripRollbackNotes(loadSeed('002')));
  });

  it('a missing or non-UTF-8 file → exit 2', () => {
    const missing = run(['import', 'no/such/export.txt']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'no/such/export.txt: error: cannot read: no such file or folder\n');
    writeFileSync(join(tmp, 'latin1.txt'), Buffer.from([0x7c, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const latin1 = run(['import', 'latin1.txt'], { cwd: tmp });
    assert.equal(latin1.status, 2);
    assert.equal(latin1.stderr, 'latin1.txt: error: cannot read: not valid UTF-8 text\n');
  });

  for (const [what, args, message] of [
    ['no file', ['import'], 'import needs exactly one export file (FILE.txt, or - for standard input).'],
    ['two files', ['import', 'a.txt', 'b.txt'], 'import needs exactly one export file (FILE.txt, or - for standard input).'],
    ['-o without a name', ['import', 'a.txt', '-o'], '-o needs a file name.'],
    ['an unknown option', ['import', '--fast', 'a.txt'], 'unknown option --fast'],
  ] as const) {
    it(`bad usage (${what}) → exit 2 with the usage`, () => {
      const result = run([...args]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`alphanode: ${message}\n\nUsage: alphanode <command>`), result.stderr);
    });
  }

  describe('-o OUT.md', () => {
    const out = join(tmp, 'out.post.md');
    const exportFile = join(EXPORTS_DIR, exportNames()[3]);
    const expected = stripRollbackNotes(loadSeed('003'));

    it('writes the file, prints nothing, exit 0', () => {
      const result = run(['import', exportFile, '-o', out]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, '');
      assert.equal(readFileSync(out, 'utf8'), expected);
    });

    it('refuses to overwrite an existing file: exit 2, the file untouched', () => {
      writeFileSync(out, 'my edits\n');
      const result = run(['import', exportFile, '-o', out]);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, `alphanode: ${out} already exists; pass --force to overwrite it.\n`);
      assert.equal(readFileSync(out, 'utf8'), 'my edits\n');
    });

    it('--force overwrites it', () => {
      writeFileSync(out, 'my edits\n');
      const result = run(['import', '--force', exportFile, '--output', out]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(readFileSync(out, 'utf8'), expected);
    });

    it('an unwritable place → exit 2', () => {
      const result = run(['import', exportFile, '-o', join(tmp, 'no', 'such', 'dir', 'x.md')]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /: error: cannot write: no such file or folder\n$/);
    });
  });
});

describe('alphanode render', () => {
  for (const name of seedNames()) {
    it(`${name.slice(0, 3)}: --format text prints the export (after its decoration line) exactly, exit 0`, () => {
      const result = run(['render', '--format', 'text', join(SEEDS_DIR, name)]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.equal(withoutFirstLine(result.stdout), withoutFirstLine(loadExport(name.slice(0, 3))));
    });
  }

  it('import -o then render gives the export back', () => {
    const out = join(tmp, 'roundtrip.post.md');
    assert.equal(run(['import', join(EXPORTS_DIR, exportNames()[1]), '-o', out]).status, 0);
    const result = run(['render', '--format=text', out]);
    assert.equal(result.status, 0);
    assert.equal(withoutFirstLine(result.stdout), withoutFirstLine(loadExport('001')));
    const imported = importExport(loadExport('001'));
    assert.ok(imported.ok && readFileSync(out, 'utf8') === imported.source);
  });

  // `--format html` (the default) belongs to the meta-box preview issue and has its own tests.
  for (const [what, args, message] of [
    ['--format pdf', ['render', '--format', 'pdf', 'x.md'], 'unknown --format "pdf": use html, page or text.'],
    ['no file', ['render', '--format', 'text'], 'render needs exactly one post file (FILE.md, or - for standard input).'],
    ['two files', ['render', '--format', 'text', 'a.md', 'b.md'], 'render needs exactly one post file (FILE.md, or - for standard input).'],
  ] as const) {
    it(`${what} → exit 2 with a clear message`, () => {
      const result = run([...args]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`alphanode: ${message}\n`), result.stderr);
    });
  }

  it('a missing file → exit 2', () => {
    const result = run(['render', '--format', 'text', 'no/such/post.md']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'no/such/post.md: error: cannot read: no such file or folder\n');
  });
});

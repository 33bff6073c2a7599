/**
 * The built CLI (`node dist/cli.js …`, the package's `alphanode` bin) as CI runs it:
 * exit codes, the text and JSON formats of spec §7, folders, usage errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parsePost, validatePost } from '../../server/src/service';
import { edit, loadSeed, REPO_ROOT, seedNames } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[], cwd = REPO_ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 10_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
/** The text lines the CLI should print for `text` shown as `path`, from the in-process service. */
function expectedLines(path: string, text: string): string[] {
  return validatePost(parsePost(text)).map((d) => `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]} ${String(d.code)} ${String(d.message)}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const seed = loadSeed('000');
const broken = edit(seed, 'paragraphs: 5', 'paragraphs: 6'); // exactly one paragraph-count error
const paragraphsLine = seed.split('\n').indexOf('  paragraphs: 5'); // 0-based
writeFileSync(join(tmp, 'good.post.md'), seed);
writeFileSync(join(tmp, 'good2.post.md'), loadSeed('001'));
writeFileSync(join(tmp, 'six.post.md'), broken);
writeFileSync(join(tmp, 'latin1.post.md'), Buffer.concat([Buffer.from('---\ntopic: caf'), Buffer.from([0xe9]), Buffer.from(' / x\n---\n')]));

describe('alphanode check: exit codes', () => {
  it('clean seeds → exit 0, only the summary line', () => {
    const result = run(['check', ...seedNames().map((name) => `test/fixtures/seeds/${name}`)]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '5 files checked: 0 errors, 0 warnings.\n');
    assert.equal(result.stderr, '');
  });

  it('broken-example → exit 1, one line per diagnostic (1-based) and the summary', () => {
    const path = 'samples/posts/broken-example.post.md';
    const result = run(['check', path]);
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines.pop(), '', 'output ends with a newline');
    assert.equal(lines.pop(), '1 file checked: 5 errors, 1 warning.');
    assert.deepEqual(lines, expectedLines(path, readFileSync(join(REPO_ROOT, path), 'utf8')));
    // The defects samples/README.md promises, each with its rule id.
    for (const rule of ['meta-required', 'topic-format', 'paragraph-count', 'checklist-sync', 'code-language', 'rollback-fields']) {
      assert.ok(lines.some((line) => line.includes(`: error ${rule} `) || line.includes(`: warning ${rule} `)), `${rule} in\n${result.stdout}`);
    }
    // One typo, one problem: the missing required key, reported at the misspelt one (issue 15).
    assert.ok(lines.includes(`${path}:23:1: error meta-required Missing required key "reading_time": "reading_tme" looks like a misspelling of it.`), result.stdout);
    assert.ok(!lines.some((line) => line.includes('meta-unknown-key')), result.stdout);
    assert.ok(lines.includes(`${path}:56:15: error paragraph-count payload.paragraphs is 8 but the body has 7 prose paragraphs.`), result.stdout);
  });

  it('warnings alone → exit 0', () => {
    const file = join(tmp, 'warn', 'w.post.md');
    mkdirSync(join(tmp, 'warn'), { recursive: true });
    // Without its rollback note the seed has exactly one warning (rollback-missing).
    writeFileSync(file, seed.replace(/```rollback\n[\s\S]*?```\n\n/, ''));
    const result = run(['check', 'warn/w.post.md'], tmp);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /^warn\/w\.post\.md:\d+:\d+: warning rollback-missing .+\n1 file checked: 0 errors, 1 warning\.\n$/);
  });

  it('a missing file → exit 2, counted as not read (not as a checked file with an error)', () => {
    const result = run(['check', 'no/such/file.post.md']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, 'no/such/file.post.md: error: cannot read: no such file or folder\n0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n');
  });

  it('a non-UTF-8 file among good ones → exit 2, and the other files are still checked and reported', () => {
    const result = run(['check', 'good.post.md', 'latin1.post.md', 'six.post.md', 'good2.post.md'], tmp);
    assert.equal(result.status, 2);
    assert.equal(
      result.stdout,
      [
        'latin1.post.md: error: cannot read: not valid UTF-8 text',
        `six.post.md:${paragraphsLine + 1}:15: error paragraph-count payload.paragraphs is 6 but the body has 5 prose paragraphs.`,
        '3 files checked: 1 error, 0 warnings; 1 file could not be read.',
        '',
      ].join('\n'),
    );

    const json = run(['check', '--format', 'json', 'good.post.md', 'latin1.post.md', 'six.post.md', 'good2.post.md'], tmp);
    assert.equal(json.status, 2);
    const report = JSON.parse(json.stdout) as { files: Array<{ path: string; error?: string; diagnostics: unknown[] }>; summary: unknown };
    assert.deepEqual(report.files.map((file) => [file.path, file.error, file.diagnostics.length]), [
      ['good.post.md', undefined, 0],
      ['latin1.post.md', 'cannot read: not valid UTF-8 text', 0],
      ['six.post.md', undefined, 1],
      ['good2.post.md', undefined, 0],
    ]);
    assert.deepEqual(report.summary, { files: 4, errors: 2, warnings: 0 });
    assert.match(json.stderr, /latin1\.post\.md: cannot read: not valid UTF-8 text/);
  });
});

describe('alphanode check: usage errors → exit 2 with the usage on stderr', () => {
  const usageCases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['check', '--bogus', 'x.md'], /unknown option --bogus/],
    ['no paths', ['check'], /check needs at least one file or folder/],
    ['no paths after options', ['check', '--format', 'json'], /check needs at least one file or folder/],
    ['an unknown format', ['check', '--format', 'xml', 'x.md'], /unknown --format "xml": use text, json, sarif or github\./],
    ['an unknown format (= form)', ['check', '--format=yaml', 'x.md'], /unknown --format "yaml"/],
    ['--format without a value', ['check', 'x.md', '--format'], /--format needs a value: text, json, sarif or github\./],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['lsp without --stdio', ['lsp'], /lsp needs --stdio/],
  ];
  for (const [name, args, message] of usageCases) {
    it(name, () => {
      const result = run(args);
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Usage: alphanode <command> \[options\]/);
    });
  }

  it('no command at all → exit 2 and the usage', () => {
    const result = run([]);
    assert.equal(result.status, 2);
    assert.match(result.stdout + result.stderr, /Usage: alphanode <command>/);
  });

  it('--help → exit 0, usage on stdout; --version → the package version', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: alphanode <command> \[options\]/);
    assert.match(help.stdout, /^ {2}check \[--format text\|json\|sarif\|github\].* PATH/m);
    assert.equal(help.stderr, '');
    assert.equal(run(['help']).stdout, help.stdout);
    const version = run(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${VERSION}\n`);
  });

  it('COMMAND --help / -h / help COMMAND → that command\'s usage on stdout, exit 0, nothing run', () => {
    const synopsis: Record<string, string> = {
      check: 'check [--format text|json|sarif|github] [--config FILE] [--max-warnings N] [--fix [--owner NAME]] [--cache [--cache-location FILE]] [--shard I/N] PATH…',
      import: 'import FILE.txt [-o OUT.md] [--force]',
      render: 'render [--format html|page|text] [--allow-remote-images] FILE.md',
      new: 'new --problem P --stack S --scenario C [-o OUT.md] [--force] [--owner NAME] [--seed N]',
      lsp: 'lsp --stdio',
    };
    for (const [command, line] of Object.entries(synopsis)) {
      for (const args of [[command, '--help'], [command, '-h'], ['help', command], [command, '--format', 'json', '--help', 'x.md']]) {
        const result = run(args);
        assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
        assert.equal(result.stderr, '', args.join(' '));
        assert.ok(result.stdout.startsWith(`Usage: alphanode ${line}\n\n  `), `${args.join(' ')}:\n${result.stdout}`);
        assert.ok(!result.stdout.includes('Commands:'), `only ${command}'s usage`);
      }
    }
    assert.match(run(['check', '--help']).stdout, /Exit 0: no errors; 1: errors found/);
    // After `--` a name is a path, not an option.
    assert.equal(run(['check', '--', '--help']).stdout, '--help: error: cannot read: no such file or folder\n0 files checked: 0 errors, 0 warnings; 1 file could not be read.\n');
  });

  it('`--` ends the options: a path may start with a dash', () => {
    writeFileSync(join(tmp, '-dash.post.md'), seed);
    const result = run(['check', '--', '-dash.post.md'], tmp);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings.\n');
  });
});

describe('alphanode check --format json', () => {
  it('has exactly the shape of spec §7 (--format json and --format=json alike)', () => {
    const result = run(['check', '--format', 'json', 'six.post.md', 'good.post.md'], tmp);
    const equals = run(['check', '--format=json', 'six.post.md', 'good.post.md'], tmp);
    assert.equal(equals.status, 1);
    assert.equal(equals.stdout, result.stdout);
    assert.equal(result.status, 1);
    assert.deepStrictEqual(JSON.parse(result.stdout), {
      files: [
        {
          path: 'six.post.md',
          diagnostics: [
            {
              rule: 'paragraph-count',
              severity: 'error',
              message: 'payload.paragraphs is 6 but the body has 5 prose paragraphs.',
              range: { start: { line: paragraphsLine, character: 14 }, end: { line: paragraphsLine, character: 15 } },
            },
          ],
        },
        { path: 'good.post.md', diagnostics: [] },
      ],
      summary: { files: 2, errors: 1, warnings: 0 },
    });
    assert.equal(result.stderr, '');
  });

  it('ranges are UTF-16 positions: an emoji before the value counts two', () => {
    const text = edit(seed, 'tools:\n  - fastapi\n  - pytest\n  - uvicorn\n  - ruff\n  - git\n  - logs\n', 'tools: [🚀 fastapi, pytest, pytest]\n');
    writeFileSync(join(tmp, 'emoji.post.md'), text);
    const line = text.split('\n').indexOf('tools: [🚀 fastapi, pytest, pytest]');
    const json = run(['check', '--format', 'json', 'emoji.post.md'], tmp);
    assert.equal(json.status, 0, json.stdout);
    const [file] = (JSON.parse(json.stdout) as { files: Array<{ diagnostics: Array<{ rule: string; range: unknown }> }> }).files;
    assert.deepEqual(file.diagnostics.map((d) => [d.rule, d.range]), [['meta-duplicate-item', { start: { line, character: 28 }, end: { line, character: 34 } }]]);
    const textOut = run(['check', 'emoji.post.md'], tmp);
    assert.match(textOut.stdout, new RegExp(`^emoji\\.post\\.md:${line + 1}:29: warning meta-duplicate-item `));
  });

  it('CRLF files report the same positions as LF files', () => {
    writeFileSync(join(tmp, 'crlf.post.md'), broken.replace(/\n/g, '\r\n'));
    const lf = JSON.parse(run(['check', '--format', 'json', 'six.post.md'], tmp).stdout) as { files: Array<{ diagnostics: unknown }> };
    const crlf = JSON.parse(run(['check', '--format', 'json', 'crlf.post.md'], tmp).stdout) as { files: Array<{ diagnostics: unknown }> };
    assert.deepEqual(crlf.files[0].diagnostics, lf.files[0].diagnostics);
  });
});

describe('alphanode check: folders', () => {
  const samplePosts = ['broken-example', 'legacy-config-cleanup', 'production-defaults', 'safer-deployments', 'settings-migration', 'staging-parity'].map((name) => `samples/posts/${name}.post.md`);

  it('`check samples` finds the posts in samples/posts and skips samples/notes.md (not a post)', () => {
    const result = run(['check', '--format', 'json', 'samples']);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string }> }>; summary: unknown };
    assert.deepEqual(report.files.map((file) => file.path), samplePosts);
    for (const file of report.files) {
      if (!file.path.includes('broken-example')) assert.deepEqual(file.diagnostics, [], `${file.path} validates clean`);
    }
    assert.deepEqual(report.summary, { files: 6, errors: 5, warnings: 1 });
  });

  it('the same folder given by absolute path from another working directory', () => {
    const result = run(['check', '--format', 'json', join(REPO_ROOT, 'samples')], tmp);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string }> };
    assert.deepEqual(report.files.map((file) => file.path), samplePosts.map((path) => join(REPO_ROOT, path)));
  });

  it('a named file is classified as the editor does: plain Markdown is skipped with a note (exit 0); a glob match or an identifying front matter is checked', () => {
    const plain = run(['check', 'samples/notes.md']);
    assert.equal(plain.status, 0, plain.stdout + plain.stderr);
    assert.equal(plain.stdout, '0 files checked: 0 errors, 0 warnings.\n');
    assert.match(plain.stderr, /^alphanode: skipped samples\/notes\.md: not a post: no post glob matches its path [^\n]+"What is a post"\n$/);

    mkdirSync(join(tmp, 'named'), { recursive: true });
    writeFileSync(join(tmp, 'named/empty.post.md'), '# no meta yet\n'); // a glob match: a post even without front matter
    writeFileSync(join(tmp, 'named/imported.md'), broken); // not a glob match, but an alphanode- source id
    writeFileSync(join(tmp, 'named/plain.md'), '---\ntitle: x\n---\n# plain\n'); // someone else's front matter
    const mixed = run(['check', '--format', 'json', 'named/plain.md', 'named/empty.post.md', 'named/imported.md'], tmp);
    assert.equal(mixed.status, 1, mixed.stderr);
    const report = JSON.parse(mixed.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string }> }>; summary: unknown };
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => d.rule)]), [
      ['named/empty.post.md', ['meta-missing']],
      ['named/imported.md', ['paragraph-count']],
    ]);
    assert.deepEqual(report.summary, { files: 2, errors: 2, warnings: 0 });
    assert.match(mixed.stderr, /^alphanode: skipped named\/plain\.md: not a post: [^\n]+\n$/);
  });

  it('inside a folder: glob matches and alphanode- source ids are posts; other Markdown and node_modules are skipped', () => {
    const root = join(tmp, 'tree');
    for (const dir of ['posts/deep', 'notes', 'node_modules/pkg', 'runbooks']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'posts/deep/a.md'), seed); // a post by its front matter (folder globs are opt-in)
    writeFileSync(join(root, 'runbooks/b.markdown'), seed); // .markdown, but not a glob match and has a source id
    writeFileSync(join(root, 'notes/imported.md'), broken); // outside the globs, alphanode- source id
    writeFileSync(join(root, 'notes/plain.md'), '# plain notes\n'); // not a post
    writeFileSync(join(root, 'notes/other.txt'), 'not markdown');
    writeFileSync(join(root, 'node_modules/pkg/x.post.md'), broken); // skipped folder
    const result = run(['check', '--format', 'json', 'tree'], tmp);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string }> }> };
    assert.deepEqual(report.files.map((file) => [file.path, file.diagnostics.map((d) => d.rule)]), [
      ['tree/notes/imported.md', ['paragraph-count']],
      ['tree/posts/deep/a.md', []],
      ['tree/runbooks/b.markdown', []],
    ]);
  });

  it('an empty folder → exit 0, 0 files', () => {
    mkdirSync(join(tmp, 'empty'), { recursive: true });
    const result = run(['check', 'empty'], tmp);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '0 files checked: 0 errors, 0 warnings.\n');
  });
});

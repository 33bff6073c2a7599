/**
 * Team templates and workspace diagnostics on the real server (dist/server.js --stdio). The
 * test client answers the extension's file requests (`alphanode/findFiles`,
 * `alphanode/readFile`) from a temporary workspace on disk, as client/src/fileAccess.ts does
 * with VS Code's API, and reports disk changes with `workspace/didChangeWatchedFiles`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { edit, loadSeed } from '../support/fixtures';
import { fsFileAccess } from '../support/fileAccess';
import { LspClient, Publish, shutDownCleanly } from '../support/lspClient';

const seed = loadSeed('000');
const noRollback = seed.replace(/```rollback\n[\s\S]*?```\n\n/, '');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const severityOf = (diagnostics: Diagnostic[], code: string) => diagnostics.find((d) => d.code === code)?.severity;

const root = mkdtempSync(join(tmpdir(), 'alphanode-template-lsp-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(folder: string, relative: string, text: string): string {
  const path = join(folder, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return pathToFileURL(path).href;
}

describe('team templates in the editor (protocol)', () => {
  const ws = join(root, 'ws');
  const wsUri = pathToFileURL(ws).href;
  const uri = (relative: string) => `${wsUri}/${relative}`;
  const templateUri = uri('.alphanode.yaml');
  let client: LspClient;
  let version = 1;

  /** Writes a file and tells the server, as VS Code's file watcher would. */
  async function change(relative: string, text: string | null, type: FileChangeType = FileChangeType.Changed): Promise<number> {
    const path = join(ws, relative);
    if (text === null) unlinkSync(path);
    else write(ws, relative, text);
    const mark = client.publishes.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(relative), type: text === null ? FileChangeType.Deleted : type }] });
    return mark;
  }

  const publishAfter = (mark: number, target: string, what: string, timeout = 5_000): Promise<Publish> =>
    client.waitForPublish((p) => p.seq >= mark && p.uri === target, timeout, what);
  /** The first publish for `target` after `mark` with exactly these rule codes (sorted). */
  const publishWith = (mark: number, target: string, expected: readonly string[], timeout = 5_000): Promise<Publish> =>
    client.waitForPublish((p) => p.seq >= mark && p.uri === target && codes(p.diagnostics).sort().join() === [...expected].sort().join(), timeout, `${target} with ${expected.join(', ')}`);

  before(async () => {
    write(ws, '.alphanode.yaml', 'rules:\n  rollback-missing: error\n  summary-mentions: off\n');
    write(ws, '.alphanodeignore', '# drafts are checked when they are ready\ndrafts/\n');
    write(ws, 'posts/open.post.md', noRollback);
    write(ws, 'posts/closed.post.md', edit(seed, 'paragraphs: 5', 'paragraphs: 6'));
    write(ws, 'posts/clean.post.md', seed);
    write(ws, 'drafts/wip.post.md', edit(seed, 'paragraphs: 5', 'paragraphs: 9'));
    write(ws, 'notes.md', '# notes\n\nnot a post.\n');
    write(ws, 'node_modules/pkg/posts/dep.post.md', 'no meta\n');
    write(ws, 'team/.alphanode.yaml', 'rules:\n  rollback-missing: info\nsections:\n  known: [why this matters]\n');
    write(ws, 'team/posts/t.post.md', noRollback);
    client = await LspClient.start({ workspaceFolder: wsUri, handlers: fsFileAccess().handlers });
  });
  after(() => shutDownCleanly(client));

  it('registers file watchers for templates, ignore files and Markdown', async () => {
    await client.settle(100);
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as { watchers: Array<{ globPattern: string }> } | undefined;
    assert.deepEqual(watchers?.watchers.map((w) => w.globPattern), ['**/.alphanode.yaml', '**/.alphanodeignore', '**/*.{md,markdown}']);
  });

  it('an open post gets the severities of the workspace template', async () => {
    await client.open(uri('posts/open.post.md'), noRollback, 1);
    const diagnostics = await client.waitForDiagnostics(uri('posts/open.post.md'), 1);
    assert.deepEqual(codes(diagnostics), ['rollback-missing']);
    assert.equal(severityOf(diagnostics, 'rollback-missing'), 1, 'error, as the template says (default: warning)');
  });

  it('the nearest template wins: team/ has its own (severity info, other sections)', async () => {
    await client.open(uri('team/posts/t.post.md'), noRollback, 1);
    const diagnostics = await client.waitForDiagnostics(uri('team/posts/t.post.md'), 1);
    // `security and maintenance notes` is not among team/'s known sections; rollback-missing is info there.
    assert.deepEqual(codes(diagnostics), ['rollback-missing', 'section-unknown']);
    assert.equal(severityOf(diagnostics, 'rollback-missing'), 3);
  });

  it('closed posts of the workspace are validated in the background (not ignored ones, not other Markdown, not node_modules)', async () => {
    const closed = await client.waitForPublish((p) => p.uri === uri('posts/closed.post.md'), 5_000, 'the closed post');
    assert.equal(closed.version, undefined);
    assert.deepEqual(codes(closed.diagnostics), ['paragraph-count']);
    const clean = await client.waitForPublish((p) => p.uri === uri('posts/clean.post.md'), 5_000, 'the clean post');
    assert.deepEqual(clean.diagnostics, []);
    await client.settle(200);
    for (const skipped of ['drafts/wip.post.md', 'notes.md', 'node_modules/pkg/posts/dep.post.md']) {
      assert.deepEqual(client.publishesFor(uri(skipped)), [], `${skipped} is not published`);
    }
    // The open documents are the server's own: once the editor's version is published, the
    // scan never publishes the disk state over it (one may precede the open).
    const published = client.publishesFor(uri('posts/open.post.md'));
    const firstVersioned = published.findIndex((p) => p.version !== undefined);
    assert.ok(firstVersioned >= 0);
    assert.deepEqual(published.slice(firstVersioned).map((p) => p.version), published.slice(firstVersioned).map(() => 1));
  });

  it('a template change on disk re-validates open posts within 200 ms: severities, sections and enums', async (t) => {
    const target = uri('posts/open.post.md');
    const original = 'rules:\n  rollback-missing: error\n  summary-mentions: off\n';
    const template = [
      'rules:',
      '  rollback-missing: off',
      'sections:',
      '  known: [why this matters, the practical approach]',
      'values:',
      '  difficulty: [beginner, intermediate]',
      '',
    ].join('\n');
    // Three changes (new, original, new): a shared machine can stall one sample, so the median is held to 200 ms.
    const timings: number[] = [];
    for (const [text, expected] of [[template, ['meta-invalid', 'section-unknown']], [original, ['rollback-missing']], [template, ['meta-invalid', 'section-unknown']]] as const) {
      const started = performance.now();
      const mark = await change('.alphanode.yaml', text);
      const publish = await publishAfter(mark, target, 'the open post after the template change');
      timings.push(publish.at - started);
      assert.equal(publish.version, 1);
      assert.deepEqual(codes(publish.diagnostics).sort(), expected);
      // The closed posts follow (the scan of the previous change may still publish first).
      await publishWith(mark, uri('posts/closed.post.md'), text === template ? ['meta-invalid', 'paragraph-count', 'section-unknown'] : ['paragraph-count']);
    }
    const publish = client.publishesFor(target).at(-1)!;
    assert.match(String(publish.diagnostics.find((d) => d.code === 'meta-invalid')?.message), /expected one of beginner, intermediate/);
    const median = [...timings].sort((a, b) => a - b)[1];
    t.diagnostic(`template change → open post re-validated in ${timings.map((ms) => ms.toFixed(1)).join(', ')} ms (median ${median.toFixed(1)} ms)`);
    assert.ok(median < 200, `re-validated in ${timings.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    assert.ok(timings.every((ms) => ms < 1_000), `re-validated in ${timings.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  });

  it('a broken template: its own diagnostics, and its posts fall back to the defaults with one info diagnostic', async () => {
    const target = uri('posts/open.post.md');
    const mark = await change('.alphanode.yaml', 'rules:\n  rollback-mising: error\nvalues:\n  difficulty: beginner\n');
    const own = await publishAfter(mark, templateUri, 'the template file diagnostics');
    assert.deepEqual(codes(own.diagnostics), ['template-unknown-key', 'template-invalid']);
    assert.deepEqual(own.diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } });
    assert.match(String(own.diagnostics[0].message), /did you mean "rollback-missing"\?/);
    const post = await publishAfter(mark, target, 'the open post after the template broke');
    assert.deepEqual(codes(post.diagnostics), ['template-fallback', 'rollback-missing']);
    assert.equal(severityOf(post.diagnostics, 'template-fallback'), 3);
    assert.equal(severityOf(post.diagnostics, 'rollback-missing'), 2, 'the default severity');
    assert.equal(post.diagnostics[0].relatedInformation?.[0].location.uri, templateUri);
    const closed = await publishWith(mark, uri('posts/closed.post.md'), ['template-fallback', 'paragraph-count']);
    assert.deepEqual(codes(closed.diagnostics), ['template-fallback', 'paragraph-count']);
  });

  it('fixing the template clears its diagnostics and the fallback notes', async () => {
    const mark = await change('.alphanode.yaml', 'rules:\n  rollback-missing: error\n');
    assert.deepEqual((await publishAfter(mark, templateUri, 'the fixed template')).diagnostics, []);
    const post = await publishAfter(mark, uri('posts/open.post.md'), 'the open post');
    assert.deepEqual(codes(post.diagnostics), ['rollback-missing']);
    assert.equal(severityOf(post.diagnostics, 'rollback-missing'), 1);
  });

  it('a post changed, created or deleted on disk is validated again', async () => {
    let mark = await change('posts/closed.post.md', seed);
    await publishWith(mark, uri('posts/closed.post.md'), []);
    mark = await change('posts/new.post.md', edit(seed, 'paragraphs: 5', 'paragraphs: 2'), FileChangeType.Created);
    await publishWith(mark, uri('posts/new.post.md'), ['paragraph-count']);
    mark = await change('posts/new.post.md', null);
    assert.deepEqual((await publishAfter(mark, uri('posts/new.post.md'), 'the deleted post')).diagnostics, []);
  });

  it('changing .alphanodeignore re-validates: newly ignored posts are cleared, un-ignored ones appear', async () => {
    let mark = await change('.alphanodeignore', '');
    await publishWith(mark, uri('drafts/wip.post.md'), ['paragraph-count']);
    mark = await change('.alphanodeignore', 'drafts/\n');
    await publishWith(mark, uri('drafts/wip.post.md'), []);
  });

  it('closing a document publishes its state on disk again', async () => {
    const target = uri('posts/open.post.md');
    await client.change(target, ++version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    await client.waitForDiagnostics(target, version);
    const mark = client.publishes.length;
    await client.close(target);
    // First the server clears the editor's diagnostics, then the scan publishes the disk's.
    const cleared = await publishAfter(mark, target, 'the clear on close');
    assert.deepEqual(cleared.diagnostics, []);
    const disk = await client.waitForPublish((p) => p.seq > cleared.seq && p.uri === target, 5_000, 'the disk state after close');
    assert.deepEqual(codes(disk.diagnostics), ['rollback-missing']);
  });

  it('multi-root: an added workspace folder is scanned with its own template', async () => {
    const ws2 = join(root, 'ws2');
    write(ws2, '.alphanode.yaml', 'rules:\n  paragraph-count: warning\n');
    const other = write(ws2, 'runbooks/x.md', edit(seed, 'paragraphs: 5', 'paragraphs: 7'));
    const mark = client.publishes.length;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: pathToFileURL(ws2).href, name: 'ws2' }], removed: [] } });
    const publish = await publishAfter(mark, other, 'the post of the second folder');
    assert.deepEqual(codes(publish.diagnostics), ['paragraph-count']);
    assert.equal(severityOf(publish.diagnostics, 'paragraph-count'), 2, 'warning, from ws2/.alphanode.yaml');
    // The first folder's template still applies to its posts.
    await client.open(uri('posts/clean.post.md'), noRollback, 1);
    assert.equal(severityOf(await client.waitForDiagnostics(uri('posts/clean.post.md'), 1), 'rollback-missing'), 1);
  });
});

describe('workspace scan progress (protocol)', () => {
  it('a large workspace shows window/workDoneProgress: begin, reports, end once every post is published', async () => {
    const ws = join(root, 'big');
    const posts = 120;
    for (let i = 0; i < posts; i++) write(ws, `posts/p${String(i).padStart(3, '0')}.post.md`, seed);
    const access = fsFileAccess();
    const client = await LspClient.start({ workspaceFolder: pathToFileURL(ws).href, handlers: access.handlers, workDoneProgress: true });
    try {
      const last = `${pathToFileURL(ws).href}/posts/p${String(posts - 1).padStart(3, '0')}.post.md`;
      await client.waitForPublish((p) => p.uri === last, 20_000, 'the last post of the scan');
      await client.settle(300);
      assert.ok(client.otherRequests.includes('window/workDoneProgress/create'), client.otherRequests.join());
      const kinds = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
      assert.equal(new Set(client.publishes.filter((p) => p.uri.endsWith('.post.md')).map((p) => p.uri)).size, posts);
      assert.equal(access.stats.reads, posts);
      await client.shutdown();
    } finally {
      client.kill();
    }
  });
});

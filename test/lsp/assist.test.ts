/**
 * Authoring assistance and code actions on the real built server (dist/server.js --stdio):
 * completion, hover, document symbols, folding, the "mark reviewed" code lens and its
 * `workspace/executeCommand` → `workspace/applyEdit` round trip, the quick fix of every
 * fixable rule against its fixture (test/fixtures/fixes/), and `source.fixAll.alphanode`
 * against what `alphanode check --fix` writes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditParams,
  CodeAction,
  CodeActionRequest,
  CodeLens,
  CodeLensRequest,
  CompletionItem,
  CompletionRequest,
  Diagnostic,
  DocumentSymbol,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRange,
  FoldingRangeRequest,
  Hover,
  HoverRequest,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { fixAll, isoToday, RULES } from '../../server/src/service';
import { fsFileAccess } from '../support/fileAccess';
import { edit, FIXTURES, loadSeed, REPO_ROOT } from '../support/fixtures';
import { CLI_JS, LspClient, shutDownCleanly } from '../support/lspClient';

const root = mkdtempSync(join(tmpdir(), 'alphanode-assist-lsp-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FIXES_DIR = join(FIXTURES, 'fixes');
const FIX_ALL_KIND = 'source.fixAll.alphanode';
const BROKEN_EXAMPLE = readFileSync(join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8');
const seed = loadSeed('000');
/** The rollback note owner: the server's fallback (initializationOptions) and `check --fix --owner`. */
const OWNER = 'Dana Ops';

const lines = (text: string) => text.split(/\r\n|\r|\n/);
const lineOf = (text: string, exact: string) => {
  const line = lines(text).indexOf(exact);
  assert.ok(line >= 0, `no line ${JSON.stringify(exact)}`);
  return line;
};
const range = (line: number, start: number, endLine: number, end: number): Range => ({ start: { line, character: start }, end: { line: endLine, character: end } });
const at = (line: number, character: number): Position => ({ line, character });
const fixture = (rule: string, which: 'before' | 'after') => readFileSync(join(FIXES_DIR, `${rule}.${which}.post.md`), 'utf8');
const fixableRules = RULES.filter((rule) => rule.fixable).map((rule) => rule.id);

/** Applies LSP edits with vscode-languageserver-textdocument (an implementation independent of the core's applyEdits). */
function applyLspEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

/** The edits of a code action's WorkspaceEdit for `uri` (`changes` form, as the server sends). */
function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.changes;
  assert.ok(changes, `${action.title}: a WorkspaceEdit with changes`);
  assert.deepEqual(Object.keys(changes), [uri], 'edits only this document');
  return changes[uri];
}

/** What `node dist/cli.js check --fix` writes for `text` (in a fresh folder, so with the default template). */
function cliFix(text: string, name: string): string {
  const dir = mkdtempSync(join(root, 'cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, [CLI_JS, 'check', '--fix', '--owner', OWNER, name], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
  assert.ok(result.status === 0 || result.status === 1, `check --fix exited ${result.status}: ${result.stderr}`);
  return readFileSync(file, 'utf8');
}

describe('assist over LSP: completion, hover, symbols, folding, code lens, mark reviewed', () => {
  const workspaceDir = join(root, 'ws');
  const workspace = pathToFileURL(workspaceDir).href;
  const uriOf = (relative: string) => `${workspace}/${relative}`;
  const applied: ApplyWorkspaceEditParams[] = [];
  let client: LspClient;

  /** Seed 000 with the `score` map removed: a blank line is left where it was. */
  const SCORE = 'score:\n  quality: 97\n  freshness: 74\n  depth: 78\n  clarity: 78\n';
  const noScore = edit(seed, SCORE, '\n');
  const blankLine = lineOf(seed, 'score:');
  const postUri = uriOf('posts/assist.post.md');
  const completion = (uri: string, position: Position) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as Promise<CompletionItem[] | null>;
  const hover = (uri: string, position: Position) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;
  /** The messages the server asked the client to show (`window/showMessageRequest`), in order. */
  const shown: unknown[] = [];

  before(async () => {
    client = await LspClient.start({
      workspaceFolder: workspace,
      handlers: {
        'workspace/applyEdit': (params) => {
          applied.push(params as ApplyWorkspaceEditParams);
          return { applied: true };
        },
        'window/showMessageRequest': (params) => {
          shown.push(params);
          return null;
        },
      },
    });
    await client.open(postUri, noScore);
    assert.deepEqual((await client.waitForDiagnostics(postUri, 1)).map((d) => [d.code, d.message]), [['meta-required', 'Missing required key "score".']]);
  });
  after(() => shutDownCleanly(client));

  it('announces completion (with its trigger characters), hover, symbols, folding, code lens and the mark-reviewed command', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: [':', ' ', '-'] });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.documentSymbolProvider, { label: 'Alphanode post' });
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.deepEqual(capabilities.executeCommandProvider, { commands: ['alphanode.markReviewed'] });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_KIND] });
  });

  describe('completion', () => {
    it('on the blank line where `score` was: only `score`, as a snippet with every nested key and a tab stop per value', async () => {
      const items = await completion(postUri, at(blankLine, 0));
      assert.deepEqual(items, [{
        label: 'score',
        kind: 10,
        sortText: '0000',
        insertTextFormat: 2,
        textEdit: { range: range(blankLine, 0, blankLine, 0), newText: 'score:\n  quality: ${1:0}\n  freshness: ${2:0}\n  depth: ${3:0}\n  clarity: ${4:0}' },
        detail: 'map',
        documentation: { kind: 'markdown', value: 'Editorial scores, each an integer 0 to 100.' },
        insertTextMode: 1,
      }]);
    });

    it('a partly typed key (`sco`): the textEdit replaces what was typed', async () => {
      const uri = uriOf('posts/partial.post.md');
      const text = edit(seed, SCORE, 'sco\n');
      await client.open(uri, text);
      const items = (await completion(uri, at(blankLine, 3)))!;
      assert.deepEqual(items.map((item) => item.label), ['score']);
      assert.deepEqual(items[0].textEdit, { range: range(blankLine, 0, blankLine, 3), newText: 'score:\n  quality: ${1:0}\n  freshness: ${2:0}\n  depth: ${3:0}\n  clarity: ${4:0}' });
      await client.close(uri);
    });

    it('on a key that is there (`revision`): the keys that could replace it, the map keys as plain names', async () => {
      const line = lineOf(noScore, 'revision:');
      const items = (await completion(postUri, at(line, 3)))!;
      assert.deepEqual(items.map((item) => [item.label, item.insertTextFormat, item.textEdit]), [
        ['score', 1, { range: range(line, 0, line, 8), newText: 'score' }],
        ['revision', 1, { range: range(line, 0, line, 8), newText: 'revision' }],
      ]);
    });

    it('`difficulty: advanced`, cursor at the end: the enum, in the template order, replacing the value', async () => {
      const line = lineOf(noScore, 'difficulty: advanced');
      const items = (await completion(postUri, at(line, 'difficulty: advanced'.length)))!;
      assert.deepEqual(items.map((item) => item.label), ['beginner', 'intermediate', 'advanced']);
      assert.deepEqual(items.map((item) => [item.kind, item.insertTextFormat, item.sortText]), [[20, 1, '0000'], [20, 1, '0001'], [20, 1, '0002']]);
      for (const item of items) assert.deepEqual(item.textEdit, { range: range(line, 12, line, 20), newText: item.label });
    });

    it('`difficulty:` with the cursor right after the colon: each value brings its leading space', async () => {
      const line = lineOf(noScore, 'difficulty: advanced');
      const items = (await completion(postUri, at(line, 'difficulty:'.length)))!;
      assert.deepEqual(items.map((item) => item.textEdit), ['beginner', 'intermediate', 'advanced'].map((value) => ({ range: range(line, 11, line, 20), newText: ` ${value}` })));
    });

    it('`has_images:`: 0 and 1, the one image_sources implies preselected', async () => {
      const line = lineOf(noScore, '  has_images: 1');
      const items = (await completion(postUri, at(line, 15)))!;
      assert.deepEqual(items.map((item) => [item.label, item.preselect ?? false, item.detail]), [['0', false, undefined], ['1', true, 'image_sources has 1 entry']]);
    });

    it('in a complete front matter: what fits the position or an empty list, and no word-based suggestions in Markdown (issue 15)', async () => {
      const uri = uriOf('posts/complete.post.md');
      const close = lines(seed).lastIndexOf('---');
      // Seed 000 with a blank line before the closing fence: every key is there.
      const text = edit(seed, '\n---\n\n# ', '\n\n---\n\n# ');
      await client.open(uri, text);
      assert.deepEqual(await client.waitForDiagnostics(uri, 1), [], 'a complete, clean post');
      const endOf = (line: string) => at(lineOf(text, line), line.length);
      assert.deepEqual(await completion(uri, endOf('hash: "b0aaade20420440abd800f63"')), [], 'the end of a value nothing can replace');
      assert.deepEqual(await completion(uri, endOf('    caption: keeping staging close to production with python services visual reference 1')), [], 'the end of a free-text value');
      assert.deepEqual(await completion(uri, at(close, 0)), [], 'the blank line in the front matter: no key is missing');
      assert.deepEqual(await completion(uri, at(close + 2, 0)), [], 'the blank line after the front matter');
      const difficulty = (await completion(uri, endOf('difficulty: advanced')))!;
      assert.deepEqual(difficulty.map((item) => item.label), ['beginner', 'intermediate', 'advanced'], 'the end of an enum value: its values');
      await client.close(uri);
      // An empty list would let VS Code fall back to words of the document ("a", hash strings): the extension turns
      // that off for Markdown, the finest scope configurationDefaults allow (posts are Markdown files).
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { configurationDefaults?: unknown } };
      assert.deepEqual(manifest.contributes.configurationDefaults, { '[markdown]': { 'editor.wordBasedSuggestions': 'off' } });
    });

    it('in the body: nothing', async () => {
      const line = lineOf(noScore, '## final notes');
      assert.deepEqual(await completion(postUri, at(line + 2, 4)), []);
    });
  });

  describe('hover', () => {
    it('on `paragraphs: 5` (the value): the key, its docs and what the body has now, exactly', async () => {
      const line = lineOf(noScore, '  paragraphs: 5');
      assert.deepEqual(await hover(postUri, at(line, 14)), {
        contents: { kind: 'markdown', value: '**payload.paragraphs**\n\nThe number of prose paragraphs of the intro and every section except `final notes`.\n\nThe body has 5 prose paragraphs now.' },
        range: range(line, 14, line, 15),
      });
    });

    it('on the key `paragraphs`: the same text, the key as its range', async () => {
      const line = lineOf(noScore, '  paragraphs: 5');
      const result = await hover(postUri, at(line, 4));
      assert.deepEqual(result?.range, range(line, 2, line, 12));
      assert.equal((result?.contents as { value: string }).value, '**payload.paragraphs**\n\nThe number of prose paragraphs of the intro and every section except `final notes`.\n\nThe body has 5 prose paragraphs now.');
    });

    it('on a key with a diagnostic (`reading_tme`): what VS Code does not show, never the diagnostic again (issue 15)', async () => {
      const uri = uriOf('posts/typo.post.md');
      const text = edit(seed, 'reading_time: 7', 'reading_tme: 7');
      await client.open(uri, text);
      const diagnostics = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['meta-required', range(lineOf(text, 'reading_tme: 7'), 0, lineOf(text, 'reading_tme: 7'), 11)]]);
      const line = lineOf(text, 'reading_tme: 7');
      // VS Code's marker hover shows the diagnostics (message, rule id linking to its docs); ours adds only the key's standing.
      assert.deepEqual(await hover(uri, at(line, 3)), { contents: { kind: 'markdown', value: '**reading_tme**\n\nNot a key of the post meta.' }, range: range(line, 0, line, 11) });
      assert.deepEqual(await hover(uri, at(line, 13)), { contents: { kind: 'markdown', value: '**reading_tme**\n\nNot a key of the post meta.' }, range: range(line, 13, line, 14) });
      await client.close(uri);
    });

    it('on a body line: null', async () => {
      assert.equal(await hover(postUri, at(lineOf(noScore, '## final notes') + 2, 10)), null);
    });
  });

  it('documentSymbol: what the built-in Markdown outline lacks (no headings): the post meta, the rollback note and the checklist, with exact ranges', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: postUri } })) as DocumentSymbol[];
    const all = lines(noScore);
    const close = all.lastIndexOf('---');
    const fence = all.indexOf('```rollback');
    const fenceEnd = all.indexOf('```', fence + 1);
    const firstItem = lineOf(noScore, '## implementation checklist') + 2;
    const lastItem = lineOf(noScore, '## final notes') - 2;
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail, symbol.kind, symbol.range, symbol.selectionRange]), [
      ['post meta', '19 keys', 3, range(0, 0, close, 3), range(0, 0, 0, 3)],
      ['priya.nair', 'rollback note', 24, range(fence, 0, fenceEnd, 3), range(fence + 1, 7, fence + 1, 17)],
      ['implementation checklist', '5 items', 18, range(firstItem, 0, lastItem, all[lastItem].length), range(firstItem, 0, firstItem, all[firstItem].length)],
    ]);
    assert.deepEqual(symbols[0].children?.map((child) => child.name), ['topic', 'summary', 'ai_outline', 'ai_brief', 'stack', 'tools', 'code_language', 'difficulty', 'reading_time', 'view_count', 'revision', 'reference', 'hash', 'flags', 'checklist', 'entities', 'image_sources', 'payload', 'notes']);
    assert.deepEqual(symbols[2].children?.map((child) => child.name), ['review query plans', 'add indexes carefully', 'test with realistic data', 'compare before and after metrics', 'document the migration']);
  });

  it('foldingRange: the front matter folds from `---` to "---"', async () => {
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: postUri } })) as FoldingRange[];
    const close = lines(noScore).lastIndexOf('---');
    assert.deepEqual(ranges[0], { startLine: 0, endLine: close });
    assert.ok(ranges.some((r) => r.startLine === lineOf(noScore, 'revision:') && r.endLine === lineOf(noScore, 'revision:') + 3), 'the revision map folds too');
  });

  it('codeLens on line 0: "Mark post reviewed" running alphanode.markReviewed with the document', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: postUri } })) as CodeLens[];
    assert.deepEqual(lenses, [{ range: range(0, 0, 0, 3), command: { title: 'Mark post reviewed', command: 'alphanode.markReviewed', arguments: [postUri] } }]);
  });

  it('executeCommand alphanode.markReviewed: the server sends workspace/applyEdit with exactly the three revision edits for version 1', async () => {
    applied.length = 0;
    shown.length = 0;
    const dayBefore = isoToday();
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'alphanode.markReviewed', arguments: [postUri] });
    const today = [dayBefore, isoToday()];
    assert.equal(result, null);
    assert.equal(applied.length, 1, 'one workspace/applyEdit request, answered {applied: true}');
    const [request] = applied;
    assert.equal(request.label, 'Mark post reviewed');
    const change = request.edit.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.equal(request.edit.documentChanges?.length, 1);
    assert.deepEqual(change.textDocument, { uri: postUri, version: 1 });
    const status = lineOf(noScore, '  status: expanded');
    const day = change.edits[2]?.newText;
    assert.ok(today.map((d) => JSON.stringify(d)).includes(day), day);
    assert.deepEqual(change.edits, [
      { range: range(status, 10, status, 18), newText: 'reviewed' },
      { range: range(status + 1, 11, status + 1, 18), newText: '"1.9.3"' },
      { range: range(status + 2, 17, status + 2, 29), newText: day },
    ]);
    assert.equal(applyLspEdits(noScore, change.edits), edit(noScore, '  status: expanded\n  version: "1.9.2"\n  last_reviewed: "2017-10-25"\n', `  status: reviewed\n  version: "1.9.3"\n  last_reviewed: ${day}\n`));
    // It says what it did (issue 15).
    assert.deepEqual(shown, [{ type: 3, message: `Marked reviewed: version 1.9.3, last reviewed ${JSON.parse(day)}`, actions: [] }]);
  });

  it('codeLens only when marking would change something: none on a post reviewed today; the command then changes nothing and says so', async () => {
    const uri = uriOf('posts/reviewed.post.md');
    const today = isoToday();
    const reviewed = edit(seed, '  status: expanded\n  version: "1.9.2"\n  last_reviewed: "2017-10-25"\n', `  status: reviewed\n  version: "1.9.3"\n  last_reviewed: "${today}"\n`);
    await client.open(uri, reviewed);
    const lensesOf = () => client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as Promise<CodeLens[]>;
    assert.deepEqual(await lensesOf(), [], 'reviewed today at the current version');
    applied.length = 0;
    shown.length = 0;
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'alphanode.markReviewed', arguments: [uri] });
    assert.equal(applied.length, 0, 'no edit');
    assert.deepEqual(shown, [{ type: 3, message: `Already reviewed today: version 1.9.3, last reviewed ${today}. Nothing changed.`, actions: [] }]);
    // Reviewed on another day, or not in the reviewed status: the lens is back.
    const lens = [{ range: range(0, 0, 0, 3), command: { title: 'Mark post reviewed', command: 'alphanode.markReviewed', arguments: [uri] } }];
    const dateLine = lineOf(reviewed, `  last_reviewed: "${today}"`);
    await client.change(uri, 2, [{ range: range(dateLine, 17, dateLine, 29), text: '"2017-10-25"' }]);
    assert.deepEqual(await lensesOf(), lens, 'reviewed on another day');
    await client.change(uri, 3, [{ range: range(dateLine, 17, dateLine, 29), text: `"${today}"` }, { range: range(dateLine - 2, 10, dateLine - 2, 18), text: 'expanded' }]);
    assert.deepEqual(await lensesOf(), lens, 'not in the reviewed status');
    await client.close(uri);
  });

  it('a Markdown file that is not a post: no completion, hover, symbols, folding, code lens or code actions', async () => {
    const uri = uriOf('notes.md');
    const text = '# notes\n\n---\n\nsome: text\n\n- one\n';
    await client.open(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);
    assert.deepEqual(await completion(uri, at(4, 2)), []);
    assert.equal(await hover(uri, at(4, 2)), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: range(0, 0, 6, 0), context: { diagnostics: [] } }), []);
    // Outside the globs too, a file with the seed's meta (an alphanode- source id) does get them.
    const notes = uriOf('notes-post.md');
    await client.open(notes, seed);
    assert.deepEqual(await client.waitForDiagnostics(notes, 1), []);
    assert.notEqual(await hover(notes, at(lineOf(seed, '  paragraphs: 5'), 14)), null, 'a post by its alphanode- source id gets hovers');
  });
});

describe('code actions over LSP: every quick fix and fix-all', () => {
  const workspaceDir = join(root, 'actions');
  const workspace = pathToFileURL(workspaceDir).href;
  const uriOf = (relative: string) => `${workspace}/${relative}`;
  let client: LspClient;

  const codeActions = (uri: string, requested: Range, diagnostics: Diagnostic[], only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: requested, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;

  /** Opens `text` as posts/<name>, waits for version 1's diagnostics. */
  async function openPost(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(`posts/${name}`);
    await client.open(uri, text);
    return { uri, diagnostics: await client.waitForDiagnostics(uri, 1) };
  }

  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace, initializationOptions: { ownerFallback: OWNER } });
  });
  after(() => shutDownCleanly(client));

  it('the fixtures cover every fixable rule', () => {
    const rules = readdirSync(FIXES_DIR).filter((name) => name.endsWith('.before.post.md')).map((name) => name.replace('.before.post.md', ''));
    assert.deepEqual(rules.sort(), [...fixableRules].sort());
  });

  for (const rule of fixableRules) {
    it(`${rule}: the preferred quick fix for its diagnostic gives the after fixture`, async () => {
      const before = fixture(rule, 'before');
      const { uri, diagnostics } = await openPost(`${rule}.post.md`, before);
      const mine = diagnostics.filter((d) => d.code === rule);
      assert.equal(mine.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
      const actions = await codeActions(uri, mine[0].range, mine, ['quickfix']);
      assert.ok(actions.length >= 1);
      for (const action of actions) {
        assert.equal(action.kind, 'quickfix');
        assert.deepEqual(action.diagnostics, mine, 'each quick fix names the diagnostic it fixes');
      }
      const preferred = actions.filter((action) => action.isPreferred);
      assert.equal(preferred.length, 1, actions.map((action) => action.title).join(' | '));
      if (rule === 'rollback-missing') {
        // A client command (a snippet needs the editor): the URI filled in, the section's line as position.
        // The inserted text is checked in test/e2e/suite/fixes.test.ts.
        assert.equal(preferred[0].edit, undefined);
        assert.deepEqual(preferred[0].command, {
          title: 'Insert a rollback note at the end of "security and maintenance notes"',
          command: 'alphanode.insertRollbackNoteForSection',
          arguments: [uri, { line: lineOf(before, '## security and maintenance notes'), character: 0 }],
        });
        assert.deepEqual(actions.map((action) => [action.title, action.command?.command, action.command?.arguments]), [
          [preferred[0].title, 'alphanode.insertRollbackNoteForSection', preferred[0].command!.arguments],
          ['Insert a rollback note at the cursor', 'alphanode.insertRollbackNote', [uri, null]],
        ]);
      } else {
        assert.equal(preferred[0].command, undefined);
        assert.equal(applyLspEdits(before, editsOf(preferred[0], uri)), fixture(rule, 'after'));
      }
      await client.close(uri);
    });
  }

  it("checklist-sync: the second quick fix (not preferred) copies the meta's checklist into the body", async () => {
    const before = fixture('checklist-sync', 'before');
    const { uri, diagnostics } = await openPost('sync-2.post.md', before);
    const actions = await codeActions(uri, diagnostics[0].range, diagnostics, ['quickfix']);
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred ?? false]), [["Copy the body's checklist into the meta", true], ["Copy the meta's checklist into the body", false]]);
    assert.equal(applyLspEdits(before, editsOf(actions[1], uri)), edit(before, '\n- review query plans\n- add indexes carefully\n', '\n- add indexes carefully\n- review query plans\n'));
    await client.close(uri);
  });

  it('a CRLF post: the quick fix edits keep CRLF', async () => {
    const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    const before = crlf(fixture('meta-required', 'before'));
    const { uri, diagnostics } = await openPost('crlf.post.md', before);
    const actions = await codeActions(uri, diagnostics[0].range, diagnostics, ['quickfix']);
    assert.equal(applyLspEdits(before, editsOf(actions.find((action) => action.isPreferred)!, uri)), crlf(fixture('meta-required', 'after')));
    await client.close(uri);
  });

  it('a diagnostic the server did not publish (another range) gets no quick fix', async () => {
    const before = fixture('paragraph-count', 'before');
    const { uri, diagnostics } = await openPost('stale.post.md', before);
    const moved = { ...diagnostics[0], range: range(0, 0, 0, 3) };
    assert.deepEqual(await codeActions(uri, moved.range, [moved], ['quickfix']), []);
    await client.close(uri);
  });

  describe('source.fixAll.alphanode', () => {
    it('broken-example: one action whose edit gives exactly what `alphanode check --fix` writes', async () => {
      const { uri, diagnostics } = await openPost('broken-example.post.md', BROKEN_EXAMPLE);
      assert.equal(diagnostics.length, 6, "one typo, one problem: reading_tme is meta-required's, at the typo");
      const all = range(0, 0, lines(BROKEN_EXAMPLE).length, 0);
      const actions = await codeActions(uri, all, [], [FIX_ALL_KIND]);
      assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all auto-fixable alphanode problems', FIX_ALL_KIND]]);
      const fixed = applyLspEdits(BROKEN_EXAMPLE, editsOf(actions[0], uri));
      assert.equal(fixed, cliFix(BROKEN_EXAMPLE, 'broken-example.post.md'));
      assert.equal(fixed, fixAll(BROKEN_EXAMPLE, { owner: OWNER }).text);
      // The owner fix names the client's owner (as Insert Rollback Note does), not an empty placeholder.
      assert.ok(lines(fixed).includes(`owner: ${OWNER}`));
      assert.notEqual(fixed, BROKEN_EXAMPLE);
      // One minimal edit: from the first change (the topic) to the last (the rollback owner).
      assert.equal(editsOf(actions[0], uri).length, 1);
      // editor.codeActionsOnSave asks for `source.fixAll` (and `source`): the alphanode kind is under both.
      for (const only of [['source.fixAll'], ['source']]) {
        assert.deepEqual((await codeActions(uri, all, [], only)).map((action) => action.kind), [FIX_ALL_KIND], only[0]);
      }
      // Quick fixes are not returned for `only: [source.fixAll…]`, nor fix-all for `only: [quickfix]`.
      assert.ok((await codeActions(uri, diagnostics[0].range, diagnostics, ['quickfix'])).every((action) => action.kind === 'quickfix'));
      await client.close(uri);
    });

    it('every before fixture: fix-all gives what `check --fix` writes', async () => {
      for (const rule of fixableRules) {
        const before = fixture(rule, 'before');
        const { uri } = await openPost(`all-${rule}.post.md`, before);
        const actions = await codeActions(uri, range(0, 0, lines(before).length, 0), [], [FIX_ALL_KIND]);
        const fixed = actions.length === 0 ? before : applyLspEdits(before, editsOf(actions[0], uri));
        assert.equal(fixed, cliFix(before, `${rule}.post.md`), rule);
        assert.equal(actions.length, rule === 'rollback-missing' ? 0 : 1, `${rule}: a fix-all action unless only command fixes are left`);
        await client.close(uri);
      }
    });

    it('the owner fix: the alphanode.owner setting, else the client\'s ownerFallback; the fixed note is clean', async () => {
      const noOwner = edit(seed, 'owner: priya.nair\n', '');
      const ownerFix = async (name: string) => {
        const { uri, diagnostics } = await openPost(name, noOwner);
        assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['rollback-fields', 'This rollback note has no owner: a change keeps its owner, expected result and rollback together.']]);
        const actions = await codeActions(uri, diagnostics[0].range, diagnostics, ['quickfix']);
        assert.deepEqual(actions.map((action) => action.title), ['Add owner']);
        const fixed = applyLspEdits(noOwner, editsOf(actions[0], uri));
        await client.close(uri);
        return fixed;
      };
      assert.equal(await ownerFix('owner-fallback.post.md'), edit(noOwner, 'rehearsed: "2026-09-14"\n', `rehearsed: "2026-09-14"\nowner: ${OWNER}\n`));
      await client.changeSettings({ owner: '  jane.doe ' });
      try {
        const fixed = await ownerFix('owner-setting.post.md');
        assert.equal(fixed, edit(noOwner, 'rehearsed: "2026-09-14"\n', 'rehearsed: "2026-09-14"\nowner: jane.doe\n'));
        const { uri, diagnostics } = await openPost('owner-fixed.post.md', fixed);
        assert.deepEqual(diagnostics, []);
        await client.close(uri);
      } finally {
        await client.changeSettings(null);
      }
    });

    it('a clean post, or one whose only fix is a command, gets no fix-all action', async () => {
      const { uri } = await openPost('clean.post.md', seed);
      assert.deepEqual(await codeActions(uri, range(0, 0, 10, 0), [], [FIX_ALL_KIND]), []);
      await client.close(uri);
    });
  });
});

describe('source.fixAll.alphanode under a team template', () => {
  const ws = join(root, 'team');
  const wsUri = pathToFileURL(ws).href;
  let client: LspClient;
  const write = (relative: string, text: string) => {
    const path = join(ws, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  // paragraph-count is off in this folder; topic-format is not.
  const post = edit(fixture('topic-format', 'before'), '  paragraphs: 10\n', '  paragraphs: 11\n');

  before(async () => {
    write('.alphanode.yaml', 'rules:\n  paragraph-count: off\n');
    write('posts/team.post.md', post);
    client = await LspClient.start({ workspaceFolder: wsUri, handlers: fsFileAccess().handlers });
  });
  after(() => shutDownCleanly(client));

  it('the quick fixes follow the template: only topic-format is reported', async () => {
    const uri = `${wsUri}/posts/team.post.md`;
    await client.open(uri, post);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).map((d) => d.code), ['topic-format']);
  });

  it(
    'fix-all changes what `check --fix` changes in the same folder (a rule the template turns off is left alone)',
    async () => {
      const uri = `${wsUri}/posts/team.post.md`;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: range(0, 0, 10, 0), context: { diagnostics: [], only: [FIX_ALL_KIND] } })) as CodeAction[];
      assert.equal(actions.length, 1);
      const fixed = applyLspEdits(post, editsOf(actions[0], uri));
      const result = spawnSync(process.execPath, [CLI_JS, 'check', '--fix', join('posts', 'team.post.md')], { cwd: ws, encoding: 'utf8', timeout: 10_000 });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const cli = readFileSync(join(ws, 'posts', 'team.post.md'), 'utf8');
      assert.ok(cli.includes('  paragraphs: 11\n'), 'check --fix leaves the count the template does not check');
      assert.equal(fixed, cli);
    },
  );

});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, ours, revertAndCloseAll, withExtensionAndOwner } from './helpers';

/**
 * Rollback notes and new posts in a real VS Code: the insert commands put exactly the expected
 * text at the expected place (LF, CRLF, no final line break) as ONE undo step; the
 * rollback-missing quick fix runs them; "New Runbook Post…" (with its answers as arguments)
 * opens a post the server finds nothing wrong with; the whole-post snippet expands to a clean post.
 */
const OWNER = 'e2e.owner';
const EXPECTED_PLACEHOLDER = 'what is true once the change worked';
const NOTE = ['```rollback', `owner: ${OWNER}`, `expected_result: ${EXPECTED_PLACEHOLDER}`, 'rollback: |', '  the commands that undo the change', '```'];

/** A small post; line numbers in the comments. */
const POST = [
  '---', //                                        0
  'payload:', //                                   1
  '  source_id: alphanode-000001', //              2
  '---', //                                        3
  '', //                                           4
  '# a title', //                                  5
  '', //                                           6
  'intro line one', //                             7
  'intro line two', //                             8
  '', //                                           9
  '## why this matters', //                        10
  '', //                                           11
  'why paragraph', //                              12
  '', //                                           13
  '', //                                           14
  '- item a', //                                   15
  '- item b', //                                   16
  '', //                                           17
  '## final notes', //                             18
  '', //                                           19
  'final paragraph', //                            20
  '', //                                           21
];

function folder(): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'the end-to-end runner opens test/e2e/workspace');
  return workspace.uri;
}

let counter = 0;
/** Writes `text` to a new post file in the workspace copy and opens it. */
async function openPost(text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder(), 'posts', `e2e-rollback-${Date.now()}-${counter++}.post.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10000, uri?: vscode.Uri): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what}: gave up after ${timeoutMs} ms${uri ? `; diagnostics now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.range.start.line, d.message]))}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs an insert command, then checks the exact text and that one undo restores the original. */
async function insertsExactly(editor: vscode.TextEditor, run: () => Thenable<unknown>, expected: string): Promise<void> {
  const original = editor.document.getText();
  const versionBefore = editor.document.version;
  const inserted = await run();
  assert.strictEqual(inserted, true, 'the command reports the snippet was inserted');
  assert.strictEqual(editor.document.getText(), expected);
  assert.strictEqual(editor.document.version, versionBefore + 1, 'one edit');
  await vscode.commands.executeCommand('leaveSnippet');
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  assert.strictEqual(editor.document.getText(), original, 'one undo restores the original text');
}

const lines = (text: string[], eol = '\n') => text.join(eol);
const withNote = (at: number, note: string[] = NOTE) => [...POST.slice(0, at), ...note, ...POST.slice(at)];

suite('rollback notes and new posts', () => {
  withExtensionAndOwner(EXTENSION_ID, OWNER);

  teardown(async () => {
    await revertAndCloseAll();
  });

  test('Insert Rollback Note at the cursor, on a blank line between blocks: exact text, one undo step', async () => {
    const editor = await openPost(lines(POST));
    editor.selection = new vscode.Selection(13, 0, 13, 0);
    await insertsExactly(editor, () => vscode.commands.executeCommand('alphanode.insertRollbackNote'), lines(withNote(14)));
  });

  test('Insert Rollback Note with the cursor inside a paragraph: after the paragraph; the cursor lands on expected_result', async () => {
    const editor = await openPost(lines(POST));
    editor.selection = new vscode.Selection(7, 4, 7, 4);
    const expected = lines(withNote(9, ['', ...NOTE]));
    const inserted = await vscode.commands.executeCommand('alphanode.insertRollbackNote');
    assert.strictEqual(inserted, true);
    assert.strictEqual(editor.document.getText(), expected);
    // Tab stop 1 is expected_result's value: its placeholder text is selected, to be typed over.
    const start = 'expected_result: '.length;
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character], [12, start, 12, start + EXPECTED_PLACEHOLDER.length]);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), lines(POST));
  });

  test('Insert Rollback Note for This Section: end of the section, before the next heading', async () => {
    const editor = await openPost(lines(POST));
    editor.selection = new vscode.Selection(12, 3, 12, 3);
    await insertsExactly(editor, () => vscode.commands.executeCommand('alphanode.insertRollbackNoteForSection'), lines(withNote(17, ['', ...NOTE])));
  });

  test('a CRLF file gets CRLF lines (and the quick fix path: uri and position as arguments)', async () => {
    const editor = await openPost(lines(POST, '\r\n'));
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const uri = editor.document.uri.toString();
    await insertsExactly(
      editor,
      () => vscode.commands.executeCommand('alphanode.insertRollbackNoteForSection', uri, { line: 12, character: 0 }),
      lines(withNote(17, ['', ...NOTE]), '\r\n'),
    );
    await insertsExactly(editor, () => vscode.commands.executeCommand('alphanode.insertRollbackNote', null, { line: 13, character: 0 }), lines(withNote(14), '\r\n'));
  });

  test('at the end of a file without a final line break: the note ends the file the same way', async () => {
    const text = lines(POST.slice(0, -1));
    const editor = await openPost(text);
    editor.selection = new vscode.Selection(20, 5, 20, 5);
    await insertsExactly(editor, () => vscode.commands.executeCommand('alphanode.insertRollbackNoteForSection'), `${text}\n\n${lines(NOTE)}`);
    editor.selection = new vscode.Selection(20, 0, 20, 0);
    await insertsExactly(editor, () => vscode.commands.executeCommand('alphanode.insertRollbackNote'), `${text}\n\n${lines(NOTE)}`);
  });

  test('the rollback-missing quick fixes insert the note; the note just inserted is valid (its placeholders are text)', async () => {
    const editor = await openPost(lines(POST));
    const uri = editor.document.uri;
    const missing = await waitFor('rollback-missing', () => ours(uri).find((d) => codeOf(d) === 'rollback-missing'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Insert a rollback note at the cursor'), titles.join(' | '));
    const forSection = actions.find((action) => action.title === 'Insert a rollback note at the end of "why this matters"');
    assert.ok(forSection?.command, titles.join(' | '));
    assert.strictEqual(forSection.isPreferred, true);
    await vscode.commands.executeCommand(forSection.command.command, ...(forSection.command.arguments ?? []));
    assert.strictEqual(editor.document.getText(), lines(withNote(17, ['', ...NOTE])));
    // (The small post lacks most meta keys: only the rollback rules matter here.)
    await waitFor('no rollback problem left', () => (ours(uri).some((d) => codeOf(d).startsWith('rollback-')) ? undefined : true));
  });

  test('New Runbook Post… with its answers as arguments: an untitled post with zero diagnostics', async () => {
    const published: vscode.Uri[] = [];
    const listener = vscode.languages.onDidChangeDiagnostics((event) => published.push(...event.uris));
    try {
      const answers = { problem: 'fixing "quoted" settings: the hard way', stack: 'node.js', scenario: 'après la migration' };
      const uri = await vscode.commands.executeCommand<vscode.Uri>('alphanode.newPost', answers);
      assert.ok(uri, 'the command returns the new document');
      assert.strictEqual(uri.scheme, 'untitled');
      const editor = vscode.window.activeTextEditor;
      assert.strictEqual(editor?.document.uri.toString(), uri.toString());
      assert.strictEqual(editor.document.languageId, 'markdown');
      const text = editor.document.getText();
      assert.match(text, /^---\ntopic: 'fixing "quoted" settings: the hard way \/ node\.js'\n/);
      assert.match(text, new RegExp(`owner: ${OWNER.replace('.', '\\.')}\\n`));
      // The server publishes for the new document (possibly nothing at all): wait for that, then prove it is
      // live on this document with a breaking edit, and back.
      await waitFor('diagnostics published for the new post', () => (published.some((u) => u.toString() === uri.toString()) ? true : undefined)).catch(() => undefined);
      assert.deepStrictEqual(ours(uri).map((d) => [codeOf(d), d.message]), []);
      const line = text.split('\n').findIndex((candidate) => /^ {2}paragraphs: \d+$/.test(candidate));
      const count = Number(text.split('\n')[line].trim().split(' ')[1]);
      await editor.edit((builder) => builder.replace(new vscode.Range(line, 14, line, editor.document.lineAt(line).text.length), String(count + 1)));
      await waitFor('a paragraph-count error after the breaking edit', () => (ours(uri).some((d) => codeOf(d) === 'paragraph-count') ? true : undefined));
      await vscode.commands.executeCommand('undo');
      await waitFor('zero diagnostics again', () => (ours(uri).length === 0 ? true : undefined), 10000, uri);
      assert.strictEqual(editor.document.getText(), text);
    } finally {
      listener.dispose();
    }
  });

  test('New Runbook Post… refuses unusable answers', async () => {
    const uri = await vscode.commands.executeCommand('alphanode.newPost', { problem: 'two\nlines', stack: 's', scenario: 'c' });
    assert.strictEqual(uri, undefined);
  });

  test('the alphanode-post snippet, expanded by VS Code, is a post with zero diagnostics', async () => {
    const snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'snippets', 'alphanode.code-snippets')))) as Record<string, { prefix: string; body: string[] }>;
    const post = Object.values(snippets).find((snippet) => snippet.prefix === 'alphanode-post');
    assert.ok(post);
    const editor = await openPost('');
    assert.strictEqual(await editor.insertSnippet(new vscode.SnippetString(post.body.join('\n'))), true);
    const uri = editor.document.uri;
    // Type answers that need YAML quoting into the first three tab stops (the transforms escape them).
    const typed = ['fixing "quoted" settings: part \\ two', 'go: 1.22', 'during the "freeze"'];
    for (const [i, value] of typed.entries()) {
      await vscode.commands.executeCommand('type', { text: value });
      if (i < typed.length - 1) await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    }
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText();
    assert.match(text, /^topic: "fixing \\"quoted\\" settings: part \\\\ two \/ go: 1\.22"$/m);
    // Prove the server is live on this file, then that the snippet's post is clean.
    await waitFor('the server validated the expanded snippet', () => (ours(uri).length === 0 ? true : undefined), 10000, uri);
    const line = text.split('\n').findIndex((candidate) => /^ {2}paragraphs: \d+$/.test(candidate));
    await editor.edit((builder) => builder.replace(new vscode.Range(line, 14, line, editor.document.lineAt(line).text.length), '99'));
    await waitFor('paragraph-count after a breaking edit', () => (ours(uri).some((d) => codeOf(d) === 'paragraph-count') ? true : undefined));
    await vscode.commands.executeCommand('undo');
    const clean = await waitFor('zero diagnostics', () => (ours(uri).length === 0 ? [] : undefined), 10000, uri);
    assert.deepStrictEqual(clean, [], JSON.stringify(ours(uri).map((d) => [codeOf(d), d.message])));
  });
});

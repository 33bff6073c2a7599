import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { analyzePost, fixAll, isoToday, parsePost } from '../../../server/src/service';
import { codeOf, EXTENSION_ID, ours, revertAndCloseAll, waitFor as waitUntil, withExtensionAndOwner, workspaceFile } from './helpers';

/**
 * Quick fixes and fix-all in a real VS Code, through VS Code's own code action API: each
 * fixture of test/fixtures/fixes/ is copied into the workspace, its diagnostic awaited, the
 * preferred quick fix from `vscode.executeCodeActionProvider` applied with
 * `vscode.workspace.applyEdit`, and the document read back. rollback-missing's fix is a
 * client command (a snippet): it is run as the code action says, and one undo reverts it.
 * The "Mark post reviewed" lens, run the same way: one edit, one undo, and the lens only
 * while marking would change something.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const FIXES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'fixes');
const FIX_ALL_KIND = 'source.fixAll.alphanode';
/** The owner test/fixtures/fixes/rollback-missing.after.post.md was written with. */
const ROLLBACK_OWNER = 'priya.nair';

const fixture = (rule: string, which: 'before' | 'after') => fs.readFileSync(path.join(FIXES_DIR, `${rule}.${which}.post.md`), 'utf8');
/** Rules with a fixture whose preferred fix is edits (rollback-missing's is a command). */
const EDIT_FIX_RULES = fs.readdirSync(FIXES_DIR)
  .filter((name) => name.endsWith('.before.post.md'))
  .map((name) => name.slice(0, -'.before.post.md'.length))
  .filter((rule) => rule !== 'rollback-missing')
  .sort();

async function waitFor<T>(what: string, probe: () => T | undefined, uri: vscode.Uri, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what}: gave up after ${timeoutMs} ms; diagnostics now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.range.start.line, d.message]))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const created: vscode.Uri[] = [];
/** Copies `text` into the workspace copy as `relative` (with vscode.workspace.fs) and opens it. */
async function openCopy(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(relative);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  created.push(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  assert.strictEqual(document.getText(), text);
  return vscode.window.showTextDocument(document);
}

function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, ...(kind ? [kind] : []));
}

suite('quick fixes and fix-all (fixes) in a real VS Code', () => {
  withExtensionAndOwner(EXTENSION_ID, ROLLBACK_OWNER);

  teardown(async () => {
    await revertAndCloseAll();
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  for (const rule of EDIT_FIX_RULES) {
    test(`quick fix (${rule}): the preferred code action's edit, applied by VS Code, gives the after fixture`, async () => {
      const before = fixture(rule, 'before');
      const editor = await openCopy(`posts/fix-me-${rule}.post.md`, before);
      const { document } = editor;
      const uri = document.uri;
      const diagnostic = await waitFor(`the ${rule} diagnostic`, () => ours(uri).find((d) => codeOf(d) === rule), uri);
      // VS Code's executeCodeActionProvider result drops `diagnostics`: find the fix by the title the core gives it.
      const title = analyzePost(parsePost(before)).find((finding) => finding.diagnostic.code === rule)?.fixes.find((fix) => fix.preferred)?.title;
      assert.ok(title, `the core offers a preferred fix for ${rule}`);
      const actions = await codeActions(uri, diagnostic.range);
      const preferred = actions.filter((action) => action.kind?.value === 'quickfix' && action.isPreferred && action.title === title);
      assert.strictEqual(preferred.length, 1, `${title} among: ${actions.map((action) => `${action.kind?.value}: ${action.title}${action.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`);
      assert.ok(preferred[0].edit, 'the quick fix carries its edit');
      assert.strictEqual(preferred[0].command, undefined);
      const versionBefore = document.version;
      assert.strictEqual(await vscode.workspace.applyEdit(preferred[0].edit), true);
      assert.strictEqual(document.getText(), fixture(rule, 'after'));
      assert.strictEqual(document.version, versionBefore + 1, 'one edit');
      // The server sees the fixed text: that problem is gone (rollback-fields leaves an "is empty" placeholder).
      await waitFor(`the ${rule} diagnostic to go`, () => (ours(uri).some((d) => codeOf(d) === rule && d.message === diagnostic.message) ? undefined : true), uri);
    });
  }

  test('fix-all (source.fixAll.alphanode) on broken-example: one action; applied, the text is what the core fixAll gives', async () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8');
    const editor = await openCopy('posts/fix-me-all.post.md', text);
    const { document } = editor;
    const uri = document.uri;
    await waitFor('the six broken-example diagnostics (one per typo)', () => (ours(uri).length === 6 ? true : undefined), uri);
    const everything = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(uri, everything, FIX_ALL_KIND);
    assert.deepStrictEqual(actions.map((action) => [action.title, action.kind?.value]), [['Fix all auto-fixable alphanode problems', FIX_ALL_KIND]]);
    assert.ok(actions[0].edit);
    assert.strictEqual(await vscode.workspace.applyEdit(actions[0].edit), true);
    // The owner fix names the alphanode.owner setting (the suite sets it), as Insert Rollback Note does.
    const expected = fixAll(text, { owner: ROLLBACK_OWNER }).text;
    assert.notStrictEqual(expected, text);
    assert.strictEqual(document.getText(), expected);
    for (const line of ['topic: building safer deployment steps / python services', 'reading_time: 9', '  - compare before and after metrics', '  paragraphs: 7', '```python', `owner: ${ROLLBACK_OWNER}`]) {
      assert.ok(document.getText().split('\n').includes(line), line);
    }
    // Nothing is left: the owner fix wrote a real owner, not an empty placeholder.
    await waitFor('the fixed post to be clean', () => (ours(uri).length === 0 ? true : undefined), uri);
    // Nothing left to fix: no fix-all action any more.
    assert.deepStrictEqual(await codeActions(uri, new vscode.Range(0, 0, document.lineCount, 0), FIX_ALL_KIND), []);
  });

  test('rollback-missing: the quick fix runs the insert command: the after fixture, one edit, and one undo reverts it', async () => {
    const before = fixture('rollback-missing', 'before');
    const editor = await openCopy('posts/fix-me-rollback.post.md', before);
    const { document } = editor;
    const uri = document.uri;
    const diagnostic = await waitFor('the rollback-missing diagnostic', () => ours(uri).find((d) => codeOf(d) === 'rollback-missing'), uri);
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.strictEqual(preferred.length, 1, actions.map((action) => action.title).join(' | '));
    const command = preferred[0].command;
    assert.ok(command, 'a command fix');
    assert.strictEqual(preferred[0].edit, undefined);
    assert.strictEqual(command.command, 'alphanode.insertRollbackNoteForSection');
    assert.strictEqual(preferred[0].title, 'Insert a rollback note at the end of "security and maintenance notes"');
    const versionBefore = document.version;
    const inserted = await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.strictEqual(inserted, true, 'the command reports the snippet was inserted');
    assert.strictEqual(document.getText(), fixture('rollback-missing', 'after'));
    assert.ok(document.getText().includes(`\`\`\`rollback\nowner: ${ROLLBACK_OWNER}\nexpected_result: what is true once the change worked\nrollback: |\n  the commands that undo the change\n\`\`\`\n`), 'a rollback block');
    assert.strictEqual(document.version, versionBefore + 1, 'one edit');
    await waitFor('rollback-missing to go', () => (ours(uri).some((d) => codeOf(d) === 'rollback-missing') ? undefined : true), uri);
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), before, 'one undo reverts the insertion');
    await waitFor('rollback-missing back after the undo', () => ours(uri).find((d) => codeOf(d) === 'rollback-missing'), uri);
  });

  test('Mark post reviewed: the lens runs the command: one edit, the lens gone while reviewed today, one undo reverts it (issue 15)', async () => {
    const before = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'seeds', '000_4c4f1146a33b6d7b.post.md'), 'utf8');
    const editor = await openCopy('posts/mark-reviewed.post.md', before);
    const { document } = editor;
    const uri = document.uri;
    const reviewLenses = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).filter((lens) => lens.command?.command === 'alphanode.markReviewed');
    const lenses = await waitUntil('the Mark post reviewed lens', async () => {
      const found = await reviewLenses();
      return found.length > 0 ? found : undefined;
    });
    assert.deepStrictEqual(lenses.map((l) => [l.command?.title, l.range.start.line, l.command?.arguments]), [['Mark post reviewed', 0, [uri.toString()]]]);
    const versionBefore = document.version;
    const day = isoToday();
    await vscode.commands.executeCommand(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    await waitFor('the review edit', () => (document.version > versionBefore ? true : undefined), uri);
    assert.strictEqual(document.getText(), before.replace('  status: expanded\n  version: "1.9.2"\n  last_reviewed: "2017-10-25"\n', `  status: reviewed\n  version: "1.9.3"\n  last_reviewed: "${day}"\n`));
    assert.strictEqual(document.version, versionBefore + 1, 'one edit');
    assert.deepStrictEqual(await reviewLenses(), [], 'reviewed today: no lens');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), before, 'one undo reverts it');
    assert.strictEqual((await reviewLenses()).length, 1, 'the lens is back');
  });
});

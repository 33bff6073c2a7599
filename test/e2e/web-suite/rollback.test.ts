// Insert Rollback Note in the browser: no git and no OS user here, so the owner is the
// `alphanode.owner` setting, and without it the snippet leaves a tab stop on `owner` ("your name", selected).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, revertAndCloseAll, workspaceFile } from '../suite/helpers';

const POST = ['---', 'payload:', '  source_id: alphanode-000001', '---', '', '# a title', '', 'intro line one', '', '## why this matters', '', 'why paragraph', ''];

let counter = 0;
async function openPost(lines: string[]): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`posts/web-rollback-${Date.now()}-${counter++}.post.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n')));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

suite('web: Insert Rollback Note', () => {
  let previousOwner: string | undefined;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    previousOwner = vscode.workspace.getConfiguration('alphanode').inspect<string>('owner')?.globalValue;
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('alphanode').update('owner', previousOwner, vscode.ConfigurationTarget.Global);
  });

  teardown(revertAndCloseAll);

  test('with alphanode.owner set: the note is filled in with it, one undo step', async () => {
    await vscode.workspace.getConfiguration('alphanode').update('owner', 'web.owner', vscode.ConfigurationTarget.Global);
    const editor = await openPost(POST);
    editor.selection = new vscode.Selection(12, 0, 12, 0);
    assert.strictEqual(await vscode.commands.executeCommand('alphanode.insertRollbackNote'), true);
    const note = ['```rollback', 'owner: web.owner', 'expected_result: what is true once the change worked', 'rollback: |', '  the commands that undo the change', '```'];
    assert.strictEqual(editor.document.getText(), [...POST.slice(0, 12), '', ...note, ...POST.slice(12)].join('\n'));
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), POST.join('\n'));
  });

  test('without the setting: no git in the browser, so the cursor waits on owner (a tab stop)', async () => {
    await vscode.workspace.getConfiguration('alphanode').update('owner', undefined, vscode.ConfigurationTarget.Global);
    const editor = await openPost(POST);
    editor.selection = new vscode.Selection(12, 0, 12, 0);
    assert.strictEqual(await vscode.commands.executeCommand('alphanode.insertRollbackNote'), true);
    const note = ['```rollback', 'owner: your name', 'expected_result: what is true once the change worked', 'rollback: |', '  the commands that undo the change', '```'];
    assert.strictEqual(editor.document.getText(), [...POST.slice(0, 12), '', ...note, ...POST.slice(12)].join('\n'));
    // Tab stop 1 is the owner's value, its placeholder selected: typing replaces it.
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.character], [14, 'owner: '.length, 'owner: your name'.length]);
    await vscode.commands.executeCommand('type', { text: 'typed.owner' });
    assert.strictEqual(editor.document.lineAt(14).text, 'owner: typed.owner');
  });
});

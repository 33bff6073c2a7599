import * as assert from 'assert';
import * as vscode from 'vscode';
import { workspaceFile } from './helpers';

async function waitForDiagnostics(uri: vscode.Uri, done: (codes: string[]) => boolean, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'alphanode').map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
    if (done(codes) || Date.now() > deadline) return codes;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('import a rendered export', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Import Rendered Post opens the source form as a new unsaved .post.md editor', async () => {
    const exportUri = workspaceFile('exports/staging-parity.txt');
    const expected = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('exports/staging-parity.expected.txt')));
    const imported = (await vscode.commands.executeCommand('alphanode.importRenderedPost', exportUri)) as vscode.Uri;
    assert.strictEqual(imported.scheme, 'untitled');
    assert.ok(imported.path.endsWith('/exports/staging-parity.post.md'), imported.path);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === imported.toString());
    assert.ok(document, 'the imported post is open');
    assert.strictEqual(document.getText(), expected);
    assert.strictEqual(document.isDirty, true, 'unsaved: nothing on disk was written');
    assert.strictEqual(document.languageId, 'markdown');
    // An export carries no rollback notes: that warning is the only problem of a good import.
    const codes = await waitForDiagnostics(imported, (found) => found.length > 0, 5000);
    assert.deepStrictEqual(codes, ['rollback-missing']);
  });
});

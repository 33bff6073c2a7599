// The web extension starts in the browser's extension host: the client from dist/web/client.js,
// the language server in a web worker (dist/web/server.js), the workspace on a virtual file
// system (@vscode/test-web serves the folder as vscode-test-web://mount/). Runs first: it
// measures activation, from activate()'s start to the first diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DEFECTS, diagnosticsOf, EXPECTED_DEFECTS, EXTENSION_ID, open, report, serverInfo, summary, workspaceFile } from '../suite/helpers';

suite('web: activation on a virtual file system', () => {
  test('the workspace is a virtual file system, not file:', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.strictEqual(folder.uri.scheme, 'vscode-test-web');
  });

  test('opening Markdown activates the browser entry; a closed post gets its problems from the workspace scan', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const wasActive = extension.isActive;
    const opened = Date.now();
    // notes.md is Markdown but not a post: it activates the extension (onLanguage:markdown) and gets nothing.
    await open('notes.md');
    await extension.activate();
    // The defects post was never opened: its diagnostics come from the server's scan of the workspace,
    // which finds and reads files through the client (vscode.workspace.findFiles / fs on vscode-test-web:).
    const closed = await diagnosticsOf(workspaceFile(DEFECTS), (d) => d.length === EXPECTED_DEFECTS.length, 30000, 'the closed defects post');
    const firstDiagnostics = Date.now();
    assert.deepStrictEqual(summary(closed), EXPECTED_DEFECTS);
    const info = await serverInfo();
    assert.strictEqual(info.host, 'browser', 'the browser entry (package.json "browser") runs');
    assert.strictEqual(info.state, 'Running');
    assert.strictEqual(info.pid, undefined, 'a web worker, not a process');
    assert.ok(typeof info.activationMs === 'number');
    const sinceActivate = firstDiagnostics - info.startedAt;
    report(`activation: activate() → language server ready ${info.activationMs} ms; activate() → first diagnostics (closed post, workspace scan) ${sinceActivate} ms; opening notes.md → first diagnostics ${firstDiagnostics - opened} ms${wasActive ? ' (the extension was already active)' : ''}`);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(workspaceFile('notes.md')), []);
  });

  test('an opened post gets the same problems from the editor text', async () => {
    const started = Date.now();
    const editor = await open(DEFECTS);
    // An edit proves these come from the open document, not from the scan.
    const line = editor.document.getText().split('\n').findIndex((text) => /^ {2}paragraphs: \d+$/.test(text));
    await editor.edit((edit) => edit.replace(new vscode.Range(line, 14, line, editor.document.lineAt(line).text.length), '9'));
    const diagnostics = await diagnosticsOf(editor.document.uri, (d) => d.some((x) => x.message === 'payload.paragraphs is 9 but the body has 5 prose paragraphs.'), 5000, 'paragraph-count after an edit');
    assert.deepStrictEqual(summary(diagnostics), EXPECTED_DEFECTS);
    report(`open + edit → fresh diagnostics in ${Date.now() - started} ms`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, workspaceFile } from './helpers';

// Team templates and workspace diagnostics through the real client: the server finds and reads
// files with `alphanode/findFiles` / `alphanode/readFile` (client/src/fileAccess.ts) and hears of
// changes through the file watchers it registers.

async function waitFor(uri: vscode.Uri, done: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs: number, what: string): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'alphanode');
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) assert.fail(`${what}: gave up after ${timeoutMs} ms; diagnostics now: ${JSON.stringify(diagnostics.map((d) => [codeOf(d), d.severity]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const severityOf = (diagnostics: vscode.Diagnostic[], code: string) => diagnostics.find((d) => codeOf(d) === code)?.severity;
const write = (relative: string, text: string) => vscode.workspace.fs.writeFile(workspaceFile(relative), new TextEncoder().encode(text));
const remove = (relative: string) => Promise.resolve(vscode.workspace.fs.delete(workspaceFile(relative))).catch(() => undefined);

suite('team templates and workspace diagnostics in a real VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await remove('.alphanode.yaml');
    await remove('posts/on-disk.post.md');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a post written to disk and never opened gets its problems (watcher + alphanode/readFile)', async () => {
    const defects = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('posts/defects.post.md')));
    await write('posts/on-disk.post.md', defects);
    const diagnostics = await waitFor(workspaceFile('posts/on-disk.post.md'), (d) => d.some((x) => codeOf(x) === 'paragraph-count'), 15000, 'the closed post on disk');
    assert.strictEqual(severityOf(diagnostics, 'paragraph-count'), vscode.DiagnosticSeverity.Error);
  });

  test('a team template written to disk changes the severities of open and closed posts; deleting it restores them', async () => {
    const closed = workspaceFile('posts/on-disk.post.md');
    await write('.alphanode.yaml', 'rules:\n  paragraph-count: warning\n');
    // The closed post: the server re-reads the workspace (alphanode/findFiles) with the new template.
    await waitFor(closed, (d) => severityOf(d, 'paragraph-count') === vscode.DiagnosticSeverity.Warning, 15000, 'paragraph-count as a warning (closed post)');
    // An open post, too.
    const open = workspaceFile('posts/defects.post.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(open));
    await waitFor(open, (d) => severityOf(d, 'paragraph-count') === vscode.DiagnosticSeverity.Warning, 15000, 'paragraph-count as a warning (open post)');
    await remove('.alphanode.yaml');
    await waitFor(open, (d) => severityOf(d, 'paragraph-count') === vscode.DiagnosticSeverity.Error, 15000, 'paragraph-count as an error again');
  });

  test('a broken template is reported in .alphanode.yaml and posts say they use the defaults', async () => {
    await write('.alphanode.yaml', 'rules:\n  paragraph-cont: warning\n');
    const own = await waitFor(workspaceFile('.alphanode.yaml'), (d) => d.length > 0, 15000, 'the template file problems');
    assert.deepStrictEqual(own.map(codeOf), ['template-unknown-key']);
    const post = await waitFor(workspaceFile('posts/on-disk.post.md'), (d) => d.some((x) => codeOf(x) === 'template-fallback'), 15000, 'the fallback note');
    assert.strictEqual(severityOf(post, 'template-fallback'), vscode.DiagnosticSeverity.Information);
    assert.strictEqual(severityOf(post, 'paragraph-count'), vscode.DiagnosticSeverity.Error);
  });
});

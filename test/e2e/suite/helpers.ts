// Helpers shared by the end-to-end suites (Node and web extension hosts: vscode + assert only).
import * as assert from 'assert';
import * as vscode from 'vscode';

/** A file of the test workspace (the runners open a copy of test/e2e/workspace). */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the end-to-end runner opens test/e2e/workspace');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** The document's diagnostics from this extension. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'alphanode');
}

/** The rule id of a diagnostic (VS Code wraps a code with a docs link in an object). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Closes every editor, reverting changed documents first: closing a dirty one would ask whether to save it. */
export async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Activates the extension and sets `alphanode.owner` for the suite, restoring it afterwards. */
export function withExtensionAndOwner(extensionId: string, owner: string): void {
  let previousOwner: string | undefined;
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    const config = vscode.workspace.getConfiguration('alphanode');
    previousOwner = config.inspect<string>('owner')?.globalValue;
    await config.update('owner', owner, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('alphanode').update('owner', previousOwner, vscode.ConfigurationTarget.Global);
  });
}

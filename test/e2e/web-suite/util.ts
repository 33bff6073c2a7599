// Helpers of the web suites: VS Code API only (they run in the browser's extension host worker).
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'alphanode.alphanode-runbooks';

/** What `alphanode.serverInfo` returns (client/src/common.ts). */
export interface ServerInfo {
  state: string;
  pid: number | undefined;
  host: 'node' | 'browser';
  startedAt: number;
  activationMs: number | undefined;
}

export function serverInfo(): Thenable<ServerInfo> {
  return vscode.commands.executeCommand<ServerInfo>('alphanode.serverInfo');
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the web runner opens a copy of test/e2e/workspace');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'alphanode');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function summary(diagnostics: vscode.Diagnostic[]): Array<{ code: string; range: number[] }> {
  return diagnostics.map((d) => ({ code: codeOf(d), range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] }));
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` saying `what` and `detail()`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Thenable<T | undefined>, timeoutMs = 10000, detail?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what}: gave up after ${timeoutMs} ms${detail ? `; ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the diagnostics of `uri` satisfy `done`. */
export function diagnosticsOf(uri: vscode.Uri, done: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs: number, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const diagnostics = ours(uri);
    return done(diagnostics) ? diagnostics : undefined;
  }, timeoutMs, () => `diagnostics now: ${JSON.stringify(summary(ours(uri)))}`);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
}

/** Reverts the changed documents (closing a dirty one would ask to save it), then closes every editor. */
export async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A line for test/e2e/run-web.mjs, which collects the `[web] ` lines into its report. */
export function report(line: string): void {
  console.log(`[web] ${line}`);
}

export const DEFECTS = 'posts/defects.post.md';
/** The defects post's problems (as in suite/diagnostics.test.ts). */
export const EXPECTED_DEFECTS = [
  { code: 'meta-invalid', range: [21, 12, 21, 18] },
  { code: 'meta-unknown-key', range: [22, 0, 22, 11] },
  { code: 'paragraph-count', range: [61, 14, 61, 15] },
];

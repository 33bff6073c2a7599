// Helpers of the end-to-end suites, desktop (suite/) and web (web-suite/): the VS Code API and
// assert only, so that the web suites can bundle them for the browser's extension host worker.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ServerInfo } from '../../../client/src/common';
import type { PreviewDebugState } from '../../../client/src/preview/probe';

export const EXTENSION_ID = 'alphanode.alphanode-runbooks';

/** What `alphanode.serverInfo` returns. */
export type { ServerInfo };

/** Activates the extension under test (it must be installed). */
export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  await extension.activate();
}

/** The median of timing samples (the previews' repaint figures). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function serverInfo(): Thenable<ServerInfo> {
  return vscode.commands.executeCommand<ServerInfo>('alphanode.serverInfo');
}

/** A file of the test workspace (the runners open a copy of test/e2e/workspace). */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the end-to-end runner opens a copy of test/e2e/workspace');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Opens a workspace file in the first editor column. */
export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
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

/** Rule ids and ranges (`[line, character, line, character]`), for exact comparisons. */
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

/** A line for test/e2e/run-web.mjs, which collects the `[web] ` lines into its report (elsewhere: a log line). */
export function report(line: string): void {
  console.log(`[web] ${line}`);
}

export const DEFECTS = 'posts/defects.post.md';
/** The defects post's problems. */
export const EXPECTED_DEFECTS = [
  { code: 'meta-invalid', range: [21, 12, 21, 18] },
  { code: 'meta-unknown-key', range: [22, 0, 22, 11] },
  { code: 'paragraph-count', range: [61, 14, 61, 15] },
];

export const OPEN_PREVIEW = 'alphanode.openMetaBoxPreview';
/** Test-only: the preview panel's state and measurements (client/src/preview/probe.ts). */
export const PREVIEW_DEBUG_STATE = 'alphanode.preview.debugState';
export type { PreviewDebugState };

export function previewState(): Thenable<PreviewDebugState> {
  return vscode.commands.executeCommand<PreviewDebugState>(PREVIEW_DEBUG_STATE);
}

/** Polls the panel until `done` holds for the box of `document`'s current version, painted by the webview. */
export async function painted(document: vscode.TextDocument, done: (html: string) => boolean, timeoutMs: number, what: string): Promise<PreviewDebugState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await previewState();
    if (now.uri === document.uri.toString() && now.version === document.version && now.renderedVersion === document.version && now.html && done(now.html)) return now;
    if (Date.now() > deadline) {
      assert.fail(`${what}: gave up after ${timeoutMs} ms; panel: ${JSON.stringify({ ...now, html: now.html?.slice(0, 300) })}, document version ${document.version}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

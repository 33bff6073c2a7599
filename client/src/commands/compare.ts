import * as vscode from 'vscode';
import { COMPARE_POSTS_REQUEST, COMPARE_WITH_REVISION_COMMAND, ComparePostsParams, ComparePostsResult } from '../../../server/src/protocol';
import { newNonce } from '../preview/html';
import { comparePageHtml } from './compareHtml';
import type { CommandContext } from './context';

export const COMPARE_VIEW_TYPE = 'alphanode.comparePost';

/** What the command returns (for tests): the diff it shows, and the revision it compared with. */
export interface CompareOutcome {
  revision: string;
  diff: ComparePostsResult;
}

/**
 * `Alphanode: Compare Post with Revision…`: the semantic diff of the active post against HEAD,
 * a branch or the last commit that touched it, in a panel beside the post; a row reveals its
 * line. The client reads the base text from git, the server compares (the same core as
 * `alphanode diff`). Tests pass the post's URI and a ref to skip the picker.
 */
export function registerCompareCommand(context: CommandContext): vscode.Disposable[] {
  let panel: vscode.WebviewPanel | undefined;
  let shownUri: vscode.Uri | undefined;

  const reveal = async (line: number) => {
    if (!shownUri) return;
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === shownUri!.toString());
    const document = editor?.document ?? (await vscode.workspace.openTextDocument(shownUri));
    const target = Math.max(0, Math.min(line, document.lineCount - 1));
    const at = new vscode.Range(target, 0, target, 0);
    const shownEditor = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, selection: at });
    shownEditor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const show = (uri: vscode.Uri, outcome: CompareOutcome) => {
    if (!panel) {
      panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Post', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      panel.onDidDispose(() => (panel = undefined));
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const { type, line } = (message ?? {}) as { type?: unknown; line?: unknown };
        if (type === 'reveal' && typeof line === 'number' && Number.isInteger(line)) void reveal(line);
      });
    }
    shownUri = uri;
    const post = vscode.workspace.asRelativePath(uri);
    panel.title = `Changes: ${post.split('/').pop() ?? post}`;
    panel.webview.html = comparePageHtml({ post, revision: outcome.revision, diff: outcome.diff, nonce: newNonce() });
    panel.reveal(vscode.ViewColumn.Beside, true);
  };

  return [vscode.commands.registerCommand(COMPARE_WITH_REVISION_COMMAND, async (uriArg?: vscode.Uri, refArg?: string): Promise<CompareOutcome | undefined> => {
    const document = uriArg ? await vscode.workspace.openTextDocument(uriArg) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Open a post to compare it with a git revision.');
      return undefined;
    }
    const revisions = context.revisions;
    if (!revisions || document.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Compare Post with Revision needs a local clone: it reads earlier versions with git, which VS Code for the web does not have. Clone the repository and open it in VS Code desktop (or run `alphanode diff` in the clone).');
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(document.uri);
    let ref = refArg;
    let revision = refArg ?? '';
    if (ref === undefined) {
      let choices;
      try {
        choices = await revisions.choices(document.uri);
      } catch (error) {
        context.output.warn(`Compare ${name}: no revisions: ${String(error)}`);
        void vscode.window.showErrorMessage(`Cannot compare ${name}: it is not in a git repository (${error instanceof Error ? error.message : String(error)}).`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(choices, { title: `Compare ${name} with…`, placeHolder: 'HEAD, a branch, or the last commit that touched this file', matchOnDescription: true });
      if (!picked) return undefined;
      ref = picked.ref;
      revision = picked.label === 'Last commit that touched this file' ? picked.ref.slice(0, 7) : picked.ref;
    }
    let oldText: string | undefined;
    const started = Date.now();
    try {
      oldText = await revisions.read(document.uri, ref);
    } catch (error) {
      context.output.warn(`Compare ${name} with ${revision}: ${String(error)}`);
      void vscode.window.showErrorMessage(`Cannot read ${name} at ${revision}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const client = context.client();
    if (!client) {
      void vscode.window.showErrorMessage('The Alphanode language server is not running.');
      return undefined;
    }
    const params: ComparePostsParams = { oldText: oldText ?? null, newText: document.getText() };
    const read = Date.now();
    const diff = await client.sendRequest<ComparePostsResult>(COMPARE_POSTS_REQUEST, params);
    context.output.info(`Compare ${name} with ${revision}: base text read in ${read - started} ms (${oldText === undefined ? 'not in that revision' : `${oldText.length} characters`}), diff in ${Date.now() - read} ms: ${diff.status}, ${diff.changes.length} changes.`);
    const outcome = { revision, diff };
    show(document.uri, outcome);
    return outcome;
  })];
}

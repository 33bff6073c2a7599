// The post preview in the browser (issue 16 §1, "the web too"): the page comes from the server
// in its web worker, the webview paints it, and an edit repaints it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PreviewDebugState } from '../../../client/src/preview/probe';
import { EXTENSION_ID, open, report, revertAndCloseAll, waitFor } from '../suite/helpers';

function pagePainted(document: vscode.TextDocument, done: (html: string) => boolean, timeoutMs: number, what: string): Promise<PreviewDebugState> {
  return waitFor(what, async () => {
    const now = await vscode.commands.executeCommand<PreviewDebugState>('alphanode.postPreview.debugState');
    return now.uri === document.uri.toString() && now.version === document.version && now.renderedVersion === document.version && now.html && done(now.html) ? now : undefined;
  }, timeoutMs);
}

suite('web: post preview', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  suiteTeardown(revertAndCloseAll);

  test('opens beside the post, shows the page the worker rendered, repaints on an edit', async function () {
    // A webview opened soon after another closed can wait for the web workbench's service worker.
    this.timeout(150000);
    const editor = await open('posts/staging-parity.post.md');
    const started = Date.now();
    await vscode.commands.executeCommand('alphanode.openPostPreview');
    const shown = await pagePainted(editor.document, (html) => html.includes('<article class="anp-page">'), 120000, 'the first paint');
    report(`post preview: first paint ${Date.now() - started} ms after the command`);
    const html = shown.html ?? '';
    assert.ok(html.includes('<h2 class="meta-title">alphanode post meta</h2>'), html.slice(0, 500));
    assert.ok(html.includes('<span class="meta-label">view count</span><span class="meta-value">157046</span>'));
    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('view_count: '));
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, 'view_count: 171234'));
    await pagePainted(editor.document, (text) => text.includes('<span class="meta-value">171234</span>'), 5000, 'the repaint after an edit');
  });
});

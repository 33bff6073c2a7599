// The meta box preview in the browser: the command opens a webview beside the post, the webview
// paints the box the server (in its web worker) rendered, and an edit repaints it. State from the
// test-only command `alphanode.preview.debugState`; the runner takes the screenshot
// test/e2e/artifacts/web-preview.png when this suite asks for it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, OPEN_PREVIEW, painted, report, revertAndCloseAll } from '../suite/helpers';

suite('web: meta box preview', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  suiteTeardown(revertAndCloseAll);

  test('opens beside the post, shows the box, repaints on an edit', async function () {
    // The first webview of a web workbench waits for its service worker (can take a while on a cold page).
    this.timeout(120000);
    const editor = await open('posts/staging-parity.post.md');
    const started = Date.now();
    await vscode.commands.executeCommand(OPEN_PREVIEW);
    const shown = await painted(editor.document, (html) => html.includes('field-topic'), 90000, 'the first paint');
    report(`preview: first paint ${Date.now() - started} ms after the command`);
    assert.ok(shown.visible);
    const html = shown.html ?? '';
    assert.ok(html.includes('<p class="topic"><bdi>keeping staging close to production / python services</bdi></p>'), html.slice(0, 500));
    assert.ok(html.includes('<span class="box-status status-ok">no problems</span>'));
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview);
    assert.strictEqual(tab?.label, 'Meta Box: staging-parity.post.md');
    assert.notStrictEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the editor');

    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('view_count: '));
    const edited = Date.now();
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, 'view_count: 171234'));
    await painted(editor.document, (html) => html.includes('171,234<span class="unit"> views</span>'), 5000, 'the repaint after an edit');
    report(`preview: edit → repaint ${Date.now() - edited} ms`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await painted(editor.document, (html) => html.includes('157,046<span class="unit"> views</span>'), 5000, 'the repaint after the revert');
    // The runner (test/e2e/run-web.mjs) watches for this line and takes the screenshot.
    report('screenshot web-preview');
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });
});

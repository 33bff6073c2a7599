// The post preview in a real VS Code (issue 16 §1): the command opens a webview beside the post
// with the whole page as the site renders it; the webview's own innerText (reviewer-only chrome
// hidden) is the export's text; edits repaint the page without reloading it; scrolling the
// editor scrolls the page to the same block, and the page keeps its scroll across updates.
// State comes from the test-only commands `alphanode.postPreview.debugState` / `.debugText`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PreviewDebugState } from '../../../client/src/preview/probe';
import { exportContent, normalizeText } from '../../support/pageText';
import { activateExtension, median, open, waitFor, workspaceFile } from './helpers';

const OPEN_POST_PREVIEW = 'alphanode.openPostPreview';
const DEBUG_STATE = 'alphanode.postPreview.debugState';
const DEBUG_TEXT = 'alphanode.postPreview.debugText';
/**
 * The issue's budget: keystroke → page repainted ≤ 100 ms on a seed post (median). It is printed
 * for the note, not asserted: speed is judged in benchmarks, and a timed e2e test only measures
 * how busy the CI machine is.
 */
const REPAINT_BUDGET_MS = 100;
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const FOLDER = 'post-preview-e2e';
const SEED = '000_4c4f1146a33b6d7b';

function state(): Thenable<PreviewDebugState> {
  return vscode.commands.executeCommand<PreviewDebugState>(DEBUG_STATE);
}

/** Polls until the page of `document`'s current version is painted and `done` holds for its HTML. */
function pagePainted(document: vscode.TextDocument, done: (html: string) => boolean, timeoutMs: number, what: string): Promise<PreviewDebugState> {
  return waitFor(what, async () => {
    const now = await state();
    return now.uri === document.uri.toString() && now.version === document.version && now.renderedVersion === document.version && now.html && done(now.html) ? now : undefined;
  }, timeoutMs);
}

suite('post preview in a real VS Code', () => {
  let editor: vscode.TextEditor;

  suiteSetup(async function () {
    this.timeout(120000);
    await activateExtension();
    const folder = workspaceFile(FOLDER);
    fs.mkdirSync(folder.fsPath, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'seeds', `${SEED}.post.md`), path.join(folder.fsPath, `${SEED}.post.md`));
    editor = await open(`${FOLDER}/${SEED}.post.md`);
    await vscode.commands.executeCommand(OPEN_POST_PREVIEW);
    await pagePainted(editor.document, (html) => html.includes('<article class="anp-page">'), 90000, 'the first paint of the post preview');
  });

  suiteTeardown(async () => {
    for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile(FOLDER).fsPath, { recursive: true, force: true });
  });

  test('opens beside the post; the webview\'s innerText is the site\'s text (the export less its first and last line)', async () => {
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.label.startsWith('Post Preview'));
    assert.ok(tab, 'a webview tab');
    assert.strictEqual(tab.label, `Post Preview: ${SEED}.post.md`);
    assert.notStrictEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    const page = await vscode.commands.executeCommand<{ text: string; scrollY: number } | undefined>(DEBUG_TEXT);
    assert.ok(page);
    const exported = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'exports', `${SEED}.txt`), 'utf8');
    assert.deepStrictEqual(normalizeText(page.text), normalizeText(exportContent(exported)));
  });

  test('edits repaint the page, in order, without reloading it (the time is printed)', async () => {
    const loads = (await state()).loads;
    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('security hardening works best as a checklist.'));
    assert.ok(line > 0);
    const original = editor.document.lineAt(line).text;
    for (let i = 1; i <= 12; i++) {
      await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, `${original} edit${i}`));
      await pagePainted(editor.document, (html) => html.includes(`miss them. edit${i}</p>`), 3000, `the edit ${i}`);
    }
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, original));
    const after = await state();
    assert.strictEqual(after.loads, loads, 'updates never reload the webview');
    console.log(`post preview (seed ${SEED.slice(0, 3)}): keystroke-to-repaint median ${median(after.repaintMs)} ms (${after.repaintMs.join(', ')}); with the acknowledgement back ${median(after.roundTripMs)} ms`);
    console.log(`  where the time went (ms after the change event): ${after.timings.map((t) => `v${t.version}: request ${t.requested}, answer ${t.answered} (${t.attempts} tries), painted ${t.painted ?? '-'} (webview ${t.webviewMs ?? '-'})`).join('; ')}`);
    console.log(`  budget ${REPAINT_BUDGET_MS} ms: ${median(after.repaintMs) <= REPAINT_BUDGET_MS ? 'met' : 'missed'}`);
  });

  test('scrolling the editor scrolls the page to the same block, and the page keeps its scroll across updates', async () => {
    const lines = editor.document.getText().split('\n');
    // A heading in the middle, so that the editor can put it at its top.
    const heading = lines.findIndex((text) => text === '## implementation checklist');
    assert.ok(heading > 0);
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    editor.revealRange(new vscode.Range(heading, 0, heading, 0), vscode.TextEditorRevealType.AtTop);
    let last: PreviewDebugState | undefined;
    // The editor may not get the heading to its very top (the end of the file): the page shows the
    // block at or before the editor's top line, by the blocks' `data-line`.
    const blockAt = (html: string, top: number) => Math.max(...[...html.matchAll(/ data-line="(\d+)"/g)].map((match) => Number(match[1])).filter((line) => line <= top));
    const scrolled = await waitFor('the page follows the editor', async () => {
      const now = (last = await state());
      const top = editor.visibleRanges[0]?.start.line ?? -1;
      return top > heading - 12 && now.html && now.scrolledLine === blockAt(now.html, top) && (now.scrollY ?? 0) > 0 ? now : undefined;
    }, 10000, () => `heading line ${heading}, editor top ${editor.visibleRanges[0]?.start.line}, page scrolled to line ${last?.scrolledLine} (scrollY ${last?.scrollY}), received ${last?.received.join(' ')}`);
    const before = await vscode.commands.executeCommand<{ text: string; scrollY: number } | undefined>(DEBUG_TEXT);
    assert.ok(before && before.scrollY > 0 && Math.abs(before.scrollY - (scrolled.scrollY ?? 0)) <= 2, `scrollY ${before?.scrollY} after scrolling to ${scrolled.scrollY}`);
    // An edit above the visible part: the page repaints and stays where it was.
    const line = lines.findIndex((text) => text.startsWith('security hardening works best'));
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'edited '));
    await pagePainted(editor.document, (html) => html.includes('<p>edited security hardening'), 3000, 'the edit above');
    const after = await vscode.commands.executeCommand<{ text: string; scrollY: number } | undefined>(DEBUG_TEXT);
    assert.ok(after && Math.abs(after.scrollY - before.scrollY) <= 2, `scrollY ${before.scrollY} → ${after?.scrollY}`);
  });
});

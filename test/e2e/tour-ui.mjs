#!/usr/bin/env node
// An author's first minutes, in a REAL VS Code (the offline VS Code server + Chromium of the other *-ui.mjs
// scripts), with screenshots to look at in test/e2e/artifacts/tour-<theme>-*.png:
//  - first-screen: the playground's first screen (`npm start` opens samples/ on posts/broken-example.post.md);
//  - quickfix-menu / quickfix-applied: Ctrl+. on the misspelt `reading_tme`, then the first fix applied;
//  - owner-fix: the rollback note's "Add owner" fix, filled from the `alphanode.owner` setting;
//  - outline: the Outline view of the post (the meta's top-level keys, the checklist, the rollback notes);
//  - completion: Ctrl+Space at the end of a complete front matter's value (no word-based noise).
// It checks each result in the editor's text or the workbench's DOM, so a wrong result fails the run.
//
//   node test/e2e/tour-ui.mjs [--themes light,dark] [--out DIR] [--keep]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gotoLine, runUiScript, themedServer, uiChecks } from '../../scripts/e2e/ui-script.mjs';
import { REPO_ROOT } from '../../scripts/e2e-host.mjs';
import { remoteUri, workbenchUrl } from '../../scripts/e2e/browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    themes: { type: 'string', default: 'light' },
    out: { type: 'string', default: path.join(HERE, 'artifacts') },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '600' },
  },
});
const SAMPLE_POST = 'posts/broken-example.post.md';
const OWNER = 'dana.kim';
const checks = uiChecks('tour-ui');
const { check } = checks;

/** Saves the editor and reads 1-based `line` of the file from disk: the edit exactly as it landed. */
async function savedLine(page, file, line) {
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(800);
  return fs.readFileSync(file, 'utf8').split('\n')[line - 1];
}

/** The quick fix menu's actions (its "Quick Fix" header left out), after Ctrl+. at the cursor. */
async function quickFixes(page) {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 15000 });
  await page.waitForTimeout(300);
  return (await rows.allTextContents()).map((t) => t.trim()).filter((t) => t !== 'Quick Fix');
}

/** Applies the `index`th action of the open quick fix menu (the first is selected when it opens). */
async function applyFix(page, index) {
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function runTheme(host, vsix, tmp, theme, browser) {
  const root = path.join(tmp, `tour-${theme}`);
  const server = await themedServer(host, vsix, root, theme, { settings: { 'alphanode.owner': OWNER }, timeoutS: Number(opt.timeout) + 30 });
  const folder = path.join(root, 'samples');
  fs.cpSync(path.join(REPO_ROOT, 'samples'), folder, { recursive: true });
  const lines = fs.readFileSync(path.join(folder, SAMPLE_POST), 'utf8').split('\n');
  const lineOf = (prefix) => {
    const index = lines.findIndex((l) => l.startsWith(prefix));
    if (index < 0) throw new Error(`${SAMPLE_POST} has no line starting "${prefix}"`);
    return index + 1;
  };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: path.join(opt.out, `tour-${theme}-${name}.png`) });
  try {
    // The playground's first screen: the same URL `npm start` prints.
    await page.goto(workbenchUrl(server, { folder, payload: [['openFile', remoteUri(server, path.join(folder, SAMPLE_POST))]] }), { timeout: 60000 });
    await page.locator('.tabs-container .tab.active[aria-label*="broken-example.post.md"]').first().waitFor({ timeout: 60000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(1500);
    await shot('first-screen');
    const status = await page.locator('.statusbar-item[id="status.problems"]').first().textContent();
    check(/\d/.test(status ?? ''), `${theme}: the first screen opens the sample post with its problems (status bar "${status?.trim()}")`);

    // Quick fix on the misspelt key: one problem there, and the rename fix.
    await page.locator('.monaco-editor .view-lines').first().click();
    await gotoLine(page, lineOf('reading_tme:'), 3);
    const actions = await quickFixes(page);
    await shot('quickfix-menu');
    const rename = actions.findIndex((a) => a === 'Rename "reading_tme" to "reading_time"');
    check(rename === 0, `${theme}: Ctrl+. on reading_tme offers the rename first (${actions.join(' | ')})`);
    await applyFix(page, Math.max(rename, 0));
    await shot('quickfix-applied');
    const file = path.join(folder, SAMPLE_POST);
    const renamed = await savedLine(page, file, lineOf('reading_tme:'));
    check(renamed === 'reading_time: 9', `${theme}: the fix renamed the key only ("${renamed}")`);

    // The rollback note without an owner: the fix fills the owner from alphanode.owner.
    const fence = lines.indexOf('```rollback') + 1;
    await gotoLine(page, fence, 4); // the problem marks the opening fence
    const noteActions = await quickFixes(page);
    const addOwner = noteActions.indexOf('Add owner');
    check(addOwner >= 0, `${theme}: Ctrl+. in the rollback note offers the owner fix (${noteActions.join(' | ')})`);
    await applyFix(page, Math.max(addOwner, 0));
    await shot('owner-fix');
    await savedLine(page, file, 1);
    const after = fs.readFileSync(file, 'utf8').split('\n');
    const noteBefore = lines.slice(fence, lines.indexOf('```', fence));
    const noteAfter = after.slice(fence, after.indexOf('```', fence));
    const added = noteAfter.filter((l) => !noteBefore.includes(l));
    check(added.length === 1 && added[0] === `owner: ${OWNER}` && noteAfter.length === noteBefore.length + 1,
      `${theme}: the owner fix added exactly "owner: ${OWNER}" to the note (${JSON.stringify(added)})`);

    // The Outline view: what the built-in Markdown outline lacks, collapsed to the top level.
    await runCommand(page, 'Explorer: Focus on Outline View');
    // Collapse the Explorer's folder section so the Outline gets the side bar's height (its list is virtual).
    await page.locator('.pane-header', { hasText: 'samples' }).first().click();
    const rows = page.locator('.outline-pane .monaco-list-row');
    await rows.first().waitFor({ timeout: 15000 });
    await page.waitForTimeout(800);
    const outline = (await rows.allTextContents()).map((t) => t.trim());
    await shot('outline');
    // Ours is the "Alphanode post" group; VS Code's own Markdown headings follow in a group of their own.
    const ours = outline.slice(0, outline.findIndex((t) => t.startsWith('Markdown Language Features')) >>> 0);
    check(ours[1]?.startsWith('post meta') && ours.some((t) => t.startsWith('implementation checklist')) && ours.some((t) => t.endsWith('rollback note'))
      && !ours.some((t) => t.startsWith('context')) && !ours.some((t) => t.startsWith('#')),
      `${theme}: the outline adds the meta (nested maps collapsed), the checklist and the rollback notes, no headings: ${ours.length} rows (${ours.join(' | ').slice(0, 400)})`);
    await page.keyboard.press('Control+B');

    // Completion in a complete front matter, at the end of a value: what fits there, no word noise.
    await page.locator('.monaco-editor .view-lines').first().click();
    await gotoLine(page, lineOf('code_language:'), 100);
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(1500);
    const suggestions = await page.locator('.suggest-widget .monaco-list-row').allTextContents();
    await shot('completion');
    const words = suggestions.filter((s) => /^(a|abstraction|[0-9a-f]{16,})$/i.test(s.replace(/\s.*$/, '')));
    check(words.length === 0, `${theme}: Ctrl+Space after "code_language: python" offers no word noise (${suggestions.slice(0, 10).join(' | ') || 'nothing'})`);
    await page.keyboard.press('Escape');
  } catch (e) {
    check(false, `${theme}: ${e.message.split('\n')[0]}`);
    await shot('failure').catch(() => {});
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}

runUiScript('tour-ui', { opt, checks, runTheme });

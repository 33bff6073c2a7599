#!/usr/bin/env node
// The syntax highlighting as people see it, in a REAL VS Code (the offline VS Code server + Chromium of
// test/e2e/run.mjs, with the packaged VSIX): for a light and a dark theme, open test/grammar/showcase.post.md
// (post meta with a misspelt key, a rollback note with shell commands, a checklist with checked and
// unchecked items) and save screenshots of its top (the meta) and of its body:
//   test/e2e/artifacts/highlight-<theme>.png and highlight-<theme>-body.png
// It also checks, in the rendered editor, that the grammar is live: a known meta key is coloured unlike a
// misspelt one, a checked box unlike an unchecked one, and a shell command in the note unlike plain text.
//
//   node test/grammar/screenshots.mjs [--themes light,dark] [--out DIR] [--vsix FILE] [--keep]
//
// Needs what test/e2e/run.mjs needs (see test/e2e/README.md); it packages the VSIX itself unless --vsix.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gotoLine, openWorkbench, quickOpen, runUiScript, themedServer, uiChecks } from '../../scripts/e2e/ui-script.mjs';
import { REPO_ROOT } from '../../scripts/e2e-host.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    themes: { type: 'string', default: 'light,dark' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'test', 'e2e', 'artifacts') },
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
  },
});
const FILE = 'posts/showcase.post.md';
const checks = uiChecks('highlight');
const { log, check } = checks;

/** The colour of the first rendered token whose text is exactly `text` (after trimming). */
function tokenColor(page, text) {
  return page.evaluate((wanted) => {
    for (const span of document.querySelectorAll('.monaco-editor .view-lines span span')) {
      // Monaco renders spaces as no-break spaces.
      if (span.textContent.replace(/\u00a0/g, ' ').trim() === wanted) return window.getComputedStyle(span).color;
    }
    return undefined;
  }, text);
}

async function runTheme(host, vsix, tmp, theme, browser) {
  const root = path.join(tmp, `highlight-${theme}`);
  const server = await themedServer(host, vsix, root, theme, { settings: { 'editor.minimap.enabled': false, 'editor.fontSize': 14 }, timeoutS: Number(opt.timeout) + 30 });
  const folder = path.join(root, 'workspace');
  fs.mkdirSync(path.join(folder, 'posts'), { recursive: true });
  const source = fs.readFileSync(path.join(HERE, 'showcase.post.md'), 'utf8');
  fs.writeFileSync(path.join(folder, FILE), source);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const t0 = Date.now();
  const step = (what) => log(`${theme} ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  try {
    await openWorkbench(page, server, folder);
    step('workbench ready');
    await quickOpen(page, FILE);
    await page.keyboard.press('Control+B'); // hide the side bar: more room for the post
    // Tokenization and the extension's diagnostics settle.
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 }).catch(() => step('no squiggle (the language server did not answer?)'));
    await page.waitForTimeout(1500);
    step(`opened ${FILE}`);

    const known = await tokenColor(page, 'topic');
    const misspelt = await tokenColor(page, 'categroy');
    check(known !== undefined && misspelt !== undefined && known !== misspelt, `${theme}: a known meta key (${known}) is coloured unlike a misspelt one (${misspelt})`);
    const shot = path.join(opt.out, `highlight-${theme}.png`);
    await page.screenshot({ path: shot });
    step(`screenshot ${path.relative(REPO_ROOT, shot)}`);

    const noteLine = source.split('\n').indexOf('## the practical approach') + 1;
    await gotoLine(page, noteLine + 12);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
    const owner = await tokenColor(page, 'owner');
    const command = await tokenColor(page, 'systemctl');
    const plain = await tokenColor(page, 'priya.nair');
    check(owner !== undefined && command !== undefined && plain !== undefined && owner !== plain && command !== plain, `${theme}: rollback keys (${owner}) and shell commands (${command}) stand out from values (${plain})`);
    const checked = await tokenColor(page, '[x]');
    const unchecked = await tokenColor(page, '[ ]');
    check(checked !== undefined && unchecked !== undefined && checked !== unchecked, `${theme}: checked (${checked}) and unchecked (${unchecked}) boxes differ`);
    const bodyShot = path.join(opt.out, `highlight-${theme}-body.png`);
    await page.screenshot({ path: bodyShot });
    step(`screenshot ${path.relative(REPO_ROOT, bodyShot)}`);
  } catch (e) {
    const shot = path.join(opt.out, `highlight-${theme}-failure.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    check(false, `${theme}: ${e.message.split('\n')[0]} (screenshot of the moment: ${shot})`);
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}

runUiScript('highlight', { opt, checks, runTheme });

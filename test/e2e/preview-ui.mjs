#!/usr/bin/env node
// The meta box preview as people see it, in a REAL VS Code (the same offline VS Code server + Chromium as
// test/e2e/run.mjs): for a light and a dark theme (set as `workbench.colorTheme` in the server's user
// settings), open a seed post, click the editor title button "Open Meta Box Preview to the Side", and save a
// screenshot: test/e2e/artifacts/preview-light.png and preview-dark.png (and, of the whole box in a tall
// window, preview-<theme>-box.png and preview-<theme>-invalid.png for posts/defects.post.md). It checks, in the
// webview's own DOM:
//  - the box follows the theme (body class, VS Code's CSS variables);
//  - typing in the editor repaints the box (keystroke-to-paint time, measured in the browser);
//  - the scroll position survives repaints, and the panel comes back after a window reload (serializer);
//  - a click on a field selects its source in the editor (status bar: "(N selected)");
//  - the XSS corpus (test/fixtures/render/xss.post.md) adds no script, no handler and no image to the page;
//  - at each preview width of --widths (default 400,650,900 px), the stats row of the valid and the invalid
//    post lays out cleanly (statsLayout.mjs: no label or unit wraps, no value under the next cell's error
//    bar); screenshots preview-<theme>-<width>.png (invalid post) and preview-<theme>-<width>-valid.png.
//
//   node test/e2e/preview-ui.mjs [--themes light,dark,hc-dark,hc-light] [--widths 400,650,900]
//        [--file posts/staging-parity.post.md] [--out DIR] [--vsix FILE] [--keep]
//
// Needs what test/e2e/run.mjs needs (see test/e2e/README.md); it packages the VSIX itself unless --vsix.
/* global getComputedStyle */ // (inside frame.evaluate: the webview's globals)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gotoLine, openWorkbench, quickOpen, runUiScript, themedServer, uiChecks } from '../../scripts/e2e/ui-script.mjs';
import { REPO_ROOT } from '../../scripts/e2e-host.mjs';
import { statsLayoutProblems } from './statsLayout.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    themes: { type: 'string', default: 'light,dark' },
    widths: { type: 'string', default: '400,650,900' },
    file: { type: 'string', default: 'posts/staging-parity.post.md' },
    out: { type: 'string', default: path.join(HERE, 'artifacts') },
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '420' },
  },
});
const checks = uiChecks('preview-ui');
const { log, check } = checks;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The webview frame that shows the box (VS Code nests it two iframes deep). */
async function boxFrame(page, { timeoutMs = 30000, has = '.anp-box' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if (await frame.locator(has).count() > 0) return frame;
      } catch { /* detached while looking */ }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview frame shows ${has} within ${timeoutMs / 1000}s`);
}

/**
 * The preview at each width of --widths: the window is sized so the preview panel (beside the
 * editor, no side bar) is that wide; the stats row is checked and the panel's top is saved.
 */
async function atWidths(page, theme, suffix) {
  const viewport = page.viewportSize();
  for (const width of opt.widths.split(',').map(Number).filter((w) => w > 0)) {
    // Activity bar (48 px) + editor + sash; the two editor groups split the rest evenly.
    await page.setViewportSize({ width: 2 * width + 52, height: 900 });
    await page.waitForTimeout(700);
    const frame = await boxFrame(page, { has: '.anp-box .row-stats' });
    await frame.evaluate(() => window.scrollTo(0, 0));
    const element = page.locator('iframe.webview').first();
    const box = await element.boundingBox();
    const problems = await frame.evaluate(statsLayoutProblems);
    check(problems.length === 0, `${theme}${suffix}, preview ${Math.round(box.width)} px wide: the stats row lays out cleanly (${problems.join('; ') || 'no label or unit wraps, nothing under an error bar'})`);
    await page.mouse.move(10, 600);
    await page.screenshot({ path: path.join(opt.out, `preview-${theme}-${width}${suffix}.png`), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 820) } });
  }
  await page.setViewportSize(viewport);
  await page.waitForTimeout(500);
}

/** A screenshot of the whole preview panel, in a window tall enough for the whole box. */
async function wholeBox(page, file) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: 2600 });
  await page.waitForTimeout(800);
  const frame = await boxFrame(page);
  await frame.evaluate(() => window.scrollTo(0, 0));
  const height = await frame.evaluate(() => Math.ceil(document.querySelector('.anp-box').getBoundingClientRect().bottom) + 24);
  const element = page.locator('iframe.webview').first();
  const box = await element.boundingBox();
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, height) } });
  await page.setViewportSize(viewport);
  await page.waitForTimeout(500);
}

async function runTheme(host, vsix, tmp, theme, browser) {
  const root = path.join(tmp, `preview-${theme}`);
  const server = await themedServer(host, vsix, root, theme, { timeoutS: Number(opt.timeout) + 30 });
  const folder = path.join(root, 'workspace');
  fs.cpSync(path.join(HERE, 'workspace'), folder, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'render', 'xss.post.md'), path.join(folder, 'posts', 'xss.post.md'));
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  page.on('console', (message) => { if (/alphanode|preview|Content Security Policy|Refused/i.test(message.text())) log(`[console ${message.type()}] ${message.text().slice(0, 300)}`); });
  const t0 = Date.now();
  const step = (what) => log(`${theme} ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  try {
    await openWorkbench(page, server, folder);
    step('workbench ready');
    await quickOpen(page, opt.file);
    step(`opened ${opt.file}`);
    // The editor title button (menus.editor/title, icon $(open-preview)).
    const button = page.locator('.editor-actions .action-label[aria-label*="Open Meta Box Preview to the Side"]').first();
    await button.waitFor({ timeout: 20000 });
    await button.click();
    let frame = await boxFrame(page, { has: '.anp-box .field-topic' });
    step('the preview shows the box');
    // Room for the preview: no side bar.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(300);

    const look = await frame.evaluate(() => ({
      body: document.body.className,
      background: getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim(),
      card: getComputedStyle(document.querySelector('.anp-box')).backgroundColor,
      text: getComputedStyle(document.querySelector('.anp-box .topic')).color,
    }));
    const dark = theme === 'dark' || theme === 'hc-dark';
    check(look.body.includes(dark ? (theme === 'hc-dark' ? 'vscode-high-contrast' : 'vscode-dark') : 'vscode-light'), `the webview body has the theme class (${look.body})`);
    // rgb(r, g, b) with 0..255, or color(srgb r g b) with 0..1 (what color-mix() computes to).
    const luminance = (css) => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) || []).map(Number);
      const scale = css.startsWith('color(') ? 1 : 255;
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / scale;
    };
    check(dark ? luminance(look.card) < 0.3 && luminance(look.text) > 0.6 : luminance(look.card) > 0.85 && luminance(look.text) < 0.3,
      `the box follows the theme (editor background ${look.background}, box ${look.card}, text ${look.text})`);

    await atWidths(page, theme, '-valid');
    step(`stats row checked at ${opt.widths} px (valid post)`);
    frame = await boxFrame(page, { has: '.anp-box .field-topic' });

    // Keystroke-to-paint: type digits at the end of view_count and wait for the box to show the new value.
    const lines = fs.readFileSync(path.join(folder, opt.file), 'utf8').split('\n');
    const viewLine = lines.findIndex((l) => l.startsWith('view_count: ')) + 1;
    let value = lines[viewLine - 1].slice('view_count: '.length).trim();
    await page.locator('.monaco-editor .view-lines').first().click();
    await gotoLine(page, viewLine, lines[viewLine - 1].length + 1);
    const grouped = (v) => Number(v).toLocaleString('en-US');
    const timings = [];
    for (const key of ['1', 'Backspace', '2', 'Backspace', '3', 'Backspace', '4', 'Backspace', '5', 'Backspace']) {
      value = key === 'Backspace' ? value.slice(0, -1) : value + key;
      const expected = `${grouped(value)}<span class="unit"> views</span>`;
      const started = await page.evaluate(() => Date.now());
      await page.keyboard.press(key);
      const shown = await frame.waitForFunction((html) => document.querySelector('.field-view_count')?.innerHTML.includes(html) && Date.now(), expected, { polling: 'raf', timeout: 5000 });
      timings.push((await shown.jsonValue()) - started);
    }
    step(`keystroke-to-paint in the browser: median ${median(timings)} ms (${timings.join(', ')})`);

    // Scroll position: scroll the box, edit, and it stays.
    await frame.evaluate(() => window.scrollTo(0, 420));
    await page.waitForTimeout(250); // the webview saves its scroll position 100 ms after scrolling
    await page.keyboard.press('7');
    value += '7';
    await frame.waitForFunction((html) => document.querySelector('.field-view_count')?.innerHTML.includes(html), `${grouped(value)}<span`, { timeout: 5000 });
    const scrolled = await frame.evaluate(() => window.scrollY);
    check(Math.abs(scrolled - 420) <= 1, `the scroll position stays while typing (scrollY ${scrolled})`);
    await page.keyboard.press('Backspace');
    value = value.slice(0, -1);

    // A click on a field selects its source in the editor.
    await frame.evaluate(() => window.scrollTo(0, 0));
    await frame.locator('.field-reference').click();
    const selection = page.locator('.statusbar-item[id*="status.editor.selection"]');
    await page.waitForFunction(() => /\(\d+ selected\)/.test(document.querySelector('.statusbar-item[id*="status.editor.selection"]')?.textContent || ''), undefined, { timeout: 5000 }).catch(() => {});
    const status = (await selection.textContent().catch(() => '')) || '';
    check(/\(19 selected\)/.test(status), `a click on "reference" selects its 19 characters in the editor (${status.trim()})`);

    // The screenshots: the post beside its box (both at the top), then the whole box in a tall window.
    await page.keyboard.press('Control+Home');
    frame = await boxFrame(page, { has: '.anp-box .field-topic' });
    await frame.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(640, 620); // over the editor: no hover highlight or tooltip in the picture
    await page.waitForTimeout(600);
    const shot = path.join(opt.out, `preview-${theme}.png`);
    await page.screenshot({ path: shot });
    step(`screenshot ${path.relative(process.cwd(), shot)}`);
    await wholeBox(page, path.join(opt.out, `preview-${theme}-box.png`));
    step(`screenshot of the whole box: preview-${theme}-box.png`);

    // An invalid post: the preview follows the editor and marks the fields.
    await page.keyboard.press('Control+1');
    await quickOpen(page, 'posts/defects.post.md');
    frame = await boxFrame(page, { has: '.anp-box .field-difficulty.field-error' });
    await page.mouse.move(640, 620);
    await wholeBox(page, path.join(opt.out, `preview-${theme}-invalid.png`));
    step(`screenshot of an invalid post's box: preview-${theme}-invalid.png`);
    await atWidths(page, theme, '');
    step(`stats row checked at ${opt.widths} px (invalid post)`);
    await page.locator('.tabs-container .tab', { hasText: path.posix.basename(opt.file) }).first().click();
    frame = await boxFrame(page, { has: '.anp-box .field-topic' });
    await frame.waitForFunction(() => !document.querySelector('.field-error'), undefined, { timeout: 10000 });

    // Reload the window: the serializer brings the panel back, at its scroll position.
    await frame.evaluate(() => window.scrollTo(0, 300));
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+S');
    await page.waitForTimeout(300);
    // Developer: Reload Window (VS Code saves its state first, as on the desktop; a bare page reload may not).
    await page.keyboard.press('Control+1');
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget input');
    await palette.waitFor({ state: 'visible', timeout: 10000 });
    await palette.fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 10000 });
    await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60000 }), page.keyboard.press('Enter')]);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    frame = await boxFrame(page, { has: '.anp-box .field-topic', timeoutMs: 45000 });
    await page.waitForTimeout(500);
    const restoredY = await frame.evaluate(() => window.scrollY);
    check(true, 'after a window reload the panel is restored with the box');
    check(Math.abs(restoredY - 300) <= 1, `… at its scroll position (scrollY ${restoredY})`);

    // The XSS corpus: the preview follows to it; nothing from the post becomes markup.
    await page.keyboard.press('Control+1'); // the editor group of the post, not the preview's
    await quickOpen(page, 'posts/xss.post.md');
    frame = await boxFrame(page, { has: '.anp-box .field-notes li', timeoutMs: 20000 });
    await frame.waitForFunction(() => document.querySelector('.anp-box .field-topic')?.textContent.includes('documenting production defaults'), undefined, { timeout: 10000 });
    await page.waitForTimeout(1000);
    const dom = await frame.evaluate(() => ({
      // VS Code itself adds one inline script to every webview (the one that defines acquireVsCodeApi).
      // Ours is media/preview.js, inline with the page's nonce.
      scripts: [...document.scripts].filter((s) => s.src || !s.textContent.includes('acquireVsCodeApi = ')).map((s) => s.src || (s.textContent.includes('The webview script of the meta box preview and the post preview') ? 'preview.js' : `inline: ${s.textContent.slice(0, 60)}`)),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
      images: document.images.length,
      // VS Code's own default styles are <style id="_defaultStyles">; ours is the one in <head> with the nonce.
      inBox: [...document.querySelectorAll('#root a, #root svg, #root iframe, #root object, #root embed, #root form, #root style, #root script, #root link')].map((e) => e.tagName),
      notes: [...document.querySelectorAll('.field-notes li')].map((li) => li.textContent),
    }));
    check(dom.scripts.length === 1 && dom.scripts[0] === 'preview.js', `only preview.js (and VS Code's own webview script) runs in the webview (${dom.scripts.join(', ')})`);
    check(dom.handlers.length === 0 && dom.inBox.length === 0 && dom.images === 0, `no handler, link, svg, style, script or image from the post (${dom.handlers.join(', ')}; ${dom.inBox.join(', ')}; ${dom.images} images)`);
    check(dom.notes.includes('</style><script>alert(7)</script>'), 'the notes show the markup as text');
    check(dialogs.length === 0, `no alert() ran (${dialogs.join(', ')})`);
  } catch (e) {
    const shot = path.join(opt.out, `preview-${theme}-failure.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    check(false, `${theme}: ${e.message.split('\n')[0]} (screenshot of the moment: ${shot})`);
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}

runUiScript('preview-ui', { opt, checks, runTheme });

#!/usr/bin/env node
// The post preview as people see it, in a REAL VS Code (the machinery of test/e2e/preview-ui.mjs: offline VS
// Code server + Chromium): for each theme, open a post, click the editor title button "Open Post Preview to the
// Side", and save screenshots to test/e2e/artifacts/: post-preview-<theme>.png (wide), post-preview-<theme>-narrow.png
// (a narrow window: the panel about 330 px), post-preview-<theme>-meta.png (scrolled to the meta box),
// post-preview-<theme>-rollback.png (the rollback note box), post-preview-<theme>-problem.png (an invalid difficulty typed). It checks,
// in the webview's own DOM: the theme class, keystroke-to-paint (typing in a paragraph until the page shows it,
// measured in the browser), the scroll position kept while typing, and the editor's scroll followed by the page.
//
//   node test/e2e/post-preview-ui.mjs [--themes light,dark,hc-dark] [--file posts/staging-parity.post.md] [--out DIR] [--keep]
/* global getComputedStyle */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gotoLine, openWorkbench, quickOpen, runUiScript, themedServer, uiChecks } from '../../scripts/e2e/ui-script.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    themes: { type: 'string', default: 'light,dark,hc-dark' },
    file: { type: 'string', default: 'posts/staging-parity.post.md' },
    out: { type: 'string', default: path.join(HERE, 'artifacts') },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '600' },
  },
});
const checks = uiChecks('post-preview-ui');
const { log, check } = checks;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function pageFrame(page, has, timeoutMs = 30000) {
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

async function runTheme(host, vsix, tmp, theme, browser) {
  const root = path.join(tmp, `post-preview-${theme}`);
  const server = await themedServer(host, vsix, root, theme, { timeoutS: Number(opt.timeout) + 30 });
  const folder = path.join(root, 'workspace');
  fs.cpSync(path.join(HERE, 'workspace'), folder, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (message) => { if (/alphanode|preview|Content Security Policy|Refused/i.test(message.text())) log(`[console ${message.type()}] ${message.text().slice(0, 300)}`); });
  const t0 = Date.now();
  const step = (what) => log(`${theme} ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  try {
    await openWorkbench(page, server, folder);
    await quickOpen(page, opt.file);
    const button = page.locator('.editor-actions .action-label[aria-label*="Open Post Preview to the Side"]').first();
    await button.waitFor({ timeout: 20000 });
    await button.click();
    const frame = await pageFrame(page, '.anp-page .page-title');
    step('the post preview shows the page');
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(300);

    const look = await frame.evaluate(() => ({ body: document.body.className, text: getComputedStyle(document.querySelector('.anp-page .page-title')).color }));
    check(look.body.includes(theme === 'hc-dark' ? 'vscode-high-contrast' : theme === 'dark' ? 'vscode-dark' : 'vscode-light'), `${theme}: the webview body has the theme class (${look.body}), title color ${look.text}`);

    // Keystroke-to-paint: type at the end of a prose paragraph until the page shows it.
    const lines = fs.readFileSync(path.join(folder, opt.file), 'utf8').split('\n');
    // The first prose paragraph after the post's intro image: plain text whose last word the page shows verbatim.
    const prose = lines.findIndex((l, i) => i > lines.indexOf('## security and maintenance notes') && /^[a-z].*\.$/.test(l)) + 1;
    if (prose === 0) throw new Error(`${opt.file} has no prose paragraph to type into`);
    const lastWord = lines[prose - 1].split(' ').pop();
    await page.locator('.monaco-editor .view-lines').first().click();
    await gotoLine(page, prose, lines[prose - 1].length + 1);
    let typed = '';
    const timings = [];
    for (const key of ['q', 'Backspace', 'w', 'Backspace', 'e', 'Backspace', 'r', 'Backspace', 't', 'Backspace', 'y', 'Backspace']) {
      typed = key === 'Backspace' ? typed.slice(0, -1) : typed + key;
      const expected = `${lastWord}${typed}`;
      const started = await page.evaluate(() => Date.now());
      await page.keyboard.press(key);
      const shown = await frame.waitForFunction((text) => [...document.querySelectorAll('.blk-text p')].some((p) => p.textContent.endsWith(text)) && Date.now(), expected, { polling: 'raf', timeout: 5000 });
      timings.push((await shown.jsonValue()) - started);
    }
    step(`keystroke-to-paint in the browser: median ${median(timings)} ms (${timings.join(', ')})`);
    check(median(timings) <= 100, `${theme}: keystroke-to-paint median ${median(timings)} ms ≤ 100 ms`);

    // The editor's scroll: go to the final notes; the page follows.
    const finalNotes = lines.findIndex((l) => l === '## final notes') + 1;
    if (finalNotes === 0) throw new Error(`${opt.file} has no final notes heading`);
    await gotoLine(page, finalNotes);
    await page.waitForTimeout(600);
    const top = await frame.evaluate(() => {
      const bar = document.querySelector('.page-review')?.getBoundingClientRect().bottom ?? 0;
      const blocks = [...document.querySelectorAll('.blk')].filter((b) => b.getBoundingClientRect().bottom > bar + 1);
      return { scrollY: Math.round(window.scrollY), first: blocks[0]?.textContent.slice(0, 60) };
    });
    check(top.scrollY > 0, `${theme}: the page followed the editor's scroll (scrollY ${top.scrollY}, top block "${top.first}")`);

    const element = page.locator('iframe.webview').first();
    const shot = async (file) => {
      const box = await element.boundingBox();
      await page.screenshot({ path: path.join(opt.out, file), clip: box });
    };
    await frame.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await shot(`post-preview-${theme}.png`);
    await frame.evaluate(() => document.querySelector('.page-meta').scrollIntoView());
    await page.waitForTimeout(300);
    await shot(`post-preview-${theme}-meta.png`);
    await frame.evaluate(() => document.querySelector('.rollback-note').scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await shot(`post-preview-${theme}-rollback.png`);

    // A problem inline: a difficulty the template does not allow; the page marks it at the meta box's row.
    const difficulty = lines.findIndex((l) => l.startsWith('difficulty: ')) + 1;
    await gotoLine(page, difficulty, lines[difficulty - 1].length + 1);
    await page.keyboard.type('x');
    await frame.waitForFunction(() => document.querySelector('.page-summary')?.textContent.includes('1 error'), null, { timeout: 10000 });
    const problem = await frame.evaluate(() => {
      const item = document.querySelector('.problem-error');
      item.scrollIntoView({ block: 'center' });
      return { rule: item.querySelector('.problem-rule')?.textContent, near: item.parentElement.closest('[class*=field-], .blk')?.className };
    });
    check(problem.rule === 'meta-invalid' && problem.near !== undefined, `${theme}: the problem is shown inline with its rule (${problem.rule}, in ${problem.near})`);
    await page.waitForTimeout(300);
    await shot(`post-preview-${theme}-problem.png`);
    await page.keyboard.press('Backspace');
    await frame.waitForFunction(() => document.querySelector('.page-summary')?.textContent === 'no problems', null, { timeout: 10000 });
    await page.setViewportSize({ width: 700, height: 960 });
    await page.waitForTimeout(800);
    await frame.evaluate(() => window.scrollTo(0, 0));
    const width = await frame.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth }));
    check(width.scroll <= width.inner, `${theme}: narrow panel (${width.inner} px): no horizontal scroll (${width.scroll})`);
    await page.waitForTimeout(300);
    await shot(`post-preview-${theme}-narrow.png`);
    step('screenshots saved');
  } catch (e) {
    check(false, `${theme}: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(opt.out, `post-preview-${theme}-failure.png`) }).catch(() => {});
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}

runUiScript('post-preview-ui', { opt, checks, runTheme });

#!/usr/bin/env node
// Playwright UI check against a RUNNING VS Code server (test/e2e/run.mjs starts a fresh one; `npm start`'s
// playground works too): open the workspace, open a post with defects, wait for squiggles, open the
// Problems panel (Ctrl+Shift+M), check it names `alphanode` and a rule id, save a screenshot.
//
//   node test/e2e/ui.mjs --url http://127.0.0.1:PORT --folder /abs/workspace [--file posts/defects.post.md]
//        [--screenshot test/e2e/artifacts/problems.png] [--source alphanode] [--rule REGEX] [--tmp DIR]
//
// --rule: a regular expression a rule id must match (default: any code shown as `alphanode(<code>)`,
// which is how the Problems panel renders a diagnostic's source and code).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureHost } from '../../scripts/e2e-host.mjs';
import { launchChromium } from '../../scripts/e2e/browser.mjs';
import { installExitHandlers } from '../../scripts/e2e/procs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' },
    folder: { type: 'string' },
    file: { type: 'string', default: 'posts/defects.post.md' },
    screenshot: { type: 'string', default: path.join(HERE, 'artifacts', 'problems.png') },
    source: { type: 'string', default: 'alphanode' },
    rule: { type: 'string' },
    tmp: { type: 'string' },
    timeout: { type: 'string', default: '150' },
  },
});
const log = (...a) => console.error('[ui]', ...a);

async function openFile(page, rel) {
  const base = path.posix.basename(rel);
  // Quick Open (Ctrl+P) finds the file through the server's file search.
  try {
    await page.locator('.monaco-workbench').click({ position: { x: 600, y: 10 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(rel);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab[aria-label*="${base}"], .tabs-container .tab:has-text("${base}")`).first().waitFor({ timeout: 15000 });
    return;
  } catch (e) {
    log(`Quick Open did not open ${rel} (${e.message.split('\n')[0]}); trying the Explorer`);
    await page.keyboard.press('Escape').catch(() => {});
  }
  // Explorer: expand each folder, then click the file.
  const parts = rel.split('/');
  for (const [i, part] of parts.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: part }).first();
    await row.waitFor({ timeout: 15000 });
    if (i < parts.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    } else {
      await row.dblclick();
    }
  }
  await page.locator(`.tabs-container .tab:has-text("${base}")`).first().waitFor({ timeout: 15000 });
}

async function main() {
  if (!opt.url || !opt.folder) {
    console.error('usage: node test/e2e/ui.mjs --url http://127.0.0.1:PORT --folder /abs/workspace [--file posts/defects.post.md]\n' +
      '(npm run test:e2e runs it against a fresh server; `npm start` gives you one to point it at)');
    return 2;
  }
  const folder = path.resolve(opt.folder);
  if (!fs.existsSync(path.join(folder, opt.file))) {
    console.error(`[ui] FAIL: ${path.join(folder, opt.file)} does not exist`);
    return 1;
  }
  const host = await ensureHost({ install: false });
  if (!host.ok) return 1;
  installExitHandlers({ timeoutS: Number(opt.timeout), name: 'ui' });
  const tmp = opt.tmp || fs.mkdtempSync(path.join(os.tmpdir(), 'alphanode-ui-'));
  fs.mkdirSync(path.dirname(opt.screenshot), { recursive: true });
  // No stale pictures from an earlier run.
  for (const f of [opt.screenshot, path.join(path.dirname(opt.screenshot), 'ui-failure.png')]) fs.rmSync(f, { force: true });

  const browser = await launchChromium(host, { tmpDir: tmp, timeoutS: Number(opt.timeout) + 30 });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  const step = (what) => log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  try {
    await page.goto(`${opt.url.replace(/\/$/, '')}/?folder=${encodeURIComponent(folder)}`, { timeout: 60000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    step('workbench ready');
    await openFile(page, opt.file);
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20000 });
    step(`opened ${opt.file}`);
    await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning', { timeout: 60000 });
    const squiggles = await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count();
    step(`${squiggles} squiggle(s) in the editor`);

    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .marker-message').first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1000); // let the list settle: rows render in batches
    const text = await page.locator('.markers-panel').innerText();
    // One entry per diagnostic row; the panel renders source and code as `source(code)` (parentheses by CSS).
    const markers = await page.locator('.markers-panel .monaco-tl-contents').evaluateAll((els) => els
      .filter((el) => el.querySelector('.marker-message'))
      .map((el) => ({
        message: (el.querySelector('.marker-message')?.textContent || '').trim(),
        line: (el.querySelector('.marker-line')?.textContent || '').trim(),
        source: (el.querySelector('.marker-source')?.textContent || '').trim(),
        code: (el.querySelector('.marker-code')?.textContent || '').trim(),
      })));
    if (process.env.E2E_VERBOSE === '1') {
      for (const html of await page.locator('.markers-panel .monaco-tl-contents').evaluateAll((els) => els.map((e) => e.outerHTML))) log(html);
    }
    step(`Problems panel: ${markers.length} diagnostic row(s)`);
    for (const m of markers) console.log(`  | ${m.message}  ${m.source}${m.code ? `(${m.code})` : ''} ${m.line}`);

    const ruleRe = opt.rule ? new RegExp(`^(?:${opt.rule})$`) : /^\S+$/;
    const problems = [];
    if (!text.toLowerCase().includes(opt.source.toLowerCase())) problems.push(`the Problems panel does not mention "${opt.source}"`);
    const hit = markers.find((m) => m.source.toLowerCase() === opt.source.toLowerCase() && ruleRe.test(m.code));
    if (!hit) problems.push(`no diagnostic shown as ${opt.source}(<rule id>)${opt.rule ? ` with a rule id matching /${opt.rule}/` : ''}`);
    // Reveal the first problem in the editor (its squiggle) for the screenshot.
    await page.locator('.markers-panel .monaco-list-row:has(.marker-message)').first().click().catch(() => {});
    await page.waitForTimeout(700);
    await page.screenshot({ path: opt.screenshot });
    step(`screenshot ${path.relative(process.cwd(), opt.screenshot)}`);
    if (problems.length) {
      console.error(`[ui] FAIL: ${problems.join('; ')}`);
      return 1;
    }
    log(`OK: ${squiggles} squiggle(s), the Problems panel lists ${hit.source}(${hit.code})`);
    return 0;
  } catch (e) {
    const shot = path.join(path.dirname(opt.screenshot), 'ui-failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`[ui] FAIL: ${e.message.split('\n')[0]} (screenshot of the moment: ${shot})`);
    return 1;
  } finally {
    await browser.close().catch(() => {});
    if (!opt.tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => { console.error(`[ui] ERROR: ${e?.stack || e}`); process.exit(1); });

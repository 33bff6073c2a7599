// The frame the hand-run UI scripts share (test/e2e/preview-ui.mjs, post-preview-ui.mjs, tour-ui.mjs,
// test/grammar/screenshots.mjs): their checks and failures, the run over themes (host, VSIX, Chromium,
// cleanup) and the workbench keystrokes they all need. Each script keeps only what it looks at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureHost, REPO_ROOT } from '../e2e-host.mjs';
import { launchChromium } from './browser.mjs';
import { ensureBuilt, packageVsix } from './extension.mjs';
import { installExitHandlers, onCleanup } from './procs.mjs';
import { installVsix, makeState, startServer } from './vscode-server.mjs';

/** The workbench themes the scripts can run in, by the name of their --themes option. */
export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', 'hc-dark': 'Default High Contrast', 'hc-light': 'Default High Contrast Light' };

/** A script's log line prefix, its `check(ok, what)` and the failures it collected. */
export function uiChecks(name) {
  const failures = [];
  const log = (...a) => console.error(`[${name}]`, ...a);
  const check = (ok, what) => {
    log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  return { log, check, failures };
}

/**
 * Runs `runTheme(host, vsix, tmp, theme, browser)` for each theme of `opt.themes` in one Chromium,
 * with the VSIX packaged from this clone (or `opt.vsix`), and exits 0 only when no check failed.
 * Without a VS Code host it skips (exit 0), except in CI.
 */
export function runUiScript(name, { opt, checks, runTheme }) {
  const { log, failures } = checks;
  async function main() {
    const host = await ensureHost({ install: false });
    if (!host.ok) {
      console.error(`[${name}] SKIPPED: ${host.reason.split('\n')[0]}`);
      return process.env.CI === 'true' ? 1 : 0;
    }
    installExitHandlers({ timeoutS: Number(opt.timeout), name });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `alphanode-${name}-`));
    onCleanup(() => { if (!opt.keep && failures.length === 0) fs.rmSync(tmp, { recursive: true, force: true }); });
    fs.mkdirSync(opt.out, { recursive: true });
    let vsix;
    if (opt.vsix) {
      const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
      vsix = { vsix: path.resolve(opt.vsix), id: `${manifest.publisher}.${manifest.name}`, version: manifest.version };
    } else {
      await ensureBuilt();
      vsix = await packageVsix({ out: path.join(tmp, 'alphanode-runbooks.vsix'), logFile: path.join(tmp, 'vsce.log') });
    }
    const browser = await launchChromium(host, { tmpDir: tmp, timeoutS: Number(opt.timeout) + 30 });
    try {
      for (const theme of opt.themes.split(',').map((t) => t.trim()).filter(Boolean)) {
        if (!THEMES[theme]) throw new Error(`unknown theme ${theme} (one of ${Object.keys(THEMES).join(', ')})`);
        await runTheme(host, vsix, tmp, theme, browser);
      }
    } finally {
      await browser.close().catch(() => {});
    }
    if (failures.length > 0) log(`logs and state kept in ${tmp}`);
    console.log(`${name}: ${failures.length === 0 ? 'PASSED' : `FAILED (${failures.length})`}`);
    return failures.length === 0 ? 0 : 1;
  }
  main().then((code) => process.exit(code), (e) => { console.error(`[${name}] ERROR: ${e?.stack || e}`); process.exit(1); });
}

/** Quick Open (Ctrl+P) of a workspace-relative file, until its editor shows. */
export async function quickOpen(page, rel) {
  const base = path.posix.basename(rel);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(rel);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).first().waitFor({ timeout: 15000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20000 });
}

/**
 * Go to Line in the focused editor: 1-based `line` and `column`. A column past the line's end
 * lands at its end, also on a wrapped line (where the End key stops at the visual line's end).
 */
export async function gotoLine(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

/**
 * A fresh VS Code server with its state under `root`: the VSIX installed, the workbench in
 * `theme` (no preview tabs, no OS colour scheme), and `settings` added to the user settings.
 */
export async function themedServer(host, vsix, root, theme, { settings = {}, timeoutS }) {
  const state = makeState(path.join(root, 'state'), {
    settings: { 'workbench.colorTheme': THEMES[theme], 'window.autoDetectColorScheme': false, 'workbench.editor.enablePreview': false, ...settings },
  });
  await installVsix(host, state, vsix, { logFile: path.join(root, 'install.log') });
  return startServer(host, state, { timeoutS, logFile: path.join(root, 'server.log') });
}

/** Opens `folder` in the workbench and waits until the Explorer lists it. */
export async function openWorkbench(page, server, folder) {
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(folder)}`, { timeout: 60000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
}

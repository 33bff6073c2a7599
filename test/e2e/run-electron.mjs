#!/usr/bin/env node
// `npm run test:electron`: the same e2e suites in desktop VS Code through @vscode/test-electron.
// Needs the internet (it downloads VS Code from Microsoft's update server into .vscode-test/) and, on
// a Linux without a display, an X server: `xvfb-run -a npm run test:electron`. Offline, use
// `npm run test:e2e` (VS Code server + Chromium, see test/e2e/run.mjs).
//
// Unlike test:e2e this runs the SOURCE folder (extensionDevelopmentPath = the repo, after `npm run build`),
// not the packaged VSIX. Environment: VSCODE_VERSION (default "stable", e.g. 1.91.0 for the oldest
// supported), E2E_TIMEOUT_S (default 900), E2E_KEEP=1, E2E_GREP (mocha grep).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { cleanEnv, installExitHandlers, onCleanup, runCommand } from '../../scripts/e2e/procs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const TESTS_PATH = path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');
const log = (...a) => console.error('[e2e:electron]', ...a);

async function main() {
  installExitHandlers({ timeoutS: Number(process.env.E2E_TIMEOUT_S || 900), name: 'e2e:electron' });

  // Always rebuild: the Extension Development Host loads dist/ from the source folder, and a stale
  // bundle would make the suites test old code. Both are incremental and take seconds.
  for (const [cmd, args] of [['npm', ['run', 'build']], [path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-b', path.join(REPO_ROOT, 'test')]]]) {
    const r = await runCommand(cmd, args, { cwd: REPO_ROOT, timeoutS: 300, env: cleanEnv() });
    if (r.code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.code})`);
  }
  if (!fs.existsSync(TESTS_PATH)) throw new Error(`${path.relative(REPO_ROOT, TESTS_PATH)} is missing after tsc -b test`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alphanode-e2e-electron-'));
  onCleanup(() => { if (process.env.E2E_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true }); });
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(HERE, 'workspace'), workspace, { recursive: true });
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'update.mode': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false,
  }, null, 2));

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('no DISPLAY: desktop VS Code needs an X server here. Run `xvfb-run -a npm run test:electron` (apt-get install xvfb).');
  }

  try {
    const code = await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TESTS_PATH,
      // ALPHANODE_E2E_EXTENSIONS_DIR is deliberately unset: here the source folder runs, not a VSIX.
      extensionTestsEnv: { ALPHANODE_E2E_EXTENSIONS_DIR: undefined, E2E_GREP: process.env.E2E_GREP },
      launchArgs: [
        workspace,
        '--disable-extensions', // every other extension; the one under development still loads
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
    return code;
  } catch (err) {
    // runTests rejects (TestRunFailedError) when VS Code exits non-zero, i.e. when a test failed.
    log(err?.code !== undefined ? `VS Code exited with code ${err.code}` : `failed: ${err?.stack || err}`);
    return typeof err?.code === 'number' && err.code !== 0 ? err.code : 1;
  }
}

main().then((code) => process.exit(code), (e) => { console.error(`[e2e:electron] ERROR: ${e?.stack || e}`); process.exit(1); });

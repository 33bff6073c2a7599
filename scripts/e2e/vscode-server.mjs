// The plain VS Code server (reh-web) bundled in the code-server npm package, run with Node 24 from the
// host cache (see scripts/e2e-host.mjs). code-server's own CLI rejects --enable-smoke-test-driver, and
// without that flag the workbench ignores test payloads, so we start lib/vscode/out/server-main.js directly.
/* global fetch, AbortSignal */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, onCleanup, runCommand, spawnGroup, stopGroup, tail } from './procs.mjs';

const HOST = '127.0.0.1';

/** Settings that keep an offline, throwaway VS Code quiet (no gallery, no welcome page, no update checks). */
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

function tryListen(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.once('error', () => resolve(undefined));
    s.listen({ port, host: HOST, exclusive: true }, () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/** A free TCP port on 127.0.0.1: `preferred` when it is free, else one the OS picks (listen on 0, read, close). */
export async function freePort(preferred) {
  if (preferred) {
    const p = await tryListen(preferred);
    if (p) return p;
  }
  const p = await tryListen(0);
  if (!p) throw new Error('could not get a free port from the OS');
  return p;
}

/** Creates (or reuses) the three state folders under `root` and writes quiet user settings. */
export function makeState(root, { settings = {} } = {}) {
  const state = {
    root,
    serverDataDir: path.join(root, 'server-data'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
  };
  for (const d of [state.serverDataDir, state.userDataDir, state.extensionsDir]) fs.mkdirSync(d, { recursive: true });
  const userDir = path.join(state.userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const file = path.join(userDir, 'settings.json');
  let current = {};
  if (fs.existsSync(file)) {
    try { current = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return state; } // JSONC edited by a person: leave it alone
  }
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_USER_SETTINGS, ...current, ...settings }, null, 2) + '\n');
  return state;
}

function stateArgs(state) {
  return ['--server-data-dir', state.serverDataDir, '--user-data-dir', state.userDataDir, '--extensions-dir', state.extensionsDir];
}

/**
 * `server-main.js --install-extension <vsix> --force` into the state's extensions dir, then checks that
 * `<extensionsDir>/<id>-<version>` exists. Returns that folder.
 */
export async function installVsix(host, state, { vsix, id, version }, { logFile } = {}) {
  const r = await runCommand(host.node, [host.serverMain, ...stateArgs(state), '--accept-server-license-terms',
    '--install-extension', vsix, '--force'], { timeoutS: 120, logFile, env: cleanEnv(), label: 'install-extension' });
  const dir = path.join(state.extensionsDir, `${id}-${version}`);
  if (r.code !== 0 || !fs.existsSync(path.join(dir, 'package.json'))) {
    throw new Error(`installing ${path.basename(vsix)} into ${state.extensionsDir} failed (exit ${r.code}):\n${logFile ? tail(logFile, 20) : ''}`);
  }
  return dir;
}

async function waitForHttp(url, child, logFile, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let exited;
  child.done.then((r) => { exited = r; });
  while (Date.now() < until) {
    if (exited) throw new Error(`the VS Code server exited (code ${exited.code}) before answering:\n${tail(logFile, 30)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the VS Code server did not answer ${url} within ${timeoutMs / 1000}s:\n${tail(logFile, 30)}`);
}

/**
 * Starts server-main.js on 127.0.0.1 in its own process group (under `timeout`).
 * port: a number (tried first, falls back to a free one) or 0/undefined for a free one.
 * Returns { origin, port, pid, authority, logFile, stop() }.
 */
export async function startServer(host, state, {
  port, smokeTestDriver = false, timeoutS = 600, logFile, env = {}, extraArgs = [],
} = {}) {
  // The server and its extension host put IPC sockets (vscode-ipc-*.sock, vscode-git-*.sock) in $TMPDIR
  // and never remove them: give them a short-lived folder of their own (short path: sockets max ~107 chars).
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vscs-'));
  const removeSockDir = () => fs.rmSync(sockDir, { recursive: true, force: true });
  onCleanup(removeSockDir);
  for (let attempt = 1; ; attempt++) {
    const p = await freePort(port);
    const args = [host.serverMain, '--host', HOST, '--port', String(p), '--without-connection-token',
      '--accept-server-license-terms', ...stateArgs(state), '--disable-telemetry', '--disable-workspace-trust',
      ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []), ...extraArgs];
    const fd = fs.openSync(logFile, 'a');
    const child = spawnGroup(host.node, args, {
      timeoutS, label: 'vscode-server', stdio: ['ignore', fd, fd], env: cleanEnv({ TMPDIR: sockDir, ...env }), cwd: state.root,
    });
    fs.closeSync(fd);
    const origin = `http://${HOST}:${p}`;
    try {
      await waitForHttp(`${origin}/version`, child, logFile, 60000);
    } catch (e) {
      await stopGroup(child.pid);
      if (attempt >= 3 || !/EADDRINUSE/.test(tail(logFile, 30))) removeSockDir();
      // Someone took the port between our probe and the server's listen: try another one.
      if (attempt < 3 && /EADDRINUSE/.test(tail(logFile, 30))) { port = 0; continue; }
      throw e;
    }
    return {
      origin, port: p, pid: child.pid, authority: `${HOST}:${p}`, logFile, done: child.done,
      stop: async () => { await stopGroup(child.pid); removeSockDir(); },
    };
  }
}

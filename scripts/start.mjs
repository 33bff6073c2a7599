#!/usr/bin/env node
// `npm start`: a playground VS Code in your browser with the freshly packaged extension installed.
//   npm run build → vsce package → ensureHost() → VS Code server on 127.0.0.1 (port 8090 when free,
//   PORT=… to choose) with its state in test/e2e/artifacts/playground-state (kept between runs:
//   your settings stay; the VSIX is reinstalled every time) → prints the URL, which opens
//   samples/posts/broken-example.post.md with its problems → runs until Ctrl+C.
// Nothing here needs the internet; the first run installs the host (~3 min, see scripts/e2e-host.mjs).
import path from 'node:path';
import { ensureHost, REPO_ROOT } from './e2e-host.mjs';
import { ensureBuilt, packageVsix } from './e2e/extension.mjs';
import { remoteUri, workbenchUrl } from './e2e/browser.mjs';
import { banner, installExitHandlers } from './e2e/procs.mjs';
import { installVsix, makeState, startServer } from './e2e/vscode-server.mjs';

/** The post the playground opens on (samples/README.md: one of each defect the rules catch). */
const SAMPLE_POST = 'posts/broken-example.post.md';

const log = (...a) => console.error('[start]', ...a);
// The shared helpers prefix their lines with [e2e]; say [start] here.
const helperLog = (...a) => log(a.map(String).join(' ').replace(/^\[e2e\] /gm, (m, i) => (i === 0 ? '' : '[start] ')));

async function main() {
  installExitHandlers({ name: 'start' });
  // Per clone (the host is per machine): this clone's VSIX and your playground settings.
  const stateRoot = path.join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'playground-state');
  await ensureBuilt({ always: true, log: helperLog });
  const vsix = await packageVsix({
    out: path.join(stateRoot, 'alphanode-runbooks.vsix'), logFile: path.join(stateRoot, 'vsce.log'),
    log: helperLog,
  });
  const host = await ensureHost();
  if (!host.ok) {
    log(`cannot start the playground: ${host.reason.split('\n')[0]}`);
    return 1;
  }
  const state = makeState(stateRoot);
  const installed = await installVsix(host, state, vsix, { logFile: path.join(stateRoot, 'install.log') });
  log(`installed ${path.basename(installed)} into ${path.relative(REPO_ROOT, state.extensionsDir)}`);
  const server = await startServer(host, state, {
    port: Number(process.env.PORT) || 8090,
    timeoutS: 7 * 24 * 3600, // a playground: no practical limit, but never an immortal orphan
    logFile: path.join(stateRoot, 'server.log'),
  });
  const folder = path.join(REPO_ROOT, 'samples');
  // The first screen shows what the extension does: a sample post with its problems, not an empty editor.
  const url = workbenchUrl(server, { folder, payload: [['openFile', remoteUri(server, path.join(folder, SAMPLE_POST))]] });
  console.log(banner([
    'Alphanode Runbooks playground (VS Code ' + host.versions.vscode + ', extension from the packaged VSIX)',
    '',
    `  ${url}`,
    '',
    'Open that URL in a browser on this machine. Ctrl+C stops the server.',
    `Server log: ${path.relative(REPO_ROOT, server.logFile)}   State: ${path.relative(REPO_ROOT, stateRoot)}`,
    `Check the UI from a script: node test/e2e/ui.mjs --url ${server.origin} --folder <a workspace with posts/defects.post.md>`,
  ]));
  const { code, signal } = await server.done;
  log(`the VS Code server stopped (${signal ?? `exit ${code}`}); see ${server.logFile}`);
  return code === 0 ? 1 : code; // it should only stop through Ctrl+C
}

main().then((code) => process.exit(code), (e) => { console.error(`[start] ERROR: ${e?.stack || e}`); process.exit(1); });

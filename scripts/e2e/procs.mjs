// Child processes for the e2e scripts: each one in its own process group, tracked by PID, and
// killed (the whole group) on every exit path: normal end, error, Ctrl+C, SIGTERM, overall timeout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const groups = new Map(); // pgid -> label
const cleanups = [];

/** Registers a process group (its leader's pid) to kill on exit. */
export function trackGroup(pgid, label = 'child') {
  if (Number.isInteger(pgid) && pgid > 1) groups.set(pgid, label);
}

/** Sends `signal` to the process group; true when it still existed. */
export function killGroup(pgid, signal = 'SIGTERM') {
  try { process.kill(-pgid, signal); return true; } catch { return false; }
}

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/** SIGTERM the group, then SIGKILL what is left after `graceMs`. */
export async function stopGroup(pgid, graceMs = 3000) {
  if (!killGroup(pgid, 'SIGTERM')) { groups.delete(pgid); return; }
  const until = Date.now() + graceMs;
  while (Date.now() < until && groupAlive(pgid)) await new Promise((r) => setTimeout(r, 100));
  killGroup(pgid, 'SIGKILL');
  groups.delete(pgid);
}

/** Registers a synchronous cleanup (e.g. removing a temp dir) run on exit after the kills. */
export function onCleanup(fn) { cleanups.push(fn); }

function killAllSync() {
  for (const pgid of groups.keys()) killGroup(pgid, 'SIGKILL');
  groups.clear();
  for (const fn of cleanups.splice(0)) { try { fn(); } catch { /* best effort */ } }
}

let installed = false;
/**
 * Kill every tracked group on exit; on SIGINT/SIGTERM/SIGHUP stop them and exit 130/143/129;
 * after `timeoutS` seconds print why and exit 124 (like coreutils `timeout`).
 */
export function installExitHandlers({ timeoutS, name = 'e2e', onTimeout } = {}) {
  if (installed) return;
  installed = true;
  process.on('exit', killAllSync);
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const sig of Object.keys(codes)) {
    process.on(sig, () => {
      console.error(`\n[${name}] ${sig}: stopping child processes…`);
      killAllSync();
      process.exit(codes[sig]);
    });
  }
  if (timeoutS) {
    const t = setTimeout(() => {
      console.error(`\n[${name}] TIMEOUT: still running after ${timeoutS}s, killing everything (pids ${[...groups.keys()].join(', ') || 'none'})`);
      try { onTimeout?.(); } catch { /* best effort */ }
      killAllSync();
      process.exit(124);
    }, timeoutS * 1000);
    t.unref();
  }
}

/** A clean environment: without the npm_* variables of an outer `npm run`. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/**
 * Spawns `timeout -k 10 <timeoutS> cmd args` as the leader of a new process group (tracked).
 * Returns the ChildProcess; `child.done` resolves to { code, signal } once it exits.
 */
export function spawnGroup(cmd, args, { timeoutS = 300, label = cmd, stdio = 'inherit', ...opts } = {}) {
  const child = spawn('timeout', ['-k', '10', String(timeoutS), cmd, ...args], { ...opts, stdio, detached: true });
  trackGroup(child.pid, label);
  child.done = new Promise((resolve) => {
    child.on('error', (error) => { groups.delete(child.pid); resolve({ code: 127, signal: null, error }); });
    child.on('close', (code, signal) => {
      // The leader is gone; kill anything it left behind in its group.
      killGroup(child.pid, 'SIGKILL');
      groups.delete(child.pid);
      resolve({ code: code ?? 1, signal });
    });
  });
  return child;
}

/** Runs a command to completion (own group, under timeout); output to `logFile` or inherited. */
export async function runCommand(cmd, args, { timeoutS = 300, logFile, label, ...opts } = {}) {
  let fd;
  if (logFile) fd = fs.openSync(logFile, 'a');
  const child = spawnGroup(cmd, args, { timeoutS, label, stdio: ['ignore', fd ?? 'inherit', fd ?? 'inherit'], ...opts });
  const res = await child.done;
  if (fd !== undefined) fs.closeSync(fd);
  if (res.code === 124) res.timedOut = true;
  return res;
}

export function tail(file, lines = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

export function banner(lines, ch = '#') {
  const w = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = ch.repeat(w);
  return ['', bar, ...lines.map((l) => `${ch} ${l.padEnd(w - 4)} ${ch}`), bar, ''].join('\n');
}

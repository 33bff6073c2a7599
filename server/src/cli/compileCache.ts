import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, posix, win32 } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Script } from 'node:vm';

/**
 * Loads the CLI's bundle through V8's code cache, as Node 22's `module.enableCompileCache()`
 * does (Node 20 has none). Compiling the 800 KB bundle, and the functions a run calls, is a
 * third of a warm `check --cache`: with the cache it is a read of the compiled code.
 *
 * - **Keyed by content.** V8 accepts cached code for any source of the same length, so the
 *   file's name holds a hash of the bundle, node's version and the platform: a changed
 *   bundle never runs another's code. Two installed versions keep an entry each (removing the
 *   other's would have them rewrite theirs on every run); past KEPT_VERSIONS the oldest goes.
 * - **Per command.** The code a run compiled is what gets cached (V8 compiles functions on first
 *   call), so `check` and `lsp` each keep their own entry instead of the first command's.
 * - **Private.** Cached code is code: it lives in the user's own cache folder (never the shared
 *   temp folder), created 0700, and is not used from a folder another user owns or others may write.
 * - **Never in the way.** A missing, rejected or unreadable entry means compiling as usual; the
 *   main thread writes a new one at exit (temp file + rename: concurrent runs leave one whole
 *   entry); a failure to write costs the next run its speed only, silently.
 * - `ALPHANODE_COMPILE_CACHE=DIR` puts it elsewhere, `=off` turns it off.
 */

/**
 * Where entries go by default: the platform's per-user cache folder (XDG on Linux). None when
 * there is no absolute one to use (a relative folder would land in the project being checked).
 */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string | undefined {
  const setting = env.ALPHANODE_COMPILE_CACHE;
  if (setting !== undefined && setting !== '') return ['off', '0', 'false'].includes(setting.toLowerCase()) ? undefined : setting;
  // The platform's own path rules (the tests ask for each platform's answer on one machine).
  const paths = platform === 'win32' ? win32 : posix;
  const base =
    platform === 'win32' ? env.LOCALAPPDATA
    : platform === 'darwin' ? paths.join(home, 'Library', 'Caches')
    // XDG: a relative $XDG_CACHE_HOME is invalid and ignored.
    : env.XDG_CACHE_HOME && paths.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : paths.join(home, '.cache');
  return base && paths.isAbsolute(base) ? paths.join(base, 'alphanode', 'compile-cache') : undefined;
}

/** The entry's file name: the bundle's name, the hash of what decides the compiled code, the command. */
export function cacheEntryName(bundle: string, source: Uint8Array, profile: string): string {
  // Not node's options: V8 refuses code compiled under other flags itself (the entry is then rewritten).
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${process.platform}\0`).update(source).digest('hex').slice(0, 32);
  return `${basename(bundle)}.${key}.${profile.replace(/[^\w-]/g, '_')}.bin`;
}

/**
 * Runs the CommonJS file `bundle` (as `require` would, once) with the code cached for
 * `profile` in `folder`, and returns its exports. Without a folder, it is plainly required.
 */
export function requireWithCompileCache(bundle: string, profile: string, folder: string | undefined = defaultCacheFolder()): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (folder === undefined) return require(bundle);
  const bytes = readFileSync(bundle);
  const source = bytes.toString('utf8');
  const entry = join(folder, cacheEntryName(bundle, bytes, profile));
  const cached = readEntry(folder, entry);
  // Node's own wrapper: the bundle sees exports, require, module, __filename and __dirname as under require.
  const script = new Script(wrap(source), { filename: bundle, cachedData: cached });
  if (isMainThread && (cached === undefined || script.cachedDataRejected)) {
    // At exit the run's compiled functions are in, not only the top level.
    process.once('exit', () => writeEntry(folder, entry, script));
  }
  const module = { exports: {} as unknown, filename: bundle, id: bundle, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.loaded = true;
  return module.exports;
}

/** Node's CommonJS wrapper (the bundle has no `#!` line: that is the entry's). */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/** The cached code, when the folder is one only this user can write and the entry is there. */
function readEntry(folder: string, entry: string): Buffer | undefined {
  try {
    if (!isPrivateFolder(folder)) return undefined;
    return readFileSync(entry);
  } catch {
    return undefined;
  }
}

function writeEntry(folder: string, entry: string, script: Script): void {
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(folder)) return;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, entry);
    removeOldVersions(folder, entry);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** Entries kept per bundle and command: the versions (builds, node versions) in use side by side. */
export const KEPT_VERSIONS = 4;

/** Removes the entries of the same bundle and command beyond the KEPT_VERSIONS written last. */
function removeOldVersions(folder: string, entry: string): void {
  const [bundle, , profile] = splitName(basename(entry));
  const versions = readdirSync(folder)
    .filter((name) => {
      const [otherBundle, otherKey, otherProfile] = splitName(name);
      return otherBundle === bundle && otherProfile === profile && otherKey !== undefined;
    })
    .map((name) => ({ path: join(folder, name), written: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const old of versions.slice(KEPT_VERSIONS)) rmSync(old.path, { force: true });
}

/** `cli-main.js.KEY.check.bin` → bundle, key, profile (key undefined for any other name). */
function splitName(name: string): [string, string | undefined, string] {
  const match = /^(.+)\.([0-9a-f]{32})\.([\w-]+)\.bin$/.exec(name);
  return match ? [match[1], match[2], match[3]] : [name, undefined, ''];
}

/** On POSIX: a folder this user owns that no one else may write. Windows' per-user LOCALAPPDATA is private already. */
function isPrivateFolder(folder: string): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  const stats = statSync(folder);
  return stats.isDirectory() && stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

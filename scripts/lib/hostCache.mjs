// Where the offline test VS Code hosts live (~1.4 GB together): once per machine, in the user's cache
// folder, so that a second clone (or worktree) does not download them again.
//   1. the host's own variable (E2E_HOST_DIR, E2E_WEB_HOST_DIR), when set;
//   2. the folder an older clone installed into (test/e2e/.vscode-host, .vscode-web), when it exists:
//      CI machines and clones that already have their hosts keep using them;
//   3. $ALPHANODE_VSCODE_HOSTS/<name>, else $XDG_CACHE_HOME (or ~/.cache)/alphanode-runbooks/vscode-hosts/<name>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine-wide folder that holds one sub-folder per host. */
export function hostsRoot(env = process.env) {
  if (env.ALPHANODE_VSCODE_HOSTS) return path.resolve(env.ALPHANODE_VSCODE_HOSTS);
  const cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(cache, 'alphanode-runbooks', 'vscode-hosts');
}

/**
 * The folder of the host `name` (see above for the order).
 * @param {string} name 'desktop' or 'web'
 * @param {{ override?: string, legacy: string, env?: NodeJS.ProcessEnv }} where
 */
export function hostFolder(name, { override, legacy, env = process.env }) {
  if (override && env[override]) return path.resolve(env[override]);
  if (fs.existsSync(legacy)) return legacy;
  return path.join(hostsRoot(env), name);
}

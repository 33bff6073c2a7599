import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';

// The rollback note owner's fallback on the desktop (Node) entry only: the browser bundle
// must not reach child_process or os.

/** How long `git config user.name` may take before the OS user is used instead. */
export const GIT_TIMEOUT_MS = 1500;

/**
 * The repository's `git config user.name` (run in the workspace folder of `uri`, with a short
 * timeout), else the OS user name; undefined when neither gives a name.
 */
export async function gitOrOsUser(uri: vscode.Uri | undefined): Promise<string | undefined> {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : uri?.scheme === 'file' ? vscode.Uri.joinPath(uri, '..').fsPath : undefined;
  const gitName = await gitUserName(cwd);
  if (gitName) return gitName;
  try {
    return os.userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

/** `git config user.name` in `cwd` (the user's global one outside a repository), or undefined. */
export function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', 'user.name'], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
        const name = error ? '' : String(stdout).trim();
        resolve(name || undefined);
      });
    } catch {
      resolve(undefined); // no git on PATH (spawn can throw synchronously on some platforms)
    }
  });
}

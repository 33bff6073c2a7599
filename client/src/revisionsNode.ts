import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Revision, RevisionSource } from './commands/context';

// Where Compare Post with Revision reads a post's earlier text, on the desktop (Node) entry
// only: VS Code's git extension when it knows the file's repository, else `git` itself. The
// browser bundle has neither, and the command says so there.

/** What we use of the git extension's API (vscode.git, API version 1). */
interface GitRepository {
  rootUri: vscode.Uri;
  state: { refs: Array<{ type: number; name?: string }> };
  show(ref: string, filePath: string): Promise<string>;
  log(options?: { maxEntries?: number; path?: string }): Promise<Array<{ hash: string; message: string }>>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/** The git extension's ref types we offer: local branches (0) and remote ones (1); tags (2) are left out. */
const BRANCH_TYPES = new Set([0, 1]);
/** How long one git command may take: a picker must not hang on a stuck repository. */
const GIT_TIMEOUT_MS = 10_000;
/** Git's messages for a path the revision does not have (the post is new since then). */
const NOT_IN_REVISION = /does not exist in|exists on disk, but not in|path '.*' does not exist/i;

export const gitRevisions: RevisionSource = {
  async choices(uri) {
    const repository = await extensionRepository(uri);
    if (repository) {
      const last = await repository.log({ maxEntries: 1, path: uri.fsPath }).catch(() => []);
      const branches = repository.state.refs.filter((ref) => BRANCH_TYPES.has(ref.type) && ref.name).map((ref) => ref.name!);
      return revisionList(last[0] && { hash: last[0].hash, subject: last[0].message.split('\n')[0] }, branches);
    }
    const cwd = path.dirname(uri.fsPath);
    await gitCli(cwd, ['rev-parse', '--show-toplevel']);
    const last = (await gitCli(cwd, ['log', '-1', '--format=%H%x09%s', '--', path.basename(uri.fsPath)]).catch(() => '')).trim();
    const [hash, subject = ''] = last.split('\t');
    const branches = (await gitCli(cwd, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes'])).split('\n').filter((name) => name !== '' && !name.endsWith('/HEAD'));
    return revisionList(hash ? { hash, subject } : undefined, branches);
  },

  async read(uri, ref) {
    const repository = await extensionRepository(uri);
    if (repository) {
      try {
        return await repository.show(ref, uri.fsPath);
      } catch (error) {
        if (NOT_IN_REVISION.test(errorText(error))) return undefined;
        // Anything else: ask git itself below, whose message is the clearer one.
      }
    }
    const cwd = path.dirname(uri.fsPath);
    const spec = `${ref}:./${path.basename(uri.fsPath)}`;
    try {
      return await gitCli(cwd, ['show', '--end-of-options', spec]);
    } catch (error) {
      if (NOT_IN_REVISION.test(errorText(error))) return undefined;
      throw error;
    }
  },
};

function revisionList(last: { hash: string; subject: string } | undefined, branches: string[]): Revision[] {
  return [
    { label: 'HEAD', description: 'the last commit of this branch', ref: 'HEAD' },
    ...(last ? [{ label: 'Last commit that touched this file', description: `${last.hash.slice(0, 7)} ${last.subject}`, ref: last.hash }] : []),
    ...branches.map((name) => ({ label: name, description: 'branch', ref: name })),
  ];
}

/** The git extension's repository holding `uri`, or undefined (no extension, disabled, or not its repository). */
async function extensionRepository(uri: vscode.Uri): Promise<GitRepository | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  // Not activated (git disabled, or not in use here): `git` itself is quicker than starting it.
  if (!extension?.isActive) return undefined;
  try {
    return extension.exports.getAPI(1).getRepository(uri) ?? undefined;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  const { stderr, message } = (error ?? {}) as { stderr?: unknown; message?: unknown };
  return `${typeof stderr === 'string' ? stderr : ''} ${typeof message === 'string' ? message : String(error)}`.trim();
}

/** Runs git (never through a shell) and gives its output, or rejects with git's own message. */
function gitCli(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    try {
      execFile('git', args, { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (!error) resolve(String(stdout));
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('git was not found on the PATH.'));
        else reject(new Error(String(stderr).trim() || error.message));
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

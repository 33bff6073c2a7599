import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A git problem the user must fix (not a git repository, an unknown revision, no git): exit 2. */
export class GitError extends Error {}

/** Git's output can be a whole tree of posts: allow far more than spawnSync's 1 MB default. */
const MAX_OUTPUT = 1024 * 1024 * 1024;

/**
 * Runs git in `cwd` and returns its standard output, or undefined when it exits non-zero.
 * `input` goes to its standard input. Never through a shell: paths and refs are arguments.
 */
function git(cwd: string, args: string[], input?: string): Buffer | undefined {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: MAX_OUTPUT, windowsHide: true });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new GitError(code === 'ENOENT' ? 'diff needs git, and git was not found on the PATH.' : `git could not run: ${result.error.message}`);
  }
  return result.status === 0 ? result.stdout : undefined;
}

/** The top folder of the git work tree holding `path` (which may no longer exist: a deleted post). */
export function repositoryRoot(path: string): string {
  let folder = path;
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  if (!isFolder(folder)) folder = dirname(folder);
  const top = git(folder, ['rev-parse', '--show-toplevel'])?.toString('utf8').trim();
  if (!top) throw new GitError(`${path} is not inside a git repository (diff compares posts with a git revision).`);
  return top;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The commit `ref` names in the repository at `top`, or a GitError saying the revision is unknown. */
export function resolveCommit(top: string, ref: string): string {
  // `--end-of-options`: a ref that starts with `-` is a ref, never an option.
  const commit = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])?.toString('utf8').trim();
  if (!commit) throw new GitError(`unknown revision ${JSON.stringify(ref)} in ${top} (use a branch, tag or commit, e.g. HEAD or origin/main; in CI, fetch it first).`);
  return commit;
}

/** The blob paths (relative to `top`, forward slashes) under `folder` (relative, '' for all) at `commit`. */
export function listFiles(top: string, commit: string, folder: string): string[] {
  // Literal pathspecs: a folder named `*` or `:(glob)x` is that folder, not a pattern.
  const output = git(top, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', ...(folder === '' ? [] : [folder])]);
  if (output === undefined) throw new GitError(`git ls-tree failed for ${commit} in ${top}.`);
  return output.toString('utf8').split('\0').filter((name) => name !== '');
}

/**
 * The contents of `paths` (relative to `top`) at `commit`, undefined where the commit has no
 * such file. What `git show REF:path` prints, for every path through one `git cat-file
 * --batch` process: a folder of a thousand posts costs one process, not a thousand.
 */
export function readFilesAt(top: string, commit: string, paths: readonly string[]): Array<Buffer | undefined> {
  if (paths.length === 0) return [];
  // A name with a line break cannot go through --batch (one name a line); such a post is read alone.
  const batchable = paths.filter((path) => !/[\r\n]/.test(path));
  const output = git(top, ['cat-file', '--batch'], batchable.map((path) => `${commit}:${path}\n`).join(''));
  if (output === undefined) throw new GitError(`git cat-file failed for ${commit} in ${top}.`);
  const found = new Map<string, Buffer | undefined>();
  let at = 0;
  for (const path of batchable) {
    const headerEnd = output.indexOf(0x0a, at);
    if (headerEnd < 0) break;
    const header = output.subarray(at, headerEnd).toString('utf8');
    at = headerEnd + 1;
    const blob = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!blob) {
      found.set(path, undefined); // `… missing`: not in that commit
      continue;
    }
    const size = Number(blob[2]);
    found.set(path, blob[1] === 'blob' ? output.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return paths.map((path) => (found.has(path) ? found.get(path) : git(top, ['show', `${commit}:${path}`])));
}

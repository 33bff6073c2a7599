import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { classifyPost, comparePosts, parsePost, PostDiff, SKIPPED_FOLDERS } from '../service';
import { configFor } from './config';
import { GitError, listFiles, readFilesAt, repositoryRoot, resolveCommit } from './git';

export { GitError };

/** One post's diff as `alphanode diff` reports it: `post` is its path as shown (relative to the working folder). */
export interface DiffResult extends PostDiff {
  post: string;
  /** Why this path could not be compared (not a file, not UTF-8, in neither version). */
  error?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A post on both sides: its absolute path, and whether the user named it (then it is a post whatever it holds). */
interface Entry {
  absolute: string;
  named: boolean;
}

/**
 * Diffs each named file, and every post in each named folder, between the working tree and
 * `base` (a git revision). Folders take posts from both sides: a post deleted since `base`
 * is found by `git ls-tree`, and a file is a post if it is one on either side (classified
 * as the editor does: the nearest template's globs, or its front matter). Throws GitError
 * for a path outside a git repository or an unknown revision.
 */
export function diffPaths(paths: string[], cwd: string, base: string): DiffResult[] {
  // Canonical paths throughout: git names its top folder with links resolved (/tmp may be one).
  const root = canonical(cwd);
  const config = configFor(root, undefined);
  const shown = (absolute: string) => {
    const fromCwd = relative(root, absolute);
    return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd.split(sep).join('/');
  };
  const results: DiffResult[] = [];
  for (const path of paths) {
    const absolute = canonical(resolve(cwd, path));
    const top = canonical(repositoryRoot(absolute));
    const commit = resolveCommit(top, base);
    const inRepo = relative(top, absolute).split(sep).join('/');
    const kind = kindOf(absolute);
    if (kind === 'other') {
      results.push({ post: path, status: 'unchanged', changes: [], notes: [], error: 'cannot read: not a regular file' });
      continue;
    }
    let entries: Entry[];
    if (kind === 'folder' || (kind === 'missing' && listFiles(top, commit, inRepo).some((file) => file.startsWith(`${inRepo}/`)))) {
      entries = folderEntries(top, commit, inRepo, kind === 'folder' ? config.markdownFilesIn(absolute) : [], (path, isFolder) => config.isIgnored(path, isFolder));
    } else entries = [{ absolute, named: true }];
    const before = readFilesAt(top, commit, entries.map((entry) => relative(top, entry.absolute).split(sep).join('/')));
    entries.forEach((entry, i) => {
      const result = diffEntry(entry, before[i], shown(entry.absolute), (text) => {
        const applied = config.apply(entry.absolute, shown(entry.absolute));
        return classifyPost(applied.globPath, parsePost(text), applied.files).isPost;
      });
      if (result) results.push(result);
    });
  }
  return results;
}

/** The Markdown files of a folder now and at the base, merged in path order. */
function folderEntries(top: string, commit: string, inRepo: string, now: string[], ignored: (path: string, isFolder: boolean) => boolean): Entry[] {
  const files = new Set(now);
  const start = inRepo === '' ? 0 : inRepo.split('/').length;
  for (const file of listFiles(top, commit, inRepo)) {
    if (!/\.(md|markdown)$/i.test(file) || files.has(join(top, ...file.split('/')))) continue;
    // Skipped as the folder walk skips: dependency and VCS folders, and what .alphanodeignore files list.
    const parts = file.split('/');
    let skipped = false;
    for (let depth = start + 1; depth < parts.length && !skipped; depth++) {
      skipped = SKIPPED_FOLDERS.has(parts[depth - 1]) || ignored(join(top, ...parts.slice(0, depth)), true);
    }
    if (!skipped && !ignored(join(top, ...parts), false)) files.add(join(top, ...parts));
  }
  return [...files].sort().map((file) => ({ absolute: file, named: false }));
}

function diffEntry(entry: Entry, before: Buffer | undefined, post: string, isPost: (text: string) => boolean): DiffResult | undefined {
  let newText: string | undefined;
  let oldText: string | undefined;
  try {
    if (kindOf(entry.absolute) === 'file') newText = utf8.decode(readFileSync(entry.absolute));
    oldText = before === undefined ? undefined : utf8.decode(before);
  } catch (error) {
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : error instanceof Error ? error.message : String(error);
    return { post, status: 'unchanged', changes: [], notes: [], error: `cannot read: ${reason}` };
  }
  if (newText === undefined && oldText === undefined) {
    return entry.named ? { post, status: 'unchanged', changes: [], notes: [], error: 'no such file, in the working tree or at the base revision' } : undefined;
  }
  if (!entry.named && !(newText !== undefined && isPost(newText)) && !(oldText !== undefined && isPost(oldText))) return undefined;
  return { post, ...comparePosts(oldText, newText) };
}

function kindOf(path: string): 'file' | 'folder' | 'missing' | 'other' {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/** The path with symbolic links resolved as far as it exists (git names its top folder that way: /tmp may be a link). */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(canonical(parent), basename(path));
  }
}

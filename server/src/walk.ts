import { Minimatch } from 'minimatch';

/** A folder's entries as the walk needs them: a name and whether it is a folder, a file or neither. */
export type FolderEntry = readonly [name: string, kind: 'file' | 'folder' | 'other'];

export interface WalkOptions {
  /** Stop after this many matches. */
  maxResults?: number;
  /** Stop after looking at this many entries (a runaway tree). */
  maxEntries?: number;
}

/**
 * `alphanode/findFiles` without a search provider (client/src/fileAccess.ts): walks a folder
 * through `readFolder` (relative path in, entries out; '' is the folder itself) and returns the
 * relative paths of the files that match an `include` glob and not `exclude`, as VS Code's
 * findFiles would. For virtual file systems that have no file search (an in-memory `memfs:`).
 * Folders matched by `exclude` (e.g. `**\/node_modules/**`) are not entered.
 */
export async function walkFiles(readFolder: (relative: string) => Promise<readonly FolderEntry[]>, include: readonly string[], exclude: string | undefined, options: WalkOptions = {}): Promise<string[]> {
  const includes = include.map((glob) => new Minimatch(glob, { dot: true }));
  const excluded = exclude ? new Minimatch(exclude, { dot: true }) : undefined;
  const maxResults = options.maxResults ?? Number.POSITIVE_INFINITY;
  let budget = options.maxEntries ?? 50_000;
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < maxResults && budget > 0) {
    const folder = pending.shift()!;
    let entries: readonly FolderEntry[];
    try {
      entries = await readFolder(folder);
    } catch {
      continue; // gone or unreadable: as if empty
    }
    for (const [name, kind] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (--budget < 0) break;
      const path = folder ? `${folder}/${name}` : name;
      if (kind === 'folder') {
        // A folder is skipped when everything in it is excluded.
        if (!excluded?.match(`${path}/x`)) pending.push(path);
      } else if (kind === 'file' && includes.some((glob) => glob.match(path)) && !excluded?.match(path)) {
        found.push(path);
        if (found.length >= maxResults) break;
      }
    }
  }
  return found;
}

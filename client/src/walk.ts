/** A folder's entries as the walk needs them: a name and whether it is a folder, a file or neither. */
export type FolderEntry = readonly [name: string, kind: 'file' | 'folder' | 'other'];

export interface WalkOptions {
  /** Stop after this many matches. */
  maxResults?: number;
  /** Stop after looking at this many entries (a runaway tree). */
  maxEntries?: number;
}

/**
 * `alphanode/findFiles` without a search provider (fileAccess.ts): walks a folder
 * through `readFolder` (relative path in, entries out; '' is the folder itself) and returns the
 * relative paths of the files that match an `include` glob and not `exclude`, as VS Code's
 * findFiles would. For virtual file systems that have no file search (an in-memory `memfs:`).
 * Folders matched by `exclude` (e.g. `**\/node_modules/**`) are not entered.
 */
export async function walkFiles(readFolder: (relative: string) => Promise<readonly FolderEntry[]>, include: readonly string[], exclude: string | undefined, options: WalkOptions = {}): Promise<string[]> {
  const includes = include.map(globMatcher);
  const excluded = exclude ? globMatcher(exclude) : undefined;
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
        if (!excluded?.(`${path}/x`)) pending.push(path);
      } else if (kind === 'file' && includes.some((matches) => matches(path)) && !excluded?.(path)) {
        found.push(path);
        if (found.length >= maxResults) break;
      }
    }
  }
  return found;
}

/**
 * A glob as a test of relative paths, as minimatch with `{ dot: true }` reads the globs the
 * server sends (`**\/*.md`, `**\/.alphanode.yaml`, `**\/{node_modules,.git}/**`): `**` spans
 * folders, `*` and `?` stay within one name, `{a,b}` is either; everything else is literal.
 * Written out so that the client bundle does not carry minimatch (test/unit/walk.test.ts
 * compares the two).
 */
export function globMatcher(glob: string): (path: string) => boolean {
  // Braces are alternatives only when they pair up without nesting (the server's shapes); else literal.
  const alternatives = /^[^{}]*(?:\{[^{}]*\}[^{}]*)*$/.test(glob);
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (glob.startsWith('**/', i) && (i === 0 || glob[i - 1] === '/')) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      source += '/.*';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{' && alternatives) {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) source += '|';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  const pattern = new RegExp(`^${source}$`);
  return (path) => pattern.test(path);
}

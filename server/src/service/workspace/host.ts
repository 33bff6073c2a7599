/**
 * What the resolver needs of a workspace, by URI: the server implements it over the files it
 * read through the client, the CLI over node:fs, the tests over a map (MemoryHost). Calls are
 * synchronous: the CLI reads lazily, the server answers from what it preloaded.
 */
export type EntryKind = 'file' | 'folder';

export interface WorkspaceHost {
  /** The text of a file; undefined when it is missing or cannot be read as text. */
  readFile(uri: string): string | undefined;
  /** Whether `uri` is a file or a folder; undefined when it does not exist (or is neither). */
  stat(uri: string): EntryKind | undefined;
  /** The entries of a folder (name, kind), in any order; [] when it cannot be listed. */
  readDirectory(uri: string): ReadonlyArray<readonly [name: string, kind: EntryKind | 'other']>;
}

/**
 * A workspace as a map of file URIs to texts; folders are implied by the files in them. The
 * server keeps the templates and ignore files it read through the client in one; tests build
 * whole trees with it.
 */
export class MemoryHost implements WorkspaceHost {
  private readonly files = new Map<string, string>();
  /** Folder URI → names of its entries (and whether each is a folder). */
  private readonly folders = new Map<string, Map<string, EntryKind>>();

  constructor(files: Iterable<readonly [string, string]> = []) {
    for (const [uri, text] of files) this.set(uri, text);
  }

  set(uri: string, text: string): void {
    this.files.set(uri, text);
    let child = uri;
    let kind: EntryKind = 'file';
    for (let slash = child.lastIndexOf('/'); slash > 0 && child[slash - 1] !== '/'; slash = child.lastIndexOf('/')) {
      const parent = child.slice(0, slash);
      let entries = this.folders.get(parent);
      const known = entries !== undefined;
      if (!entries) this.folders.set(parent, (entries = new Map()));
      entries.set(child.slice(slash + 1), kind);
      if (known) break; // its parents already list it
      child = parent;
      kind = 'folder';
    }
  }

  delete(uri: string): void {
    if (!this.files.delete(uri)) return;
    const slash = uri.lastIndexOf('/');
    this.folders.get(uri.slice(0, slash))?.delete(uri.slice(slash + 1));
  }

  clear(): void {
    this.files.clear();
    this.folders.clear();
  }

  /** Every file URI held, sorted. */
  uris(): string[] {
    return [...this.files.keys()].sort();
  }

  readFile(uri: string): string | undefined {
    return this.files.get(uri);
  }

  stat(uri: string): EntryKind | undefined {
    if (this.files.has(uri)) return 'file';
    return this.folders.has(trimSlash(uri)) ? 'folder' : undefined;
  }

  readDirectory(uri: string): Array<[string, EntryKind]> {
    return [...(this.folders.get(trimSlash(uri)) ?? [])];
  }
}

function trimSlash(uri: string): string {
  return uri.replace(/\/+$/, '');
}

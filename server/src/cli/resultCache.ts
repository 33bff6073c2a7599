import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { MAX_POST_LENGTH } from '../service';
import { CacheEntry, CacheFile, loadCache, saveCache, sha256, validToday } from './cache';
import type { CheckJob } from './checkJob';
import type { FileResult } from './format';

/** A job whose cached result does not hold: it is checked. */
export const MISS = Symbol('miss');

/**
 * The cache of one `check --cache` run: loaded once, asked for each job before anything is
 * checked, told each new result, saved once at the end (only when something changed).
 */
export class RunCache {
  private readonly file: CacheFile;
  private readonly seen = new Set<string>();
  /** Whether the file on disk no longer says what `file` does (a warm, unchanged run writes nothing). */
  private changed: boolean;

  constructor(
    private readonly location: string,
    version: string,
    private readonly today: string,
    private readonly fix: boolean,
    private readonly note: (message: string) => void,
  ) {
    this.file = loadCache(location, version, note);
    // Missing, unreadable, foreign or another version's: written even when no file is checked.
    this.changed = !this.file.loaded;
  }

  /**
   * The cached result of `job` (undefined: a file inside a folder that is no post) when it
   * still holds for the file's bytes now, `template` (CheckConfig.templateKeyFor) and today;
   * else MISS. `--fix` reuses only results it wrote itself (nothing fixable left).
   */
  lookup(job: CheckJob, template: string): FileResult | undefined | typeof MISS {
    this.seen.add(job.absolute);
    const entry = this.file.entries[job.absolute];
    if (!entry || entry.template !== template || entry.named !== job.named || (this.fix && !entry.fixedPoint) || !validToday(entry, this.today)) return MISS;
    const bytes = readSmallFile(job.absolute);
    if (bytes === undefined || sha256(bytes) !== entry.content) return MISS;
    if (entry.diagnostics === null) return undefined;
    return { path: job.shown, diagnostics: entry.diagnostics, ...(this.fix ? { fixed: 0 } : {}) };
  }

  /** Remembers what checking `job` gave (no entry: a result that must not be reused, e.g. an unreadable file). */
  record(job: CheckJob, entry: CacheEntry | undefined): void {
    this.changed = true;
    if (entry) this.file.entries[job.absolute] = entry;
    else delete this.file.entries[job.absolute];
  }

  /** Writes the cache, less the entries of files that are gone (those of files outside this run stay: other folders, other shards). */
  save(): void {
    for (const path of Object.keys(this.file.entries)) {
      if (this.seen.has(path) || existsSync(path)) continue;
      delete this.file.entries[path];
      this.changed = true;
    }
    if (this.changed) saveCache(this.location, this.file, this.note);
  }
}

/** The buffer every lookup reads into (grown as needed): a warm run allocates nothing per file. */
let buffer = new Uint8Array(64 * 1024);

/**
 * The bytes of the regular file at `path` when it is no larger than a post may be; undefined
 * otherwise or when it cannot be read (the check reads it again and reports why). The bytes
 * are a view of the shared buffer: valid until the next call.
 */
function readSmallFile(path: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    // No fstat: the walk and the plan found regular files; a folder fails to read (EISDIR), and the loop stops past the largest post.
    fd = openSync(path, 'r');
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_POST_LENGTH) return undefined;
        const larger = new Uint8Array(buffer.length * 2);
        larger.set(buffer);
        buffer = larger;
      }
      const room = buffer.length - length;
      const read = readSync(fd, buffer, length, room, null);
      length += read;
      // A regular file reads short only at its end: no second read to be told so (a file is
      // three system calls, not four; node's readFileSync trusts the size fstat gives the same way).
      if (read < room) break;
    }
    return length > MAX_POST_LENGTH ? undefined : buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

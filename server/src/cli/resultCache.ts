import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { MAX_POST_LENGTH } from '../service';
import { CacheEntry, CacheFile, loadCache, saveCache, sha256, validToday } from './cache';
import type { CheckJob } from './checkJob';
import type { FileResult } from './format';

/** A job whose cached result does not hold: it is checked. */
export const MISS = Symbol('miss');

/**
 * The cache of one `check --cache` run: loaded once, asked for each job before anything is
 * checked, told each new result, saved once at the end.
 */
export class RunCache {
  private readonly file: CacheFile;
  private readonly seen = new Set<string>();

  constructor(
    private readonly location: string,
    version: string,
    private readonly today: string,
    private readonly fix: boolean,
    private readonly note: (message: string) => void,
  ) {
    this.file = loadCache(location, version, note);
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
    if (entry) this.file.entries[job.absolute] = entry;
    else delete this.file.entries[job.absolute];
  }

  /** Writes the cache, less the entries of files that are gone (those of files outside this run stay: other folders, other shards). */
  save(): void {
    for (const path of Object.keys(this.file.entries)) if (!this.seen.has(path) && !existsSync(path)) delete this.file.entries[path];
    saveCache(this.location, this.file, this.note);
  }
}

/**
 * The bytes of the regular file at `path` when it is no larger than a post may be; undefined
 * otherwise or when it cannot be read (the check reads it again and reports why).
 */
function readSmallFile(path: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stats = fstatSync(fd);
    return stats.isFile() && stats.size <= MAX_POST_LENGTH ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

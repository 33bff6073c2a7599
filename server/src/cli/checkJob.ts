/**
 * What `alphanode check` hands a worker thread (workers.ts) and what check.ts runs: its own
 * module so that neither of the two imports the other for it.
 */
import type { CacheEntry } from './cache';
import type { FileResult } from './format';

export interface CheckOptions {
  /** Apply every preferred fix and write the file back before reporting what is left. */
  fix?: boolean;
  /** The rollback note owner `--fix` writes (`--owner`, else git's user.name, else the OS user). */
  owner?: string;
  /** `--config FILE`: this template for every post instead of the nearest `.alphanode.yaml`. */
  config?: string;
  /** Told about files a folder's walk skipped (FIFOs, devices…): the CLI prints these on stderr. */
  onNote?: (message: string) => void;
  /** `--cache`: reuse the results of unchanged files, kept in the file `location` (absolute), for tool `version`. */
  cache?: { location: string; version: string };
  /** `--shard i/n`: check only the files of shard `index` (1-based) of `count`. */
  shard?: { index: number; count: number };
  /** The script worker threads start from (the CLI's entry); default: the running bundle. */
  workerScript?: string;
  /** Told after each file is checked (or found in the cache): the CLI's progress line. */
  onProgress?: (done: number, total: number) => void;
}

/** What a worker is told: the run's options that cross a thread (no callbacks), and the run's one date. */
export interface JobOptions {
  fix?: boolean;
  config?: string;
  /** The owner --fix writes into rollback notes (the CLI's chain: --owner, git, the OS user). */
  owner?: string;
  /** `YYYY-MM-DD`: one date for the whole run, whatever the clock does meanwhile. */
  today: string;
  /** Also return each result's cache entry. */
  cache?: boolean;
}

/** One file to check: as shown to the user, where it is, and whether it was named (then skipping it is worth a note). */
export interface CheckJob {
  shown: string;
  absolute: string;
  named: boolean;
}

/** A checked job: its result (undefined: a file inside a folder that is no post) and, with --cache, what to remember of it. */
export interface JobOutcome {
  result: FileResult | undefined;
  entry?: CacheEntry;
}

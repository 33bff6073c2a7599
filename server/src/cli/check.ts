import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync, Stats, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { WorkerPool } from './workers';
import { classifyPost, fixAll, internalErrorDiagnostic, isoToday, MAX_POST_LENGTH, oversizedPost, parsePost, validatePost } from '../service';
import { CacheEntry, dateBounds, sha256 } from './cache';
import { CheckConfig, configFor } from './config';
import type { FileResult } from './format';
import type { CheckJob, CheckOptions, JobOptions, JobOutcome } from './checkJob';
import { MISS, RunCache } from './resultCache';
import { inShard } from './shard';

// ignoreBOM keeps a byte order mark in the text: the parser skips it and `--fix` writes it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How much of a file too large to check is read to tell whether it is a post (its front matter). */
const OVERSIZED_HEAD_BYTES = 64 * 1024;

/** Below this many files a worker pool costs more than it saves. */
const PARALLEL_THRESHOLD = 200;

/**
 * Validates the named files and every file inside the named folders that is a post, as the
 * editor classifies it (README "What is a post"), in the order given; a named file that is not
 * a post is skipped with a note. Unreadable input becomes an `error` on its result. Large runs
 * are spread over worker threads, one per core. With `cache`, unchanged files keep their last
 * result (resultCache.ts); with `shard`, only that shard's files are checked.
 */
export async function checkPaths(paths: string[], cwd: string, options: CheckOptions = {}): Promise<FileResult[]> {
  const config = configFor(cwd, options.config);
  const note = options.onNote ?? (() => undefined);
  const shard = options.shard;
  const today = isoToday();
  const cache = options.cache && new RunCache(options.cache.location, options.cache.version, today, options.fix ?? false, note);
  const checks = new Checks(cwd, { fix: options.fix, config: options.config, owner: options.owner, today, cache: cache !== undefined }, options.workerScript ?? __filename);
  const plan: Array<CheckJob | FileResult> = [];
  const known: Array<FileResult | undefined | typeof MISS> = [];
  // Each file is looked up in the cache, and a miss handed on to be checked, as the walk
  // finds it: worker threads start (and load) while the walk goes on.
  for (const entry of planEntries(paths, cwd, config, note)) {
    if (shard && !inShard('absolute' in entry ? entry.absolute : entry.path, cwd, shard)) continue;
    plan.push(entry);
    if (!('absolute' in entry)) continue;
    const hit = cache ? cache.lookup(entry, config.templateKeyFor(entry.absolute)) : MISS;
    known.push(hit);
    if (hit === MISS) checks.add(entry);
  }
  const jobs = plan.filter((entry): entry is CheckJob => 'absolute' in entry);
  const misses = jobs.filter((_, i) => known[i] === MISS);
  let done = jobs.length - misses.length;
  const progress = () => options.onProgress?.(++done, jobs.length);
  options.onProgress?.(done, jobs.length);
  const outcomes = await checks.finish(progress);
  if (cache) {
    misses.forEach((job, i) => cache.record(job, outcomes[i]?.entry));
    cache.save();
    note(`--cache: ${plural(misses.length, 'file')} checked, ${jobs.length - misses.length} unchanged (${options.cache!.location})`);
  }
  let next = 0;
  const results = jobs.map((_, i) => (known[i] === MISS ? outcomes[next++]?.result : (known[i] as FileResult | undefined)));
  next = 0;
  // Broken templates first: their problems explain the `template-fallback` notes of the posts.
  // Each is reported by the one shard its own path falls in, so merged shards report it once.
  const templates = config.templateReports(jobs.map((job) => job.absolute)).filter((report) => !shard || inShard(report.path, cwd, shard));
  return [...templates, ...plan.flatMap((entry) => {
    if (!('absolute' in entry)) return [entry];
    const result = results[next++];
    if (result) return [result];
    // The editor would leave this file alone, so the run does too, but says why it printed nothing for it.
    if (entry.named) note(`skipped ${entry.shown}: not a post: ${NOT_A_POST}`);
    return [];
  })];
}

/** Why a named Markdown file is not checked, and how it would be (README "What is a post"). */
const NOT_A_POST = 'no post glob matches its path (default **/*.post.md; `files` in .alphanode.yaml adds folders) and its front matter does not identify one; see README "What is a post"';

/**
 * The files of a run to check, handed over one by one as the walk finds them: checked in
 * this thread, or, once there are many, in a pool of worker threads started at that moment
 * (so that they load while the walk goes on) and grown with the count, one per core.
 */
class Checks {
  private readonly jobs: CheckJob[] = [];
  private pool: WorkerPool | undefined;

  constructor(
    private readonly cwd: string,
    private readonly options: JobOptions,
    private readonly workerScript: string,
  ) {}

  add(job: CheckJob): void {
    this.jobs.push(job);
    const workers = Math.min(availableParallelism(), Math.floor(this.jobs.length / (PARALLEL_THRESHOLD / 2)));
    if (!this.pool && (this.jobs.length < PARALLEL_THRESHOLD || workers < 2)) return;
    this.pool ??= new WorkerPool(this.workerScript, this.jobs, this.cwd, this.options);
    this.pool.grow(workers);
    this.pool.dispatch();
  }

  /** Every outcome, in the order the jobs were added, once all are checked. */
  async finish(onDone: () => void): Promise<JobOutcome[]> {
    if (this.pool) return this.pool.finish(onDone);
    return this.jobs.map((job) => {
      const outcome = checkFile(job.shown, job.absolute, this.cwd, job.named, this.options);
      onDone();
      return outcome;
    });
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The files to check, and the paths that could not be read, in command-line order. */
export function planCheck(paths: string[], cwd: string, config: CheckConfig, note: (message: string) => void): Array<CheckJob | FileResult> {
  return [...planEntries(paths, cwd, config, note)];
}

/** planCheck one entry at a time, as the walk of each folder finds its files. */
function* planEntries(paths: string[], cwd: string, config: CheckConfig, note: (message: string) => void): Generator<CheckJob | FileResult> {
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(cwd, path);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      yield { path, diagnostics: [], error: `cannot read: ${describe(error)}`, unreadable: true };
      continue;
    }
    if (stats.isDirectory()) {
      const skipped = (file: string) => note(`skipped ${join(path, inside(absolute, file))}: not a regular file (${kindOf(file)})`);
      for (const file of config.walkMarkdownFiles(absolute, skipped)) {
        yield { shown: join(path, inside(absolute, file)), absolute: file, named: false };
      }
    } else if (stats.isFile()) yield { shown: path, absolute, named: true };
    // A FIFO would block the run forever, /dev/zero would never end: only regular files are read.
    else yield { path, diagnostics: [], error: `cannot read: not a regular file (${specialKind(stats)})`, unreadable: true };
  }
}

/**
 * The path of `file`, found by the walk of `folder`, relative to that folder: a slice of it when
 * it starts with the folder (path.relative resolves both paths again for each of a run's files).
 */
function inside(folder: string, file: string): string {
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return file.startsWith(prefix) ? file.slice(prefix.length) : relative(folder, file);
}

/** Checks the jobs in order (a worker's chunk): each outcome's result is undefined where a file turned out not to be a post. */
export function runJobs(jobs: CheckJob[], cwd: string, options: JobOptions): JobOutcome[] {
  return jobs.map((job) => checkFile(job.shown, job.absolute, cwd, job.named, options));
}

function checkFile(shown: string, absolute: string, cwd: string, named: boolean, options: JobOptions): JobOutcome {
  try {
    return checkReadableFile(shown, absolute, cwd, named, options);
  } catch (error) {
    // One file's failure is that file's problem: every other file is still checked and reported.
    const detail = error instanceof Error ? error.message : String(error);
    return { result: { path: shown, diagnostics: [internalErrorDiagnostic(`This file could not be checked: ${detail}. Please report this with the file.`)] } };
  }
}

/** The outcome of a file checked from `text` (its bytes: `bytes`), with its cache entry when asked for. */
function outcome(result: FileResult | undefined, text: string, bytes: Uint8Array, template: string, named: boolean, options: JobOptions): JobOutcome {
  if (!options.cache) return { result };
  const entry: CacheEntry = { content: sha256(bytes), template, named, fixedPoint: options.fix === true, ...dateBounds(text, options.today), diagnostics: result ? result.diagnostics : null };
  return { result, entry };
}

function checkReadableFile(shown: string, absolute: string, cwd: string, named: boolean, options: JobOptions): JobOutcome {
  let text: string;
  let bytes: Uint8Array;
  let fd: number | undefined;
  try {
    // One open: its size decides whether to read it at all, then the same descriptor is read.
    fd = openSync(absolute, 'r');
    const size = fstatSync(fd).size;
    // Too large to check: its beginning tells whether it is a post, and the post is reported as too large.
    if (size > MAX_POST_LENGTH) return { result: checkOversized(shown, absolute, cwd, size, readHead(fd, OVERSIZED_HEAD_BYTES), options) };
    bytes = readFileSync(fd);
    text = utf8.decode(bytes);
  } catch (error) {
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : describe(error);
    return { result: { path: shown, diagnostics: [], error: `cannot read: ${reason}`, unreadable: true } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let post = parsePost(text);
  const config = configFor(cwd, options.config);
  const applied = config.apply(absolute, shown);
  const template = options.cache ? config.templateKeyFor(absolute) : '';
  const classification = classifyPost(applied.globPath, post, applied.files);
  if (!classification.isPost) return outcome(undefined, text, bytes, template, named, options);
  const validation = { template: applied.template, matchedByFiles: classification.matchedByFiles, today: options.today };
  let fixed = 0;
  if (options.fix) {
    const result = fixAll(text, { ...validation, owner: options.owner });
    if (!result.converged) {
      // Fixes that undo each other: the file is left as it was, and the run says so (exit 2).
      const error = `--fix could not reach a stable text after ${result.passes} passes (its fixes undo each other); the file was left unchanged`;
      return { result: { path: shown, diagnostics: validatePost(post, validation), error } };
    }
    if (result.text !== text) {
      const written = new TextEncoder().encode(result.text);
      try {
        writeFileSync(absolute, written);
      } catch (error) {
        return { result: { path: shown, diagnostics: [], error: `cannot write the fixes: ${describe(error)}` } };
      }
      text = result.text;
      bytes = written;
      post = parsePost(text);
      fixed = result.applied;
    }
  }
  const diagnostics = validatePost(post, validation);
  if (applied.fallback) diagnostics.unshift(applied.fallback(post.index.trimmedLineRange(0)));
  // The cache is told the fixed text's result: the next run (with or without --fix) reuses it.
  return outcome({ path: shown, diagnostics, ...(options.fix ? { fixed } : {}) }, text, bytes, template, named, options);
}

function checkOversized(shown: string, absolute: string, cwd: string, size: number, head: Uint8Array, options: JobOptions): FileResult | undefined {
  const post = oversizedPost(size, new TextDecoder('utf-8').decode(head));
  const applied = configFor(cwd, options.config).apply(absolute, shown);
  if (!classifyPost(applied.globPath, post, applied.files).isPost) return undefined;
  return { path: shown, diagnostics: validatePost(post, { template: applied.template, today: options.today }) };
}

function readHead(fd: number, bytes: number): Uint8Array {
  const buffer = new Uint8Array(bytes);
  return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
}

/** What the entry at `path` is, in words (without following a link); it may be gone by now. */
function kindOf(path: string): string {
  try {
    return specialKind(lstatSync(path));
  } catch {
    return 'gone';
  }
}

/** What a file that is not regular is, in words. */
function specialKind(entry: Stats): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'not a file';
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

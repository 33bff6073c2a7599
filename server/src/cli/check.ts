import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync, Stats, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { runInWorkers } from './workers';
import { classifyPost, fixAll, internalErrorDiagnostic, MAX_POST_LENGTH, oversizedPost, parsePost, validatePost } from '../service';
import { CheckConfig, configFor } from './config';
import type { FileResult } from './format';
import type { CheckJob, CheckOptions } from './checkJob';

// ignoreBOM keeps a byte order mark in the text: the parser skips it and `--fix` writes it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How much of a file too large to check is read to tell whether it is a post (its front matter). */
const OVERSIZED_HEAD_BYTES = 64 * 1024;

/** Below this many files a worker pool costs more than it saves. */
const PARALLEL_THRESHOLD = 200;

/**
 * Validates the named files (always treated as posts: the user asked for them) and every
 * post inside the named folders, in the order given. Unreadable input becomes an `error`
 * on its result. Large runs are spread over worker threads, one per core.
 */
export async function checkPaths(paths: string[], cwd: string, options: CheckOptions = {}): Promise<FileResult[]> {
  const config = configFor(cwd, options.config);
  const plan = planCheck(paths, cwd, config, options.onNote ?? (() => undefined));
  const jobs = plan.filter((entry): entry is CheckJob => 'absolute' in entry);
  const workers = Math.min(availableParallelism(), Math.floor(jobs.length / (PARALLEL_THRESHOLD / 2)));
  // A callback cannot cross to a worker thread; the walk's notes are made here anyway.
  const jobOptions: CheckOptions = { fix: options.fix, config: options.config, owner: options.owner };
  const checked = jobs.length >= PARALLEL_THRESHOLD && workers > 1 ? await runInWorkers(jobs, cwd, jobOptions, workers) : runJobs(jobs, cwd, jobOptions);
  let next = 0;
  // Broken templates first: their problems explain the `template-fallback` notes of the posts.
  return [...config.templateReports(jobs.map((job) => job.absolute)), ...plan.flatMap((entry) => {
    if (!('absolute' in entry)) return [entry];
    const result = checked[next++];
    return result ? [result] : [];
  })];
}

/** The files to check, and the paths that could not be read, in command-line order. */
function planCheck(paths: string[], cwd: string, config: CheckConfig, note: (message: string) => void): Array<CheckJob | FileResult> {
  const plan: Array<CheckJob | FileResult> = [];
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(cwd, path);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      plan.push({ path, diagnostics: [], error: `cannot read: ${describe(error)}` });
      continue;
    }
    if (stats.isDirectory()) {
      const skipped = (file: string) => note(`skipped ${join(path, relative(absolute, file))}: not a regular file (${kindOf(file)})`);
      for (const file of config.markdownFilesIn(absolute, skipped)) {
        plan.push({ shown: join(path, relative(absolute, file)), absolute: file, named: false });
      }
    } else if (stats.isFile()) plan.push({ shown: path, absolute, named: true });
    // A FIFO would block the run forever, /dev/zero would never end: only regular files are read.
    else plan.push({ path, diagnostics: [], error: `cannot read: not a regular file (${specialKind(stats)})` });
  }
  return plan;
}

/** Checks the jobs in order; undefined where a file inside a folder turned out not to be a post. */
export function runJobs(jobs: CheckJob[], cwd: string, options: CheckOptions): Array<FileResult | undefined> {
  return jobs.map((job) => checkFile(job.shown, job.absolute, cwd, job.named, options));
}

function checkFile(shown: string, absolute: string, cwd: string, named: true, options: CheckOptions): FileResult;
function checkFile(shown: string, absolute: string, cwd: string, named: boolean, options: CheckOptions): FileResult | undefined;
function checkFile(shown: string, absolute: string, cwd: string, named: boolean, options: CheckOptions): FileResult | undefined {
  try {
    return checkReadableFile(shown, absolute, cwd, named, options);
  } catch (error) {
    // One file's failure is that file's problem: every other file is still checked and reported.
    const detail = error instanceof Error ? error.message : String(error);
    return { path: shown, diagnostics: [internalErrorDiagnostic(`This file could not be checked: ${detail}. Please report this with the file.`)] };
  }
}

function checkReadableFile(shown: string, absolute: string, cwd: string, named: boolean, options: CheckOptions): FileResult | undefined {
  let text: string;
  let fd: number | undefined;
  try {
    // One open: its size decides whether to read it at all, then the same descriptor is read.
    fd = openSync(absolute, 'r');
    const size = fstatSync(fd).size;
    // Too large to check: its beginning tells whether it is a post, and the post is reported as too large.
    if (size > MAX_POST_LENGTH) return checkOversized(shown, absolute, cwd, named, size, readHead(fd, OVERSIZED_HEAD_BYTES), options);
    text = utf8.decode(readFileSync(fd));
  } catch (error) {
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : describe(error);
    return { path: shown, diagnostics: [], error: `cannot read: ${reason}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let post = parsePost(text);
  const applied = configFor(cwd, options.config).apply(absolute, shown);
  const classification = classifyPost(applied.globPath, post, applied.files);
  if (!named && !classification.isPost) return undefined;
  const validation = { template: applied.template, matchedByFiles: named || classification.matchedByFiles };
  let fixed = 0;
  if (options.fix) {
    const result = fixAll(text, { ...validation, owner: options.owner });
    if (!result.converged) {
      // Fixes that undo each other: the file is left as it was, and the run says so (exit 2).
      const error = `--fix could not reach a stable text after ${result.passes} passes (its fixes undo each other); the file was left unchanged`;
      return { path: shown, diagnostics: validatePost(post, validation), error };
    }
    if (result.text !== text) {
      try {
        writeFileSync(absolute, result.text);
      } catch (error) {
        return { path: shown, diagnostics: [], error: `cannot write the fixes: ${describe(error)}` };
      }
      post = parsePost(result.text);
      fixed = result.applied;
    }
  }
  const diagnostics = validatePost(post, validation);
  if (applied.fallback) diagnostics.unshift(applied.fallback(post.index.trimmedLineRange(0)));
  return { path: shown, diagnostics, ...(options.fix ? { fixed } : {}) };
}

function checkOversized(shown: string, absolute: string, cwd: string, named: boolean, size: number, head: Uint8Array, options: CheckOptions): FileResult | undefined {
  const post = oversizedPost(size, new TextDecoder('utf-8').decode(head));
  const applied = configFor(cwd, options.config).apply(absolute, shown);
  if (!named && !classifyPost(applied.globPath, post, applied.files).isPost) return undefined;
  return { path: shown, diagnostics: validatePost(post, { template: applied.template }) };
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

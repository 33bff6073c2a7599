import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { runInWorkers } from './workers';
import { classifyPost, fixAll, parsePost, validatePost } from '../service';
import { CheckConfig, configFor } from './config';
import type { FileResult } from './format';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
// ignoreBOM keeps a byte order mark in the text: the parser skips it and `--fix` writes it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface CheckOptions {
  /** Apply every preferred fix and write the file back before reporting what is left. */
  fix?: boolean;
  /** `--config FILE`: this template for every post instead of the nearest `.alphanode.yaml`. */
  config?: string;
}

/** One file to check: as shown to the user, where it is, and whether it was named (then it is a post whatever its path). */
export interface CheckJob {
  shown: string;
  absolute: string;
  named: boolean;
}

/** Below this many files a worker pool costs more than it saves. */
const PARALLEL_THRESHOLD = 200;

/**
 * Validates the named files (always treated as posts: the user asked for them) and every
 * post inside the named folders, in the order given. Unreadable input becomes an `error`
 * on its result. Large runs are spread over worker threads, one per core.
 */
export async function checkPaths(paths: string[], cwd: string, options: CheckOptions = {}): Promise<FileResult[]> {
  const config = configFor(cwd, options.config);
  const plan = planCheck(paths, cwd, config);
  const jobs = plan.filter((entry): entry is CheckJob => 'absolute' in entry);
  const workers = Math.min(availableParallelism(), Math.floor(jobs.length / (PARALLEL_THRESHOLD / 2)));
  const checked = jobs.length >= PARALLEL_THRESHOLD && workers > 1 ? await runInWorkers(jobs, cwd, options, workers) : runJobs(jobs, cwd, options);
  let next = 0;
  // Broken templates first: their problems explain the `template-fallback` notes of the posts.
  return [...config.templateReports(jobs.map((job) => job.absolute)), ...plan.flatMap((entry) => {
    if (!('absolute' in entry)) return [entry];
    const result = checked[next++];
    return result ? [result] : [];
  })];
}

/** The files to check, and the paths that could not be read, in command-line order. */
function planCheck(paths: string[], cwd: string, config: CheckConfig): Array<CheckJob | FileResult> {
  const plan: Array<CheckJob | FileResult> = [];
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(cwd, path);
    let isFolder: boolean;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch (error) {
      plan.push({ path, diagnostics: [], error: `cannot read: ${describe(error)}` });
      continue;
    }
    if (!isFolder) plan.push({ shown: path, absolute, named: true });
    else for (const file of markdownFilesIn(absolute, (path, isFolder) => config.isIgnored(path, isFolder))) plan.push({ shown: join(path, relative(absolute, file)), absolute: file, named: false });
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
  let text: string;
  try {
    text = utf8.decode(readFileSync(absolute));
  } catch (error) {
    const reason = error instanceof TypeError ? 'not valid UTF-8 text' : describe(error);
    return { path: shown, diagnostics: [], error: `cannot read: ${reason}` };
  }
  let post = parsePost(text);
  const applied = configFor(cwd, options.config).apply(absolute, shown);
  const classification = classifyPost(applied.globPath, post, applied.files);
  if (!named && !classification.isPost) return undefined;
  const validation = { template: applied.template, matchedByFiles: named || classification.matchedByFiles };
  let fixed = 0;
  if (options.fix) {
    const result = fixAll(text, validation);
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

/** The Markdown files under `folder`, sorted, skipping VCS and dependency folders and what `ignored` says. */
function markdownFilesIn(folder: string, ignored: (path: string, isFolder: boolean) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !ignored(path, true)) walk(path);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name) && !ignored(path, false)) found.push(path);
    }
  };
  walk(folder);
  return found;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { classifyPost, DEFAULT_TEMPLATE, fixAll, parsePost, validatePost } from '../service';
import type { FileResult } from './format';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface CheckOptions {
  /** Apply every preferred fix and write the file back before reporting what is left. */
  fix?: boolean;
}

/**
 * Validates the named files (always treated as posts: the user asked for them) and every
 * post inside the named folders. Unreadable input becomes an `error` on its result.
 */
export function checkPaths(paths: string[], cwd: string, options: CheckOptions = {}): FileResult[] {
  const results: FileResult[] = [];
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(cwd, path);
    let isFolder: boolean;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch (error) {
      results.push({ path, diagnostics: [], error: `cannot read: ${describe(error)}` });
      continue;
    }
    if (!isFolder) {
      results.push(checkFile(path, absolute, cwd, true, options));
      continue;
    }
    for (const file of markdownFilesIn(absolute)) {
      const shown = join(path, relative(absolute, file));
      const result = checkFile(shown, file, cwd, false, options);
      if (result) results.push(result);
    }
  }
  return results;
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
  const globPath = relative(cwd, absolute).split(sep).join('/');
  const classification = classifyPost(globPath.startsWith('../') ? shown.split(sep).join('/') : globPath, post, DEFAULT_TEMPLATE.files);
  if (!named && !classification.isPost) return undefined;
  const validation = { matchedByFiles: named || classification.matchedByFiles };
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
  return { path: shown, diagnostics: validatePost(post, validation), ...(options.fix ? { fixed } : {}) };
}

function markdownFilesIn(folder: string): string[] {
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
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(path);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) found.push(path);
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

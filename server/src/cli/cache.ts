import { hash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * `alphanode check --cache`: the results of files that have not changed, as ESLint's
 * lint-result-cache keeps them. An entry is reused only when everything that decides the
 * result is the same: the file's content hash, the effective template (its file's location
 * and text, or the defaults, and the working folder its globs are relative to), whether the
 * file was named, and the tool's version (for the whole file). Today's date decides only
 * "not in the future" checks: see `dateBounds`.
 */

/** Marks a cache file as ours (anything else at the location is foreign and ignored). */
const FORMAT = 'alphanode-check-cache/1';

/** What a check of one file left behind, and what decides it. */
export interface CacheEntry {
  /** sha256 of the file's bytes. */
  content: string;
  /** `templateKey` of what applied to it. */
  template: string;
  /** Whether the result holds for the file named on the command line (then it is a post whatever its path). */
  named: boolean;
  /** Written by `--fix` once its fixes converged: nothing fixable is left, so `--fix` may reuse it too. */
  fixedPoint: boolean;
  /** See `dateBounds`. */
  day?: string;
  latest?: string;
  /** The diagnostics; null: a file inside a folder that is no post. */
  diagnostics: Diagnostic[] | null;
}

export interface CacheFile {
  version: string;
  entries: Record<string, CacheEntry>;
  /** Read as it is from the location (then a run that changes nothing need not write it back). */
  loaded?: boolean;
}

/** The key of the effective template of a file (undefined `templateText`: the built-in defaults). */
export function templateKey(cwd: string, configFlag: boolean, templateUri: string | undefined, templateText: string | undefined): string {
  return sha256(JSON.stringify([cwd, configFlag, templateUri ?? null, templateText ?? null]));
}

export function sha256(data: string | Uint8Array): string {
  // The one-shot form: no Hash object per file (a warm run hashes every file it is given).
  return hash('sha256', data, 'hex');
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;
/**
 * YAML escapes that could spell a digit or a hyphen (`\x32`, `\u002d`), or join two lines
 * without a space (a backslash before a line break): then a date may hide from the scan.
 */
const HIDING_ESCAPE = /\\(?:[xuU]|\r?\n)/;

/**
 * A result depends on today only through "a date in the future" (whose message names
 * today). Dates are compared as `YYYY-MM-DD` strings, so a text none of whose dates is after
 * the day it was checked gives the same result on every day not before its latest date
 * (`latest`); any other result holds for its `day` only.
 */
export function dateBounds(text: string, today: string): { day?: string; latest?: string } {
  if (HIDING_ESCAPE.test(text)) return { day: today };
  let latest: string | undefined;
  for (const [date] of text.matchAll(ISO_DATE)) if (latest === undefined || date > latest) latest = date;
  if (latest !== undefined && latest > today) return { day: today };
  return latest === undefined ? {} : { latest };
}

/** Whether `entry`'s result holds on `today` as far as dates go. */
export function validToday(entry: Pick<CacheEntry, 'day' | 'latest'>, today: string): boolean {
  if (entry.day !== undefined) return entry.day === today;
  return entry.latest === undefined || entry.latest <= today;
}

/**
 * Reads the cache at `path` for tool `version`. Missing: empty, silently. Corrupt, truncated
 * or foreign (not ours, or any entry malformed): empty, with a note (the run is as without
 * a cache, and the next write replaces it). Another version's: empty, silently.
 */
export function loadCache(path: string, version: string, note: (message: string) => void): CacheFile {
  const empty: CacheFile = { version, entries: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') note(`ignored the cache ${path}: cannot read it (${(error as Error).message})`);
    return empty;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    note(`ignored the cache ${path}: it is not valid JSON (corrupt or truncated); it will be rewritten`);
    return empty;
  }
  const problem = cacheProblem(data);
  if (problem) {
    note(`ignored the cache ${path}: ${problem}; it will be rewritten`);
    return empty;
  }
  const cache = data as { version: string; entries: Record<string, CacheEntry> };
  return cache.version === version ? { version, entries: cache.entries, loaded: true } : empty;
}

/** What makes `data` no cache of ours, or undefined when it is one. */
function cacheProblem(data: unknown): string | undefined {
  if (!isRecord(data) || data.format !== FORMAT || typeof data.version !== 'string' || !isRecord(data.entries)) return 'it is not an alphanode cache';
  for (const [path, entry] of Object.entries(data.entries)) {
    if (!isEntry(entry)) return `its entry for ${JSON.stringify(path.slice(-200))} is malformed`;
  }
  return undefined;
}

function isEntry(entry: unknown): entry is CacheEntry {
  if (!isRecord(entry)) return false;
  const { content, template, named, fixedPoint, day, latest, diagnostics } = entry;
  return typeof content === 'string' && typeof template === 'string' && typeof named === 'boolean' &&
    typeof fixedPoint === 'boolean' && (day === undefined || typeof day === 'string') && (latest === undefined || typeof latest === 'string') &&
    (diagnostics === null || (Array.isArray(diagnostics) && diagnostics.every(isDiagnostic)));
}

/** The fields the formats read, with their types: a cache is input like any other file. */
function isDiagnostic(value: unknown): boolean {
  if (!isRecord(value) || typeof value.message !== 'string' || typeof value.code !== 'string' || !isRecord(value.range)) return false;
  if (value.severity !== undefined && ![1, 2, 3, 4].includes(value.severity as number)) return false;
  return isPosition(value.range.start) && isPosition(value.range.end);
}

function isPosition(value: unknown): boolean {
  return isRecord(value) && Number.isSafeInteger(value.line) && Number.isSafeInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes the cache atomically: a temporary file beside it, renamed over it. Two runs at once
 * each rename a whole file, so the cache is always one of them, never a mix. A cache that
 * cannot be written costs the next run its speed only: a note, not a failure.
 */
export function saveCache(path: string, cache: CacheFile, note: (message: string) => void): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, version: cache.version, entries: cache.entries }));
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the note below says what matters
    }
    note(`could not write the cache ${path}: ${(error as Error).message}`);
  }
}

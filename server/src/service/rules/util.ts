import type { TextEdit } from 'vscode-languageserver-types';
import type { MetaPath } from '../model/frontMatter';
import type { MetaAccess } from '../model/meta';
import { knownKeys } from '../model/schema';
import type { Fix } from './types';

/** A one-edit preferred fix, or none when the edit could not be built (e.g. a flow-style list). */
export function fixOf(edit: TextEdit | undefined, title: string): Fix[] | undefined {
  return edit ? [{ title, edits: [edit], preferred: true }] : undefined;
}

/** `payload.paragraphs`, `entities[1].type`: how a meta path reads in messages. */
export function pathLabel(path: MetaPath): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Case- and spacing-insensitive "does `text` mention `phrase`". */
export function mentions(text: string, phrase: string): boolean {
  const fold = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  return fold(text).includes(fold(phrase));
}

/** A value as it reads in a message: strings quoted, the rest as YAML would print them. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The one row editDistance works in (reused: it is called for every unknown key and candidate). */
let row = new Int32Array(64);

/**
 * The Levenshtein distance of `a` and `b`; past `max`, only that it is larger (some value
 * above `max`). Only cells within `max` of the diagonal can stay within `max`, so only those
 * are computed: a long word costs little against short candidates.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  if (row.length <= b.length + 1) row = new Int32Array(2 * (b.length + 2));
  const previous = row;
  // Int32Array cells: Infinity (no bound) is stored as a large finite number.
  const cap = Math.min(over, 0x3fffffff);
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, cap);
  previous[b.length + 1] = cap;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    let diagonal = previous[lo - 1];
    previous[lo - 1] = lo === 1 ? Math.min(i, cap) : cap;
    let rowMin = previous[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const above = previous[j];
      const value = Math.min(above + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1), cap);
      previous[j] = value;
      diagonal = above;
      if (value < rowMin) rowMin = value;
    }
    // The cell right of the band is out of reach for the next row.
    if (hi < b.length) previous[hi + 1] = cap;
    // Every later row is at least this row's minimum.
    if (rowMin > max) return over;
  }
  return previous[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  // Short words are near everything: allow one edit there, a third of the word elsewhere.
  const limit = word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // Only a strictly closer candidate can win, as before: the first of the closest.
    const distance = editDistance(lower, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Per meta: the required keys its maps lack that one of their unknown keys misspells (computed once, read by two rules). */
const typoCache = new WeakMap<MetaAccess, Map<string, string>>();

/**
 * A misspelt required key (`reading_tme` for `reading_time`) is one problem: meta-required
 * reports it at the typo with the rename fix, and meta-unknown-key stays silent about it.
 * Both ask this: `"<parent path JSON>\u0000<missing key>"` → the unknown key that misspells it
 * (the first one whose nearest unset known key is the missing one, as meta-unknown-key finds it).
 */
export function misspeltRequiredKeys(meta: MetaAccess): Map<string, string> {
  let typos = typoCache.get(meta);
  if (typos) return typos;
  typos = new Map();
  const missingByParent = new Map<string, { parent: MetaPath; keys: Set<string> }>();
  for (const issue of meta.schemaIssues()) {
    const path = issue.path as (string | number)[];
    if (path.length === 0 || typeof path[path.length - 1] !== 'string' || meta.has(path)) continue;
    const parent = path.slice(0, -1);
    const id = JSON.stringify(parent);
    const entry = missingByParent.get(id) ?? { parent, keys: new Set<string>() };
    entry.keys.add(path[path.length - 1] as string);
    missingByParent.set(id, entry);
  }
  for (const [id, { parent, keys }] of missingByParent) {
    const value = parent.length > 0 ? meta.get(parent) : meta.object;
    const known = knownKeys()[schemaPathOf(parent)];
    if (!known || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    const present = Object.keys(value);
    const presentSet = new Set(present);
    const knownSet = new Set(known);
    const unset = known.filter((key) => !presentSet.has(key));
    for (const key of present) {
      if (knownSet.has(key)) continue;
      const suggestion = nearest(key, unset);
      const slot = `${id}\u0000${suggestion}`;
      if (suggestion !== undefined && keys.has(suggestion) && !typos.has(slot)) typos.set(slot, key);
    }
  }
  typoCache.set(meta, typos);
  return typos;
}

/** The key of misspeltRequiredKeys for the missing `key` of the map at `parent`. */
export function typoSlot(parent: MetaPath, key: string): string {
  return `${JSON.stringify(parent)}\u0000${key}`;
}

/** `entities.0` → `entities[]`: the knownKeys() name of the map at a meta path. */
function schemaPathOf(path: MetaPath): string {
  return path.map((segment, i) => (typeof segment === 'number' ? '[]' : i === 0 ? segment : `.${segment}`)).join('');
}

import type { TextEdit } from 'vscode-languageserver-types';
import type { MetaPath } from '../frontMatter';
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

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Short words are near everything: allow one edit there, a third of the word elsewhere.
  const limit = word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

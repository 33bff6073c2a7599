import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parsePost, validatePost, ValidationOptions } from '../../server/src/service';

/** The repository root (tests run from out/test/<suite>/). */
export const REPO_ROOT = resolve(__dirname, '../../..');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
export const SEEDS_DIR = join(FIXTURES, 'seeds');
/** A fixed "today" so date rules give the same answer on every day the tests run. */
export const TODAY = '2026-11-23';

export function seedNames(): string[] {
  return readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.post.md')).sort();
}

/** The source form of seed `000` … `004` (by prefix) or by file name. */
export function loadSeed(name = '000'): string {
  const file = seedNames().find((candidate) => candidate.startsWith(name));
  if (!file) throw new Error(`no seed fixture ${name}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export function loadFixture(relativePath: string): string {
  return readFileSync(join(FIXTURES, relativePath), 'utf8');
}

/** Replaces exactly one occurrence of `find`; throws if it is missing or ambiguous, so a test can't silently test nothing. */
export function edit(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  if (at < 0) throw new Error(`edit: ${JSON.stringify(find)} not found`);
  if (text.indexOf(find, at + 1) >= 0) throw new Error(`edit: ${JSON.stringify(find)} occurs more than once`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

/**
 * Strips the markers `⟦` and `⟧` from `marked` and returns the text and the LSP range
 * between them (UTF-16 columns, like the server's).
 */
export function markedRange(marked: string): { text: string; range: Range } {
  const open = marked.indexOf('⟦');
  const close = marked.indexOf('⟧');
  if (open < 0 || close < open) throw new Error('markedRange: needs ⟦ … ⟧');
  const text = marked.slice(0, open) + marked.slice(open + 1, close) + marked.slice(close + 1);
  return { text, range: { start: positionOf(text, open), end: positionOf(text, close - 1) } };
}

export function positionOf(text: string, offset: number): Range['start'] {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, character: offset - lineStart };
}

export function validate(text: string, options: ValidationOptions = {}): Diagnostic[] {
  return validatePost(parsePost(text), { today: TODAY, ...options });
}

/** Diagnostics of one rule, as `{code, range}` pairs for exact comparison. */
export function findings(text: string, rule: string, options: ValidationOptions = {}): Array<{ range: Range; message: string }> {
  return validate(text, options)
    .filter((diagnostic) => diagnostic.code === rule)
    .map((diagnostic) => ({ range: diagnostic.range, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value }));
}

/**
 * Like `markedRange`, for several ranges: strips every `⟦ … ⟧` pair (not nested) from
 * `marked` and returns the text and the LSP range of each pair, in text order.
 */
export function markedRanges(marked: string): { text: string; ranges: Range[] } {
  const spans: Array<[number, number]> = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === '⟦') {
      if (open >= 0) throw new Error('markedRanges: nested ⟦');
      open = text.length;
    } else if (ch === '⟧') {
      if (open < 0) throw new Error('markedRanges: ⟧ without ⟦');
      spans.push([open, text.length]);
      open = -1;
    } else {
      text += ch;
    }
  }
  if (open >= 0 || spans.length === 0) throw new Error('markedRanges: needs balanced ⟦ … ⟧ pairs');
  return { text, ranges: spans.map(([start, end]) => ({ start: positionOf(text, start), end: positionOf(text, end) })) };
}

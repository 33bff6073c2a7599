/**
 * Helpers for the robustness tests (bad input, property tests): text transforms, an
 * independent line model to check ranges against, and the random mutations.
 * The position maths here deliberately does not use the server's LineIndex, so a bug
 * there can't hide itself.
 */
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { positionOf } from './fixtures';

/** The lines of `text` split at `\r\n`, lone `\r` and `\n` (LSP's line breaks). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

export function toCr(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r');
}

export function withBom(text: string): string {
  return '\ufeff' + text;
}

/** 0-based index of the one line whose text is exactly `lineText`; throws when missing or ambiguous. */
export function lineNumber(text: string, lineText: string): number {
  const lines = splitLines(text);
  const at = lines.indexOf(lineText);
  if (at < 0) throw new Error(`lineNumber: no line ${JSON.stringify(lineText)}`);
  if (lines.indexOf(lineText, at + 1) >= 0) throw new Error(`lineNumber: line ${JSON.stringify(lineText)} occurs more than once`);
  return at;
}

/**
 * The LSP range of the one occurrence of `needle` in `text` (optionally only searching
 * after the unique occurrence of `after`); throws when missing or ambiguous.
 */
export function rangeOf(text: string, needle: string, after?: string): Range {
  let from = 0;
  if (after !== undefined) {
    from = text.indexOf(after);
    if (from < 0) throw new Error(`rangeOf: anchor ${JSON.stringify(after)} not found`);
    if (text.indexOf(after, from + 1) >= 0) throw new Error(`rangeOf: anchor ${JSON.stringify(after)} is ambiguous`);
  }
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`rangeOf: ${JSON.stringify(needle)} not found`);
  if (after === undefined && text.indexOf(needle, at + 1) >= 0) throw new Error(`rangeOf: ${JSON.stringify(needle)} occurs more than once`);
  return { start: positionOf(text, at), end: positionOf(text, at + needle.length) };
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** The parts of a diagnostic that a user sees, in a stable order for exact comparisons. */
export interface Seen {
  code: string;
  range: Range;
  message: string;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Diagnostics as `{code, range, message}`, sorted by position then code (rule order is not under test). */
export function seen(diagnostics: Diagnostic[]): Seen[] {
  return diagnostics
    .map((diagnostic) => ({
      code: String(diagnostic.code),
      range: diagnostic.range,
      message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
    }))
    .sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}

/** The sorted list of codes (with repeats). */
export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

/**
 * Why `range` is not a valid range of `text` (0 <= line < lineCount, character within the
 * line's UTF-16 length, start <= end), or undefined when it is.
 */
export function rangeProblem(text: string, target: Range): string | undefined {
  const lines = splitLines(text);
  for (const [name, position] of [['start', target.start], ['end', target.end]] as const) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return `${name} is not integral`;
    if (position.line < 0 || position.line >= lines.length) return `${name}.line ${position.line} outside 0..${lines.length - 1}`;
    if (position.character < 0 || position.character > lines[position.line].length) {
      return `${name}.character ${position.character} outside 0..${lines[position.line].length} on line ${position.line}`;
    }
  }
  if (comparePositions(target.start, target.end) > 0) return 'start is after end';
  return undefined;
}

/** Every diagnostic whose range is not inside `text`, with the reason. */
export function rangesOutside(text: string, diagnostics: Diagnostic[]): string[] {
  const problems: string[] = [];
  for (const diagnostic of diagnostics) {
    const problem = rangeProblem(text, diagnostic.range);
    if (problem) problems.push(`${String(diagnostic.code)} ${JSON.stringify(diagnostic.range)}: ${problem}`);
  }
  return problems;
}

/**
 * A billion-laughs YAML document: `levels` anchors, each a flow list of `fanout` aliases
 * of the previous one (9 × 9 expands to 9^9 strings when fully resolved).
 */
export function billionLaughs(levels = 9, fanout = 9): string {
  let yaml = `lol0: &lol0 [${Array(fanout).fill('"lol"').join(', ')}]\n`;
  for (let level = 1; level <= levels; level++) {
    yaml += `lol${level}: &lol${level} [${Array(fanout).fill(`*lol${level - 1}`).join(', ')}]\n`;
  }
  return yaml;
}

/** A deterministic byte generator (xorshift32), so "random" bad input is the same on every run. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** One edit of the property test. Indexes are taken modulo the text's current size. */
export type Mutation =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'insertLine'; at: number; line: string }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'deleteChar'; at: number }
  | { kind: 'insertChar'; at: number; text: string };

/** Lines the property test inserts: the tokens that change how a post parses. */
export const LINE_POOL: readonly string[] = [
  '---',
  '...',
  '- ',
  '- [x] x',
  '- [ ]',
  '```',
  '```rollback',
  '~~~',
  '## x',
  '## implementation checklist',
  '## final notes',
  '# title',
  '#',
  'key: [',
  'key: {',
  '&a',
  '*a',
  'x: &a [1, 2]',
  'y: *a',
  '<<: *a',
  '![x](y)',
  '![x](https://example.invalid/a.png',
  'owner:',
  'rollback: |',
  '  - ',
  '\t- tab',
  '    indented code',
  '> quote',
  '"',
  '🚀',
  '\r',
  '',
];

/** Splits at `\n` only: a mutated text may hold lone `\r`s, which stay inside their "line". */
export function applyMutation(text: string, mutation: Mutation): string {
  if (mutation.kind === 'deleteChar' || mutation.kind === 'insertChar') {
    if (mutation.kind === 'deleteChar') {
      if (text.length === 0) return text;
      const at = mutation.at % text.length;
      return text.slice(0, at) + text.slice(at + 1);
    }
    const at = mutation.at % (text.length + 1);
    return text.slice(0, at) + mutation.text + text.slice(at);
  }
  const lines = text.split('\n');
  switch (mutation.kind) {
    case 'deleteLine':
      lines.splice(mutation.at % lines.length, 1);
      break;
    case 'insertLine':
      lines.splice(mutation.at % (lines.length + 1), 0, mutation.line);
      break;
    case 'duplicateLine': {
      const at = mutation.at % lines.length;
      lines.splice(at, 0, lines[at]);
      break;
    }
  }
  return lines.join('\n');
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

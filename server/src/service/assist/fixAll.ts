import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { parsePost, PostDocument } from '../model/document';
import { analyzePost, ValidationOptions } from '../check/validate';

/**
 * Fixes can unlock others (a rename makes a value checkable, and missing keys of one map are
 * added one per pass): fix-all runs passes until one changes nothing. This bound is only a
 * safety net against fixes that undo each other without repeating a text; a real post needs
 * a handful of passes (one per missing key of a map at most).
 */
export const MAX_FIX_PASSES = 100;

export interface FixAllResult {
  text: string;
  /** How many fixes were applied in all passes. */
  applied: number;
  passes: number;
  /**
   * True when the last pass found nothing left to fix (a fixed point). False when the passes
   * went in a cycle (a text came back) or hit MAX_FIX_PASSES: then `text` is the text after
   * the last pass, and hosts must say so (the CLI on stderr with a non-zero exit, the editor
   * with a warning) instead of presenting it as done.
   */
  converged: boolean;
}

/**
 * Applies every preferred fix, in passes until nothing fixable is left. Within a pass,
 * fixes whose edits overlap a fix already taken wait for the next pass (on fresh ranges).
 */
export function fixAll(text: string, options: ValidationOptions = {}): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  const seen = new Set<string>([text]);
  while (passes < MAX_FIX_PASSES) {
    const pass = fixPass(current, options);
    if (pass.taken === 0) return { text: current, applied, passes, converged: true };
    passes++;
    applied += pass.taken;
    current = pass.text;
    // A text seen before: the fixes undo each other, and more passes would only go round.
    if (seen.has(current)) return { text: current, applied, passes, converged: false };
    seen.add(current);
  }
  // The bound is reached; converged only if this last text has nothing left to fix.
  return { text: current, applied, passes, converged: fixPass(current, options).taken === 0 };
}

/** One pass: the edits of the preferred fixes that do not overlap, and the text after them (BOM kept). */
export function fixPass(text: string, options: ValidationOptions = {}): { text: string; edits: TextEdit[]; taken: number; post: PostDocument } {
  const post = parsePost(text);
  const { edits, taken } = nonConflictingPreferredEdits(post, options);
  return { text: taken === 0 ? text : (post.hadBom ? '\ufeff' : '') + applyEdits(post, edits), edits, taken, post };
}

function nonConflictingPreferredEdits(post: PostDocument, options: ValidationOptions): { edits: TextEdit[]; taken: number } {
  const spans: Array<[number, number]> = [];
  const edits: TextEdit[] = [];
  let taken = 0;
  for (const finding of analyzePost(post, options)) {
    const fix = finding.fixes.find((candidate) => candidate.preferred && !candidate.command);
    if (!fix) continue;
    const fixSpans = fix.edits.map((edit) => [post.index.offsetAt(edit.range.start), post.index.offsetAt(edit.range.end)] as [number, number]);
    if (fixSpans.some((span) => spans.some((other) => overlaps(span, other)))) continue;
    spans.push(...fixSpans);
    edits.push(...fix.edits);
    taken++;
  }
  return { edits, taken };
}

/** Two edits conflict when they share text, or insert at the same place (their order would be a guess). */
function overlaps([start, end]: [number, number], [otherStart, otherEnd]: [number, number]): boolean {
  if (start === otherStart) return true;
  return start < otherEnd && otherStart < end;
}

/**
 * Applies non-overlapping edits to the post's text (without its BOM), as LSP clients do:
 * vscode-languageserver-textdocument's applyEdits, whose line breaks and position clamping
 * are the line index's. Overlapping edits throw there; fix-all never takes two fixes that overlap.
 */
export function applyEdits(post: PostDocument, edits: readonly TextEdit[]): string {
  // Its sort is by start only (stable); at one place an insert goes before a replacement
  // starting there, whatever their array order, and inserts keep their array order.
  const ordered = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  return TextDocument.applyEdits(TextDocument.create('', 'markdown', 0, post.text), ordered);
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** One edit turning `before` into `after`: the changed middle between their common prefix and suffix. */
export function minimalEdit(post: PostDocument, after: string): TextEdit | undefined {
  const before = post.text;
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair or a CRLF.
  while (prefix > 0 && (isLowSurrogate(before.charCodeAt(prefix)) || (before[prefix] === '\n' && before[prefix - 1] === '\r'))) prefix--;
  while (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { range: post.index.range(prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

import { elide, PostChange } from '../service';
import type { DiffResult } from './diff';

/** The most of a value a text or Markdown row shows (a whole rollback note can be long); JSON has it all. */
const MAX_SHOWN = 120;

/** A value as a row shows it: JSON (strings quoted, so `"7"` and `7` differ), elided. */
function shownValue(value: unknown): string {
  return elide(JSON.stringify(value) ?? String(value), MAX_SHOWN);
}

function describeChange(change: PostChange): string {
  if (change.kind === 'added') return `${change.path}: ${shownValue(change.new)}`;
  if (change.kind === 'removed') return `${change.path}: ${shownValue(change.old)}`;
  if (change.kind === 'reordered') return `${change.path} (was ${change.from}): ${shownValue(change.new)}`;
  return `${change.path}: ${shownValue(change.old)} → ${shownValue(change.new)}`;
}

function summary(results: DiffResult[], base: string): string {
  const changed = results.filter((result) => result.status !== 'unchanged' && !result.error);
  const added = changed.filter((result) => result.status === 'added').length;
  const deleted = changed.filter((result) => result.status === 'deleted').length;
  const unchanged = results.filter((result) => result.status === 'unchanged' && !result.error).length;
  const parts = [added > 0 ? `${added} added` : '', deleted > 0 ? `${deleted} deleted` : ''].filter(Boolean);
  const posts = (count: number) => `${count} post${count === 1 ? '' : 's'}`;
  return `${posts(changed.length)} changed since ${base}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}, ${unchanged} unchanged.`;
}

/** One block per changed post (unchanged posts only count in the last line). */
export function formatDiffText(results: DiffResult[], base: string): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.error) {
      lines.push(`${result.post}: error: ${result.error}`);
      continue;
    }
    if (result.status === 'unchanged') continue;
    const count = result.changes.length;
    lines.push(`${result.post}: ${result.status}${result.status === 'modified' ? ` (${count} change${count === 1 ? '' : 's'})` : ''}`);
    for (const change of result.changes) {
      lines.push(`  ${change.area.padEnd(10)} ${change.kind.padEnd(9)} ${describeChange(change)}${change.line === undefined ? '' : `  (line ${change.line + 1})`}`);
    }
    for (const note of result.notes) lines.push(`  note: ${note}`);
    lines.push('');
  }
  lines.push(summary(results, base));
  return `${lines.join('\n')}\n`;
}

/**
 * The documented JSON shape (README "alphanode diff"): `{ base, posts: [{ post, status,
 * changes: [{ area, kind, path, old?, new?, from?, line? }], notes, error? }] }`, lines 1-based.
 */
export function formatDiffJson(results: DiffResult[], base: string): string {
  const posts = results.map((result) => ({
    post: result.post,
    status: result.status,
    changes: result.changes.map((change) => ({ ...change, ...(change.line === undefined ? {} : { line: change.line + 1 }) })),
    notes: result.notes,
    ...(result.error ? { error: result.error } : {}),
  }));
  return `${JSON.stringify({ base, posts }, null, 2)}\n`;
}

/**
 * Text safe in a GitHub Markdown table cell: no HTML (`<` is an entity), no markup, no
 * cell break (`|`), one line. Every value is the author's and is shown as written.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A heading and a table per changed post, for a pull-request comment. */
export function formatDiffMarkdown(results: DiffResult[], base: string): string {
  const out: string[] = [`## Post changes since ${markdownCell(base)}`, '', summary(results, markdownCell(base)), ''];
  for (const result of results) {
    if (result.error) {
      out.push(`### ${markdownCell(result.post)}`, '', `Error: ${markdownCell(result.error)}`, '');
      continue;
    }
    if (result.status === 'unchanged') continue;
    out.push(`### ${markdownCell(result.post)}: ${result.status}`, '');
    if (result.changes.length > 0) {
      out.push('| Part | Change | Where | Before | After |', '| --- | --- | --- | --- | --- |');
      for (const change of result.changes) {
        const where = change.kind === 'reordered' ? `${change.path} (was ${change.from})` : change.path;
        const before = change.kind === 'added' ? '' : shownValue(change.old);
        const after = change.kind === 'removed' ? '' : shownValue(change.new);
        out.push(`| ${change.area} | ${change.kind} | ${markdownCell(where)} | ${markdownCell(before)} | ${markdownCell(after)} |`);
      }
      out.push('');
    } else if (result.status === 'modified') out.push('Only prose or code changed (no meta, section, checklist or rollback note change).', '');
    for (const note of result.notes) out.push(`> ${markdownCell(note)}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

import type { Position } from 'vscode-languageserver-types';
import type { Block, Heading } from '../model/body';
import type { PostDocument } from '../model/document';
import { ROLLBACK_LANGUAGE } from '../model/rollback';
import { lineBreakOf, yamlScalar } from './yamlEdits';

/**
 * Where a new rollback note (spec §4) goes and what it reads, for the editor's
 * "Insert Rollback Note" commands and the rollback-missing quick fixes. Pure: the host
 * resolves the owner and inserts the snippet; this decides the place and the text.
 *
 * - `cursor`: at the cursor when it is on a blank line between blocks; otherwise right after
 *   the block around the cursor (a fenced block cannot start mid-line, and splitting a
 *   paragraph or a list would change what the post says and counts). In the front matter,
 *   the note goes to the end of the intro instead.
 * - `section`: at the end of the `## ` section around the cursor (the intro before the first
 *   `## `): after its last non-blank line, before the next heading.
 *
 * The note is separated from its neighbours by a blank line on each side: blank lines already
 * there are used first, and only the missing ones are added.
 */
export type RollbackNoteMode = 'cursor' | 'section';

export interface RollbackNoteInsertion {
  /** Where the note is inserted (nothing is replaced). */
  position: Position;
  /** The same place as an offset into `post.text`. */
  offset: number;
  /** The inserted text with the placeholders in place, in the post's line break. */
  text: string;
  /** The inserted text as a snippet (VS Code / LSP snippet syntax), in the post's line break. */
  snippet: string;
}

/** One line of a note: literal text and tab stops (each with the text it starts with). */
type Segment = string | { stop: number; text: string };

/**
 * What a new note's fields start with, selected by their tab stops: real text that says what
 * goes there, so a note just inserted is a valid note and the author types over each value.
 */
export const ROLLBACK_NOTE_PLACEHOLDERS = {
  owner: 'your name',
  expected_result: 'what is true once the change worked',
  rollback: 'the commands that undo the change',
} as const;

/**
 * The note's lines: `owner` filled in (a tab stop when unknown), then tab stops on
 * `expected_result` and `rollback` (a block scalar: the commands go on the indented line).
 */
function noteLines(owner: string | undefined): Segment[][] {
  const name = owner?.replace(/\s+/g, ' ').trim() ?? '';
  let stop = 1;
  const field = (key: keyof typeof ROLLBACK_NOTE_PLACEHOLDERS): Segment => ({ stop: stop++, text: ROLLBACK_NOTE_PLACEHOLDERS[key] });
  return [
    [`\`\`\`${ROLLBACK_LANGUAGE}`],
    name ? [`owner: ${yamlScalar(name)}`] : ['owner: ', field('owner')],
    ['expected_result: ', field('expected_result')],
    ['rollback: |'],
    ['  ', field('rollback')],
    ['```'],
  ];
}

/** Escapes literal text for snippet syntax (`$`, `}` and `\` are special there). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function renderSnippet(line: Segment[]): string {
  return line.map((segment) => (typeof segment === 'string' ? escapeSnippetText(segment) : `\${${segment.stop}:${escapeSnippetText(segment.text)}}`)).join('');
}

function renderText(line: Segment[]): string {
  return line.map((segment) => (typeof segment === 'string' ? segment : segment.text)).join('');
}

/** The note alone as snippet lines (no surrounding blank lines): what a snippet body holds. */
export function rollbackNoteSnippetLines(owner: string | undefined): string[] {
  return noteLines(owner).map(renderSnippet);
}

/** The note alone as plain lines, each tab stop's placeholder text in place. */
export function rollbackNoteTextLines(owner: string | undefined): string[] {
  return noteLines(owner).map(renderText);
}

/** Where and what to insert for `mode` with the cursor at `position`. */
export function rollbackNoteInsertion(post: PostDocument, position: Position, mode: RollbackNoteMode, owner: string | undefined): RollbackNoteInsertion {
  const line = Math.max(0, Math.min(position.line, post.index.lineCount - 1));
  const insertLine = mode === 'section' || line < post.body.startLine ? sectionInsertLine(post, line) : cursorInsertLine(post, line);
  return insertionAt(post, insertLine, noteLines(owner));
}

function isBlank(post: PostDocument, line: number): boolean {
  return post.index.lineText(line).trim() === '';
}

/** The last non-blank line in [from, to], or undefined. */
function lastContentLine(post: PostDocument, from: number, to: number): number | undefined {
  for (let line = Math.min(to, post.index.lineCount - 1); line >= from; line--) if (!isBlank(post, line)) return line;
  return undefined;
}

/** Headings that bound a `## ` section: the `# ` titles and the `## ` headings, in order. */
function sectionBounds(post: PostDocument): Heading[] {
  return [...post.body.titles, ...post.body.sections.map((section) => section.heading!)].sort((a, b) => a.line - b.line);
}

/** The line the note goes on (it is inserted before that line's start) for `section` mode. */
function sectionInsertLine(post: PostDocument, line: number): number {
  const { body } = post;
  const inBody = line >= body.startLine;
  const heading = inBody ? [...body.sections].reverse().find((section) => section.heading!.line <= line)?.heading : undefined;
  let start: number;
  let end: number;
  if (heading) {
    start = heading.line;
    end = sectionBounds(post).find((bound) => bound.line > heading.line)?.line ?? post.index.lineCount;
  } else {
    // The intro: from the front matter's closing line (or the file's start) to the first `## `.
    start = body.startLine - 1;
    end = body.sections[0]?.heading!.line ?? post.index.lineCount;
  }
  const last = lastContentLine(post, start + 1, end - 1) ?? start;
  return last + 1;
}

/** The line the note goes on for `cursor` mode, with the cursor on `line` (in the body). */
function cursorInsertLine(post: PostDocument, line: number): number {
  const { body } = post;
  // A top-level block around the cursor (a paragraph, a whole list, a fence): after it.
  const blocks: Block[] = [body.intro, ...body.sections].flatMap((section) => section.blocks);
  for (const block of blocks) {
    const last = lastContentLine(post, block.line, block.endLine - 1) ?? block.line;
    if (block.line <= line && line <= last) return last + 1;
  }
  // A fenced block elsewhere (in a block quote): after it.
  const fence = body.fences.find((candidate) => candidate.line <= line && line < candidate.endLine);
  if (fence) return (lastContentLine(post, fence.line, fence.endLine - 1) ?? fence.line) + 1;
  if (isBlank(post, line)) return line;
  // An ATX heading is one line: right below it.
  if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(post.index.lineText(line))) return line + 1;
  // Anything else (HTML, a block quote, a thematic break): after its run of non-blank lines.
  let last = line;
  while (last + 1 < post.index.lineCount && !isBlank(post, last + 1)) last++;
  return last + 1;
}

/**
 * The insertion before line `line` (or at the end of a text without a final line break when
 * `line` is past the last line), with the blank lines needed around the note.
 */
function insertionAt(post: PostDocument, line: number, note: Segment[][]): RollbackNoteInsertion {
  const eol = lineBreakOf(post);
  const { index } = post;
  // Past the last line: at the end of the text (its last line is then the one to follow).
  if (line >= index.lineCount && index.lineText(index.lineCount - 1) === '') line = index.lineCount - 1;
  const above = lastContentLine(post, 0, line - 1);
  let below: number | undefined;
  for (let candidate = line; candidate < index.lineCount && below === undefined; candidate++) if (!isBlank(post, candidate)) below = candidate;
  if (line < index.lineCount) {
    // In a run of blank lines, move within it so that existing blank lines separate the note
    // from both neighbours: none is added then, and none is left doubled.
    const low = above === undefined ? 0 : above + 2;
    const high = below === undefined ? index.lineCount - 1 : below - 1;
    if (low <= high) line = Math.min(Math.max(line, low), high);
  }
  const atEnd = line >= index.lineCount;
  const offset = atEnd ? post.text.length : index.lineStartOffset(line);
  let prefix = '';
  let suffix = '';
  if (atEnd) {
    // The last line has text and no line break: end it, then leave a blank line.
    prefix = eol + eol;
  } else {
    if (above !== undefined && above === line - 1) prefix = eol;
    suffix = eol + (below === line ? eol : '');
  }
  const wrap = (lines: string[]) => prefix + lines.join(eol) + suffix;
  return {
    position: index.positionAt(offset),
    offset,
    text: wrap(note.map(renderText)),
    snippet: escapeSnippetText(prefix) + note.map(renderSnippet).join(eol) + escapeSnippetText(suffix),
  };
}

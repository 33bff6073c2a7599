import type { CompletionItem, Position, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, parsePost } from '../../server/src/service';
import { edit, positionOf } from './fixtures';

/** The cursor marker in test texts (U+2038, one UTF-16 unit; the seeds never contain it, unlike `|`). */
export const CURSOR = '‸';

/** Strips the one cursor marker from `marked`; returns the text and the LSP position it marked (UTF-16 columns). */
export function cursorAt(marked: string, marker = CURSOR): { text: string; position: Position } {
  const at = marked.indexOf(marker);
  if (at < 0) throw new Error(`cursorAt: no ${marker} in the text`);
  if (marked.indexOf(marker, at + marker.length) >= 0) throw new Error(`cursorAt: more than one ${marker}`);
  const text = marked.slice(0, at) + marked.slice(at + marker.length);
  return { text, position: positionOf(text, at) };
}

/**
 * Places the cursor in `text` at the marker of `marked`, which must match exactly one
 * place of `text` once the marker is removed: `placeCursor(seed, 'difficulty: adv‸anced')`.
 */
export function placeCursor(text: string, marked: string, marker = CURSOR): { text: string; position: Position } {
  return cursorAt(edit(text, marked.replace(marker, ''), marked), marker);
}

/** The text after accepting a completion item (its text edit and any additional edits), snippet syntax left as is. */
export function accept(text: string, item: CompletionItem): string {
  const edits = [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])];
  return applyEdits(parsePost(text), edits);
}

/**
 * A snippet as an editor would leave it when the author tabs through without typing:
 * placeholders keep their text, choices their first option, bare tab stops vanish.
 */
export function expandSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (ch === '$' && snippet[i + 1] === '{') {
      const close = findClose(snippet, i + 2);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|((?:[^\\|]|\\.)*?)(?:,|\|$)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      if (choice) out += expandSnippet(choice[1]);
      else if (placeholder) out += expandSnippet(placeholder[1]);
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`expandSnippet: unclosed \${ in ${JSON.stringify(text)}`);
}

/**
 * Positions for sweep tests: every column of the front matter and rollback-note lines
 * (where the editor assists work), the start, middle and end of the other lines.
 */
export function sweepPositions(text: string): Position[] {
  const post = parsePost(text);
  const lines = text.split(/\r\n|\r|\n/);
  const yamlLines = new Set<number>();
  const metaEnd = post.frontMatter ? (post.frontMatter.closeLine ?? lines.length - 1) : -1;
  for (let line = 0; line <= metaEnd; line++) yamlLines.add(line);
  for (const note of post.rollbackNotes) for (let line = note.fence.line; line < note.fence.endLine; line++) yamlLines.add(line);
  const positions: Position[] = [];
  lines.forEach((lineText, line) => {
    const columns = yamlLines.has(line) ? Array.from({ length: lineText.length + 1 }, (_, i) => i) : [...new Set([0, Math.floor(lineText.length / 2), lineText.length])];
    for (const character of columns) positions.push({ line, character });
  });
  return positions;
}

import type { TextEdit } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import type { PostDocument } from '../model/document';
import type { MetaPath } from '../model/frontMatter';
import { MetaNode, nodeAt, spanOf as treeSpan } from '../model/metaTree';

/**
 * Small, formatting-preserving edits of the post meta: each touches only the span it
 * must, so the author's comments, quoting and layout elsewhere stay as they were.
 */

/** A value as a one-line YAML scalar: quoted only when the plain form would read differently. */
export function yamlScalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
}

/** Replaces the value at `path`, keeping its quoting style; an empty value gets its space after the colon. */
export function replaceValue(post: PostDocument, path: MetaPath, value: string | number): TextEdit | undefined {
  const node = nodeAt(post.frontMatter!.tree, path);
  const span = spanOf(post, node);
  if (!span) return undefined;
  const quote = node?.kind === 'scalar' && typeof value === 'string' ? node.style : undefined;
  let text = quote === 'double' ? JSON.stringify(value) : quote === 'single' ? `'${String(value).replace(/'/g, "''")}'` : yamlScalar(value);
  if (span[0] === span[1] && post.text[span[0] - 1] === ':') text = ` ${text}`;
  return { range: post.index.range(span[0], span[1]), newText: text };
}

/** Replaces a whole list value with `items` in block style at the list's indentation. */
export function replaceList(post: PostDocument, path: MetaPath, items: readonly string[]): TextEdit | undefined {
  const node = nodeAt(post.frontMatter!.tree, path);
  const span = spanOf(post, node);
  if (!span || !node) return undefined;
  if (items.length === 0 || (node.kind === 'seq' && node.flow)) {
    return { range: post.index.range(span[0], span[1]), newText: `[${items.map(yamlScalar).join(', ')}]` };
  }
  const start = post.index.positionAt(span[0]);
  const lineStart = post.index.lineStartOffset(start.line);
  const before = post.text.slice(lineStart, span[0]);
  const eol = lineBreakOf(post);
  if (before.trim() === '' || before.trim() === '-') {
    // The list starts on its own line (`key:` above it): keep that line's indentation.
    const indent = before.replace(/-\s*$/, (dash) => ' '.repeat(dash.length));
    const lines = items.map((item, i) => `${i === 0 ? '' : indent}- ${yamlScalar(item)}`);
    return { range: post.index.range(span[0], span[1]), newText: lines.join(eol) };
  }
  // `key:` with an empty value on the same line: write the list on the lines below.
  const keyIndent = /^\s*/.exec(before)?.[0] ?? '';
  return { range: post.index.range(span[0], span[1]), newText: items.map((item) => `${eol}${keyIndent}  - ${yamlScalar(item)}`).join('') };
}

/** Deletes the line of a block-list item; undefined for flow lists (`[a, b]`), which have no line of their own. */
export function deleteListItem(post: PostDocument, path: MetaPath): TextEdit | undefined {
  const parent = nodeAt(post.frontMatter!.tree, path.slice(0, -1));
  if (parent?.kind !== 'seq' || parent.flow) return undefined;
  const span = spanOf(post, nodeAt(post.frontMatter!.tree, path));
  if (!span) return undefined;
  const line = post.index.positionAt(span[0]).line;
  return deleteLine(post, line);
}

/** Removes line `line` with its line break. */
export function deleteLine(post: PostDocument, line: number): TextEdit {
  const start = post.index.lineStartOffset(line);
  const next = line + 1 < post.index.lineCount ? post.index.lineStartOffset(line + 1) : post.text.length;
  return { range: post.index.range(start, next), newText: '' };
}

/**
 * Adds `key: value` (value already YAML, possibly several lines indented relative to the
 * key) as the last entry of the block map at `mapPath` ([] for the top level).
 */
export function addMapEntry(post: PostDocument, mapPath: MetaPath, key: string, valueYaml: string): TextEdit | undefined {
  const frontMatter = post.frontMatter!;
  const map = nodeAt(frontMatter.tree, mapPath);
  const eol = lineBreakOf(post);
  if (mapPath.length === 0 && (map === null || map === undefined)) {
    const value = valueYaml.split('\n').join(eol);
    return { range: post.index.range(frontMatter.sourceStart, frontMatter.sourceStart), newText: `${key}${value.startsWith(eol) ? ':' : ': '}${value}${eol}` };
  }
  const value = valueYaml.split('\n').join(`${eol}${indent(post, map)}`);
  return appendEntries(post, map, [`${key}${value.startsWith(eol) ? ':' : ': '}${value}`]);
}

/** Adds `lines` (entries as YAML) after the last entry of block map `map`, at its keys' indentation; undefined for any other node. */
export function appendEntries(post: PostDocument, map: MetaNode | undefined, lines: readonly string[]): TextEdit | undefined {
  if (map?.kind !== 'map' || map.flow) return undefined;
  const last = map.entries[map.entries.length - 1];
  const lastEnd = spanOf(post, last?.value ?? last?.key);
  if (!lastEnd) return undefined;
  const at = post.index.lineEndOffset(post.index.positionAt(lastEnd[1]).line);
  const eol = lineBreakOf(post);
  return { range: post.index.range(at, at), newText: lines.map((line) => `${eol}${indent(post, map)}${line}`).join('') };
}

/** The indentation of a map's keys (its first key's column). */
function indent(post: PostDocument, map: MetaNode | undefined): string {
  const first = map?.kind === 'map' ? map.entries[0] : undefined;
  return first ? ' '.repeat(post.index.positionAt(first.key.start).character) : '';
}

/** The line break the post uses (CRLF files get CRLF edits). */
export function lineBreakOf(post: PostDocument): string {
  return /\r\n/.test(post.text) ? '\r\n' : '\n';
}

function spanOf(post: PostDocument, node: MetaNode | undefined): [number, number] | undefined {
  return treeSpan(post.text, node);
}

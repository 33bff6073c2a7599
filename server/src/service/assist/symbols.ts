import type { DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import type { Heading, Section } from '../model/body';
import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import type { MetaPath } from '../model/frontMatter';
import { entryAt, MetaMap, MetaNode, MetaSeq, spanOf } from '../model/metaTree';
import type { RollbackNote } from '../model/rollback';
import { pathLabel } from '../rules/util';

/** The name of the front matter's symbol. */
export const META_SYMBOL_NAME = 'post meta';
const DETAIL_LENGTH = 60;

/**
 * What the built-in Markdown outline lacks (it already lists every heading, so we list
 * none): the front matter as "post meta" with its top-level keys, the checklist with its
 * items, and each rollback note. Nested maps are summed up in their key's detail; only
 * the named items of a list of maps (entities, image sources) are children, so the meta
 * opens as one row per key.
 */
export function documentSymbols(post: PostDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (post.frontMatter) symbols.push(metaSymbol(post));
  const checklist = checklistSymbol(post);
  if (checklist) symbols.push(checklist);
  for (const note of post.rollbackNotes) symbols.push(rollbackSymbol(post, note));
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * Folding: the front matter, each nested map or list of the meta spanning two lines or
 * more (list items that are maps too), each rollback note, each section.
 */
export function foldingRanges(post: PostDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (startLine: number, endLine: number) => {
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  const frontMatter = post.frontMatter;
  if (frontMatter) {
    add(frontMatter.openLine, frontMatter.closeLine ?? lastTextLine(post, frontMatter.openLine, post.index.lineCount - 1));
    const isCollection = (node: MetaNode | undefined) => node?.kind === 'map' || node?.kind === 'seq';
    const visit = (node: MetaNode | undefined) => {
      if (node?.kind === 'map') {
        for (const entry of node.entries) {
          const key = spanOf(post.text, entry.key);
          const value = spanOf(post.text, entry.value);
          if (key && value && isCollection(entry.value)) add(lineOf(post, key[0]), lineOf(post, value[1]));
          visit(entry.value);
        }
      } else if (node?.kind === 'seq') {
        for (const item of node.items) {
          const span = spanOf(post.text, item);
          if (span && isCollection(item)) add(lineOf(post, span[0]), lineOf(post, span[1]));
          visit(item);
        }
      }
    };
    visit(frontMatter.tree);
  }
  for (const note of post.rollbackNotes) add(note.fence.line, fenceLastLine(post, note));
  for (const { section, endLine } of sectionBounds(post)) add(section.heading.line, endLine);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

// ---------------------------------------------------------------------------- post meta

function metaSymbol(post: PostDocument): DocumentSymbol {
  const frontMatter = post.frontMatter!;
  const lastLine = frontMatter.closeLine ?? post.index.lineCount - 1;
  const range = { start: post.index.lineRange(frontMatter.openLine).start, end: post.index.lineRange(lastLine).end };
  const tree = frontMatter.tree;
  const children = tree?.kind === 'map' ? keySymbols(post, tree) : [];
  return { name: META_SYMBOL_NAME, detail: `${children.length} key${children.length === 1 ? '' : 's'}`, kind: SymbolKind.Namespace, range, selectionRange: post.index.trimmedLineRange(frontMatter.openLine), children };
}

/** One row per key of the meta; a nested map is summed up in its detail (`quality: 97, …`). */
function keySymbols(post: PostDocument, map: MetaMap): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const { key, value, name } of map.entries) {
    const keySpan = spanOf(post.text, key);
    if (name === undefined || !keySpan) continue;
    const valueSpan = spanOf(post.text, value);
    const end = valueSpan && valueSpan[1] > keySpan[1] ? valueSpan[1] : keySpan[1];
    const symbol: DocumentSymbol = { name: name === '' ? '""' : name, kind: SymbolKind.Property, range: post.index.range(keySpan[0], end), selectionRange: post.index.range(keySpan[0], keySpan[1]) };
    if (value?.kind === 'map') {
      symbol.kind = SymbolKind.Object;
      symbol.detail = shorten(value.entries.map((entry) => (entry.value?.kind === 'scalar' && entry.value.value !== null ? `${entry.name}: ${String(entry.value.value)}` : entry.name)).join(', '));
    } else if (value?.kind === 'seq') {
      symbol.kind = SymbolKind.Array;
      symbol.detail = `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
      const items = itemSymbols(post, value, [name]);
      if (items.length > 0) symbol.children = items;
    } else if (value?.kind === 'scalar' && value.value !== null && value.value !== undefined) {
      symbol.detail = shorten(String(value.value));
    }
    symbols.push(symbol);
  }
  return symbols;
}

/** The maps of a list (entities, image_sources), each named by its `name` or `source`: worth a row each to jump to. */
function itemSymbols(post: PostDocument, seq: MetaSeq, path: MetaPath): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  seq.items.forEach((item, i) => {
    if (item.kind !== 'map') return;
    const itemSpan = spanOf(post.text, item);
    if (!itemSpan) return;
    const start = withDash(post, itemSpan[0]);
    const label = item.entries.find((entry) => (entry.name === 'name' || entry.name === 'source') && entry.value?.kind === 'scalar' && typeof entry.value.value === 'string' && entry.value.value.trim() !== '');
    const labelSpan = spanOf(post.text, label?.value);
    const range = post.index.range(start, itemSpan[1]);
    const selection = labelSpan ?? spanOf(post.text, item.entries[0]?.key) ?? itemSpan;
    symbols.push({
      name: labelSpan && label?.value?.kind === 'scalar' ? String(label.value.value) : `[${i}]`,
      detail: pathLabel([...path, i]),
      kind: SymbolKind.Object,
      range,
      selectionRange: within(range, post.index.range(selection[0], selection[1])),
    });
  });
  return symbols;
}

// ---------------------------------------------------------------------------- body

interface SectionBound {
  section: Section & { heading: Heading };
  /** The section's last line with text. */
  endLine: number;
}

/** Each `## ` section and its last line: it runs to the next `## ` or `# ` heading (or the end). */
function sectionBounds(post: PostDocument): SectionBound[] {
  const sections = post.body.sections.filter((section): section is Section & { heading: Heading } => section.heading !== undefined);
  const headingLines = [...sections.map((section) => section.heading.line), ...post.body.titles.map((title) => title.line)].sort((a, b) => a - b);
  return sections.map((section) => {
    const next = headingLines.find((line) => line > section.heading.line) ?? post.index.lineCount;
    return { section, endLine: lastTextLine(post, section.heading.line, next - 1) };
  });
}

/** The checklist (its section's name), its items as children with their state as the detail. */
function checklistSymbol(post: PostDocument): DocumentSymbol | undefined {
  const found = findChecklist(post.body);
  const list = found?.list;
  if (!found || !list || list.items.length === 0) return undefined;
  const items = list.items.map((item): DocumentSymbol => {
    const itemRange = post.index.trimmedLineRange(item.line);
    return {
      name: item.text || '(empty item)',
      ...(item.checked === undefined ? {} : { detail: item.checked ? 'done' : 'open' }),
      kind: SymbolKind.Field,
      range: itemRange,
      selectionRange: within(itemRange, item.textRange),
    };
  });
  const name = found.section?.heading?.text.trim() || 'checklist';
  return { name, detail: `${items.length} item${items.length === 1 ? '' : 's'}`, kind: SymbolKind.Array, range: list.range, selectionRange: within(list.range, items[0].range), children: items };
}

/** A rollback note, named by its owner; its selection is the owner's value. */
function rollbackSymbol(post: PostDocument, note: RollbackNote): DocumentSymbol {
  const { fence } = note;
  const range = { start: post.index.lineRange(fence.line).start, end: post.index.lineRange(fenceLastLine(post, note)).end };
  const ownerNode = entryAt(note.tree, ['owner'])?.value;
  const ownerSpan = spanOf(post.text, ownerNode);
  const owner = ownerNode?.kind === 'scalar' && ownerNode.value !== null ? String(ownerNode.value).trim() : '';
  const selection = ownerSpan && owner !== '' ? post.index.range(ownerSpan[0], ownerSpan[1]) : fence.openRange;
  return { name: owner || '(no owner)', detail: 'rollback note', kind: SymbolKind.Event, range, selectionRange: within(range, selection) };
}

// ---------------------------------------------------------------------------- helpers

/** A list item's map starts after `- `: take the dash in. */
function withDash(post: PostDocument, offset: number): number {
  const lineStart = post.index.lineStartOffset(lineOf(post, offset));
  const before = post.text.slice(lineStart, offset);
  const match = /-[ \t]+$/.exec(before);
  return match ? offset - match[0].length : offset;
}

function lineOf(post: PostDocument, offset: number): number {
  return post.index.positionAt(offset).line;
}

/** The fence's closing line, or its last line when it is never closed. */
function fenceLastLine(post: PostDocument, note: RollbackNote): number {
  const { fence } = note;
  return fence.closed ? fence.endLine - 1 : lastTextLine(post, fence.line, Math.min(fence.endLine, post.index.lineCount) - 1);
}

/** The last line in `[first, last]` with text (or `first`). */
function lastTextLine(post: PostDocument, first: number, last: number): number {
  for (let line = last; line > first; line--) if (post.index.lineText(line).trim() !== '') return line;
  return first;
}

/** `selection` when it lies inside `range` (LSP requires it), else `range`. */
function within(range: Range, selection: Range): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, selection.start) && before(selection.end, range.end) ? selection : range;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DETAIL_LENGTH ? `${line.slice(0, DETAIL_LENGTH - 1)}…` : line;
}

import type { DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Heading, Section } from '../model/body';
import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import { findPair, MetaPath, nodeSpan } from '../model/frontMatter';
import type { RollbackNote } from '../model/rollback';
import { pathLabel } from '../rules/util';
import { CHECKLIST_SECTION } from '../workspace/template';

/** The name of the front matter's symbol. */
export const META_SYMBOL_NAME = 'post meta';
const DETAIL_LENGTH = 60;

/**
 * The outline of a post: the front matter as "post meta" (its keys as children, nested
 * maps nested), each `# ` title, and each `## ` section with the checklist and the
 * rollback notes inside it. Rollback notes before the first section are top-level.
 */
export function documentSymbols(post: PostDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (post.frontMatter) symbols.push(metaSymbol(post));
  for (const title of post.body.titles) {
    const range = post.index.trimmedLineRange(title.line);
    symbols.push({ name: title.text.trim() || '(empty title)', kind: SymbolKind.String, range, selectionRange: within(range, title.textRange) });
  }
  const bounds = sectionBounds(post);
  const firstSectionLine = bounds[0]?.section.heading?.line ?? Infinity;
  for (const note of post.rollbackNotes) if (note.fence.line < firstSectionLine) symbols.push(rollbackSymbol(post, note));
  for (const { section, endLine } of bounds) symbols.push(sectionSymbol(post, section, endLine));
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
    const visit = (node: unknown) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = nodeSpan(post.text, frontMatter.sourceStart, pair.key as Node | undefined);
          const value = nodeSpan(post.text, frontMatter.sourceStart, pair.value as Node | undefined);
          if (key && value && (isMap(pair.value) || isSeq(pair.value))) add(lineOf(post, key[0]), lineOf(post, value[1]));
          visit(pair.value);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          const span = nodeSpan(post.text, frontMatter.sourceStart, item as Node | undefined);
          if (span && (isMap(item) || isSeq(item))) add(lineOf(post, span[0]), lineOf(post, span[1]));
          visit(item);
        }
      }
    };
    visit(frontMatter.document.contents);
  }
  for (const note of post.rollbackNotes) add(note.fence.line, fenceLastLine(post, note));
  for (const { section, endLine } of sectionBounds(post)) add(section.heading!.line, endLine);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

// ---------------------------------------------------------------------------- post meta

function metaSymbol(post: PostDocument): DocumentSymbol {
  const frontMatter = post.frontMatter!;
  const lastLine = frontMatter.closeLine ?? post.index.lineCount - 1;
  const range = { start: post.index.lineRange(frontMatter.openLine).start, end: post.index.lineRange(lastLine).end };
  const contents = frontMatter.document.contents;
  const children = isMap(contents) ? mapSymbols(post, contents, []) : [];
  return { name: META_SYMBOL_NAME, detail: `${children.length} key${children.length === 1 ? '' : 's'}`, kind: SymbolKind.Namespace, range, selectionRange: post.index.trimmedLineRange(frontMatter.openLine), children };
}

function mapSymbols(post: PostDocument, map: YAMLMap, path: MetaPath): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const keySpan = span(post, pair.key);
    if (!keySpan) continue;
    const name = String(pair.key.value);
    const value = pair.value;
    const valueSpan = span(post, value);
    const end = valueSpan && valueSpan[1] > keySpan[1] ? valueSpan[1] : keySpan[1];
    const symbol: DocumentSymbol = { name: name === '' ? '""' : name, kind: SymbolKind.Property, range: post.index.range(keySpan[0], end), selectionRange: post.index.range(keySpan[0], keySpan[1]) };
    if (isMap(value)) {
      symbol.kind = SymbolKind.Object;
      symbol.children = mapSymbols(post, value, [...path, name]);
    } else if (isSeq(value)) {
      symbol.kind = SymbolKind.Array;
      symbol.detail = `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
      const items = itemSymbols(post, value, [...path, name]);
      if (items.length > 0) symbol.children = items;
    } else if (isScalar(value) && value.value !== null && value.value !== undefined) {
      symbol.detail = shorten(String(value.value));
    }
    symbols.push(symbol);
  }
  return symbols;
}

/** The maps of a list (entities, image_sources), each named by its `name` or `source`. */
function itemSymbols(post: PostDocument, seq: YAMLSeq, path: MetaPath): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  seq.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const itemSpan = span(post, item);
    if (!itemSpan) return;
    const start = withDash(post, itemSpan[0]);
    const label = item.items.find((pair) => isScalar(pair.key) && (pair.key.value === 'name' || pair.key.value === 'source') && isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.trim() !== '');
    const labelSpan = label && span(post, label.value);
    const range = post.index.range(start, itemSpan[1]);
    const firstKey = span(post, item.items[0]?.key);
    const selection = labelSpan ?? firstKey ?? itemSpan;
    symbols.push({
      name: labelSpan ? String((label!.value as { value: string }).value) : `[${i}]`,
      detail: pathLabel([...path, i]),
      kind: SymbolKind.Object,
      range,
      selectionRange: within(range, post.index.range(selection[0], selection[1])),
      children: mapSymbols(post, item, [...path, i]),
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

function sectionSymbol(post: PostDocument, section: Section & { heading: Heading }, endLine: number): DocumentSymbol {
  const heading = section.heading;
  const range = { start: post.index.lineRange(heading.line).start, end: post.index.lineRange(endLine).end };
  const children: DocumentSymbol[] = [];
  if (section.name === CHECKLIST_SECTION) {
    const list = findChecklist(post.body)?.list;
    if (list && list.items.length > 0) {
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
      children.push({ name: 'checklist', detail: `${items.length} item${items.length === 1 ? '' : 's'}`, kind: SymbolKind.Array, range: list.range, selectionRange: within(list.range, items[0].range), children: items });
    }
  }
  for (const note of post.rollbackNotes) {
    if (note.fence.line > heading.line && note.fence.line <= endLine) children.push(rollbackSymbol(post, note));
  }
  const name = heading.text.trim() || '(empty heading)';
  return { name, kind: SymbolKind.String, range, selectionRange: within(range, heading.textRange), ...(children.length > 0 ? { children } : {}) };
}

/** A rollback note, named by its owner; its selection is the owner's value. */
function rollbackSymbol(post: PostDocument, note: RollbackNote): DocumentSymbol {
  const { fence } = note;
  const range = { start: post.index.lineRange(fence.line).start, end: post.index.lineRange(fenceLastLine(post, note)).end };
  const ownerNode = isMap(note.document.contents) ? (findPair(note.document, ['owner'])?.value as Node | undefined) : undefined;
  const ownerSpan = nodeSpan(post.text, fence.contentStart, ownerNode);
  const owner = isScalar(ownerNode) && ownerNode.value !== null ? String(ownerNode.value).trim() : '';
  const selection = ownerSpan && owner !== '' ? post.index.range(ownerSpan[0], ownerSpan[1]) : fence.openRange;
  return { name: owner || '(no owner)', detail: 'rollback note', kind: SymbolKind.Event, range, selectionRange: within(range, selection) };
}

// ---------------------------------------------------------------------------- helpers

function span(post: PostDocument, node: unknown): [number, number] | undefined {
  const frontMatter = post.frontMatter;
  return frontMatter && node && typeof node === 'object' ? nodeSpan(post.text, frontMatter.sourceStart, node as Node) : undefined;
}

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

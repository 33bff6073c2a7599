import type { PostDocument } from './document';
import type { RollbackNote } from './rollback';
import type { LineIndex } from './text';

/**
 * A line-based reading of block-style YAML (the post meta, a rollback note), for the
 * editor features that must work while the author is typing: completion and hover see a
 * document that is often not valid YAML yet (`  dif` under `score:`). It follows
 * indentation the way YAML does for block maps and lists, skips the inside of multi-line
 * scalars and flow collections, and never throws. Columns are UTF-16 offsets in the line.
 */
export type OutlinePath = Array<string | number>;

/** A `- ` entry of a block list. */
export interface OutlineItem {
  seqPath: OutlinePath;
  index: number;
  dashCol: number;
  /** Where the item's content starts (after the dash and its spaces). */
  contentCol: number;
}

/** A `key:` entry (after the dash when the line opens a list item holding a map). */
export interface OutlineEntry {
  mapPath: OutlinePath;
  key: string;
  /** The key as written, quotes included. */
  keyStart: number;
  keyEnd: number;
  /** Just after the `:`. */
  colonEnd: number;
}

/** The inline value after `key: ` or `- ` (without a trailing comment or white space). */
export interface OutlineValue {
  start: number;
  end: number;
  raw: string;
  /** A block scalar (`|`, `>`), an unclosed quote or flow collection: it goes on below. */
  multiline: boolean;
}

export interface OutlineLine {
  line: number;
  text: string;
  /** Columns of leading white space. */
  indent: number;
  /** Blank, or only a comment. */
  blank: boolean;
  /** Inside a multi-line value of an earlier line, or not placeable in the structure. */
  continuation: boolean;
  item?: OutlineItem;
  entry?: OutlineEntry;
  value?: OutlineValue;
  /** A plain word where a key belongs (a key being typed): the map it sits in. */
  partialKeyMap?: OutlinePath;
  /** Where the content starts (after the indentation and any dash). */
  contentCol: number;
}

interface Container {
  col: number;
  kind: 'map' | 'seq';
  path: OutlinePath;
  count: number;
}

/** A `key:` (or a bare `-`) whose value, if any, starts on a later, deeper line. */
interface Pending {
  col: number;
  path: OutlinePath;
  fromDash: boolean;
}

/** The structure just before a line: what a blank line at some column belongs to. */
export interface OutlineState {
  stack: Container[];
  pending: Pending | undefined;
  /** Inside a multi-line value (block scalar, open quote or flow collection) whose lines sit deeper than `parentCol`. */
  multiline: { parentCol: number } | undefined;
}

export interface Outline {
  firstLine: number;
  /** Exclusive. */
  endLine: number;
  lines: OutlineLine[];
  /** The state before `snapshotLine` when one was asked for. */
  snapshot: OutlineState | undefined;
}

/**
 * A multi-line value being skipped. Its lines must be indented deeper than `parentCol`
 * (YAML's rule): a line that is not ends it, so an unclosed `[` or quote being typed
 * does not swallow the rest of the meta.
 */
type Skip = { kind: 'block'; parentCol: number } | { kind: 'quote'; quote: '"' | "'"; parentCol: number } | { kind: 'flow'; depth: number; parentCol: number };

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:'"\-[\]{},&*!|>%@`?][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;

export function pathKey(path: OutlinePath): string {
  return JSON.stringify(path);
}

/** Reads lines `[firstLine, endLine)` of `index` as block YAML whose top-level map sits at `rootCol`. */
export function buildOutline(index: LineIndex, firstLine: number, endLine: number, rootCol = 0, snapshotLine?: number): Outline {
  const stack: Container[] = [{ col: rootCol, kind: 'map', path: [], count: 0 }];
  let pending: Pending | undefined;
  let skip: Skip | undefined;
  let snapshot: OutlineState | undefined;
  const lines: OutlineLine[] = [];

  const resolve = (col: number, dash: boolean): Container | undefined => {
    const want = dash ? 'seq' : 'map';
    if (pending) {
      const open = pending;
      pending = undefined;
      if (col > open.col || (dash && !open.fromDash && col === open.col)) {
        const container: Container = { col, kind: want, path: open.path, count: 0 };
        stack.push(container);
        return container;
      }
    }
    while (stack.length > 1 && (stack[stack.length - 1].col > col || (stack[stack.length - 1].col === col && stack[stack.length - 1].kind !== want))) stack.pop();
    const top = stack[stack.length - 1];
    return top.col === col && top.kind === want ? top : undefined;
  };

  for (let line = firstLine; line < endLine; line++) {
    if (line === snapshotLine) snapshot = snapshotOf(stack, pending, skip);
    const text = index.lineText(line);
    const indent = text.length - text.replace(/^[ \t]+/, '').length;
    const blank = indent === text.length || text[indent] === '#';
    const record: OutlineLine = { line, text, indent, blank, continuation: false, contentCol: indent };
    lines.push(record);

    if (skip) {
      if (!blank && indent <= skip.parentCol) {
        skip = undefined;
      } else if (skip.kind === 'block') {
        // A blank line may still end the block: only the next text line tells.
        record.continuation = !blank;
        continue;
      } else if (skip.kind === 'quote') {
        record.continuation = true;
        if (closingQuote(text, 0, skip.quote) >= 0) skip = undefined;
        continue;
      } else {
        record.continuation = true;
        skip.depth += bracketDepth(text, 0);
        if (skip.depth <= 0) skip = undefined;
        continue;
      }
    }
    if (blank) continue;

    let col = indent;
    const dash = text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ' || text[col + 1] === '\t');
    let contentCol = col;
    if (dash) {
      contentCol = col + 1;
      while (text[contentCol] === ' ' || text[contentCol] === '\t') contentCol++;
    }
    record.contentCol = contentCol;
    const container = resolve(col, dash);
    if (!container) {
      record.continuation = true;
      continue;
    }
    let mapPath = container.path;
    let parentCol = col;
    if (dash) {
      const index = container.count++;
      record.item = { seqPath: container.path, index, dashCol: col, contentCol };
      const itemPath = [...container.path, index];
      if (contentCol >= text.length || text[contentCol] === '#') {
        pending = { col, path: itemPath, fromDash: true };
        continue;
      }
      col = contentCol;
      if (!KEY.test(text.slice(col))) {
        record.value = readValue(text, col);
        if (record.value.multiline) skip = skipFor(record.value, parentCol);
        continue;
      }
      // `- key: value`: the item is a map whose keys sit at the content column.
      const itemMap: Container = { col, kind: 'map', path: itemPath, count: 0 };
      stack.push(itemMap);
      mapPath = itemPath;
    }
    const key = KEY.exec(text.slice(col));
    if (!key) {
      // A word where a key belongs: a key being typed (or a stray scalar).
      record.partialKeyMap = mapPath;
      continue;
    }
    const keyEnd = col + key[1].length;
    const colonEnd = col + key[0].length;
    record.entry = { mapPath, key: unquote(key[1]), keyStart: col, keyEnd, colonEnd };
    parentCol = col;
    let valueStart = colonEnd;
    while (text[valueStart] === ' ' || text[valueStart] === '\t') valueStart++;
    if (valueStart >= text.length || text[valueStart] === '#') {
      pending = { col, path: [...mapPath, record.entry.key], fromDash: false };
      continue;
    }
    record.value = readValue(text, valueStart);
    if (record.value.multiline) skip = skipFor(record.value, parentCol);
  }
  if (snapshotLine !== undefined && snapshotLine >= endLine) snapshot = snapshotOf(stack, pending, skip);
  return { firstLine, endLine, lines, snapshot };
}

function snapshotOf(stack: Container[], pending: Pending | undefined, skip: Skip | undefined): OutlineState {
  return {
    stack: stack.map((container) => ({ ...container })),
    pending: pending && { ...pending },
    multiline: skip && { parentCol: skip.parentCol },
  };
}

/**
 * What a blank line at `col` would belong to, given the state before it: the map or list
 * whose entries sit at that column (the outer one when a compact list shares it), or the
 * new map of a `key:` above it. Undefined inside a multi-line value or at no entry column.
 */
export function containerAt(state: OutlineState, col: number): { kind: 'map' | 'seq'; path: OutlinePath; count: number } | undefined {
  if (state.multiline && col > state.multiline.parentCol) return undefined;
  if (state.pending && col > state.pending.col) return { kind: 'map', path: state.pending.path, count: 0 };
  let found: Container | undefined;
  for (let i = state.stack.length - 1; i >= 0; i--) {
    const container = state.stack[i];
    if (container.col > col) continue;
    if (container.col < col) break;
    found = container;
  }
  return found;
}

function skipFor(value: OutlineValue, parentCol: number): Skip | undefined {
  const first = value.raw[0];
  if (first === '|' || first === '>') return { kind: 'block', parentCol };
  if (first === '"' || first === "'") return { kind: 'quote', quote: first, parentCol };
  if (first === '[' || first === '{') return { kind: 'flow', depth: bracketDepth(value.raw, 0), parentCol };
  return undefined;
}

/** The value starting at `start`: its end before a comment, and whether it continues below. */
function readValue(text: string, start: number): OutlineValue {
  const first = text[start];
  let end = text.length;
  let multiline = false;
  if (first === '"' || first === "'") {
    const close = closingQuote(text, start + 1, first);
    if (close < 0) multiline = true;
    else end = commentStart(text, close + 1);
  } else if (first === '[' || first === '{') {
    multiline = bracketDepth(text, start) > 0;
    end = commentStart(text, start);
  } else if (first === '|' || first === '>') {
    multiline = /^[|>][0-9+-]*[ \t]*(#.*)?$/.test(text.slice(start));
    end = commentStart(text, start);
  } else {
    end = commentStart(text, start);
  }
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { start, end, raw: text.slice(start, end), multiline };
}

/** Offset of the closing quote at or after `from`, or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== quote) continue;
    if (quote === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Where a ` #` comment starts after `from` (quotes inside flow collections respected), else the line end. */
function commentStart(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === from || /[[{,\s]/.test(text[i - 1]))) quote = ch;
    else if (ch === '#' && i > from && (text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return text.length;
}

/** Net `[`/`{` depth of the text from `from` (quoted parts ignored). */
function bracketDepth(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === '#' && i > 0 && /\s/.test(text[i - 1])) break;
  }
  return depth;
}

/** A scalar as written to its text: quotes removed (and `''`/escapes undone). */
export function unquote(raw: string): string {
  if (raw.length >= 2 && raw[0] === '"' && raw[raw.length - 1] === '"') {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.length >= 2 && raw[0] === "'" && raw[raw.length - 1] === "'") return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** A YAML block of the post the editor features read: the front matter, or a rollback note. */
export interface YamlRegion {
  kind: 'meta' | 'rollback';
  firstLine: number;
  /** Exclusive. */
  endLine: number;
  /** The column of the region's top-level keys. */
  rootCol: number;
  note?: RollbackNote;
}

/** The YAML region holding `line` (not its fences), if any. */
export function yamlRegionAt(post: PostDocument, line: number): YamlRegion | undefined {
  const frontMatter = post.frontMatter;
  if (frontMatter) {
    const end = frontMatter.closeLine ?? post.index.lineCount;
    if (line > frontMatter.openLine && line < end) return { kind: 'meta', firstLine: frontMatter.openLine + 1, endLine: end, rootCol: 0 };
    if (line <= end) return undefined;
  }
  for (const note of post.rollbackNotes) {
    const { fence } = note;
    const end = fence.closed ? fence.endLine - 1 : fence.endLine;
    if (line > fence.line && line < end) return { kind: 'rollback', firstLine: fence.line + 1, endLine: end, rootCol: fence.openRange.start.character, note };
  }
  return undefined;
}

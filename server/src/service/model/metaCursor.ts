import type { PostDocument } from './document';
import { MetaNode, MetaPath, nodeAt, spanOf } from './metaTree';
import type { RollbackNote } from './rollback';
import { parseYaml } from './yamlParse';

/**
 * The cursor's line in a YAML block of the post (the meta, a rollback note), placed by the
 * meta tree, for completion and hover. They run while the author types, so the line is
 * often not YAML yet: a blank line (where a key or item goes), or a word where a key goes
 * (`  dif` under `score:`). The tree places those too: the line is parsed once more with a
 * probe in it (`dif:`, a key or `- ` item at the cursor's column), and the probe counts only
 * if the tree puts it exactly there. Only the line's own layout (dash, colon, columns) is
 * read from its text. Columns are UTF-16 offsets in the line.
 */
export type CursorPath = Array<string | number>;

export interface CursorLine {
  text: string;
  /** Blank, or only a comment. */
  blank: boolean;
  /** Not an entry, an item or a key being typed: inside a multi-line value, or not placeable. */
  continuation: boolean;
  /** Where the content starts (after the indentation and any dash). */
  contentCol: number;
  /** A `- ` item of a block list. */
  item?: { seqPath: CursorPath; index: number; dashCol: number; contentCol: number };
  /** A `key:` entry (after the dash when the line opens a list item holding a map). */
  entry?: { mapPath: CursorPath; key: string; keyStart: number; keyEnd: number; colonEnd: number };
  /** The value that starts on this line after `key: ` or `- `: one line of it when it goes on below. */
  value?: { start: number; end: number; multiline: boolean; text: string | undefined };
  /** A plain word where a key belongs (a key being typed): the map it sits in. */
  partialKeyMap?: CursorPath;
}

/** A YAML block of the post the editor features read: the front matter, or a rollback note. */
export interface YamlRegion {
  kind: 'meta' | 'rollback';
  firstLine: number;
  /** Exclusive. */
  endLine: number;
  note?: RollbackNote;
}

/** The YAML region holding `line` (not its fences), if any. */
export function yamlRegionAt(post: PostDocument, line: number): YamlRegion | undefined {
  const frontMatter = post.frontMatter;
  if (frontMatter) {
    const end = frontMatter.closeLine ?? post.index.lineCount;
    if (line > frontMatter.openLine && line < end) return { kind: 'meta', firstLine: frontMatter.openLine + 1, endLine: end };
    if (line <= end) return undefined;
  }
  for (const note of post.rollbackNotes) {
    const { fence } = note;
    const end = fence.closed ? fence.endLine - 1 : fence.endLine;
    if (line > fence.line && line < end) return { kind: 'rollback', firstLine: fence.line + 1, endLine: end, note };
  }
  return undefined;
}

const PROBE = 'anp-cursor-probe';

/** A region's source with the lines that break it blanked, its tree and the errors left. */
interface Repaired {
  source: string;
  tree: MetaNode | undefined;
  errors: number;
}

/** Per post version (posts are immutable), per region start. */
const REPAIRED = new WeakMap<PostDocument, Map<number, Repaired>>();
const WORD = /^[A-Za-z0-9_-]+[ \t]*$/;

/** The tree of a region, and the cursor's line in it. */
export class MetaCursor {
  readonly line: CursorLine;
  /** The tree the line was placed in (with the probe, when one was needed). */
  private tree: MetaNode | undefined;
  private readonly lineStart: number;
  private lineEnd: number;
  /** The text the tree's offsets refer to: the post, or the post with the probe on the cursor's line. */
  private text: string;
  private readonly regionStart: number;
  private readonly source: string;
  /** The errors of the region without the cursor's line: a probe must add none. */
  private baseErrors: number | undefined;

  constructor(
    private readonly post: PostDocument,
    readonly region: YamlRegion,
    private readonly lineNumber: number,
  ) {
    const { index } = post;
    this.regionStart = index.lineStartOffset(region.firstLine);
    const regionEnd = region.endLine < index.lineCount ? index.lineStartOffset(region.endLine) : post.text.length;
    this.source = post.text.slice(this.regionStart, regionEnd);
    this.lineStart = index.lineStartOffset(lineNumber);
    const text = index.lineText(lineNumber);
    this.lineEnd = this.lineStart + text.length;
    this.text = post.text;
    const indent = text.length - text.replace(/^[ \t]+/, '').length;
    const blank = indent === text.length || text[indent] === '#';
    this.line = { text, blank, continuation: false, contentCol: indent };
    this.tree = this.realTree();
    if (blank) return;
    const word = text.slice(indent);
    if (text[indent] !== '-' && WORD.test(word) && this.probe(`${text.trimEnd()}:`)) {
      const found = this.locate();
      if (found.entry?.keyStart === indent && found.entry.key === word.trim()) {
        this.line.partialKeyMap = found.entry.mapPath;
        return;
      }
    }
    this.tree = this.realTree();
    this.text = post.text;
    this.lineEnd = this.lineStart + text.length;
    Object.assign(this.line, this.locate());
    this.line.continuation = !this.line.entry && !this.line.item;
  }

  /** The map or list a new line at column `col` of this (blank) line would belong to. */
  containerAt(col: number): { kind: 'map' | 'seq'; path: CursorPath; count: number } | undefined {
    if (this.probe(`${' '.repeat(col)}${PROBE}:`)) {
      const { entry } = this.locate();
      const map = entry && nodeAt(this.tree, entry.mapPath);
      const column = (offset: number) => {
        let at = offset;
        while (at > 0 && this.text[at - 1] !== '\n' && this.text[at - 1] !== '\r') at--;
        return offset - at;
      };
      if (entry?.key === PROBE && entry.keyStart === col && map?.kind === 'map' && map.entries.every((other) => column(other.key.start) === col)) {
        return { kind: 'map', path: entry.mapPath, count: 0 };
      }
    }
    if (this.probe(`${' '.repeat(col)}- ${PROBE}`)) {
      const { item, value } = this.locate();
      if (item?.dashCol === col && value?.text === PROBE) return { kind: 'seq', path: item.seqPath, count: item.index };
    }
    return undefined;
  }

  /** The keys of the map at `mapPath`, the cursor's line left out. */
  presentKeys(mapPath: MetaPath): Set<string> {
    const map = nodeAt(this.tree, mapPath);
    const keys = new Set<string>();
    if (map?.kind === 'map') for (const entry of map.entries) if (entry.name !== undefined && !this.onLine(entry.key.start)) keys.add(entry.name);
    return keys;
  }

  /** The items of the list at `seqPath` as text, the cursor's line left out. */
  presentItems(seqPath: MetaPath): string[] {
    const seq = nodeAt(this.tree, seqPath);
    if (seq?.kind !== 'seq') return [];
    return seq.items.filter((item) => !this.onLine(item.start)).map((item) => this.textOf(item) ?? '');
  }

  /** Whether the list at `seqPath` has items. */
  hasItems(seqPath: MetaPath): boolean {
    const seq = nodeAt(this.tree, seqPath);
    return seq?.kind === 'seq' && seq.items.length > 0;
  }

  private realTree(): MetaNode | undefined {
    const repaired = this.repaired();
    if (repaired.errors === 0 && repaired.source === this.source) return repaired.tree;
    const at = this.lineStart - this.regionStart;
    const line = this.post.index.lineText(this.lineNumber);
    if (repaired.source.slice(at, at + line.length) === line) return repaired.tree;
    // The cursor's line was one of those blanked: put it back.
    return parseYaml(repaired.source.slice(0, at) + line + repaired.source.slice(at + line.length), this.regionStart).tree;
  }

  /**
   * The region's tree without the lines the parser stops at, once per post version: after
   * an error the yaml library's recovery may nest the rest of the block under the broken
   * line (`topic: a` / `   stray: b` puts every later key under topic), so such a line and
   * the lines indented under it are blanked, offsets kept, and the block read again. A few
   * rounds: each is linear.
   */
  private repaired(): Repaired {
    let byRegion = REPAIRED.get(this.post);
    if (!byRegion) REPAIRED.set(this.post, (byRegion = new Map()));
    let repaired = byRegion.get(this.regionStart);
    if (!repaired) {
      let source = this.source;
      // The post's own parse when it read this same text (an unclosed front matter it does not read).
      const { frontMatter } = this.post;
      const known = this.region.kind === 'meta' ? (frontMatter?.closeLine !== undefined ? frontMatter : undefined) : this.region.note;
      let parsed = known ? { tree: known.tree, errors: known.errors } : parseYaml(source, this.regionStart);
      for (let round = 0; round < 8 && parsed.errors.length > 0; round++) {
        const at = parsed.errors[0].start - this.regionStart;
        const start = Math.max(source.lastIndexOf('\n', at - 1), source.lastIndexOf('\r', at - 1)) + 1;
        source = blankLines(source, start);
        parsed = parseYaml(source, this.regionStart);
      }
      repaired = { source, tree: parsed.tree, errors: parsed.errors.length };
      byRegion.set(this.regionStart, repaired);
    }
    return repaired;
  }

  /**
   * Parses the region with the cursor's line replaced by `probe` (and the lines that break
   * the region blanked): true when the probe adds no error, so it fits there.
   */
  private probe(probe: string): boolean {
    const at = this.lineStart - this.regionStart;
    const lineLength = this.post.index.lineText(this.lineNumber).length;
    const repaired = this.repaired();
    const around = (line: string) => repaired.source.slice(0, at) + line + repaired.source.slice(at + lineLength);
    if (this.baseErrors === undefined) {
      const empty = ' '.repeat(lineLength);
      this.baseErrors = repaired.source.slice(at, at + lineLength) === empty ? repaired.errors : parseYaml(around(empty), this.regionStart).errors.length;
    }
    const parsed = parseYaml(around(probe), this.regionStart);
    this.tree = parsed.tree;
    this.lineEnd = this.lineStart + probe.length;
    this.text = this.post.text.slice(0, this.lineStart) + probe + this.post.text.slice(this.lineStart + lineLength);
    return this.tree !== undefined && parsed.errors.length <= this.baseErrors;
  }

  private onLine(offset: number): boolean {
    return offset >= this.lineStart && offset <= this.lineEnd;
  }

  /** A scalar's text (its string value, or its source); undefined for a collection. */
  private textOf(node: MetaNode): string | undefined {
    if (node.kind !== 'scalar') return undefined;
    if (typeof node.value === 'string') return node.value;
    const span = spanOf(this.text, node);
    return span ? this.text.slice(span[0], span[1]) : undefined;
  }

  /** The entry, item and value that start on the cursor's line, walking down the block collections holding it. */
  private locate(): Pick<CursorLine, 'entry' | 'item' | 'value'> {
    const found: Pick<CursorLine, 'entry' | 'item' | 'value'> = {};
    const col = (offset: number) => offset - this.lineStart;
    let node = this.tree;
    let path: CursorPath = [];
    while (node && (node.kind === 'map' || node.kind === 'seq') && !node.flow) {
      let next: MetaNode | undefined;
      if (node.kind === 'map') {
        for (const entry of node.entries) {
          if (entry.name === undefined) continue;
          if (this.onLine(entry.key.start)) {
            const keyEnd = col(entry.key.end);
            const colon = this.lineText().indexOf(':', keyEnd);
            if (colon < 0) return found;
            found.entry = { mapPath: path, key: entry.name, keyStart: col(entry.key.start), keyEnd, colonEnd: colon + 1 };
            found.value = this.valueOf(entry.value);
            return found;
          }
          if (entry.key.start < this.lineStart && entry.value && entry.value.start <= this.lineEnd && this.lineStart < entry.value.nodeEnd) {
            next = entry.value;
            path = [...path, entry.name];
          }
        }
      } else {
        const line = this.lineText();
        const dashCol = line.length - line.replace(/^[ \t]+/, '').length;
        for (let index = 0; index < node.items.length; index++) {
          const item = node.items[index];
          if (this.onLine(item.start) && line[dashCol] === '-') {
            let contentCol = dashCol + 1;
            while (line[contentCol] === ' ' || line[contentCol] === '\t') contentCol++;
            found.item = { seqPath: path, index, dashCol, contentCol };
            this.line.contentCol = contentCol;
            const first = item.kind === 'map' && !item.flow ? item.entries[0] : undefined;
            if (first && this.onLine(first.key.start)) {
              node = item;
              path = [...path, index];
              next = undefined;
              break;
            }
            found.value = this.valueOf(item);
            return found;
          }
          if (item.start <= this.lineEnd && this.lineStart < item.nodeEnd) {
            next = item;
            path = [...path, index];
          }
        }
        if (found.item) continue;
      }
      if (!next) return found;
      node = next;
    }
    return found;
  }

  private lineText(): string {
    return this.text.slice(this.lineStart, this.lineEnd);
  }

  /** The value if it starts on the cursor's line: its span there, and its text when it is a one-line scalar. */
  private valueOf(node: MetaNode | undefined): CursorLine['value'] {
    if (!node || !this.onLine(node.start) || (node.kind === 'scalar' && node.value === null && node.start === node.end)) return undefined;
    const span = spanOf(this.text, node)!;
    const start = span[0] - this.lineStart;
    const line = this.lineText();
    if (span[1] <= this.lineEnd) return { start, end: span[1] - this.lineStart, multiline: false, text: this.textOf(node) };
    const header = node.kind === 'scalar' && node.style === 'block' ? /^[|>][0-9+-]*/.exec(line.slice(start))?.[0].length : undefined;
    return { start, end: header !== undefined ? start + header : line.trimEnd().length, multiline: true, text: undefined };
  }
}

/** `source` with the line starting at `start`, and the lines after it indented deeper (or blank), made spaces. */
function blankLines(source: string, start: number): string {
  const indentEnd = (at: number) => {
    while (source[at] === ' ' || source[at] === '\t') at++;
    return at;
  };
  const indent = indentEnd(start) - start;
  let end = start;
  do {
    while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
    end += source.startsWith('\r\n', end) ? 2 : end < source.length ? 1 : 0;
    const content = indentEnd(end);
    if (content - end <= indent && content < source.length && source[content] !== '\n' && source[content] !== '\r') break;
  } while (end < source.length);
  return source.slice(0, start) + source.slice(start, end).replace(/[^\r\n]/g, ' ') + source.slice(end);
}

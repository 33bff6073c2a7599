import { CST, Document, isAlias, isMap, isPair, isScalar, isSeq, Parser, Scalar } from 'yaml';

/**
 * The range-indexed tree of a YAML block of the post (the meta, a rollback note), built
 * once per document version: every rule, fix, renderer and editor feature reads it instead
 * of walking the yaml library's nodes. Offsets are into the whole post text (the block's
 * source offset added), so `LineIndex.range` turns them into LSP ranges.
 *
 * It is built straight from the yaml library's CST (lexer and parser only) for the block
 * YAML posts are written in. The library's Composer builds a second tree and checks what
 * the parser lets through, which is most of the cost of a large meta: `fromCst` accepts
 * only input on which the Composer would report nothing and build the same values, and
 * gives up (undefined) on anything else (flow collections, anchors, tags, tabs, a comment
 * glued to a value, …); the caller then composes a Document and reads it with
 * `fromDocument`. Both give the same tree (test/unit/metaTree.test.ts compares them).
 * Before either, the line reader (metaLines.ts) takes the plainest block YAML without the
 * library's lexer and parser, and builds the same tree again.
 */
export type MetaNode = MetaScalar | MetaMap | MetaSeq | MetaAlias;

interface NodeBase {
  /** Where the node starts, where its value ends, and where its trailing comment and line break end (the library's `range`). */
  start: number;
  end: number;
  nodeEnd: number;
}

export interface MetaScalar extends NodeBase {
  kind: 'scalar';
  /** The resolved value: a string, number, boolean or null (an empty value is null). */
  value: unknown;
  style: 'plain' | 'single' | 'double' | 'block';
}

export interface MetaEntry {
  key: MetaNode;
  /** Undefined only for a key without a `:` (a syntax error). */
  value: MetaNode | undefined;
  /** The key as text when it is a scalar (`1` and `"1"` both read "1"), else undefined. */
  name: string | undefined;
}

export interface MetaMap extends NodeBase {
  kind: 'map';
  flow: boolean;
  entries: MetaEntry[];
}

export interface MetaSeq extends NodeBase {
  kind: 'seq';
  flow: boolean;
  items: MetaNode[];
}

export interface MetaAlias extends NodeBase {
  kind: 'alias';
}

export type MetaPath = ReadonlyArray<string | number>;

/** Each map's entries by name (the first of duplicates, as a scan would find), built on first lookup. */
const entryIndexes = new WeakMap<MetaMap, Map<string, MetaEntry>>();

/** The entry of `map` named `name`: O(1), so a meta of 100,000 keys stays linear however often rules ask. */
export function entryOf(map: MetaMap, name: string): MetaEntry | undefined {
  let index = entryIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const entry of map.entries) if (entry.name !== undefined && !index.has(entry.name)) index.set(entry.name, entry);
    entryIndexes.set(map, index);
  }
  return index.get(name);
}

/** The entry holding `path` (its last segment a key), if any. */
export function entryAt(root: MetaNode | undefined, path: MetaPath): MetaEntry | undefined {
  if (path.length === 0 || typeof path[path.length - 1] !== 'string') return undefined;
  const parent = nodeAt(root, path.slice(0, -1));
  return parent?.kind === 'map' ? entryOf(parent, path[path.length - 1] as string) : undefined;
}

/** The node at `path`: map values by key, list items by index. */
export function nodeAt(root: MetaNode | undefined, path: MetaPath): MetaNode | undefined {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') node = node?.kind === 'seq' ? node.items[segment] : undefined;
    else node = node?.kind === 'map' ? entryOf(node, segment)?.value : undefined;
    if (!node) return undefined;
  }
  return node;
}

/** The node's value span in `text`, trailing white space left out (empty for an empty value). */
export function spanOf(text: string, node: MetaNode | undefined): [number, number] | undefined {
  if (!node) return undefined;
  let end = node.end;
  while (end > node.start && /\s/.test(text[end - 1])) end--;
  return [node.start, end];
}

/** A scalar's value when it is a string. */
export function stringValue(node: MetaNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

// ---------------------------------------------------------------------------- from a composed Document

/** The tree of a composed Document (the path for input the CST reader leaves to the Composer). */
export function fromDocument(document: Document.Parsed, base: number): MetaNode | undefined {
  const convert = (node: unknown): MetaNode | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const range = (node as { range?: [number, number, number] }).range;
    if (!range) return undefined;
    const at = { start: base + range[0], end: base + range[1], nodeEnd: base + range[2] };
    if (isScalar(node)) return { kind: 'scalar', ...at, value: node.value, style: styleOf(node.type) };
    if (isAlias(node)) return { kind: 'alias', ...at };
    if (isMap(node)) {
      const entries: MetaEntry[] = [];
      for (const pair of node.items) {
        const key = convert(pair.key);
        if (!key) continue;
        entries.push({ key, value: convert(pair.value), name: isScalar(pair.key) ? String(pair.key.value) : undefined });
      }
      return { kind: 'map', ...at, flow: Boolean(node.flow), entries };
    }
    if (isSeq(node)) {
      const items: MetaNode[] = [];
      for (const item of node.items) {
        const converted = isPair(item) ? undefined : convert(item);
        if (converted) items.push(converted);
      }
      return { kind: 'seq', ...at, flow: Boolean(node.flow), items };
    }
    return undefined;
  };
  return convert(document.contents);
}

function styleOf(type: Scalar['type']): MetaScalar['style'] {
  if (type === Scalar.QUOTE_DOUBLE) return 'double';
  if (type === Scalar.QUOTE_SINGLE) return 'single';
  if (type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED) return 'block';
  return 'plain';
}

// ---------------------------------------------------------------------------- from the CST

export interface CstRead {
  root: MetaNode | undefined;
  /** The plain value (what the library's `toJS` gives). */
  value: unknown;
  /** Offsets (in the source) of keys that repeat an earlier key of their map. */
  duplicates: number[];
}

/** Left to the Composer: the input is outside what `fromCst` reads. */
class GiveUp extends Error {}

/** The core schema's scalar types, in the library's order of trial, for plain scalars. */
const PLAIN_TAGS = new Document().schema.tags.filter((tag) => tag.default === true && tag.test !== undefined && tag.resolve !== undefined);

/** What `plainValue` returns for a plain scalar the core schema would report an error on. */
export const GIVE_UP = Symbol('give up');

/** A plain scalar's value in the core schema (`1` a number, `~` null, `yes` a string), as the Composer resolves it. */
export function plainValue(text: string): unknown {
  const tag = PLAIN_TAGS.find((candidate) => candidate.test!.test(text));
  if (!tag) return text;
  let failed = false;
  const resolve = tag.resolve as (value: string, onError: (message: string) => void, options: object) => unknown;
  const result = resolve(text, () => (failed = true), { intAsBigInt: false });
  if (failed) return GIVE_UP;
  return isScalar(result) ? result.value : result;
}

/** Sets a key of a plain map value as `toJS` does (an own property even for `__proto__`; null reads ""). */
export function setKey(object: Record<string, unknown>, key: unknown, value: unknown): void {
  const name = key === null ? '' : String(key);
  if (name in object) Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  else object[name] = value;
}

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** Reads `source` (at `base` in the post) without the Composer; undefined when the Composer must decide. */
export function fromCst(source: string, base: number): CstRead | undefined {
  if (source.includes('\t')) return undefined; // tab indentation rules are the Composer's
  try {
    const tokens = Array.from(new Parser().parse(source));
    if (tokens.length === 0) return { root: undefined, value: null, duplicates: [] };
    const doc = tokens[0];
    if (tokens.length > 1 || doc.type !== 'document') return undefined;
    return new CstReader(base).document(doc);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class CstReader {
  readonly duplicates: number[] = [];

  constructor(
    private readonly base: number,
  ) {}

  document(doc: CST.Document): CstRead {
    const props = this.props(doc.start, undefined, doc.offset, true);
    if (doc.end) this.nodeEnd(doc.end, 0);
    if (!doc.value) return { root: undefined, value: null, duplicates: [] };
    const [root, value] = this.node(doc.value);
    void props;
    return { root, value, duplicates: this.duplicates };
  }

  /** A node and its plain value. */
  private node(token: Token): [MetaNode, unknown] {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      case 'block-map':
        return this.map(token);
      case 'block-seq':
        return this.seq(token);
      default:
        throw new GiveUp();
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): [MetaScalar, unknown] {
    if (token.type === 'block-scalar' && token.props.some((prop) => prop.type !== 'block-scalar-header' && prop.type !== 'space' && prop.type !== 'newline' && prop.type !== 'comment')) throw new GiveUp();
    const resolved = CST.resolveAsScalar(token, true, () => {
      throw new GiveUp();
    });
    if (!resolved) throw new GiveUp();
    const value = token.type === 'scalar' ? plainValue(resolved.value) : resolved.value;
    if (value === GIVE_UP) throw new GiveUp();
    const style = token.type === 'scalar' ? 'plain' : token.type === 'single-quoted-scalar' ? 'single' : token.type === 'double-quoted-scalar' ? 'double' : 'block';
    const [start, end, nodeEnd] = resolved.range;
    return [{ kind: 'scalar', start: this.base + start, end: this.base + end, nodeEnd: this.base + nodeEnd, value, style }, value];
  }

  /** An empty value (`key:` or `-` with nothing after it): null, placed as the Composer places it. */
  private empty(offset: number, before: SourceToken[], props: Props): [MetaScalar, unknown] {
    let at = offset;
    for (let i = before.length - 1; i >= 0; i--) {
      const type = before[i].type;
      if (type === 'space' || type === 'comment' || type === 'newline') {
        at -= before[i].source.length;
        continue;
      }
      for (let j = i + 1; before[j]?.type === 'space'; j++) at += before[j].source.length;
      break;
    }
    const nodeEnd = props.comment ? props.end : at;
    return [{ kind: 'scalar', start: this.base + at, end: this.base + at, nodeEnd: this.base + nodeEnd, value: null, style: 'plain' }, null];
  }

  private map(token: CST.BlockMap): [MetaMap, unknown] {
    const entries: MetaEntry[] = [];
    const object: Record<string, unknown> = {};
    const seen = new Set<unknown>();
    let offset = token.offset;
    let commentEnd: number | undefined;
    for (const item of token.items) {
      if (item.explicitKey) throw new GiveUp();
      const keyProps = this.props(item.start, undefined, offset, true);
      if (!item.key && !item.sep) {
        commentEnd = keyProps.end; // a comment line after the last entry
        continue;
      }
      const key = item.key;
      if (!key || (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar')) throw new GiveUp();
      if (key.indent !== token.indent || key.source.includes('\n') || key.end?.some((end) => end.type === 'newline')) throw new GiveUp();
      const [keyNode, keyValue] = this.scalar(key);
      const valueProps = this.props(item.sep ?? [], 'map-value-ind', keyNode.nodeEnd - this.base, false);
      if (!valueProps.found || valueProps.found.offset - keyProps.start > 1024) throw new GiveUp();
      const value = item.value;
      if ((value?.type === 'block-map' || value?.type === 'block-seq') && !valueProps.hasNewline) throw new GiveUp();
      const [valueNode, plain] = value ? this.node(value) : this.empty(valueProps.end, item.sep ?? [], valueProps);
      offset = valueNode.nodeEnd - this.base;
      if (seen.has(keyValue) && !Number.isNaN(keyValue)) this.duplicates.push(keyNode.start - this.base);
      seen.add(keyValue);
      entries.push({ key: keyNode, value: valueNode, name: String(keyValue) });
      setKey(object, keyValue, plain);
    }
    if (commentEnd !== undefined && commentEnd < offset) throw new GiveUp();
    const node: MetaMap = { kind: 'map', start: this.base + token.offset, end: this.base + offset, nodeEnd: this.base + (commentEnd ?? offset), flow: false, entries };
    return [node, object];
  }

  private seq(token: CST.BlockSequence): [MetaSeq, unknown] {
    const items: MetaNode[] = [];
    const values: unknown[] = [];
    let offset = token.offset;
    let commentEnd: number | undefined;
    for (const item of token.items) {
      const props = this.props(item.start, 'seq-item-ind', offset, true);
      if (!props.found) {
        if (item.value) throw new GiveUp();
        commentEnd = props.end;
        continue;
      }
      const [node, plain] = item.value ? this.node(item.value) : this.empty(props.end, item.start, props);
      offset = node.nodeEnd - this.base;
      items.push(node);
      values.push(plain);
    }
    const node: MetaSeq = { kind: 'seq', start: this.base + token.offset, end: this.base + offset, nodeEnd: this.base + (commentEnd ?? offset), flow: false, items };
    return [node, values];
  }

  /**
   * The Composer's reading of the tokens before a node (its `resolveProps`), for the tokens
   * posts use: white space, line breaks, comments and one indicator. Anything it would
   * complain about, or that carries meaning (anchors, tags), is left to it.
   */
  private props(tokens: SourceToken[], indicator: string | undefined, offset: number, startOnNewline: boolean): Props {
    let hasSpace = startOnNewline;
    let hasNewline = false;
    let comment = false;
    let found: SourceToken | undefined;
    for (const token of tokens) {
      switch (token.type) {
        case 'space':
          hasSpace = true;
          break;
        case 'newline':
          hasSpace = true;
          hasNewline = true;
          break;
        case 'comment':
          if (!hasSpace) throw new GiveUp();
          comment = true;
          break;
        default:
          if (token.type !== indicator || found) throw new GiveUp();
          found = token;
          hasSpace = false;
      }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    return { found, hasNewline, comment, end, start: end };
  }

  /** The tokens after a document's content: only white space and comments. */
  private nodeEnd(tokens: SourceToken[], offset: number): number {
    for (const token of tokens) {
      if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comment') throw new GiveUp();
      offset += token.source.length;
    }
    return offset;
  }
}

interface Props {
  found: SourceToken | undefined;
  hasNewline: boolean;
  comment: boolean;
  /** Where the tokens end (where an empty value or the key's props end). */
  end: number;
  start: number;
}

import { CstRead, GIVE_UP, MetaEntry, MetaMap, MetaNode, MetaScalar, MetaSeq, plainValue, setKey } from './metaTree';

/**
 * The fast reading of the block YAML posts are written in, line by line, without the yaml
 * library's lexer and parser (most of the cost of a meta of 100,000 keys): block maps and
 * block lists of one-line plain, single- and double-quoted scalars, literal block scalars
 * (`key: |`, the commands of a rollback note), trailing comments and blank lines. It builds the very tree `fromCst` builds (same nodes, ranges, values, styles
 * and duplicate keys; test/unit/metaTree.test.ts compares them on every fixture, every seed
 * and random documents), and accepts only input it is certain the library reads without
 * an error. Anything else — multi-line plain or quoted scalars, folded (`>`) or chomped
 * (`|-`, `|+`, `|2`) block scalars, flow collections, anchors, tags,
 * tabs, CR line breaks, `?` keys, document markers and directives, comment lines other
 * than between top-level scalar entries, escapes it does not decode, unusual indentation —
 * gives undefined, and the caller reads the whole block with `fromCst` (or the Composer).
 */
export function fromLines(source: string, base: number): CstRead | undefined {
  if (source.length === 0 || source.includes('\t') || source.includes('\r') || source.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new LineReader(source, base).read();
  } catch (error) {
    if (error === GIVE_UP_LINES) return undefined;
    throw error;
  }
}

/** Thrown (a shared value, no stack trace to build) when the input is left to `fromCst`. */
const GIVE_UP_LINES = new Error('left to the CST reader');

function giveUp(): never {
  throw GIVE_UP_LINES;
}

/** An open block collection: its node, its plain value, and where its value belongs once it closes. */
interface Frame {
  node: MetaMap | MetaSeq;
  /** The column of its keys or `-` indicators. */
  indent: number;
  object: Record<string, unknown> | undefined;
  array: unknown[] | undefined;
  seen: Set<unknown> | undefined;
  /** Where its last entry or item ends (its end once it closes). */
  last: number;
  /** The entry or item it is the value of. */
  owner: Owner | undefined;
}

/** A place a value goes: an entry of a map frame (with its key), or the next item of a list frame. */
interface Owner {
  frame: Frame;
  key: MetaScalar | undefined;
  keyValue: unknown;
}

/** A `key:` or `-` with nothing after it on its line: a nested collection on the next lines, or an empty value. */
interface Pending {
  owner: Owner;
  empty: MetaScalar;
}

/** Half the depth limit (MAX_YAML_DEPTH): input read here is certain to pass the depth check. */
export const MAX_LINE_DEPTH = 32;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const PIPE = 0x7c;

class LineReader {
  private readonly duplicates: number[] = [];
  private readonly stack: Frame[] = [];
  private pending: Pending | undefined;
  /** A comment line since the last content line (the library counts it as a `-` item's comment). */
  private commentBefore = false;
  private root: Frame | undefined;
  /** The current line: its start, the end of its text, and the end of its line break. */
  private lineEnd = 0;
  private lineNext = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  read(): CstRead {
    const text = this.text;
    let lineStart = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      this.lineEnd = lineEnd;
      this.lineNext = lineEnd < text.length ? lineEnd + 1 : lineEnd;
      let first = lineStart;
      while (first < lineEnd && text.charCodeAt(first) === SPACE) first++;
      if (first === lineEnd) {
        if (!this.root) giveUp(); // blank lines before the content are the document's, read by the library
      } else if (text.charCodeAt(first) === HASH) {
        this.commentLine(first - lineStart);
      } else {
        this.contentLine(first, first - lineStart);
        this.commentBefore = false;
      }
      lineStart = this.lineNext;
    }
    if (!this.root) giveUp();
    this.closePending(text.length);
    while (this.stack.length > 0) this.pop();
    const root = this.root;
    return { root: root.node, value: root.object ?? root.array, duplicates: this.duplicates };
  }

  /**
   * A whole-line comment. The library attaches such lines to the innermost open collection
   * or the scalar before them, which moves ranges; only the plain case is read here: at
   * column 0, between entries (or items) of the top collection whose values are scalars.
   */
  private commentLine(column: number): void {
    if (!this.root || column !== 0 || this.pending || this.stack.length !== 1) giveUp();
    this.commentBefore = true;
  }

  private contentLine(first: number, column: number): void {
    const text = this.text;
    if (column === 0 && (text.startsWith('---', first) || text.startsWith('...', first) || text.charCodeAt(first) === 0x25 /* % */)) giveUp();
    const dash = text.charCodeAt(first) === DASH && (first + 1 === this.lineEnd || text.charCodeAt(first + 1) === SPACE);
    if (!this.root) {
      if (column !== 0) giveUp();
      this.root = this.open(dash ? 'seq' : 'map', first, 0, undefined);
      this.node(first, column);
      return;
    }
    const pending = this.pending;
    if (pending) {
      const parent = pending.owner.frame;
      // A nested collection: deeper than its key or `-`, or a list at its map key's column.
      if (column > parent.indent || (dash && column === parent.indent && parent.node.kind === 'map')) {
        if (parent.node.kind === 'seq' && column > parent.indent) giveUp(); // `-` then a value on the next lines: rare, left to the library
        this.pending = undefined;
        this.open(dash ? 'seq' : 'map', first, column, pending.owner);
        this.node(first, column);
        return;
      }
      this.closePending(first - column);
    }
    while (this.stack.length > 0 && this.top().indent > column) this.pop();
    let top = this.top();
    // A list at its key's column ends at the map's next key.
    if (top.node.kind === 'seq' && !dash && top.indent === column && top.owner?.frame.indent === column) {
      this.pop();
      top = this.top();
    }
    if (!top || top.indent !== column || (top.node.kind === 'seq') !== dash) giveUp();
    this.node(first, column);
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  /** Opens a collection whose first key or `-` is at `at`. */
  private open(kind: 'map' | 'seq', at: number, indent: number, owner: Owner | undefined): Frame {
    // Deep nesting is the depth check's (yamlParse.ts), which is skipped for what is read here.
    if (this.stack.length >= MAX_LINE_DEPTH) giveUp();
    const start = this.base + at;
    const node: MetaMap | MetaSeq = kind === 'map' ? { kind, start, end: start, nodeEnd: start, flow: false, entries: [] } : { kind, start, end: start, nodeEnd: start, flow: false, items: [] };
    const frame: Frame = {
      node,
      indent,
      object: kind === 'map' ? {} : undefined,
      array: kind === 'seq' ? [] : undefined,
      seen: kind === 'map' ? new Set() : undefined,
      last: at,
      owner,
    };
    this.stack.push(frame);
    return frame;
  }

  /** Closes the innermost collection: its range ends where its last value ends, and it becomes its owner's value. */
  private pop(): void {
    const frame = this.stack.pop()!;
    frame.node.end = frame.node.nodeEnd = this.base + frame.last;
    if (frame.owner) this.place(frame.owner, frame.node, frame.object ?? frame.array);
  }

  /**
   * The pending `key:` or `-` gets its empty value; `next` is where the line that ends it
   * starts (the text's length at its end). After a trailing comment the library stretches
   * the empty value over the next line's indentation: only the plain case is read here, an
   * entry of the top collection followed straight by the next entry or the end.
   */
  private closePending(next: number): void {
    const pending = this.pending;
    if (!pending) return;
    const { empty } = pending;
    if (empty.nodeEnd !== empty.start && (pending.owner.frame !== this.root || empty.nodeEnd - this.base !== next)) giveUp();
    this.pending = undefined;
    this.place(pending.owner, pending.empty, null);
  }

  /** Puts a finished value in its map entry or list item (the duplicate check after the value, as `fromCst` does). */
  private place(owner: Owner, node: MetaNode, plain: unknown): void {
    const frame = owner.frame;
    frame.last = node.nodeEnd - this.base;
    if (frame.node.kind === 'seq') {
      frame.node.items.push(node);
      frame.array!.push(plain);
      return;
    }
    const key = owner.key!;
    const keyValue = owner.keyValue;
    if (frame.seen!.has(keyValue) && !Number.isNaN(keyValue)) this.duplicates.push(key.start - this.base);
    frame.seen!.add(keyValue);
    const entry: MetaEntry = { key, value: node, name: String(keyValue) };
    frame.node.entries.push(entry);
    setKey(frame.object!, keyValue, plain);
  }

  /**
   * The rest of a line from `at`, which is an entry of the innermost collection (a map key
   * or a `-` at its column): its key, value, or a compact collection (`- a: 1`, `- - x`).
   */
  private node(at: number, column: number): void {
    const text = this.text;
    const frame = this.top();
    if (frame.node.kind === 'seq') {
      // `-`, then spaces, then the item (or nothing).
      let i = at + 1;
      while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
      const owner: Owner = { frame, key: undefined, keyValue: undefined };
      if (i === this.lineEnd || text.charCodeAt(i) === HASH) {
        if (this.commentBefore) giveUp();
        this.pending = { owner, empty: this.empty(i) };
        return;
      }
      const itemColumn = column + (i - at);
      if (text.charCodeAt(i) === DASH && (i + 1 === this.lineEnd || text.charCodeAt(i + 1) === SPACE)) {
        this.open('seq', i, itemColumn, owner);
        this.node(i, itemColumn);
        return;
      }
      const colon = this.keyEnd(i);
      if (colon !== undefined) {
        this.open('map', i, itemColumn, owner);
        this.node(i, itemColumn);
        return;
      }
      const [scalar, plain] = this.scalar(i);
      this.place(owner, scalar, plain);
      return;
    }
    // A map entry: `key:` then spaces then the value (or nothing).
    const colon = this.keyEnd(at);
    if (colon === undefined || colon - at > 1000) giveUp();
    const [key, keyValue] = this.key(at, colon);
    const owner: Owner = { frame, key, keyValue };
    let i = colon + 1;
    while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
    if (i === this.lineEnd || text.charCodeAt(i) === HASH) {
      this.pending = { owner, empty: this.empty(i) };
      return;
    }
    const [scalar, plain] = text.charCodeAt(i) === PIPE && i + 1 === this.lineEnd ? this.literal(i, column) : this.scalar(i);
    this.place(owner, scalar, plain);
  }

  /**
   * A literal block scalar: `|` alone at `at`, ending the line of a key at `column`, then
   * its lines, indented as the first; the value is each line less that indentation, with
   * one line break at the end (clip chomping). Its range runs to the end of its last line;
   * the reading goes on after it. Only the plain case: a line of spaces only, an empty line
   * first, or no line at all is left to the library.
   */
  private literal(at: number, column: number): [MetaScalar, string] {
    const text = this.text;
    const lines: string[] = [];
    let indent = -1;
    let empty = 0; // empty lines since the last line of text
    let end = this.lineNext;
    let next = this.lineNext;
    while (next < text.length) {
      let lineEnd = text.indexOf('\n', next);
      if (lineEnd < 0) lineEnd = text.length;
      let first = next;
      while (first < lineEnd && text.charCodeAt(first) === SPACE) first++;
      if (first === lineEnd) {
        if (lineEnd > next || indent < 0) giveUp();
        empty++;
      } else {
        if (indent < 0) {
          if (first - next <= column) giveUp();
          indent = first - next;
        }
        if (first - next < indent) break;
        const line = text.slice(next + indent, lineEnd);
        if (UNUSUAL.test(line)) giveUp();
        for (; empty > 0; empty--) lines.push('');
        lines.push(line);
        end = lineEnd < text.length ? lineEnd + 1 : lineEnd;
      }
      next = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    }
    if (indent < 0) giveUp();
    // The main loop reads on from the line after the block (its trailing empty lines are blank lines there).
    this.lineNext = end;
    const value = `${lines.join('\n')}\n`;
    return [{ kind: 'scalar', start: this.base + at, end: this.base + end, nodeEnd: this.base + end, value, style: 'block' }, value];
  }

  /** An empty value at `at` (after the indicator and its spaces), its node end past a trailing comment. */
  private empty(at: number): MetaScalar {
    const start = this.base + at;
    const nodeEnd = at < this.lineEnd ? this.base + this.lineNext : start;
    return { kind: 'scalar', start, end: start, nodeEnd, value: null, style: 'plain' };
  }

  /**
   * Where the key starting at `at` ends, at its `:` (followed by a space or the line's end),
   * or undefined when the line holds no key there.
   */
  private keyEnd(at: number): number | undefined {
    const text = this.text;
    const ch = text.charCodeAt(at);
    if (ch === 0x22 /* " */ || ch === 0x27 /* ' */) {
      const close = this.quoteEnd(at);
      if (close === undefined) giveUp();
      if (text.charCodeAt(close) !== COLON) return undefined;
      return this.separates(close + 1) ? close : giveUp();
    }
    for (let i = at; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && (i + 1 === this.lineEnd || text.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
    }
    return undefined;
  }

  /** True when `i` is the end of the line or a space. */
  private separates(i: number): boolean {
    return i === this.lineEnd || this.text.charCodeAt(i) === SPACE;
  }

  private key(at: number, colon: number): [MetaScalar, unknown] {
    const text = this.text;
    const ch = text.charCodeAt(at);
    const start = this.base + at;
    const end = this.base + colon;
    if (ch === 0x22 || ch === 0x27) {
      const value = this.quoted(at, colon);
      return [{ kind: 'scalar', start, end, nodeEnd: end, value, style: ch === 0x22 ? 'double' : 'single' }, value];
    }
    if (text.charCodeAt(colon - 1) === SPACE) giveUp(); // `key :`: the key's trailing space moves its node end
    const value = this.plain(at, colon);
    return [{ kind: 'scalar', start, end, nodeEnd: end, value, style: 'plain' }, value];
  }

  /** A value scalar from `at` to the end of the line (a trailing comment allowed); its node end is the line's end. */
  private scalar(at: number): [MetaScalar, unknown] {
    const text = this.text;
    const ch = text.charCodeAt(at);
    let end: number;
    let value: unknown;
    let style: MetaScalar['style'];
    if (ch === 0x22 || ch === 0x27) {
      const close = this.quoteEnd(at);
      if (close === undefined) giveUp();
      end = close;
      value = this.quoted(at, close);
      style = ch === 0x22 ? 'double' : 'single';
      // After the closing quote: only spaces, then a comment.
      let i = close;
      while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
      if (i < this.lineEnd && (i === close || text.charCodeAt(i) !== HASH)) giveUp();
    } else {
      end = this.plainEnd(at);
      value = this.plain(at, end);
      style = 'plain';
    }
    const nodeEnd = this.base + this.lineNext;
    return [{ kind: 'scalar', start: this.base + at, end: this.base + end, nodeEnd, value, style }, value];
  }

  /** The end of a one-line plain value from `at`: before a ` #` comment or the trailing spaces. */
  private plainEnd(at: number): number {
    const text = this.text;
    let end = this.lineEnd;
    for (let i = at; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      // `a: b: c` is an error, `a: b:` too: left to the library.
      if (c === COLON && (i + 1 === this.lineEnd || text.charCodeAt(i + 1) === SPACE)) giveUp();
    }
    while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /** A plain scalar's value: only text that starts like a plain scalar in every context, resolved in the core schema. */
  private plain(at: number, end: number): unknown {
    const text = this.text;
    const ch = text[at];
    if ('?:,[]{}#&*!|>\'"%@`'.includes(ch) || (ch === '-' && this.separates(at + 1))) giveUp();
    const source = text.slice(at, end);
    // Flow indicators and other unusual characters: read by the library.
    if (FLOW.test(source) || UNUSUAL.test(source)) giveUp();
    const value = plainValue(source);
    if (value === GIVE_UP) giveUp();
    return value;
  }

  /** The offset after the closing quote of the quoted scalar at `at`, if it closes on this line. */
  private quoteEnd(at: number): number | undefined {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote === 0x22 && c === 0x5c /* \ */) i++;
      else if (c === quote) {
        if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
        else return i + 1;
      }
    }
    return undefined;
  }

  /** The value of the quoted scalar from `at` to `close` (after its closing quote): the common escapes, anything else left to the library. */
  private quoted(at: number, close: number): string {
    const raw = this.text.slice(at + 1, close - 1);
    if (UNUSUAL.test(raw)) giveUp();
    if (this.text.charCodeAt(at) === 0x27) return raw.replace(/''/g, "'");
    if (!raw.includes('\\')) return raw;
    return raw.replace(/\\(u[0-9a-fA-F]{4}|.)?/g, (_, escape: string | undefined) => {
      if (escape === undefined) giveUp();
      if (escape.length === 5) {
        const code = parseInt(escape.slice(1), 16);
        if (code >= 0xd800 && code <= 0xdfff) giveUp(); // surrogate halves: the library's own rules
        return String.fromCharCode(code);
      }
      const decoded = ESCAPES[escape];
      return decoded ?? giveUp();
    });
  }
}

const FLOW = /[[\]{}]/;
/** Control characters, line and paragraph separators and byte order marks: whatever the library does with them, it decides. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v', a: '\x07', e: '\x1b', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ' };

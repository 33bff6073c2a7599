import { CST, Document, isMap, isPair, isScalar, isSeq, Parser, parseDocument, YAMLParseError } from 'yaml';
import { fromLines } from './metaLines';
import { fromCst, fromDocument, MetaNode } from './metaTree';

/**
 * The one way the service parses YAML (post meta, rollback notes, team templates): bounded
 * in depth, linear in size, never throwing.
 */

/** Aliases are never needed by a post; a document that expands more than this is an alias bomb. */
export const MAX_ALIAS_COUNT = 50;

/**
 * How deep lists and maps may nest. A post meta needs 3 levels, a template 3 and a rollback
 * note 2; hand-written YAML rarely goes past 10. The yaml library composes, and `toJS` and
 * our tree walks (hover, symbols, outline, rules) visit, the tree recursively, and a few
 * thousand levels overflow the stack (a 10 KB post can nest 3,000 levels). 64 is far above
 * any real document and far below what overflows, even on a small worker-thread stack.
 */
export const MAX_YAML_DEPTH = 64;

export const NESTING_MESSAGE = `Lists and maps are nested deeper than the limit of ${MAX_YAML_DEPTH} levels here; flatten this value`;

export interface YamlProblem {
  /** Offsets into the whole post text. */
  start: number;
  end: number;
  message: string;
  /**
   * A quoted value whose quote is never closed: the parser reports that where it gave up (the
   * end of the YAML); the problem is moved to the opening quote (`start`) through the end of
   * its line (`end`), and `message` says what to do. `quote` is the quote character.
   */
  unclosedQuote?: { quote: '"' | "'" };
}

export interface ParsedYaml {
  /** The range-indexed tree every feature reads; undefined for an empty or unreadable block. */
  tree: MetaNode | undefined;
  /** Syntax errors with offsets into the whole text (source offset + `base`); empty when valid. */
  errors: YamlProblem[];
  /** The plain value (as the library's `toJS`), or undefined when there are errors or it could not be built. */
  value: unknown;
  /** Why the plain value could not be built (an alias expanding too far), if so. */
  valueError?: string;
  /**
   * The yaml library's Document, composed on first use: only template reading and edits
   * that rewrite YAML need it, so a post's meta is usually read from the CST alone.
   */
  readonly document: Document.Parsed;
}

const PARSE_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  // Problems are reported as diagnostics; nothing may go to the host's stderr.
  logLevel: 'error',
} as const;

/**
 * Parses `source` (a slice of a text starting at offset `base`). Too deep a nesting is
 * refused before the parser sees it: one problem at the token that opens the level past the
 * limit. Block YAML (what posts are written in) is read line by line (metaLines.ts) or from
 * the CST; anything else is composed by the library (see metaTree.ts). Duplicate keys are found in O(n) either way:
 * the library's own check compares each key with every earlier one of its map.
 */
export function parseYaml(source: string, base: number): ParsedYaml {
  const view = yamlView(source);
  // The line reader takes the common block YAML (never nested past half the limit, so the
  // depth scan can be skipped); the CST reader what it leaves; the Composer the rest.
  let read = fromLines(view, base);
  if (!read) {
    const deep = nestingTooDeep(view);
    if (deep !== undefined) {
      const end = deep + Math.max(1, tokenLength(view, deep));
      return composed(parseDocument(''), undefined, [{ start: base + deep, end: base + end, message: NESTING_MESSAGE }]);
    }
    read = fromCst(view, base);
  }
  if (read) {
    const duplicates = read.duplicates.map((at) => new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    const errors = yamlProblems(duplicates, source, base);
    let document: Document.Parsed | undefined;
    return {
      tree: read.root,
      errors,
      value: errors.length === 0 ? read.value : undefined,
      get document() {
        return (document ??= parseDocument(view, PARSE_OPTIONS));
      },
    };
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(view, PARSE_OPTIONS);
  } catch (error) {
    // Should not happen with the depth capped; a problem is still better than a crash.
    return composed(parseDocument(''), undefined, [{ start: base, end: base + Math.min(1, source.length), message: `The YAML could not be read (${(error as Error).message})` }]);
  }
  const errors = yamlProblems(withDuplicateKeys(document.errors, duplicateKeys(document)), source, base);
  return composed(document, fromDocument(document, base), errors);
}

function composed(document: Document.Parsed, tree: MetaNode | undefined, errors: YamlProblem[]): ParsedYaml {
  if (errors.length > 0) return { tree, errors, value: undefined, document };
  try {
    return { tree, errors, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), document };
  } catch (error) {
    return { tree, errors, value: undefined, valueError: (error as Error).message, document };
  }
}

/**
 * The offset of the first token that opens a list or map more than `limit` levels deep, if
 * any: a linear scan that follows block indentation, `- `/`? `/`: ` indicators, `key:`
 * and flow brackets, and skips quoted text, comments and block scalars. It may count a
 * level too many in invalid YAML; it never misses one the parser would build.
 */
export function nestingTooDeep(source: string, limit = MAX_YAML_DEPTH): number | undefined {
  const columns: number[] = [];
  const kinds: Array<'seq' | 'map'> = [];
  let flow = 0;
  let quote: string | undefined;
  /** While set, lines indented more than this (and blank lines) belong to a block scalar. */
  let blockScalar: number | undefined;
  let lineStart = 0;
  let found: number | undefined;

  const open = (kind: 'seq' | 'map', column: number, at: number): void => {
    while (columns.length > 0 && columns[columns.length - 1] > column) pop();
    // A map key after a list at the same column ends the list (`a:` / `- x` / `b:`).
    if (kind === 'map' && columns[columns.length - 1] === column && kinds[kinds.length - 1] === 'seq') pop();
    if (columns[columns.length - 1] !== column || kinds[kinds.length - 1] !== kind) {
      columns.push(column);
      kinds.push(kind);
    }
    if (found === undefined && columns.length + flow > limit) found = at;
  };
  const pop = (): void => {
    columns.pop();
    kinds.pop();
  };
  /** Scans flow collections and quoted text from `i`; returns where it stopped (both closed) or `end`. */
  const inline = (i: number, end: number): number => {
    for (; i < end; i++) {
      const ch = source[i];
      if (quote === '"') {
        if (ch === '\\') i++;
        else if (ch === '"') quote = undefined;
      } else if (quote === "'") {
        if (ch === "'" && source[i + 1] === "'") i++;
        else if (ch === "'") quote = undefined;
      } else if (ch === '#' && (i === lineStart || isBlank(source[i - 1]))) {
        return end;
      } else if (ch === '"' || ch === "'") {
        if (flow === 0 || i === lineStart || /[\s[{,:?]/.test(source[i - 1])) quote = ch;
      } else if (ch === '[' || ch === '{') {
        flow++;
        if (found === undefined && columns.length + flow > limit) found = i;
      } else if (ch === ']' || ch === '}') {
        if (flow > 0) flow--;
      }
      if (flow === 0 && quote === undefined) return i + 1;
    }
    return end;
  };

  while (lineStart < source.length && found === undefined) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = source.length;
    let first = lineStart;
    while (first < lineEnd && isBlank(source[first])) first++;
    const column = first - lineStart;
    const blank = first >= lineEnd || source[first] === '\r';
    if (blockScalar !== undefined && (blank || column > blockScalar)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalar = undefined;
    if (flow > 0 || quote !== undefined) {
      inline(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      continue;
    }
    if (blank || source[first] === '#') {
      lineStart = lineEnd + 1;
      continue;
    }
    while (columns.length > 0 && columns[columns.length - 1] > column) pop();
    let i = first;
    // Node after node on one line: indicators, properties, a key, then its value.
    while (i < lineEnd && found === undefined) {
      const ch = source[i];
      if ((ch === '-' || ch === '?' || ch === ':') && (i + 1 >= lineEnd || isBlank(source[i + 1]) || source[i + 1] === '\r')) {
        open(ch === '-' ? 'seq' : 'map', i - lineStart, i);
        i = skipBlanks(source, i + 1, lineEnd);
        continue;
      }
      if (ch === '&' || ch === '!') {
        while (i < lineEnd && !isBlank(source[i])) i++;
        i = skipBlanks(source, i, lineEnd);
        continue;
      }
      if (ch === '#' || ch === '\r') break;
      if ((ch === '|' || ch === '>') && /^[|>][0-9+-]*(\s|#|$)/.test(source.slice(i, i + 5))) {
        blockScalar = columns.length > 0 ? columns[columns.length - 1] : -1;
        break;
      }
      const tokenStart = i;
      let after: number;
      if (ch === '[' || ch === '{' || ch === '"' || ch === "'") {
        after = inline(i, lineEnd);
        if (flow > 0 || quote !== undefined) break;
      } else {
        after = plainEnd(source, i, lineEnd);
      }
      // `token:` makes the token a key, and opens a map at its column.
      if (source[after] === ':' && (after + 1 >= lineEnd || isBlank(source[after + 1]) || source[after + 1] === '\r')) {
        open('map', tokenStart - lineStart, tokenStart);
        i = skipBlanks(source, after + 1, lineEnd);
        continue;
      }
      break;
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/** The end of a plain scalar starting at `i`: its first `: ` (or `:` at the end of the line), a ` #`, or the line's end. */
function plainEnd(source: string, i: number, lineEnd: number): number {
  for (let j = i; j < lineEnd; j++) {
    const ch = source[j];
    if (ch === ':' && (j + 1 >= lineEnd || isBlank(source[j + 1]) || source[j + 1] === '\r')) return j;
    if (ch === '#' && j > i && isBlank(source[j - 1])) return j;
  }
  return lineEnd;
}

function skipBlanks(source: string, i: number, end: number): number {
  while (i < end && isBlank(source[i])) i++;
  return i;
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * The `DUPLICATE_KEY` errors the library reports with `uniqueKeys: true` (same message and
 * position: the second key's start), found with one Set per map. Keys are equal when they
 * are scalars of the same value (the library's test; `1` and `"1"` differ).
 */
export function duplicateKeys(document: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          else seen.add(key.value);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** The library's errors with `duplicates` merged in by position, the library's order kept. */
function withDuplicateKeys(errors: readonly YAMLParseError[], duplicates: YAMLParseError[]): YAMLParseError[] {
  if (duplicates.length === 0) return [...errors];
  const merged: YAMLParseError[] = [];
  let d = 0;
  for (const error of errors) {
    while (d < duplicates.length && duplicates[d].pos[0] <= error.pos[0]) merged.push(duplicates[d++]);
    merged.push(error);
  }
  while (d < duplicates.length) merged.push(duplicates[d++]);
  return merged;
}

/**
 * The YAML parser knows only LF and CRLF line breaks; LSP (and our LineIndex) also count a
 * lone CR. Same length, so offsets stay valid.
 */
export function yamlView(source: string): string {
  // Most text has no CR at all: no regular expression pass over it then.
  return source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
}

/**
 * The errors with offsets into the post. After the first error the parser's later
 * complaints are mostly echoes of it (a stray `]` yields one per following token), so only
 * the first is kept, plus duplicate keys, which are independent of it.
 */
function yamlProblems(errors: readonly YAMLParseError[], source: string, base: number): YamlProblem[] {
  const kept = errors.filter((error, i) => i === 0 || error.code === 'DUPLICATE_KEY');
  return kept.map((error): YamlProblem => {
    let [start, end] = error.pos;
    const quote = error.code === 'MISSING_CHAR' ? /^Missing closing (["'])quote/.exec(error.message)?.[1] : undefined;
    const opener = quote === undefined ? undefined : unclosedQuoteOpener(yamlView(source), start);
    if (quote !== undefined && opener !== undefined) {
      const lineEnd = source.slice(opener).search(/\r?\n|\r/);
      let stop = lineEnd < 0 ? source.length : opener + lineEnd;
      while (stop > opener + 1 && (source[stop - 1] === ' ' || source[stop - 1] === '\t')) stop--;
      return {
        start: base + opener,
        end: base + Math.max(stop, opener + 1),
        message: `The quote ${quote} that opens this value is never closed, so the rest of the front matter is read as part of it: add a closing ${quote} where the value ends.`,
        unclosedQuote: { quote: quote as '"' | "'" },
      };
    }
    // An unterminated flow collection is reported where the parser gave up: point at its opener.
    if (/^Flow (sequence|map|collection)/.test(error.message) || error.code === 'MISSING_CHAR') {
      const opener = unclosedOpener(source, start);
      if (opener !== undefined) [start, end] = [opener, opener + 1];
    }
    if (end - start <= 1) {
      // A one-character span grows to its token (a whole key, a whole emoji).
      end = start + Math.max(1, tokenLength(source, start));
    }
    end = Math.min(end, source.length);
    if (end > start && isHighSurrogate(source.charCodeAt(end - 1))) end++;
    return { start: base + start, end: base + Math.max(end, start + (start < source.length ? 1 : 0)), message: error.message.split('\n')[0] };
  });
}

/**
 * The opening quote of the quoted scalar that runs to `at` (where the parser found no closing
 * quote), from the same library's CST: the last quoted token that starts before `at` and
 * reaches it. Only called for that error, once per parse.
 */
function unclosedQuoteOpener(view: string, at: number): number | undefined {
  let found: number | undefined;
  const consider = (token: CST.Token | undefined) => {
    if (!token || (token.type !== 'double-quoted-scalar' && token.type !== 'single-quoted-scalar')) return;
    if (token.offset < at && token.offset + token.source.length >= at && (found === undefined || token.offset > found)) found = token.offset;
  };
  for (const token of new Parser().parse(view)) {
    if (token.type !== 'document') continue;
    consider(token.value);
    CST.visit(token, (item) => {
      consider(item.key ?? undefined);
      consider(item.value);
    });
  }
  return found;
}

/** The offset of the last `[` or `{` before `at` that no bracket closes, if any. */
function unclosedOpener(source: string, at: number): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  let lineStart = 0;
  let lineHasText = false; // only text since the line's start, or since the last `:[{,-`, may be followed by an opening quote
  for (let i = 0; i < at && i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) {
        quote = undefined;
        lineHasText = true;
      }
      if (ch === '\n') lineStart = i + 1;
      continue;
    }
    if (ch === '\n') {
      lineStart = i + 1;
      lineHasText = false;
      continue;
    }
    if (ch === '#' && (i === lineStart || /\s/.test(source[i - 1]))) {
      while (i + 1 < at && source[i + 1] !== '\n') i++;
    } else if ((ch === '"' || ch === "'") && !lineHasText) {
      quote = ch; // only a quote that opens a scalar: `it's` in plain text is an apostrophe
    } else if (ch === '[' || ch === '{') {
      open.push(i);
    } else if (ch === ']' || ch === '}') {
      open.pop();
    }
    if (/[:[{,-]/.test(ch)) lineHasText = false;
    else if (!/\s/.test(ch) && !quote) lineHasText = true;
  }
  return open.pop();
}

const TOKEN = /[^\s:,[\]{}]+/y;

/** The length of the token (a key, a word, an emoji) at `start`; 0 on a space or indicator. */
function tokenLength(source: string, start: number): number {
  TOKEN.lastIndex = start;
  return TOKEN.exec(source)?.[0].length ?? 0;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

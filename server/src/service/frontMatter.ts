import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, YAMLMap } from 'yaml';

/** Aliases are never needed by a post; a document that expands more than this is an alias bomb. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlProblem {
  /** Offsets into the whole post text. */
  start: number;
  end: number;
  message: string;
}

export interface FrontMatter {
  /** 0-based line of the opening `---`. */
  openLine: number;
  /** 0-based line of the closing `---` (or `...`); undefined when the block is never closed. */
  closeLine: number | undefined;
  /** Offset of the first character of the YAML source (the line after the opening `---`). */
  sourceStart: number;
  /** The YAML source between the fences. */
  source: string;
  document: Document.Parsed;
  /** Syntax errors with offsets into the whole post; empty when the YAML is valid. */
  errors: YamlProblem[];
  /** The plain JavaScript value of the meta, or undefined when it could not be built. */
  value: unknown;
}

const FENCE = /^---[ \t]*$/;
const CLOSE_FENCE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Finds and parses the YAML front matter, which must open on the first line. The line
 * accessors come from the post's LineIndex so that CRLF and lone CR count as breaks.
 */
export function parseFrontMatter(text: string, lineStarts: (line: number) => number, lineText: (line: number) => string, lineCount: number): FrontMatter | undefined {
  if (lineCount === 0 || !FENCE.test(lineText(0))) return undefined;
  let closeLine: number | undefined;
  for (let line = 1; line < lineCount; line++) {
    if (CLOSE_FENCE.test(lineText(line))) {
      closeLine = line;
      break;
    }
  }
  const sourceStart = lineCount > 1 ? lineStarts(1) : text.length;
  const sourceEnd = closeLine === undefined ? text.length : lineStarts(closeLine);
  const source = text.slice(sourceStart, sourceEnd);
  // Without its closing line the front matter would swallow the body: report only that.
  if (closeLine === undefined) {
    return { openLine: 0, closeLine, sourceStart, source, document: parseDocument(''), errors: [], value: undefined };
  }
  const document = parseDocument(yamlView(source), {
    prettyErrors: false,
    uniqueKeys: true,
    // Problems are reported as diagnostics; nothing may go to the host's stderr.
    logLevel: 'error',
  });
  const errors = yamlProblems(document, source, sourceStart);
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const alias = firstAlias(document);
      errors.push({
        start: sourceStart + (alias?.range?.[0] ?? 0),
        end: sourceStart + (alias?.range?.[1] ?? source.length),
        message: `${(error as Error).message} (anchors and aliases are not needed in a post meta)`,
      });
    }
  }
  return { openLine: 0, closeLine, sourceStart, source, document, errors, value };
}

function firstAlias(document: Document): Node | undefined {
  let found: Node | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (isAlias(node)) {
      found = node;
      return;
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) visit(item);
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
    }
  };
  visit(document.contents);
  return found;
}

export type MetaPath = ReadonlyArray<string | number>;

/** The pair holding `path` in the YAML tree (path elements: map keys and sequence indexes). */
export function findPair(document: Document, path: MetaPath): Pair | undefined {
  let node: unknown = document.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[segment];
      pair = undefined;
      continue;
    }
    if (!isMap(node)) return undefined;
    pair = (node as YAMLMap).items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

/** The YAML node at `path`: a map value, or a sequence item. */
export function findNode(document: Document, path: MetaPath): Node | undefined {
  let node: unknown = document.contents;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[segment];
    } else {
      if (!isMap(node)) return undefined;
      const pair = (node as YAMLMap).items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return undefined;
      node = pair.value;
    }
  }
  return node as Node | undefined;
}

/**
 * Offsets in the post of a YAML node parsed from a slice starting at `base`: the value
 * only (no trailing comment), with trailing white space left out.
 */
export function nodeSpan(text: string, base: number, node: Node | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  const start = base + node.range[0];
  let end = base + node.range[1];
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

/**
 * The YAML parser knows only LF and CRLF line breaks; LSP (and our LineIndex) also count a
 * lone CR. Same length, so offsets stay valid.
 */
export function yamlView(source: string): string {
  return source.replace(/\r(?!\n)/g, '\n');
}

/**
 * The document's errors with offsets into the post. After the first error the parser's
 * later complaints are mostly echoes of it (a stray `]` yields one per following token),
 * so only the first is kept, plus duplicate keys, which are independent of it.
 */
export function yamlProblems(document: Document.Parsed, source: string, base: number): YamlProblem[] {
  const kept = document.errors.filter((error, i) => i === 0 || error.code === 'DUPLICATE_KEY');
  return kept.map((error) => {
    let [start, end] = error.pos;
    // An unterminated flow collection is reported where the parser gave up: point at its opener.
    if (/^Flow (sequence|map|collection)/.test(error.message) || error.code === 'MISSING_CHAR') {
      const opener = unclosedOpener(source, start);
      if (opener !== undefined) [start, end] = [opener, opener + 1];
    }
    if (end - start <= 1) {
      // A one-character span grows to its token (a whole key, a whole emoji).
      const token = /^[^\s:,[\]{}]+/.exec(source.slice(start));
      end = start + Math.max(1, token?.[0].length ?? 1);
    }
    end = Math.min(end, source.length);
    if (end > start && isHighSurrogate(source.charCodeAt(end - 1))) end++;
    return { start: base + start, end: base + Math.max(end, start + (start < source.length ? 1 : 0)), message: error.message.split('\n')[0] };
  });
}

/** The offset of the last `[` or `{` before `at` that no bracket closes, if any. */
function unclosedOpener(source: string, at: number): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < at && i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
      while (i < at && source[i] !== '\n') i++;
    } else if ((ch === '"' || ch === "'") && /(^|[:[{,-])\s*$/.test(source.slice(source.lastIndexOf('\n', i - 1) + 1, i))) {
      quote = ch; // only a quote that opens a scalar: `it's` in plain text is an apostrophe
    }
    else if (ch === '[' || ch === '{') open.push(i);
    else if (ch === ']' || ch === '}') open.pop();
  }
  return open.pop();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

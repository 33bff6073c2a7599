import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, YAMLMap } from 'yaml';
import type { MetaNode } from './metaTree';
import { parseYaml, YamlProblem } from './yamlParse';

export { MAX_ALIAS_COUNT, yamlView } from './yamlParse';
export type { YamlProblem } from './yamlParse';

export interface FrontMatter {
  /** 0-based line of the opening `---`. */
  openLine: number;
  /** 0-based line of the closing `---` (or `...`); undefined when the block is never closed. */
  closeLine: number | undefined;
  /** Offset of the first character of the YAML source (the line after the opening `---`). */
  sourceStart: number;
  /** The YAML source between the fences. */
  source: string;
  /** The meta's range-indexed tree (model/metaTree.ts): what every feature reads. */
  tree: MetaNode | undefined;
  /** The yaml library's Document, composed on first use (edits that rewrite YAML). */
  readonly document: Document.Parsed;
  /** Syntax errors with offsets into the whole post; empty when the YAML is valid. */
  errors: YamlProblem[];
  /** The plain JavaScript value of the meta, or undefined when it could not be built. */
  value: unknown;
}

const FENCE = /^---[ \t]*$/;
const CLOSE_FENCE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Where the front matter is, without parsing it: undefined when the post has none (its first
 * line is no `---`), else its closing line (undefined when it is never closed).
 */
export function locateFrontMatter(lineText: (line: number) => string, lineCount: number): { closeLine: number | undefined } | undefined {
  if (lineCount === 0 || !FENCE.test(lineText(0))) return undefined;
  for (let line = 1; line < lineCount; line++) {
    if (CLOSE_FENCE.test(lineText(line))) return { closeLine: line };
  }
  return { closeLine: undefined };
}

/**
 * Finds and parses the YAML front matter, which must open on the first line. The line
 * accessors come from the post's LineIndex so that CRLF and lone CR count as breaks.
 */
export function parseFrontMatter(text: string, lineStarts: (line: number) => number, lineText: (line: number) => string, lineCount: number, located = locateFrontMatter(lineText, lineCount)): FrontMatter | undefined {
  if (located === undefined) return undefined;
  const { closeLine } = located;
  const sourceStart = lineCount > 1 ? lineStarts(1) : text.length;
  const sourceEnd = closeLine === undefined ? text.length : lineStarts(closeLine);
  const source = text.slice(sourceStart, sourceEnd);
  // Without its closing line the front matter would swallow the body: report only that.
  if (closeLine === undefined) {
    return { openLine: 0, closeLine, sourceStart, source, tree: undefined, document: parseDocument(''), errors: [], value: undefined };
  }
  const parsed = parseYaml(source, sourceStart);
  const errors = parsed.errors;
  if (parsed.valueError !== undefined) {
    const alias = firstAlias(parsed.document);
    errors.push({
      start: sourceStart + (alias?.range?.[0] ?? 0),
      end: sourceStart + (alias?.range?.[1] ?? source.length),
      message: `${parsed.valueError} (anchors and aliases are not needed in a post meta)`,
    });
  }
  return {
    openLine: 0,
    closeLine,
    sourceStart,
    source,
    tree: parsed.tree,
    errors,
    value: parsed.value,
    get document() {
      return parsed.document;
    },
  };
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
    pair = pairOf(node as YAMLMap, segment);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

/** Each parsed map's pairs by key (the first of duplicates, as a scan would find), built on first lookup. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * The pair of `map` whose scalar key is `key`. Rules, fixes and hover look keys up all the
 * time; with an index per map that is O(1) instead of a scan, so a meta of 100,000 keys
 * stays linear. Parsed documents are never mutated, so the index stays valid.
 */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value);
      if (!index.has(name)) index.set(name, item as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
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
      const pair = pairOf(node as YAMLMap, segment);
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

import { knownKeys } from '../model/schema';
import { keyOf, labelOf, META_ITEM, META_NESTED_ITEM } from './format';
import { FieldShape, metaShapes, ValueType } from './metaShape';
import type { ImportWarning, KeptLine } from './types';

/**
 * The meta box of an export → the post meta. Labels are glued to their values
 * (`reading time7`), so a line is split after the longest known label it starts with;
 * nested values follow as `  • key: value` (maps, plain lists) or `    • key: value`
 * (lists of maps, a new item whenever a key comes again). Maps keep the box's order and
 * are `Map`s so that any label, even `__proto__`, stays plain data.
 */
export type MetaMap = Map<string, unknown>;

export interface MetaImport {
  meta: MetaMap;
  kept: KeptLine[];
  warnings: ImportWarning[];
}

type Container =
  | { kind: 'list'; key: string; items: unknown[] }
  | { kind: 'map'; key: string; map: MetaMap; fields: Record<string, ValueType> | undefined }
  | { kind: 'mapList'; key: string; items: MetaMap[]; fields: Record<string, ValueType> | undefined };

/** What the import knows of the meta keys, made on the first import (from the schema, like metaShapes). */
let vocabulary: { labels: string[]; stringLists: Set<string> } | undefined;

function importVocabulary(): { labels: string[]; stringLists: Set<string> } {
  vocabulary ??= {
    // Known labels, longest first, so `stack` never wins over a longer label it prefixes.
    labels: knownKeys()[''].map(labelOf).sort((a, b) => b.length - a.length),
    // Known plain lists hold strings whatever they look like (`tools: ["42"]` stays a string).
    stringLists: new Set(Object.entries(metaShapes()).filter(([, shape]) => shape.kind === 'list').map(([key]) => key)),
  };
  return vocabulary;
}

/** Parses lines `from` … `to` (0-based, `to` exclusive) of the export. */
export function importMeta(lines: readonly string[], from: number, to: number): MetaImport {
  const shapes = metaShapes();
  const result: MetaImport = { meta: new Map(), kept: [], warnings: [] };
  const keep = (index: number, why: string) => {
    result.kept.push({ line: index + 1, text: lines[index] });
    result.warnings.push({ line: index + 1, message: `${why}; kept as a comment in the front matter` });
  };
  const itemFollows = (index: number) => {
    for (let next = index + 1; next < to; next++) {
      if (lines[next].trim() === '') continue;
      return META_ITEM.test(lines[next]) || META_NESTED_ITEM.test(lines[next]);
    }
    return false;
  };

  let container: Container | undefined;
  for (let i = from; i < to; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const nested = META_NESTED_ITEM.exec(text);
    const item = nested ? undefined : META_ITEM.exec(text);
    if (nested || item) {
      if (!container) keep(i, `list item ${JSON.stringify(text.trim())} belongs to no meta label`);
      else addItem(container, nested ? 'nested' : 'item', (nested ?? item)![1], i, keep, result.warnings);
      continue;
    }
    container = undefined;
    if (/^\s/.test(text)) {
      keep(i, `indented line ${JSON.stringify(text.trim())} is not a \`  • \` item`);
      continue;
    }
    const label = importVocabulary().labels.find((candidate) => text.startsWith(candidate));
    if (label !== undefined) {
      const key = keyOf(label);
      const shape = shapes[key];
      const rest = text.slice(label.length);
      if (shape.kind === 'scalar' && !(rest === '' && itemFollows(i))) {
        if (result.meta.has(key)) keep(i, `second \`${label}\` entry`);
        else result.meta.set(key, typed(rest, shape.type));
        continue;
      }
      if (rest === '') {
        // A list or map label (an empty one is the bare label), or a scalar label with items under it.
        if (result.meta.has(key)) keep(i, `second \`${label}\` entry`);
        else container = open(result.meta, key, shape);
        continue;
      }
      // A list or map label with text glued to it: some other label that starts like it.
    }
    if (itemFollows(i)) {
      const unknownKey = keyOf(text);
      if (result.meta.has(unknownKey)) {
        keep(i, `second \`${text.trim()}\` entry`);
        continue;
      }
      result.warnings.push({ line: i + 1, message: `unknown meta label ${JSON.stringify(text.trim())}: imported as \`${unknownKey}\`` });
      container = open(result.meta, unknownKey, firstItemShape(lines[nextNonBlank(lines, i, to)]));
      continue;
    }
    keep(i, `${JSON.stringify(text)} is not a known meta label with its value`);
  }
  return result;
}

function nextNonBlank(lines: readonly string[], index: number, to: number): number {
  let next = index + 1;
  while (next < to && lines[next].trim() === '') next++;
  return next;
}

/** For an unknown label, the first item tells the shape: 4-space items are maps in a list, `key: value` a map. */
function firstItemShape(line: string): FieldShape {
  if (META_NESTED_ITEM.test(line)) return { kind: 'mapList', fields: {} };
  return splitEntry(META_ITEM.exec(line)?.[1] ?? '') ? { kind: 'map', fields: {} } : { kind: 'list' };
}

function open(meta: MetaMap, key: string, shape: FieldShape): Container {
  // A scalar label with items under it renders a list: import what is there, the schema rules judge it.
  const kind = shape.kind === 'scalar' ? 'list' : shape.kind;
  const fields = shape.kind === 'map' || shape.kind === 'mapList' ? shape.fields : undefined;
  // Unknown labels learn nothing from the schema: no field list to warn against.
  const known = fields && Object.keys(fields).length > 0 ? fields : undefined;
  if (kind === 'list') {
    const items: unknown[] = [];
    meta.set(key, items);
    return { kind, key, items };
  }
  if (kind === 'map') {
    const map: MetaMap = new Map();
    meta.set(key, map);
    return { kind, key, map, fields: known };
  }
  const items: MetaMap[] = [];
  meta.set(key, items);
  return { kind, key, items, fields: known };
}

function addItem(container: Container, style: 'item' | 'nested', content: string, index: number, keep: (index: number, why: string) => void, warnings: ImportWarning[]): void {
  const label = labelOf(container.key);
  if (container.kind === 'list') {
    if (style === 'nested') keep(index, `\`${label}\` is a list of \`  • \` items, not \`    • \` ones`);
    else container.items.push(importVocabulary().stringLists.has(container.key) ? content : typed(content, undefined));
    return;
  }
  const expected = container.kind === 'map' ? 'item' : 'nested';
  const entry = splitEntry(content);
  if (style !== expected || !entry) {
    const form = container.kind === 'map' ? '`  • key: value` items' : '`    • key: value` items';
    keep(index, `${JSON.stringify(content)} does not fit \`${label}\` (${form})`);
    return;
  }
  const subKey = keyOf(entry.label);
  if (container.fields && !(subKey in container.fields)) {
    warnings.push({ line: index + 1, message: `unknown label ${JSON.stringify(entry.label)} in \`${label}\`: imported as \`${container.key}.${subKey}\`` });
  }
  const value = typed(entry.value, container.fields?.[subKey]);
  if (container.kind === 'map') {
    if (container.map.has(subKey)) keep(index, `second \`${entry.label}\` in \`${label}\``);
    else container.map.set(subKey, value);
    return;
  }
  // A key seen again starts the next item: `name` … `type`, `name` … `type`.
  let current = container.items[container.items.length - 1];
  if (!current || current.has(subKey)) {
    current = new Map();
    container.items.push(current);
  }
  current.set(subKey, value);
}

/** `last reviewed: 2017-10-25` → label and value; undefined for an item that is not a `key: value`. */
function splitEntry(content: string): { label: string; value: string } | undefined {
  const at = content.indexOf(': ');
  if (at > 0) return { label: content.slice(0, at), value: content.slice(at + 2) };
  if (content.endsWith(':') && content.length > 1) return { label: content.slice(0, -1), value: '' };
  return undefined;
}

/**
 * The export prints every value as text. Integer fields become numbers; unknown fields do
 * too when they look like one. Only exact integers convert (`007` stays text: never lose
 * a character); everything else stays a string, and the YAML writer quotes it if needed.
 */
function typed(text: string, type: ValueType | undefined): unknown {
  if (type === 'string' || !/^-?\d{1,15}$/.test(text)) return text;
  const number = Number(text);
  return String(number) === text ? number : text;
}

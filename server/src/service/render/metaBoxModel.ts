import { labelOf } from '../export/format';
import { knownKeys } from '../model/schema';

/**
 * The meta box as a model: which entries it shows, in which order, under which labels, with
 * which values as text. One model for every renderer of the box: the export's text lines
 * (export/renderMeta.ts), the page preview's box (render/pageHtml.ts) and the order and
 * labels of the meta box preview (render/metaBoxHtml.ts), so they cannot drift apart.
 *
 * Keys come in the box's order (spec §2, knownKeys()), unknown ones after them in the file's
 * order; an absent key is not shown (the box omits `image sources` for posts without images).
 */
export interface MetaBoxField {
  key: string;
  label: string;
  /** The value as one line of text: the box has no multi-line values. */
  text: string;
}

export type MetaBoxItem = { kind: 'text'; text: string } | { kind: 'map'; fields: MetaBoxField[] };

export type MetaBoxEntry =
  | { kind: 'value'; key: string; label: string; text: string }
  | { kind: 'map'; key: string; label: string; fields: MetaBoxField[] }
  | { kind: 'list'; key: string; label: string; items: MetaBoxItem[] };

export function metaBoxModel(meta: Record<string, unknown> | undefined): MetaBoxEntry[] {
  if (!meta) return [];
  const entries: MetaBoxEntry[] = [];
  for (const key of boxOrder(meta, knownKeys()[''])) {
    const value = meta[key];
    if (value === undefined) continue;
    const label = labelOf(key);
    if (Array.isArray(value)) {
      const items = value.map((item): MetaBoxItem => (isMap(item) ? { kind: 'map', fields: fieldsOf(item, knownKeys()[`${key}[]`]) } : { kind: 'text', text: metaText(item) }));
      entries.push({ kind: 'list', key, label, items });
    } else if (isMap(value)) {
      entries.push({ kind: 'map', key, label, fields: fieldsOf(value, knownKeys()[key]) });
    } else {
      entries.push({ kind: 'value', key, label, text: metaText(value) });
    }
  }
  return entries;
}

/** The object's keys in the box's order: the known ones in their order, then the others in the file's order. */
export function boxOrder(object: Record<string, unknown>, known: readonly string[] | undefined): string[] {
  return orderKeys(Object.keys(object), known);
}

/** `keys` in the box's order: the known ones in their order, then the others as they come. */
export function orderKeys(keys: readonly string[], known: readonly string[] | undefined): string[] {
  const first = (known ?? []).filter((key) => keys.includes(key));
  return [...first, ...keys.filter((key) => !first.includes(key))];
}

/** The label the box shows for a meta key: `reading_time` → `reading time`. */
export const boxLabel = labelOf;

function fieldsOf(map: Record<string, unknown>, known: readonly string[] | undefined): MetaBoxField[] {
  return boxOrder(map, known).map((key) => ({ key, label: labelOf(key), text: metaText(map[key]) }));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as one line of text: the box has no multi-line values. */
function metaText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\r\n|\r|\n/g, ' ');
}

import { KNOWN_KEYS } from '../model/schema';
import { labelOf } from './format';

/**
 * The lines of the `alphanode post meta` box, without its title: each key's label glued
 * to its value (`reading time7`); a map as `  • key: value` lines; a plain list as
 * `  • item`; a list of maps as `    • key: value` lines, item after item. Keys come in
 * the box's order (spec §2, KNOWN_KEYS), unknown ones after them in the file's order.
 * An absent key is not printed (the box omits `image sources` for posts without images).
 */
export function renderMetaBox(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const lines: string[] = [];
  for (const key of ordered(meta, KNOWN_KEYS[''])) {
    const value = meta[key];
    if (value === undefined) continue;
    const label = labelOf(key);
    if (Array.isArray(value)) {
      lines.push(label);
      for (const item of value) {
        if (isMap(item)) for (const field of ordered(item, KNOWN_KEYS[`${key}[]`])) lines.push(`    • ${labelOf(field)}: ${text(item[field])}`);
        else lines.push(`  • ${text(item)}`);
      }
    } else if (isMap(value)) {
      lines.push(label);
      for (const field of ordered(value, KNOWN_KEYS[key])) lines.push(`  • ${labelOf(field)}: ${text(value[field])}`);
    } else {
      lines.push(`${label}${text(value)}`);
    }
  }
  return lines;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object's keys: the known ones in their order, then the others in the file's order. */
function ordered(object: Record<string, unknown>, known: readonly string[] | undefined): string[] {
  const keys = Object.keys(object);
  const first = (known ?? []).filter((key) => keys.includes(key));
  return [...first, ...keys.filter((key) => !first.includes(key))];
}

/** A value as one line of text: the box has no multi-line values. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\r\n|\r|\n/g, ' ');
}

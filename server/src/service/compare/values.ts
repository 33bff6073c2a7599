import { align, gaps } from './align';

export type ValuePath = Array<string | number>;

/** One difference between two YAML values: at `path`, `old` and/or `new` (absent on the side that lacks it). */
export interface ValueChange {
  kind: 'added' | 'removed' | 'changed';
  path: ValuePath;
  old?: unknown;
  new?: unknown;
}

/**
 * The differences between two plain YAML values (toJS output): maps key by key (nested
 * maps by path), lists item by item, lined up by equal items so that one inserted tag is
 * one `added`, not a shift of every later tag. Unmatched items between two matches are
 * paired as `changed` (recursively, so a changed field of a list's map reads
 * `entities[1].name`); the surplus is added or removed. Key order in a map is not a change.
 */
export function diffValues(oldValue: unknown, newValue: unknown, path: ValuePath = [], out: ValueChange[] = []): ValueChange[] {
  if (isMap(oldValue) && isMap(newValue)) {
    for (const key of Object.keys(newValue)) {
      if (Object.hasOwn(oldValue, key)) diffValues(oldValue[key], newValue[key], [...path, key], out);
      else out.push({ kind: 'added', path: [...path, key], new: newValue[key] });
    }
    for (const key of Object.keys(oldValue)) {
      if (!Object.hasOwn(newValue, key)) out.push({ kind: 'removed', path: [...path, key], old: oldValue[key] });
    }
    return out;
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue)) {
    const steps = align(oldValue.map(valueKey), newValue.map(valueKey));
    for (const gap of gaps(steps).gaps) {
      const paired = Math.min(gap.removed.length, gap.added.length);
      for (let i = 0; i < paired; i++) diffValues(oldValue[gap.removed[i]], newValue[gap.added[i]], [...path, gap.added[i]], out);
      for (const index of gap.removed.slice(paired)) out.push({ kind: 'removed', path: [...path, index], old: oldValue[index] });
      for (const index of gap.added.slice(paired)) out.push({ kind: 'added', path: [...path, index], new: newValue[index] });
    }
    return out;
  }
  if (valueKey(oldValue) !== valueKey(newValue)) out.push({ kind: 'changed', path, old: oldValue, new: newValue });
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A text equal for equal values: map keys sorted (their order is no change), types kept apart (`1` is not `"1"`). */
export function valueKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (value instanceof Date) return `date:${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()}`;
  if (isMap(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${valueKey(value[key])}`).join(',')}}`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `score.difficulty`, `tags[2]`, `entities[0].name`; a key that is not a plain word in JSON quotes: `rollback["Deploy it"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

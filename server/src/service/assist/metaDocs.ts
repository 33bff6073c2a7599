import { globalRegistry, type ZodMiniType } from 'zod/mini';
import type { MetaPath } from '../model/frontMatter';
import { metaSchemaFor } from '../model/schema';
import type { Template } from '../workspace/template';

/**
 * Reads the post meta schema (schema.ts) as documentation: which keys a map has, what
 * each key means (its `z.describe()` text), and what kind of value it holds. Completion
 * and hover use it, so the docs live in one place, the schema.
 */
type Schema = ZodMiniType;

interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  in?: Schema;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function defOf(schema: Schema): Def {
  return (schema as unknown as { def: Def }).def;
}

/** The schema with optional/nullable/default wrappers taken off. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

export type SchemaKind = 'map' | 'list' | 'scalar';

export function schemaKind(schema: Schema): SchemaKind {
  const type = defOf(unwrap(schema)).type;
  return type === 'object' ? 'map' : type === 'array' ? 'list' : 'scalar';
}

/**
 * The schema of the value at `path` (map keys and list indexes), as declared (wrappers
 * kept, so its description is there), or undefined for a key the format doesn't know.
 */
export function schemaAt(template: Template, today: string, path: MetaPath): Schema | undefined {
  let current: Schema = metaSchemaFor(template, today) as unknown as Schema;
  for (const segment of path) {
    const def = defOf(unwrap(current));
    if (typeof segment === 'number') {
      if (def.type !== 'array' || !def.element) return undefined;
      current = def.element;
    } else {
      if (def.type !== 'object' || !def.shape || !Object.prototype.hasOwnProperty.call(def.shape, segment)) return undefined;
      current = def.shape[segment];
    }
  }
  return current;
}

/** The keys of the map at `path`, in the schema's (and the spec's) order; [] when it is not a map. */
export function mapKeys(template: Template, today: string, path: MetaPath): Array<{ key: string; schema: Schema }> {
  const schema = schemaAt(template, today, path);
  const def = schema && defOf(unwrap(schema));
  if (!def || def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).map(([key, child]) => ({ key, schema: child }));
}

/** A list's item schema. */
export function elementOf(schema: Schema): Schema | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'array' ? def.element : undefined;
}

/**
 * The documentation of the value at `path`: its own description, or for a list item
 * without one, the list's.
 */
export function describeAt(template: Template, today: string, path: MetaPath): string | undefined {
  for (let length = path.length; length > 0; length--) {
    const schema = schemaAt(template, today, path.slice(0, length));
    const description = schema && descriptionOf(schema);
    if (description) return description;
    if (typeof path[length - 1] !== 'number') return undefined;
  }
  return undefined;
}

/** A schema's `z.describe()` text (zod keeps it in its global registry). */
export function descriptionOf(schema: Schema): string | undefined {
  return globalRegistry.get(schema)?.description;
}

/** A short type label for completion details: `text`, `integer`, `0 or 1`, `map`, `list`. */
export function typeLabel(schema: Schema): string {
  const inner = unwrap(schema);
  const type = defOf(inner).type;
  const optional = defOf(schema).type === 'optional' ? ' (optional)' : '';
  switch (type) {
    case 'object': return `map${optional}`;
    case 'array': return `list${optional}`;
    case 'number': case 'int': return `integer${optional}`;
    case 'union': return `0 or 1${optional}`;
    case 'string': return `text${optional}`;
    default: return `${type}${optional}`;
  }
}

/** `payload.paragraphs`, `entities[].type`: a path with list indexes left out, for lookups by shape. */
export function shapeKey(path: MetaPath): string {
  let key = '';
  for (const segment of path) key += typeof segment === 'number' ? '[]' : key === '' ? segment : `.${segment}`;
  return key;
}

/** The keys of a rollback note (spec §4), documented here: a note has no zod schema. */
export const ROLLBACK_KEYS: ReadonlyArray<{ key: string; type: string; doc: string }> = [
  { key: 'owner', type: 'text', doc: 'Who owns the change and its rollback (required, non-empty).' },
  { key: 'expected_result', type: 'text', doc: 'What the change should achieve, in words a reviewer can check afterwards (required, non-empty).' },
  { key: 'rollback', type: 'text', doc: 'How to undo the change: the commands, usually as a block (`rollback: |`) (required, non-empty).' },
  { key: 'rehearsed', type: 'date (optional)', doc: 'The day the rollback was tried on staging, `YYYY-MM-DD`, not in the future (optional).' },
];

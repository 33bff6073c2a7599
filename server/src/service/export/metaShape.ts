import * as z from 'zod/mini';
import { createMetaSchema, knownKeys } from '../model/schema';
import { DEFAULT_TEMPLATE } from '../workspace/template';

/**
 * The shape of each meta key (scalar, list, map, list of maps) and which values are
 * integers, read from the zod schema of schema.ts: the export prints `reading time7` and
 * `seed: 38568` as text, and only the schema knows that those are numbers while
 * `version: 1.9.2` and `last reviewed: 2017-10-25` stay strings.
 */
export type ValueType = 'integer' | 'string';

export type FieldShape =
  | { kind: 'scalar'; type: ValueType }
  | { kind: 'list' }
  | { kind: 'map'; fields: Record<string, ValueType> }
  | { kind: 'mapList'; fields: Record<string, ValueType> };

let cached: Record<string, FieldShape> | undefined;

/** Shapes of the top-level keys. Template values only narrow enums, so one table serves every template. */
export function metaShapes(): Record<string, FieldShape> {
  if (cached) return cached;
  // The day only matters to date checks, which do not change the shape.
  const shape = createMetaSchema(DEFAULT_TEMPLATE, '9999-12-31').shape as Record<string, z.ZodMiniType>;
  const shapes: Record<string, FieldShape> = {};
  for (const key of knownKeys()['']) {
    const field = unwrap(shape[key]);
    if (field instanceof z.ZodMiniArray) {
      const element = unwrap(field.def.element as z.ZodMiniType);
      shapes[key] = element instanceof z.ZodMiniObject ? { kind: 'mapList', fields: fieldTypes(element) } : { kind: 'list' };
    } else if (field instanceof z.ZodMiniObject) {
      shapes[key] = { kind: 'map', fields: fieldTypes(field) };
    } else {
      shapes[key] = { kind: 'scalar', type: valueType(field) };
    }
  }
  cached = shapes;
  return shapes;
}

function fieldTypes(object: z.ZodMiniObject): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodMiniType>)) types[key] = valueType(unwrap(field));
  return types;
}

function unwrap(field: z.ZodMiniType | undefined): z.ZodMiniType | undefined {
  return field instanceof z.ZodMiniOptional ? unwrap(field.def.innerType as z.ZodMiniType) : field;
}

/** Numbers in the meta are all integers (counts, scores, 0/1 flags, seeds). */
function valueType(field: z.ZodMiniType | undefined): ValueType {
  if (field instanceof z.ZodMiniNumber) return 'integer';
  if (field instanceof z.ZodMiniLiteral) return field.def.values.every((value) => typeof value === 'number') ? 'integer' : 'string';
  if (field instanceof z.ZodMiniUnion) return (field.def.options as z.ZodMiniType[]).every((option) => valueType(option) === 'integer') ? 'integer' : 'string';
  return 'string';
}

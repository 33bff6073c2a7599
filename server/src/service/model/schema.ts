import * as z from 'zod/mini';
import { pastDateProblem } from './dates';
import { listValues } from './messages';
import { fieldProblems } from './teamFields';
import './zodLocale';
import { DEFAULT_TEMPLATE, FieldSpec, Template } from '../workspace/template';

/**
 * The post meta (spec §2) as a zod schema. Every field carries its documentation in
 * `z.describe()`: hover and completion read it from here, so the docs live in one place.
 * Cross-field agreements (topic, flags, seed, checklist…) are rules of their own, not
 * schema refinements, so each keeps its own id and range.
 */
const text = () => z.string().check(z.refine((value) => value.trim().length > 0, { message: 'expected non-empty text' }));
const textList = () => z.array(z.string());
const int = () => z.number().check(z.int());
const score = () => int().check(z.minimum(0, { message: 'expected 0 to 100' }), z.maximum(100, { message: 'expected 0 to 100' }));
const flag = () => z.union([z.literal(0), z.literal(1)], { error: 'expected 0 or 1' });
const pattern = (regex: RegExp, expected: string) => z.string().check(z.regex(regex, { message: `expected ${expected}` }));
const oneOf = (allowed: string[]) => {
  // A Set and a short list: a team's list may hold thousands of values.
  const set = new Set(allowed);
  return z.string().check(z.refine((value) => set.has(value), { message: `expected one of ${listValues(allowed)}` }));
};
/** A string from the team's list; an empty list allows any (spec §5 `values.stack`/`values.tools`). */
const allowedOrAny = (allowed: string[]) => (allowed.length === 0 ? z.string() : oneOf(allowed));
const pastDate = (today: string) =>
  z.string().check(
    z.superRefine((value, ctx) => {
      const problem = pastDateProblem(value, today);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
const httpsUrl = () =>
  z.string().check(
    z.refine((value) => {
      if (!/^https:\/\/\S+$/.test(value)) return false;
      try {
        return new URL(value).protocol === 'https:';
      } catch {
        return false;
      }
    }, { message: 'expected an https:// URL' }),
  );

export function createMetaSchema(template: Template, today: string) {
  const { values } = template;
  return z.looseObject({
    topic: text().check(z.describe('The post topic, exactly `<ai_outline.problem> / <ai_outline.stack>`.')),
    summary: text().check(z.describe('One-paragraph summary shown in listings; should mention the problem and the stack.')),
    ai_outline: z
      .looseObject({
        context: text().check(z.describe('When the change happens (equals `payload.scenario`).')),
        problem: text().check(z.describe('The problem the post solves; part of the topic and the title.')),
        stack: text().check(z.describe('The main stack; part of the topic and listed first in `stack`.')),
        recommended_action: text().check(z.describe('The action the post recommends.')),
      })
      .check(z.describe('The outline the post was drafted from: context, problem, stack and recommended action.')),
    ai_brief: text().check(z.describe('How the article is written, in one sentence or two.')),
    stack: z.array(allowedOrAny(values.stack)).check(z.minLength(1, { message: 'expected at least one stack' }), z.describe('Stacks the post applies to; unique, and it contains `ai_outline.stack`.')),
    tools: z.array(allowedOrAny(values.tools)).check(z.describe('Tools the post uses; unique.')),
    code_language: text().check(z.describe('The language tag every fenced code block of the body uses.')),
    difficulty: oneOf(values.difficulty).check(z.describe(`How hard the change is: ${values.difficulty.join(', ')}.`)),
    reading_time: int().check(z.minimum(1, { message: 'expected at least 1 minute' }), z.maximum(120, { message: 'expected at most 120 minutes' }), z.describe('Reading time in whole minutes, 1 to 120.')),
    view_count: int().check(z.minimum(0, { message: 'expected 0 or more' }), z.describe('How often the post was viewed; an integer ≥ 0.')),
    score: z
      .looseObject({
        quality: score().check(z.describe('Quality score, 0 to 100.')),
        freshness: score().check(z.describe('Freshness score, 0 to 100.')),
        depth: score().check(z.describe('Depth score, 0 to 100.')),
        clarity: score().check(z.describe('Clarity score, 0 to 100.')),
      })
      .check(z.describe('Editorial scores, each an integer 0 to 100.')),
    revision: z
      .looseObject({
        status: oneOf(values.status).check(z.describe(`Where the post is in review: ${values.status.join(', ')}.`)),
        version: pattern(/^\d+\.\d+\.\d+$/, 'a semantic version x.y.z').check(z.describe('Semantic version of the post, `x.y.z`, as a quoted string.')),
        last_reviewed: pastDate(today).check(z.describe('The day the post was last reviewed, `YYYY-MM-DD`, not in the future.')),
      })
      .check(z.describe('Review state: status, version and the last review date.')),
    reference: pattern(/^anp-ref-\d{6}-\d{4}$/, 'anp-ref-NNNNNN-NNNN').check(z.describe('Site reference `anp-ref-NNNNNN-NNNN`; the six digits are `payload.seed` zero-padded.')),
    hash: pattern(/^[0-9a-f]{24}$/, '24 lowercase hex digits').check(z.describe('Content hash: 24 lowercase hex digits (quote it in YAML).')),
    flags: z
      .looseObject({
        ai_generated_style: flag().check(z.describe('1 when the post is written in the AI-generated style.')),
        has_images: flag().check(z.describe('1 exactly when `image_sources` is non-empty.')),
        image_heavy: flag().check(z.describe('1 for image-heavy posts; needs `has_images: 1`.')),
        needs_human_review: flag().check(z.describe('1 when a person must review the post before indexing.')),
      })
      .check(z.describe('On/off flags, each 0 or 1.')),
    checklist: textList().check(z.describe("The implementation checklist; equal, in order, to the items of the body's `implementation checklist`.")),
    entities: z
      .array(
        z.looseObject({
          name: text().check(z.describe('The entity name.')),
          type: oneOf(values.entity_type).check(z.describe(`The entity type: ${values.entity_type.join(', ')}.`)),
        }),
      )
      .check(z.describe('Named entities; includes a `stack` entity for `ai_outline.stack` and a `problem` entity for `ai_outline.problem`.')),
    image_sources: z
      .optional(
        z.array(
          z.looseObject({
            source: text().check(z.describe('Where the image comes from (shown as "image source").')),
            url: httpsUrl().check(z.describe('The image URL (https).')),
            caption: text().check(z.describe('The caption: the alt text of the body image with this URL.')),
          }),
        ),
      )
      .check(z.describe('Sources of the body images (optional); one entry per `![caption](url)` image of the body.')),
    payload: z
      .looseObject({
        source_id: pattern(/^alphanode-\d{6}$/, 'alphanode-NNNNNN').check(z.describe('`alphanode-` and `payload.seed` zero-padded to six digits.')),
        generator: text().check(z.describe('What produced the post.')),
        paragraphs: int().check(z.minimum(0, { message: 'expected 0 or more' }), z.describe('The number of prose paragraphs of the intro and every section except `final notes`.')),
        scenario: text().check(z.describe('The scenario; equals `ai_outline.context` and is mentioned in the intro.')),
        seed: int().check(z.minimum(0, { message: 'expected 0 or more' }), z.describe('The generator seed; `reference` and `source_id` derive from it.')),
      })
      .check(z.describe('Generator payload: source id, generator, paragraph count, scenario and seed.')),
    notes: z.optional(textList()).check(z.describe('Free-form notes; each a string.')),
    ...teamFieldsShape(template.fields),
  });
}

/**
 * The team's own fields (template `fields`), after the built-in keys. Each reports its
 * problems itself (teamFields.ts): the messages keep the built-in style and a list item's
 * problem gets the item's path. The template parser refuses names of built-in keys.
 */
function teamFieldsShape(fields: Record<string, FieldSpec>): Record<string, z.ZodMiniType> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => {
      const checked = z.unknown().check(
        z.superRefine((value, ctx) => {
          for (const problem of fieldProblems(spec, value)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
        }),
      );
      // An optional field may be left out; a required one reports `required` (meta-required words it).
      return [name, (spec.required ? checked : z.optional(checked)).check(z.describe(teamFieldDoc(spec)))];
    }),
  );
}

/** The hover and completion text of a team field: its description, then its type and constraints. */
export function teamFieldDoc(spec: FieldSpec): string {
  const facts = [spec.required ? `required ${spec.type}` : spec.type];
  if (spec.enum) facts.push(`one of ${listValues(spec.enum.map(String))}`);
  if (spec.pattern !== undefined) facts.push(`matching \`/${spec.pattern}/\``);
  if (spec.min !== undefined) facts.push(`${spec.type === 'list' ? 'items ' : ''}≥ ${spec.min}`);
  if (spec.max !== undefined) facts.push(`${spec.type === 'list' ? 'items ' : ''}≤ ${spec.max}`);
  return `${spec.description ? `${spec.description} ` : ''}(team field: ${facts.join(', ')})`;
}

let knownKeysCache: Record<string, string[]> | undefined;

/**
 * The keys of every map in the post meta, by map path (`''` top level, `entities[]` items),
 * read off the schema's shape so the key lists live in one place. Built on first use: a
 * whole schema costs a few milliseconds of every start, and a warm `check --cache` needs none.
 */
export function knownKeys(): Readonly<Record<string, readonly string[]>> {
  knownKeysCache ??= collectKeys(createMetaSchema(DEFAULT_TEMPLATE, '9999-12-31'));
  return knownKeysCache;
}

function collectKeys(root: z.ZodMiniType): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  const visit = (schema: z.ZodMiniType, path: string) => {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodMiniObject) {
      keys[path] = Object.keys(inner.shape);
      for (const [key, child] of Object.entries(inner.shape)) visit(child as z.ZodMiniType, path ? `${path}.${key}` : key);
    } else if (inner instanceof z.ZodMiniArray) {
      visit(inner.def.element as z.ZodMiniType, `${path}[]`);
    }
  };
  visit(root, '');
  return keys;
}

function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  return schema instanceof z.ZodMiniOptional ? unwrap(schema.def.innerType as z.ZodMiniType) : schema;
}

type MetaSchema = ReturnType<typeof createMetaSchema>;
const schemaCache = new WeakMap<Template, { today: string; schema: MetaSchema }>();

/** The schema for a template and day, built once: validation runs on every keystroke. */
export function metaSchemaFor(template: Template, today: string): MetaSchema {
  const cached = schemaCache.get(template);
  if (cached?.today === today) return cached.schema;
  const schema = createMetaSchema(template, today);
  schemaCache.set(template, { today, schema });
  return schema;
}

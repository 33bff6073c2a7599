import { childOf, isTopFolder, isWithin, parentOf, parseUri } from './uris';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Document, isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import * as z from 'zod/mini';
import { normalizeName } from '../model/body';
import { findNode, findPair, nodeSpan } from '../model/frontMatter';
import { RULES } from '../rules';
import { listValues, quoted } from '../model/messages';
import { nearest } from '../rules/util';
import { DEFAULT_TEMPLATE, FIELD_TYPES, FieldSpec, Template } from './template';
import { knownKeys as metaKeys } from '../model/schema';
import { patternProblem } from '../model/teamFields';
import { parseYaml } from '../model/yamlParse';
import '../model/zodLocale';
import { LineIndex } from '../model/text';
import { RULE_DOCS_URL } from '../check/validate';

/**
 * The team template file (`.alphanode.yaml`, spec §5) as one zod schema: the single source
 * of its shape, its defaults (those of the spec, `DEFAULT_TEMPLATE`), the editor's JSON
 * Schema (`npm run schema` → schemas/alphanode-template.schema.json) and the diagnostics
 * of a broken file. Every key is optional; what is absent keeps the default.
 */
export const TEMPLATE_FILE = '.alphanode.yaml';
/** Where the template is documented (the README's "Team template" section). */
export const TEMPLATE_DOCS_URL = 'https://github.com/alphanode/alphanode-runbooks#team-template';

const severity = z.enum(['error', 'warning', 'info', 'off']);
const name = () => z.string().check(z.refine((value) => value.trim().length > 0, { message: 'expected a non-empty name' }));
const names = (what: string) => z.array(name()).check(z.describe(what));
/** An enum of the post meta: an empty list would reject every post. */
const allowed = (what: string, defaults: string[]) => z._default(z.array(name()).check(z.minLength(1, { message: 'expected at least one allowed value' })), [...defaults]).check(z.describe(what));

const defaults = DEFAULT_TEMPLATE;

/** A team field's name: a plain top-level key of the post meta. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const fieldSchema = z
  .strictObject({
    type: z.enum(FIELD_TYPES).check(z.describe('The value\'s type: string, integer, number, boolean, date (`YYYY-MM-DD`) or list (of text).')),
    required: z.optional(z.boolean()).check(z.describe('Whether every post must set it (reported by `meta-required`). Default: false.')),
    enum: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()])).check(z.minLength(1, { message: 'expected at least one allowed value' }))).check(z.describe('The allowed values (for a list: of each item), of the field\'s type.')),
    pattern: z.optional(z.string().check(z.minLength(1, { message: 'expected a non-empty pattern' }))).check(z.describe('A regular expression text values (or list items) must match. Patterns that risk catastrophic backtracking (nested repetition, backreferences) are refused.')),
    min: z.optional(z.number()).check(z.describe('The smallest value (integer, number) or item count (list).')),
    max: z.optional(z.number()).check(z.describe('The largest value (integer, number) or item count (list).')),
    description: z.optional(z.string()).check(z.describe('What the field is for: shown by hover and completion.')),
  })
  .check(z.describe('One team field of the post meta.'));

/** Where a field definition makes no sense: each problem at the key it is about (`fields.<name>.<key>`). */
function checkFields(fields: Record<string, FieldSpec>, ctx: z.core.$RefinementCtx): void {
  const problem = (path: Array<string | number>, message: string, onKey = false) => ctx.addIssue({ code: 'custom', path, message, params: { onKey } });
  const builtIn = new Set(metaKeys()['']);
  for (const [name, spec] of Object.entries(fields)) {
    if (builtIn.has(name)) problem([name], `${quoted(name)} is a built-in key of the post meta; a team field cannot redefine it`, true);
    else if (!FIELD_NAME.test(name)) problem([name], `${quoted(name)} is not a plain key name (letters, digits, _ and -, not starting with a digit)`, true);
    const text = spec.type === 'string' || spec.type === 'date' || spec.type === 'list';
    const numeric = spec.type === 'integer' || spec.type === 'number';
    const itemType = spec.type === 'boolean' ? 'boolean' : numeric ? 'number' : 'string';
    spec.enum?.forEach((value, i) => {
      if (typeof value !== itemType || (spec.type === 'integer' && !Number.isInteger(value))) problem([name, 'enum', i], `expected ${spec.type === 'integer' ? 'an integer' : itemType === 'string' ? 'text' : `a ${itemType}`} like the field's type ${spec.type}, got ${describe(value)}`);
    });
    if (spec.pattern !== undefined) {
      if (!text) problem([name, 'pattern'], `a pattern applies to string, date and list fields, not to ${spec.type}`);
      else {
        const refused = patternProblem(spec.pattern);
        if (refused) problem([name, 'pattern'], refused);
      }
    }
    for (const bound of ['min', 'max'] as const) {
      if (spec[bound] !== undefined && !numeric && spec.type !== 'list') problem([name, bound], `${bound} applies to integer, number and list fields, not to ${spec.type}`);
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) problem([name, 'min'], `min ${spec.min} is greater than max ${spec.max}`);
  }
}

/** `extends` takes paths, never URLs (`https:`, `file:`): the base files are plain YAML next to the team's. */
const basePath = z
  .string()
  .check(
    z.minLength(1, { message: 'expected a path to a base template' }),
    z.refine((value) => !/^[a-zA-Z][\w+.-]+:/.test(value), { message: 'expected a path relative to this file, not a URL' }),
  );

export const templateFileSchema = z
  .strictObject({
    extends: z
      .optional(z.union([basePath, z.array(basePath).check(z.minLength(1, { message: 'expected at least one base template' }))]))
      .check(z.describe('Base templates this one builds on: a path, or a list applied in order, each relative to this file (no URLs). Maps merge key by key (later wins), lists replace, `rules` and `fields` merge per entry.')),
    files: z
      ._default(z.array(z.string().check(z.minLength(1, { message: 'expected a non-empty glob' }))), [...defaults.files])
      .check(z.describe('Globs of the Markdown files that are posts, relative to the folder holding this file. A Markdown file whose front matter has `payload.source_id` starting with `alphanode-` is a post too. Overrides the `alphanode.files` setting.')),
    rules: z
      ._default(z.strictObject(Object.fromEntries(RULES.map((rule) => [rule.id, z.optional(severity).check(z.describe(`${rule.description} Default: ${rule.defaultSeverity}.`))])) as Record<string, z.ZodMiniOptional<typeof severity>>), {})
      .check(z.describe('Severity per rule id: error, warning, info or off. Rules not listed keep their default severity.')),
    sections: z
      ._default(
        z.strictObject({
          known: z._default(names('The `## ` sections a post may have (the required and ordered ones count as known too).'), [...defaults.sections.known]),
          required: z._default(names('The sections every post must have.'), [...defaults.sections.required]),
          order: z._default(names('Sections that keep this order at the end of the post.'), [...defaults.sections.order]),
        }),
        { known: [...defaults.sections.known], required: [...defaults.sections.required], order: [...defaults.sections.order] },
      )
      .check(z.describe('The `## ` sections of the body: which are known, which are required, and which end the post in a fixed order.')),
    values: z
      ._default(
        z.strictObject({
          difficulty: allowed('Allowed values of `difficulty`.', defaults.values.difficulty),
          status: allowed('Allowed values of `revision.status`.', defaults.values.status),
          entity_type: allowed('Allowed values of `entities[].type`.', defaults.values.entity_type),
          stack: z._default(names('Stacks offered for `stack` (empty: any stack allowed).'), [...defaults.values.stack]),
          tools: z._default(names('Tools offered for `tools` (empty: any tool allowed).'), [...defaults.values.tools]),
        }),
        { ...Object.fromEntries(Object.entries(defaults.values).map(([key, list]) => [key, [...list]])) } as Template['values'],
      )
      .check(z.describe('Allowed values of the post meta enums, and the stacks and tools the team uses.')),
    checklists: z
      ._default(z.record(z.string(), z.array(name()).check(z.minLength(1, { message: 'expected at least one item' }))), Object.fromEntries(Object.entries(defaults.checklists).map(([key, list]) => [key, [...list]])))
      .check(z.describe('Checklist presets offered by completion and snippets: preset name → items. Replaces the default presets.')),
    fields: z
      ._default(z.record(z.string(), fieldSchema).check(z.superRefine(checkFields)), {})
      .check(z.describe('The team\'s own meta fields: name → type, required, enum, pattern, min/max and description. Validated like the built-in keys (`meta-required`, `meta-invalid`).')),
    review: z
      ._default(
        z.strictObject({
          max_age_days: z
            .optional(z.number().check(z.int(), z.minimum(1, { message: 'expected at least 1 day' })))
            .check(z.describe('The longest a post may go without review (`revision.last_reviewed`), in days; reported by `review-stale`.')),
        }),
        {},
      )
      .check(z.describe('The review freshness policy.')),
  })
  .check(z.describe('Alphanode team template: what every runbook post of this folder must look like.'));

export type TemplateFile = z.input<typeof templateFileSchema>;

/** Codes of the diagnostics about template files (and posts that fall back to the defaults). */
export const TEMPLATE_CODES = {
  syntax: 'template-syntax',
  invalid: 'template-invalid',
  unknownKey: 'template-unknown-key',
  fallback: 'template-fallback',
  extends: 'template-extends',
} as const;

/** The non-rule diagnostics of this module, for the rule docs and SARIF rule metadata. */
export const TEMPLATE_DIAGNOSTICS: ReadonlyArray<{ id: string; description: string; severity: 'error' | 'warning' | 'info' }> = [
  { id: TEMPLATE_CODES.syntax, severity: 'error', description: '`.alphanode.yaml` is not valid YAML (reported in the template file; its posts use the default template).' },
  { id: TEMPLATE_CODES.invalid, severity: 'error', description: '`.alphanode.yaml` has a value of the wrong type or an empty list where values are needed (reported in the template file; its posts use the default template).' },
  { id: TEMPLATE_CODES.unknownKey, severity: 'error', description: '`.alphanode.yaml` has a key the template does not know, or a rule id that does not exist (reported in the template file; its posts use the default template).' },
  { id: TEMPLATE_CODES.extends, severity: 'error', description: 'A base template named by `extends` cannot be read, has errors, or the chain is a cycle (reported on the `extends` value, with the chain; the posts use the default template).' },
  { id: TEMPLATE_CODES.fallback, severity: 'info', description: 'The post\'s team template is broken, so the post was checked against the default template.' },
];

export interface ParsedTemplate {
  /** The template to apply: the file's, or the defaults when the file is broken. */
  template: Template;
  /** Problems of the template file, with ranges in it. Errors mean `broken`. */
  diagnostics: Diagnostic[];
  /** True when the file had errors and `template` is the defaults. */
  broken: boolean;
  /** The file (or a base it extends) sets `files` (then it overrides the `alphanode.files` setting). */
  hasFiles: boolean;
  /** The file's own keys as written (no defaults), for merging with the templates it extends; undefined when broken. */
  layer?: Record<string, unknown>;
  /** Its `extends` paths, in order, each with the range of its value. */
  extendsPaths: Array<{ path: string; range: Range }>;
}

/**
 * Parses and checks a template file. Never throws: a broken file yields its diagnostics and
 * the defaults. Empty files (or only comments) are the defaults, with no diagnostics.
 */
export function parseTemplate(rawText: string): ParsedTemplate {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  // The plain value comes from the meta tree reader; the library's Document (a second parse)
  // is composed only for what needs its nodes: ranges of schema problems and of `extends`.
  const parsed = parseYaml(text, 0);
  const syntax = parsed.errors;
  const fail = (diagnostics: Diagnostic[]): ParsedTemplate => ({ template: DEFAULT_TEMPLATE, diagnostics, broken: true, hasFiles: false, extendsPaths: [] });
  if (syntax.length > 0) {
    return fail(syntax.map((problem) => templateDiagnostic(index.range(problem.start, problem.end), `${problem.message} (${TEMPLATE_FILE} must be valid YAML).`, TEMPLATE_CODES.syntax)));
  }
  if (parsed.valueError !== undefined) {
    return fail([templateDiagnostic(index.lineRange(0), `${parsed.valueError} (anchors and aliases are not needed in a template).`, TEMPLATE_CODES.syntax)]);
  }
  let value = parsed.value;
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail([templateDiagnostic(spanRange(text, index, parsed.document.contents as Node | null) ?? index.lineRange(0), `${TEMPLATE_FILE} must be a map of keys (extends, files, rules, sections, values, checklists, fields, review); got ${describe(value)}.`, TEMPLATE_CODES.invalid)]);
  }
  const result = templateFileSchema.safeParse(value);
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue) => issueDiagnostics(issue, text, index, parsed.document));
    return fail(diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  }
  const layer = value as Record<string, unknown>;
  const extendsNode = layer.extends === undefined ? undefined : findNode(parsed.document, ['extends']);
  const extendsPaths = (Array.isArray(layer.extends) ? layer.extends : layer.extends === undefined ? [] : [layer.extends]).map((path: string, i) => ({
    path,
    range: spanRange(text, index, (isSeq(extendsNode) ? extendsNode.items[i] : extendsNode) as Node | undefined) ?? index.lineRange(0),
  }));
  return { template: buildTemplate(result.data), diagnostics: [], broken: false, hasFiles: layer.files !== undefined, layer, extendsPaths };
}

/** The template a valid file (or merge of files) says, with the defaults for what it leaves out. */
export function templateOf(layer: Record<string, unknown>): Template {
  return buildTemplate(templateFileSchema.parse(layer));
}

function buildTemplate(parsed: z.output<typeof templateFileSchema>): Template {
  const sections = {
    known: unique([...parsed.sections.known, ...parsed.sections.required, ...parsed.sections.order].map(normalizeName)),
    required: unique(parsed.sections.required.map(normalizeName)),
    order: unique(parsed.sections.order.map(normalizeName)),
  };
  const rules = Object.fromEntries(Object.entries(parsed.rules).filter(([, setting]) => setting !== undefined)) as Template['rules'];
  return { files: parsed.files, rules, sections, values: parsed.values, checklists: parsed.checklists, fields: parsed.fields as Record<string, FieldSpec>, review: parsed.review };
}

/** The one info diagnostic on a post whose template is broken (range: the post's first line). */
export function fallbackDiagnostic(range: Range, templateLabel: string, templateUri?: string, firstProblem?: Diagnostic): Diagnostic {
  const diagnostic = templateDiagnostic(
    range,
    `The team template ${templateLabel} has errors, so this post is checked against the default template. Fix the problems reported in ${templateLabel}.`,
    TEMPLATE_CODES.fallback,
    DiagnosticSeverity.Information,
  );
  if (templateUri && firstProblem) diagnostic.relatedInformation = [{ location: { uri: templateUri, range: firstProblem.range }, message: typeof firstProblem.message === 'string' ? firstProblem.message : firstProblem.message.value }];
  return diagnostic;
}

function templateDiagnostic(range: Range, message: string, code: string, severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic {
  return { range, severity, code, codeDescription: { href: `${RULE_DOCS_URL}#${code}` }, source: 'alphanode', message };
}

type Issue = z.core.$ZodIssue;

function issueDiagnostics(issue: Issue, text: string, index: LineIndex, document: Document.Parsed): Diagnostic[] {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const label = pathLabel(path);
  if (issue.code === 'unrecognized_keys') {
    const parent = findNode(document, path);
    const known = knownKeys(path);
    // One lookup table per map, not a scan of the map per unknown key (30,000 keys took a minute).
    const keyNodes = new Map<string, Node>();
    if (isMap(parent)) {
      for (const pair of (parent as YAMLMap).items) if (isScalar(pair.key) && !keyNodes.has(String(pair.key.value))) keyNodes.set(String(pair.key.value), pair.key);
    }
    return issue.keys.map((key) => {
      const keyNode = keyNodes.get(key);
      const range = spanRange(text, index, keyNode as Node | undefined) ?? nearestRange(text, index, document, path);
      const suggestion = nearest(key, known);
      const where = path.length === 0 ? TEMPLATE_FILE : quoted(label);
      const isRule = path.length === 1 && path[0] === 'rules';
      const message = isRule
        ? `Unknown rule id ${quoted(key)}${suggestion ? `: did you mean ${quoted(suggestion)}?` : '.'} The rule ids are listed in docs/rules.md.`
        : `Unknown key ${quoted(key)} in ${where}${suggestion ? `: did you mean ${quoted(suggestion)}?` : `; known keys: ${known.join(', ')}.`}`;
      return templateDiagnostic(range, message, TEMPLATE_CODES.unknownKey);
    });
  }
  const onKey = issue.code === 'custom' && (issue.params as { onKey?: boolean } | undefined)?.onKey === true;
  const keyNode = onKey ? (findPair(document, path)?.key as Node | undefined) : undefined;
  const range = spanRange(text, index, keyNode) ?? nearestRange(text, index, document, path);
  return [templateDiagnostic(range, `${label ? quoted(label) : TEMPLATE_FILE}: ${issueMessage(issue, path, document)}`, TEMPLATE_CODES.invalid)];
}

function issueMessage(issue: Issue, path: Array<string | number>, document: Document.Parsed): string {
  if (issue.code === 'invalid_type') return `expected ${expectedLabel(issue.expected)}, got ${describe(nodeValue(document, path))}.`;
  if (issue.code === 'invalid_value') return `expected one of ${listValues(issue.values.map(String))}, got ${describe(nodeValue(document, path))}.`;
  return `${issue.message}.`;
}

function expectedLabel(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'a map';
  if (expected === 'string') return 'text';
  return `a ${expected}`;
}

function nodeValue(document: Document.Parsed, path: Array<string | number>): unknown {
  const node = findNode(document, path);
  if (node === undefined) return undefined;
  return isScalar(node) ? node.value : isSeq(node) ? [] : isMap(node) ? {} : node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${quoted(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** The keys the schema knows at `path` (for "did you mean"). */
function knownKeys(path: Array<string | number>): string[] {
  if (path.length === 0) return Object.keys(templateFileSchema.shape);
  if (path[0] === 'rules') return RULES.map((rule) => rule.id);
  if (path[0] === 'sections') return ['known', 'required', 'order'];
  if (path[0] === 'values') return Object.keys(DEFAULT_TEMPLATE.values);
  if (path[0] === 'review') return ['max_age_days'];
  if (path[0] === 'fields' && path.length === 2) return Object.keys(fieldSchema.shape);
  return [];
}

/** The range of the YAML node at `path`, or of its nearest ancestor that exists (a missing value: its key). */
function nearestRange(text: string, index: LineIndex, document: Document.Parsed, path: Array<string | number>): Range {
  for (let length = path.length; length >= 0; length--) {
    const range = spanRange(text, index, findNode(document, path.slice(0, length)) as Node | undefined);
    if (range) return range;
  }
  return index.lineRange(0);
}

function spanRange(text: string, index: LineIndex, node: Node | null | undefined): Range | undefined {
  const span = node ? nodeSpan(text, 0, node) : undefined;
  if (!span || span[1] <= span[0]) return undefined;
  return index.range(span[0], span[1]);
}

function pathLabel(path: Array<string | number>): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------
// Discovery

/**
 * The places `.alphanode.yaml` may be for the file at `fileUri`, nearest first: its folder,
 * then each parent up to `rootUri` (the workspace folder; the CLI uses its working folder).
 * A file outside `rootUri`, or without a root, looks in its own folder and every parent.
 */
export function templateCandidates(fileUri: string, rootUri?: string): string[] {
  const file = parseUri(fileUri);
  if (!file) return [];
  const root = rootUri === undefined ? undefined : parseUri(rootUri);
  let dir = parentOf(file);
  const inside = root !== undefined && isWithin(dir, root);
  const candidates: string[] = [];
  for (;;) {
    candidates.push(childOf(dir, TEMPLATE_FILE).toString());
    if ((inside && isWithin(root, dir)) || isTopFolder(dir)) break;
    dir = parentOf(dir);
  }
  return candidates;
}

/** The nearest template file of `fileUri` for which `exists` says yes, or undefined. */
export async function discoverTemplate(fileUri: string, rootUri: string | undefined, exists: (uri: string) => boolean | Promise<boolean>): Promise<string | undefined> {
  for (const candidate of templateCandidates(fileUri, rootUri)) if (await exists(candidate)) return candidate;
  return undefined;
}

/** Like discoverTemplate, for a synchronous `exists` (the CLI, a set of known files). */
export function discoverTemplateSync(fileUri: string, rootUri: string | undefined, exists: (uri: string) => boolean): string | undefined {
  return templateCandidates(fileUri, rootUri).find(exists);
}

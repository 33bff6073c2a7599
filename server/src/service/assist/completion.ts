import type { Command, CompletionItem, Position } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver-types';
import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import { MetaAccess } from '../model/meta';
import { descriptionOf, elementOf, mapKeys, ROLLBACK_KEYS, schemaAt, schemaKind, shapeKey, typeLabel } from './metaDocs';
import { CursorPath, MetaCursor, yamlRegionAt } from '../model/metaCursor';
import { placeholderYaml } from './placeholders';
import { ROLLBACK_LANGUAGE } from '../model/rollback';
import type { FieldSpec, Template } from '../workspace/template';
import { lineBreakOf, yamlScalar } from './yamlEdits';

export interface AssistOptions {
  template: Template;
  /** `YYYY-MM-DD`: the date completion offers for review and rehearsal days. */
  today: string;
}

/**
 * Characters after which an editor should ask for completions: `: ` starts a value,
 * `- ` a list item. (A value right after `:` or `-` is offered with its leading space.)
 */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = [':', ' ', '-'];

/** Re-opens the suggest widget after a key was inserted, so its values show at once (VS Code command id). */
const SUGGEST_VALUES: Command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/**
 * Completion in the post meta and in rollback notes: keys not yet present at the cursor's
 * level (nested maps as snippets), values where the format or the post says what they
 * can be (enums, flags, today's date, the body's checklist, template stacks and tools,
 * values derived from the rest of the post), and checklist presets. Elsewhere: nothing.
 * Works line by line on broken YAML and never throws.
 */
export function completePost(post: PostDocument, position: Position, options: AssistOptions): CompletionItem[] {
  try {
    return completeUnguarded(post, position, options);
  } catch {
    return [];
  }
}

type Slot =
  /** A key goes here; `col` is the key's column (nested lines indent from it). */
  | { kind: 'key'; mapPath: CursorPath; start: number; end: number; lead: string; col: number; hasColon: boolean }
  | { kind: 'value'; path: CursorPath; start: number; end: number; lead: string; colonEnd: number; keyCol: number }
  /** A list item value goes here; `dashCol` is its dash's column. */
  | { kind: 'item'; seqPath: CursorPath; index: number; start: number; end: number; lead: string; dashCol: number };

interface Context {
  post: PostDocument;
  options: AssistOptions;
  region: MetaCursor['region'];
  cursor: MetaCursor;
  line: number;
  eol: string;
  meta: MetaAccess;
}

/** What to offer, before it is placed in the slot's range. */
interface Candidate {
  label: string;
  /** The YAML text (a snippet when `snippet`). */
  text: string;
  kind: CompletionItemKind;
  snippet?: boolean;
  detail?: string;
  doc?: string;
  preselect?: boolean;
  suggestValues?: boolean;
  /** Replace from here instead of the slot's start (checklist presets eat the space after `checklist:`). */
  start?: number;
}

/** completePost without its guard: for tests, which must see a crash the guard would hide. */
export function completeUnguarded(post: PostDocument, position: Position, options: AssistOptions): CompletionItem[] {
  const region = yamlRegionAt(post, position.line);
  if (!region) return [];
  const cursor = new MetaCursor(post, region, position.line);
  const character = Math.max(0, Math.min(position.character, cursor.line.text.length));
  const context: Context = { post, options, region, cursor, line: position.line, eol: lineBreakOf(post), meta: new MetaAccess(post, options.template, options.today) };
  const slot = refine(context, slotAt(cursor, character));
  if (!slot) return [];
  const candidates = slot.kind === 'key' ? keyCandidates(context, slot) : slot.kind === 'value' ? valueCandidates(context, slot) : itemCandidates(context, slot);
  return candidates.map((candidate, i) => toItem(context, slot, candidate, i));
}

/** Where the cursor is in the line's structure, from the text alone. */
function slotAt(cursor: MetaCursor, c: number): Slot | undefined {
  const record = cursor.line;
  const { text } = record;
  if (record.continuation) return undefined;
  if (record.blank) {
    if (text.trim() !== '') return undefined; // a comment line
    const container = cursor.containerAt(c);
    if (!container) return undefined;
    if (container.kind === 'seq') return { kind: 'item', seqPath: container.path, index: container.count, start: c, end: text.length, lead: '- ', dashCol: c };
    return { kind: 'key', mapPath: container.path, start: c, end: text.length, lead: '', col: c, hasColon: false };
  }
  const item = record.item;
  if (item && c < item.contentCol && !(c === item.dashCol + 1 && item.contentCol === text.length)) return undefined;
  const entry = record.entry;
  const value = record.value;
  if (entry) {
    if (c >= entry.keyStart && c <= entry.keyEnd) {
      if (text[entry.keyStart] === '"' || text[entry.keyStart] === "'") return undefined;
      return { kind: 'key', mapPath: entry.mapPath, start: entry.keyStart, end: entry.keyEnd, lead: '', col: entry.keyStart, hasColon: true };
    }
    if (c < entry.colonEnd || (value && (value.multiline || c > value.end))) return undefined;
    const start = value && c >= value.start ? value.start : c;
    return { kind: 'value', path: [...entry.mapPath, entry.key], start, end: value ? value.end : emptyEnd(text, c), lead: c === entry.colonEnd ? ' ' : '', colonEnd: entry.colonEnd, keyCol: entry.keyStart };
  }
  if (item) {
    if (value && (value.multiline || c > value.end || c < value.start)) return undefined;
    return { kind: 'item', seqPath: item.seqPath, index: item.index, start: value ? value.start : c, end: value ? value.end : emptyEnd(text, c), lead: c === item.dashCol + 1 ? ' ' : '', dashCol: item.dashCol };
  }
  if (record.partialKeyMap) {
    const word = /^[A-Za-z0-9_-]*/.exec(text.slice(record.contentCol))?.[0] ?? '';
    const end = record.contentCol + word.length;
    if (text.slice(end).trim() !== '' || c < record.contentCol || c > end) return undefined;
    return { kind: 'key', mapPath: record.partialKeyMap, start: record.contentCol, end, lead: '', col: record.contentCol, hasColon: false };
  }
  return undefined;
}

/**
 * Adjusts a slot to what the schema says lives there: a list item of a list of maps is
 * the first key of a new map; a key slot under a `key:` whose value is a list is an item.
 */
function refine(context: Context, slot: Slot | undefined): Slot | undefined {
  if (!slot || context.region.kind !== 'meta') return slot;
  const { template, today } = context.options;
  if (slot.kind === 'item') {
    const list = schemaAt(template, today, slot.seqPath);
    const element = list && elementOf(list);
    if (!element || schemaKind(element) !== 'map') return slot;
    const typed = context.post.index.lineText(context.line).slice(slot.start, slot.end);
    if (!/^[A-Za-z0-9_-]*$/.test(typed)) return undefined;
    return { kind: 'key', mapPath: [...slot.seqPath, slot.index], start: slot.start, end: slot.end, lead: slot.lead, col: slot.start + slot.lead.length, hasColon: false };
  }
  if (slot.kind === 'key' && !slot.hasColon && slot.lead === '' && slot.mapPath.length > 0) {
    const schema = schemaAt(template, today, slot.mapPath);
    if (schema && schemaKind(schema) === 'list') {
      const typed = context.post.index.lineText(context.line).slice(slot.start, slot.end);
      if (typed.trim() !== '') return undefined;
      const item: Slot = { kind: 'item', seqPath: slot.mapPath, index: 0, start: slot.start, end: slot.end, lead: '- ', dashCol: slot.col };
      return refine(context, item);
    }
  }
  return slot;
}

// ---------------------------------------------------------------------------- keys

function keyCandidates(context: Context, slot: Extract<Slot, { kind: 'key' }>): Candidate[] {
  const present = context.cursor.presentKeys(slot.mapPath);
  if (context.region.kind === 'rollback') {
    if (slot.mapPath.length > 0) return [];
    return ROLLBACK_KEYS.filter(({ key }) => !present.has(key)).map(({ key, type, doc }) => {
      if (slot.hasColon) return { label: key, text: key, kind: CompletionItemKind.Property, detail: type, doc };
      if (key === 'rollback') {
        return { label: key, text: `rollback: |${context.eol}${' '.repeat(slot.col + 2)}$1`, snippet: true, kind: CompletionItemKind.Property, detail: type, doc };
      }
      return { label: key, text: `${key}: `, kind: CompletionItemKind.Property, detail: type, doc, suggestValues: key === 'rehearsed' };
    });
  }
  const { template, today } = context.options;
  return mapKeys(template, today, slot.mapPath)
    .filter(({ key }) => !present.has(key))
    .map(({ key, schema }) => {
      const path = [...slot.mapPath, key];
      const team = slot.mapPath.length === 0 ? template.fields[key] : undefined;
      const base = { label: key, kind: CompletionItemKind.Property, detail: team ? `team field: ${team.type}${team.required ? '' : ' (optional)'}` : typeLabel(schema), doc: descriptionOf(schema) };
      if (slot.hasColon) return { ...base, text: key };
      if (team?.type === 'list') return { ...base, text: `${key}:${context.eol}${' '.repeat(slot.col)}  - $1`, snippet: true };
      const kind = schemaKind(schema);
      if (kind === 'map') return { ...base, text: `${key}:${mapSnippet(context, path, slot.col)}`, snippet: true };
      if (kind === 'list') return { ...base, ...listInsert(context, path, key, slot.col) };
      const values = scalarValues(context, path, undefined);
      return { ...base, text: `${key}: `, suggestValues: values.length > 0 };
    });
}

/** The lines of a nested map: every key, with a tab stop per value (choices for enums and flags). */
function mapSnippet(context: Context, mapPath: CursorPath, col: number): string {
  const { template, today } = context.options;
  const indent = ' '.repeat(col + 2);
  return mapKeys(template, today, mapPath)
    .map(({ key }, i) => `${context.eol}${indent}${key}: ${valuePlaceholder(context, [...mapPath, key], i + 1)}`)
    .join('');
}

function valuePlaceholder(context: Context, path: CursorPath, stop: number): string {
  const { template, today } = context.options;
  const key = shapeKey(path);
  const enumValues = enumFor(template, key);
  if (enumValues) return choice(stop, enumValues);
  if (key.startsWith('flags.')) return choice(stop, key === 'flags.has_images' && expectedHasImages(context) === 1 ? ['1', '0'] : ['0', '1']);
  if (key === 'revision.version') return `"\${${stop}:0.1.0}"`;
  if (key === 'revision.last_reviewed') return `"\${${stop}:${today}}"`;
  const derived = placeholderYaml(path, context.meta, context.post.body, template, today);
  return derived === '""' ? `$${stop}` : `\${${stop}:${escapeSnippet(derived)}}`;
}

/** A list key: the items the post already implies (checklist, stack, entities), else one empty item. */
function listInsert(context: Context, path: CursorPath, key: string, col: number): Pick<Candidate, 'text' | 'snippet'> {
  const { template, today } = context.options;
  const indent = ' '.repeat(col);
  const derived = placeholderYaml(path, context.meta, context.post.body, template, today);
  if (derived.startsWith('\n')) {
    return { text: `${key}:${escapeSnippet(derived.split('\n').join(`${context.eol}${indent}`))}$0`, snippet: true };
  }
  const item = `${context.eol}${indent}  - `;
  if (key === 'entities') return { text: `${key}:${item}name: $1${context.eol}${indent}    type: ${choice(2, template.values.entity_type)}`, snippet: true };
  if (key === 'image_sources') return { text: `${key}:${item}source: $1${context.eol}${indent}    url: https://$2${context.eol}${indent}    caption: $3`, snippet: true };
  return { text: `${key}:${item}$1`, snippet: true };
}

// ---------------------------------------------------------------------------- values

function valueCandidates(context: Context, slot: Extract<Slot, { kind: 'value' }>): Candidate[] {
  if (context.region.kind === 'rollback') {
    return slot.path.length === 1 && slot.path[0] === 'rehearsed' ? [dateCandidate(context.options.today)] : [];
  }
  const current = context.cursor.line.value?.text;
  const values = scalarValues(context, slot.path, current);
  if (shapeKey(slot.path) === 'checklist' && !context.cursor.hasItems(['checklist'])) {
    // `checklist: ` with no items below: a whole list on the lines below the key, the
    // body's own checklist first, then the template's presets.
    const indent = ' '.repeat(slot.keyCol + 2);
    const render = (items: string[]) => items.map((item, i) => `${context.eol}${indent}- ${placeholder(i + 1, yamlScalar(item))}`).join('');
    const body = bodyChecklist(context);
    if (body.length > 0) {
      values.push({ label: BODY_CHECKLIST_LABEL, text: render(body), snippet: true, kind: CompletionItemKind.Snippet, detail: `${body.length} item${body.length === 1 ? '' : 's'} of the body's implementation checklist`, doc: markdownList(body), start: slot.colonEnd });
    }
    values.push(...presets(context, render, slot.colonEnd));
  }
  return values;
}

/** Values for a scalar at `path` (shared by value completion and "does this key have values?"). */
function scalarValues(context: Context, path: CursorPath, current: string | undefined): Candidate[] {
  const { template, today } = context.options;
  const key = shapeKey(path);
  const team = path.length === 1 ? template.fields[key] : undefined;
  if (team && team.type !== 'list') return teamChoices(team);
  const enumValues = enumFor(template, key);
  if (enumValues) return enumValues.map((value) => ({ label: value, text: yamlScalar(value), kind: CompletionItemKind.EnumMember }));
  if (key.startsWith('flags.')) {
    const expected = key === 'flags.has_images' ? expectedHasImages(context) : undefined;
    const count = context.meta.list(['image_sources'])?.length ?? 0;
    return ['0', '1'].map((value) => ({
      label: value,
      text: value,
      kind: CompletionItemKind.EnumMember,
      ...(expected !== undefined && Number(value) === expected ? { preselect: true, detail: `image_sources has ${count} ${count === 1 ? 'entry' : 'entries'}` } : {}),
    }));
  }
  if (key === 'revision.last_reviewed') return [dateCandidate(today)];
  if (key === 'ai_outline.stack') {
    const stacks = unique([...(context.meta.stringList(['stack']) ?? []), ...template.values.stack]);
    return stacks.map((value) => ({ label: value, text: yamlScalar(value), kind: CompletionItemKind.Value }));
  }
  if (key === 'code_language') {
    const languages = unique(context.post.body.fences.map((fence) => fence.language).filter((language) => language !== '' && language !== ROLLBACK_LANGUAGE));
    return languages.map((value) => ({ label: value, text: yamlScalar(value), kind: CompletionItemKind.Value, detail: 'used by the body’s code blocks' }));
  }
  const detail = DERIVED[key];
  if (detail === undefined) return [];
  let yaml = placeholderYaml(path, context.meta, context.post.body, template, today);
  if (yaml === '""') return [];
  const suffix = key === 'reference' ? /^anp-ref-\d{6}-(\d{4})$/.exec(current ?? '')?.[1] : undefined;
  if (suffix) yaml = yaml.replace(/-0000$/, `-${suffix}`);
  return [{ label: String(parse(yaml)), text: yaml, kind: CompletionItemKind.Value, detail }];
}

/** Values the format derives from the rest of the post (placeholders.ts computes them). */
const DERIVED: Record<string, string> = {
  topic: 'ai_outline.problem / ai_outline.stack',
  reference: 'payload.seed, zero-padded',
  'payload.source_id': 'payload.seed, zero-padded',
  'payload.seed': 'the digits of source_id or reference',
  'payload.paragraphs': 'prose paragraphs in the body now',
  'payload.scenario': 'ai_outline.context',
  'ai_outline.context': 'payload.scenario',
};

// ---------------------------------------------------------------------------- list items

function itemCandidates(context: Context, slot: Extract<Slot, { kind: 'item' }>): Candidate[] {
  if (context.region.kind !== 'meta') return [];
  const { template } = context.options;
  const key = shapeKey(slot.seqPath);
  const present = context.cursor.presentItems(slot.seqPath);
  const candidates: Candidate[] = [];
  const offer = (values: string[], detail: (value: string, i: number) => string) => {
    const seen = new Set(present);
    values.forEach((value, i) => {
      if (seen.has(value)) return;
      seen.add(value);
      candidates.push({ label: value, text: yamlScalar(value), kind: CompletionItemKind.Value, detail: detail(value, i) });
    });
  };
  if (key === 'checklist') {
    offer(bodyChecklist(context), (_, i) => `body checklist item ${i + 1}`);
    if (present.length === 0) {
      const indent = ' '.repeat(slot.dashCol);
      candidates.push(...presets(context, (items) => items.map((item, i) => `${i === 0 ? '' : `${context.eol}${indent}- `}${placeholder(i + 1, yamlScalar(item))}`).join('')));
    }
  } else if (key === 'stack') {
    const outlineStack = context.meta.string(['ai_outline', 'stack']);
    offer([...(outlineStack !== undefined ? [outlineStack] : []), ...template.values.stack], (value) => (value === outlineStack ? 'ai_outline.stack' : 'team template'));
  } else if (key === 'tools') {
    offer(template.values.tools, () => 'team template');
  } else if (slot.seqPath.length === 1 && template.fields[key]?.type === 'list') {
    offer((template.fields[key].enum ?? []).map(String), () => 'team field');
  }
  return candidates;
}

/** The label of the "copy the body's checklist" completion after `checklist:`. */
export const BODY_CHECKLIST_LABEL = 'body checklist';

/** The items of the body's implementation checklist (empty ones left out). */
function bodyChecklist(context: Context): string[] {
  return findChecklist(context.post.body)?.list?.items.map((item) => item.text).filter((text) => text !== '') ?? [];
}

function markdownList(items: string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

function presets(context: Context, render: (items: string[]) => string, start?: number): Candidate[] {
  return Object.entries(context.options.template.checklists)
    .filter(([, items]) => items.length > 0)
    .map(([name, items]) => ({
      label: name,
      text: render(items),
      snippet: true,
      kind: CompletionItemKind.Snippet,
      detail: `checklist preset (${items.length} items)`,
      doc: markdownList(items),
      ...(start !== undefined ? { start } : {}),
    }));
}

// ---------------------------------------------------------------------------- helpers

function toItem(context: Context, slot: Slot, candidate: Candidate, order: number): CompletionItem {
  const line = context.line;
  const start = candidate.start ?? slot.start;
  const text = candidate.start !== undefined ? candidate.text : slot.lead + candidate.text;
  const item: CompletionItem = {
    label: candidate.label,
    kind: candidate.kind,
    sortText: String(order).padStart(4, '0'),
    insertTextFormat: candidate.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: { start: { line, character: start }, end: { line, character: slot.end } }, newText: text },
  };
  if (candidate.detail) item.detail = candidate.detail;
  if (candidate.doc) item.documentation = { kind: MarkupKind.Markdown, value: candidate.doc };
  if (candidate.preselect) item.preselect = true;
  // The text carries its own indentation: editors must not re-indent the lines.
  if (text.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
  // A quoted value must still match what is typed (`"2026…`): filter on the text as inserted.
  if (!candidate.snippet && candidate.text !== candidate.label && /^["']/.test(candidate.text)) item.filterText = candidate.text;
  if (candidate.suggestValues) item.command = SUGGEST_VALUES;
  return item;
}

/** An empty slot also takes the white space after the cursor when nothing else follows on the line. */
function emptyEnd(text: string, c: number): number {
  return text.slice(c).trim() === '' ? text.length : c;
}

function enumFor(template: Template, key: string): string[] | undefined {
  if (key === 'difficulty') return template.values.difficulty;
  if (key === 'revision.status') return template.values.status;
  if (key === 'entities[].type') return template.values.entity_type;
  return undefined;
}

/** The values a team field takes: its enum (as YAML of its type), or true/false. */
function teamChoices(spec: FieldSpec): Candidate[] {
  const choices = spec.enum ?? (spec.type === 'boolean' ? [true, false] : []);
  return choices.map((value) => ({ label: String(value), text: typeof value === 'string' ? yamlScalar(value) : String(value), kind: CompletionItemKind.EnumMember, detail: 'team field' }));
}

function expectedHasImages(context: Context): number {
  return (context.meta.list(['image_sources'])?.length ?? 0) > 0 ? 1 : 0;
}

function dateCandidate(today: string): Candidate {
  return { label: today, text: JSON.stringify(today), kind: CompletionItemKind.Value, detail: 'today' };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Escapes text for a snippet (`$`, `}` and `\` are snippet syntax). */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function placeholder(stop: number, text: string): string {
  return `\${${stop}:${escapeSnippet(text)}}`;
}

function choice(stop: number, values: readonly string[]): string {
  return `\${${stop}|${values.map((value) => value.replace(/[\\$}|,]/g, '\\$&')).join(',')}|}`;
}

import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { findChecklist } from '../model/checklist';
import type { PostDocument } from '../model/document';
import { MetaAccess } from '../model/meta';
import { describeAt, ROLLBACK_KEYS, schemaAt, shapeKey } from './metaDocs';
import { CursorLine, CursorPath, MetaCursor, yamlRegionAt } from '../model/metaCursor';
import { ROLLBACK_LANGUAGE } from '../model/rollback';
import { countProseParagraphs } from '../rules/paragraph-count';
import { seedDigits } from '../rules/seed-consistency';
import { pathLabel } from '../rules/util';
import type { Template } from '../workspace/template';
import { CHECKLIST_SECTION } from '../workspace/template';

export interface HoverOptions {
  template: Template;
  /** `YYYY-MM-DD`. */
  today: string;
}

/**
 * Hover on a key or value of the post meta (nested ones too) or of a rollback note: the
 * key path, its documentation from the schema and what the body says now for values a rule
 * checks against it. Null anywhere else. No diagnostics: the editor's own marker hover
 * shows them (message, rule id and its docs link) right above ours, so repeating them here
 * would say everything twice. Works line by line, so a broken YAML still gets its docs.
 */
export function hoverPost(post: PostDocument, position: Position, options: HoverOptions): Hover | null {
  try {
    return hoverUnguarded(post, position, options);
  } catch {
    return null;
  }
}

interface Target {
  path: CursorPath;
  /** Columns on the position's line. */
  start: number;
  end: number;
}

/** hoverPost without its guard: for tests, which must see a crash the guard would hide. */
export function hoverUnguarded(post: PostDocument, position: Position, options: HoverOptions): Hover | null {
  const region = yamlRegionAt(post, position.line);
  if (!region) return null;
  const target = targetAt(new MetaCursor(post, region, position.line).line, position.character);
  if (!target) return null;
  const range: Range = { start: { line: position.line, character: target.start }, end: { line: position.line, character: target.end } };
  const parts = region.kind === 'meta' ? metaParts(post, target.path, options) : rollbackParts(target.path);
  if (!parts) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
}

/** The key, or the one-line value, under the cursor (ends inclusive: a cursor just after a word is on it). */
function targetAt(record: CursorLine, c: number): Target | undefined {
  if (record.blank || record.continuation) return undefined;
  const { entry, value, item } = record;
  if (entry) {
    const path = [...entry.mapPath, entry.key];
    if (c >= entry.keyStart && c <= entry.keyEnd) return { path, start: entry.keyStart, end: entry.keyEnd };
    if (value && c >= value.start && c <= value.end) return { path, start: value.start, end: value.end };
    return undefined;
  }
  if (item && value && c >= value.start && c <= value.end) return { path: [...item.seqPath, item.index], start: value.start, end: value.end };
  return undefined;
}

function metaParts(post: PostDocument, path: CursorPath, options: HoverOptions): string[] | undefined {
  const { template, today } = options;
  const parts = [`**${pathLabel(path)}**`];
  if (schemaAt(template, today, path) === undefined) {
    parts.push('Not a key of the post meta.');
    return parts;
  }
  const description = describeAt(template, today, path);
  if (description) parts.push(description);
  const meta = new MetaAccess(post, template, today);
  const fact = bodyFact(post, meta, shapeKey(path));
  if (fact) parts.push(fact);
  return parts;
}

function rollbackParts(path: CursorPath): string[] | undefined {
  if (path.length !== 1) return undefined;
  const key = ROLLBACK_KEYS.find((candidate) => candidate.key === path[0]);
  return [`**${String(path[0])}** (rollback note)`, key ? key.doc : 'Not a key of a rollback note (owner, expected_result, rollback, rehearsed).'];
}

/** For a value a rule checks against the rest of the post: what the post says now. */
function bodyFact(post: PostDocument, meta: MetaAccess, key: string): string | undefined {
  switch (key) {
    case 'payload.paragraphs': {
      const count = countProseParagraphs(post.body);
      return `The body has ${count} prose paragraph${count === 1 ? '' : 's'} now.`;
    }
    case 'checklist':
    case 'checklist[]': {
      const checklist = findChecklist(post.body);
      if (!checklist) return `The body has no \`${CHECKLIST_SECTION}\` section.`;
      const items = checklist.list?.items ?? [];
      if (items.length === 0) return `The body's \`${CHECKLIST_SECTION}\` section holds no list.`;
      return [`The body's \`${CHECKLIST_SECTION}\` now:`, '', ...items.map((item, i) => `${i + 1}. ${item.text}`)].join('\n');
    }
    case 'topic': {
      const problem = meta.string(['ai_outline', 'problem']);
      const stack = meta.string(['ai_outline', 'stack']);
      if (problem === undefined || stack === undefined) return 'Expected `<ai_outline.problem> / <ai_outline.stack>` (the outline has no problem or stack yet).';
      return `Expected now: ${code(`${problem} / ${stack}`)}.`;
    }
    case 'reference': {
      const seed = meta.integer(['payload', 'seed']);
      if (seed === undefined || seed < 0) return undefined;
      const suffix = /^anp-ref-\d{6}-(\d{4})$/.exec(meta.string(['reference']) ?? '')?.[1] ?? 'NNNN';
      return `Expected now: ${code(`anp-ref-${seedDigits(seed)}-${suffix}`)} (payload.seed ${seed}, zero-padded).`;
    }
    case 'payload.source_id': {
      const seed = meta.integer(['payload', 'seed']);
      if (seed === undefined || seed < 0) return undefined;
      return `Expected now: ${code(`alphanode-${seedDigits(seed)}`)} (payload.seed ${seed}, zero-padded).`;
    }
    case 'payload.seed': {
      const seed = meta.integer(['payload', 'seed']);
      return seed === undefined || seed < 0 ? undefined : `reference and payload.source_id must carry ${code(seedDigits(seed))}.`;
    }
    case 'flags.has_images':
    case 'image_sources': {
      const images = post.body.images.length;
      const sources = meta.list(['image_sources'])?.length ?? 0;
      const body = `The body has ${images} image${images === 1 ? '' : 's'}; image_sources lists ${sources}.`;
      return key === 'image_sources' ? body : `${body} Expected now: \`${sources > 0 ? 1 : 0}\`.`;
    }
    case 'code_language': {
      const counts = new Map<string, number>();
      for (const fence of post.body.fences) if (fence.language !== ROLLBACK_LANGUAGE) counts.set(fence.language, (counts.get(fence.language) ?? 0) + 1);
      if (counts.size === 0) return 'The body has no code blocks (rollback notes aside).';
      return `The body's code blocks: ${[...counts].map(([language, count]) => `${language === '' ? 'no language tag' : code(language)} × ${count}`).join(', ')}.`;
    }
    case 'payload.scenario': {
      const context = meta.string(['ai_outline', 'context']);
      return context === undefined ? undefined : `ai_outline.context is ${code(context)}.`;
    }
    case 'ai_outline.context': {
      const scenario = meta.string(['payload', 'scenario']);
      return scenario === undefined ? undefined : `payload.scenario is ${code(scenario)}.`;
    }
    default:
      return undefined;
  }
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

import type { Body } from './body';
import { findChecklist } from './checklist';
import type { MetaAccess } from './meta';
import { countProseParagraphs } from './rules/paragraph-count';
import { seedDigits } from './rules/seed-consistency';
import { KNOWN_KEYS } from './schema';
import type { Template } from './template';
import { yamlScalar } from './yamlEdits';

/**
 * The value a "add the missing key" fix writes: derived from the rest of the post when the
 * post format says how (topic, source id, paragraph count, checklist…), otherwise a typed
 * placeholder the author then fills in (an empty text is flagged until they do).
 */
export function placeholderYaml(path: readonly (string | number)[], meta: MetaAccess, body: Body, template: Template, today: string): string {
  const key = path.join('.');
  const value = derived(key, meta, body, template, today);
  if (value !== undefined) return toYaml(value);
  const nested = NESTED[key];
  if (nested) {
    const lines = nested.map((child) => `${child}: ${indentTail(placeholderYaml([...path, child], meta, body, template, today))}`);
    return `\n  ${lines.join('\n  ')}`;
  }
  return '""';
}

/** Maps whose missing key is added as a whole block with all their keys. */
const NESTED: Record<string, string[]> = Object.fromEntries(['ai_outline', 'score', 'revision', 'flags', 'payload'].map((key) => [key, KNOWN_KEYS[key]]));

type Value = string | number | string[] | Array<Record<string, string>> | Quoted;

/** A value written in double quotes, as the seeds write versions and dates. */
interface Quoted {
  quoted: string;
}

function quoted(value: string): Quoted {
  return { quoted: value };
}

function derived(key: string, meta: MetaAccess, body: Body, template: Template, today: string): Value | undefined {
  const problem = meta.string(['ai_outline', 'problem']);
  const stack = meta.string(['ai_outline', 'stack']);
  const seed = meta.integer(['payload', 'seed']) ?? seedFromIds(meta);
  switch (key) {
    case 'topic': return problem !== undefined && stack !== undefined ? `${problem} / ${stack}` : undefined;
    case 'ai_outline.context': return meta.string(['payload', 'scenario']);
    case 'payload.scenario': return meta.string(['ai_outline', 'context']);
    case 'ai_outline.stack': return meta.stringList(['stack'])?.[0];
    case 'stack': return stack !== undefined ? [stack] : [];
    case 'tools': case 'notes': return [];
    case 'checklist': return findChecklist(body)?.list?.items.map((item) => item.text) ?? [];
    case 'entities': return [
      ...(stack !== undefined ? [{ name: stack, type: 'stack' }] : []),
      ...(problem !== undefined ? [{ name: problem, type: 'problem' }] : []),
    ];
    case 'code_language': return body.fences.find((fence) => fence.language && fence.language !== 'rollback')?.language;
    case 'difficulty': return template.values.difficulty[0];
    case 'revision.status': return template.values.status[0];
    case 'revision.version': return quoted('0.1.0');
    case 'revision.last_reviewed': return quoted(today);
    case 'reading_time': return 1;
    case 'view_count': case 'score.quality': case 'score.freshness': case 'score.depth': case 'score.clarity': return 0;
    case 'flags.ai_generated_style': case 'flags.image_heavy': case 'flags.needs_human_review': return 0;
    case 'flags.has_images': return (meta.list(['image_sources'])?.length ?? 0) > 0 ? 1 : 0;
    case 'reference': return seed !== undefined ? `anp-ref-${seedDigits(seed)}-0000` : undefined;
    case 'payload.source_id': return seed !== undefined ? `alphanode-${seedDigits(seed)}` : undefined;
    case 'payload.seed': return seed;
    case 'payload.paragraphs': return countProseParagraphs(body);
    default: return undefined;
  }
}

/** The seed the ids carry, when `payload.seed` itself is missing. */
function seedFromIds(meta: MetaAccess): number | undefined {
  const digits = /(\d{6})/.exec(meta.string(['payload', 'source_id']) ?? meta.string(['reference']) ?? '')?.[1];
  return digits === undefined ? undefined : Number(digits);
}

function toYaml(value: Value): string {
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value.quoted);
  if (!Array.isArray(value)) return yamlScalar(value);
  if (value.length === 0) return '[]';
  return value
    .map((item) => (typeof item === 'string'
      ? `\n  - ${yamlScalar(item)}`
      : `\n  - ${Object.entries(item).map(([k, v]) => `${k}: ${yamlScalar(v)}`).join('\n    ')}`))
    .join('');
}

function indentTail(yaml: string): string {
  return yaml.replace(/\n/g, '\n  ');
}

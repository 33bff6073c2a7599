import type { Body } from './body';
import { findChecklist } from './checklist';
import type { MetaPath } from './frontMatter';
import type { MetaAccess } from './meta';
import { FINAL_SECTION, Template } from '../workspace/template';

/**
 * The values one part of a post implies for another (topic from the outline, ids from the
 * seed, flags and counts from the body…), shared by the consistency rules, their fixes and
 * the placeholders of missing keys. One principle: a value is derived only from sources that
 * are present, non-empty and not themselves placeholders. Otherwise there is nothing to
 * derive (undefined), and a fix writes a placeholder for the author or offers nothing,
 * instead of inventing `" / python services"` from an empty problem.
 */

/** The text at `path` when it is filled in: a string with something besides spaces. */
export function filledString(meta: MetaAccess, path: MetaPath): string | undefined {
  const value = meta.string(path);
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** `<ai_outline.problem> / <ai_outline.stack>`, when both are filled in. */
export function expectedTopic(meta: MetaAccess): string | undefined {
  const problem = filledString(meta, ['ai_outline', 'problem']);
  const stack = filledString(meta, ['ai_outline', 'stack']);
  return problem !== undefined && stack !== undefined ? `${problem} / ${stack}` : undefined;
}

/** `payload.seed` as the six digits that `reference` and `source_id` carry. */
export function seedDigits(seed: number): string {
  return String(seed).padStart(6, '0');
}

/**
 * The post's seed: `payload.seed`, else the digits its ids carry when every id present
 * carries the same (two ids that disagree leave no seed to trust).
 */
export function knownSeed(meta: MetaAccess): number | undefined {
  const seed = meta.integer(['payload', 'seed']);
  if (seed !== undefined) return seed >= 0 ? seed : undefined;
  const carried = [
    /^alphanode-(\d{6})$/.exec(meta.string(['payload', 'source_id']) ?? '')?.[1],
    /^anp-ref-(\d{6})-\d{4}$/.exec(meta.string(['reference']) ?? '')?.[1],
  ].filter((digits): digits is string => digits !== undefined);
  return carried.length > 0 && carried.every((digits) => digits === carried[0]) ? Number(carried[0]) : undefined;
}

/** Prose paragraphs of the intro and every section but `final notes` (spec §3). */
export function countProseParagraphs(body: Body): number {
  let count = 0;
  for (const section of [body.intro, ...body.sections]) {
    if (section.name === FINAL_SECTION) continue;
    for (const block of section.blocks) if (block.kind === 'paragraph' && block.prose) count++;
  }
  return count;
}

/** 1 when the post has images, in `image_sources` or in the body (a fix never says 0 while the body shows one). */
export function expectedHasImages(meta: MetaAccess, body: Body): 0 | 1 {
  return (meta.list(['image_sources'])?.length ?? 0) > 0 || body.images.length > 0 ? 1 : 0;
}

/** The body's checklist items, when every one has text (an empty item is no value to copy). */
export function bodyChecklist(body: Body): string[] | undefined {
  const items = findChecklist(body)?.list?.items.map((item) => item.text);
  return items && items.every((item) => item.trim() !== '') ? items : undefined;
}

/** The problem (0) or stack (1) part of a filled-in topic `<problem> / <stack>`, when it splits one way only. */
function topicPart(meta: MetaAccess, part: 0 | 1): string | undefined {
  const parts = filledString(meta, ['topic'])?.split(' / ');
  return parts?.length === 2 && parts[part].trim() !== '' ? parts[part] : undefined;
}

/** The name of the only entity of `type` that has one, if exactly one does. */
function onlyEntityName(meta: MetaAccess, type: string): string | undefined {
  const names = (meta.list(['entities']) ?? []).flatMap((entity) => {
    const candidate = entity as { name?: unknown; type?: unknown } | null;
    return candidate && candidate.type === type && typeof candidate.name === 'string' && candidate.name.trim() !== '' ? [candidate.name] : [];
  });
  return names.length === 1 ? names[0] : undefined;
}

/** The only body image matching `image_sources[index]` by the field that is filled in (url or caption). */
function matchingImage(meta: MetaAccess, body: Body, index: number, by: 'url' | 'caption') {
  const value = filledString(meta, ['image_sources', index, by]);
  if (value === undefined) return undefined;
  const matches = body.images.filter((image) => image[by] === value);
  return matches.length === 1 ? matches[0] : undefined;
}

/** A derived value: text, a number, a list of text or of maps, or text the seeds write in double quotes. */
export type DerivedValue = string | number | string[] | Array<Record<string, string>> | { quoted: string };

/**
 * The value a missing key at `path` gets when the rest of the post implies it (undefined:
 * nothing does, write a typed placeholder). Defaults that imply nothing about the post
 * (a difficulty, 0 for a score) are given too: they are the template's, not derived.
 */
export function derivedValue(path: MetaPath, meta: MetaAccess, body: Body, template: Template, today: string): DerivedValue | undefined {
  const problem = filledString(meta, ['ai_outline', 'problem']);
  const stack = filledString(meta, ['ai_outline', 'stack']);
  const seed = knownSeed(meta);
  const index = typeof path[1] === 'number' ? path[1] : -1;
  // `entities.*.name`: list items share one shape.
  const key = path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
  switch (key) {
    case 'topic': return expectedTopic(meta);
    case 'ai_outline.context': return filledString(meta, ['payload', 'scenario']);
    case 'payload.scenario': return filledString(meta, ['ai_outline', 'context']);
    case 'ai_outline.problem': return onlyEntityName(meta, 'problem') ?? topicPart(meta, 0);
    case 'ai_outline.stack': {
      const first = meta.stringList(['stack'])?.[0];
      return first !== undefined && first.trim() !== '' ? first : onlyEntityName(meta, 'stack') ?? topicPart(meta, 1);
    }
    case 'stack': return stack !== undefined ? [stack] : [];
    case 'tools': case 'notes': return [];
    case 'checklist': return bodyChecklist(body) ?? [];
    case 'entities': return [
      ...(stack !== undefined ? [{ name: stack, type: 'stack' }] : []),
      ...(problem !== undefined ? [{ name: problem, type: 'problem' }] : []),
    ];
    case 'entities.*.name': {
      const type = meta.get(['entities', index, 'type']);
      return type === 'stack' ? stack : type === 'problem' ? problem : undefined;
    }
    case 'image_sources.*.caption': return matchingImage(meta, body, index, 'url')?.caption;
    case 'image_sources.*.url': return matchingImage(meta, body, index, 'caption')?.url;
    case 'code_language': return body.fences.find((fence) => fence.language && fence.language !== 'rollback')?.language;
    case 'difficulty': return template.values.difficulty[0];
    case 'revision.status': return template.values.status[0];
    case 'revision.version': return { quoted: '0.1.0' };
    case 'revision.last_reviewed': return { quoted: today };
    case 'reading_time': return 1;
    case 'view_count': case 'score.quality': case 'score.freshness': case 'score.depth': case 'score.clarity': return 0;
    case 'flags.ai_generated_style': case 'flags.image_heavy': case 'flags.needs_human_review': return 0;
    case 'flags.has_images': return expectedHasImages(meta, body);
    case 'reference': return seed !== undefined ? `anp-ref-${seedDigits(seed)}-0000` : undefined;
    case 'payload.source_id': return seed !== undefined ? `alphanode-${seedDigits(seed)}` : undefined;
    case 'payload.seed': return seed;
    case 'payload.paragraphs': return countProseParagraphs(body);
    default: return undefined;
  }
}

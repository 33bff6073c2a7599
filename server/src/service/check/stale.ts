import { daysBetween, isRealIsoDate } from '../model/dates';
import type { PostDocument } from '../model/document';
import { metaObject } from '../model/document';
import type { Template } from '../workspace/template';

/** `alphanode report stale` lists posts this close to their policy too. */
export const DUE_SOON_DAYS = 30;

export interface StaleEntry {
  path: string;
  lastReviewed: string;
  ageDays: number;
  policyDays: number;
  /** Past the policy (`review-stale` reports it); otherwise within DUE_SOON_DAYS of it. */
  stale: boolean;
  /** The owners of the post's rollback notes (each once, in order); [] for "no owner". */
  owners: string[];
}

export interface StaleGroup {
  /** null: the posts whose rollback notes name no owner. */
  owner: string | null;
  posts: StaleEntry[];
}

/** The post's entry in the stale report: undefined without a policy, a valid review date, or when it is far from due. */
export function staleEntry(path: string, post: PostDocument, template: Template, today: string): StaleEntry | undefined {
  const policy = template.review.max_age_days;
  const revision = metaObject(post)?.revision;
  const reviewed = revision && typeof revision === 'object' ? (revision as Record<string, unknown>).last_reviewed : undefined;
  if (policy === undefined || typeof reviewed !== 'string' || !isRealIsoDate(reviewed) || reviewed > today) return undefined;
  const age = daysBetween(reviewed, today);
  if (age < policy - DUE_SOON_DAYS) return undefined;
  const owners: string[] = [];
  for (const note of post.rollbackNotes) {
    const owner = note.value && typeof note.value === 'object' ? (note.value as Record<string, unknown>).owner : undefined;
    if (typeof owner === 'string' && owner.trim() !== '' && !owners.includes(owner.trim())) owners.push(owner.trim());
  }
  return { path, lastReviewed: reviewed, ageDays: age, policyDays: policy, stale: age > policy, owners };
}

/**
 * The entries by owner (a post with two owners is in both groups), owners by name and
 * "no owner" last, each group oldest review first.
 */
export function groupByOwner(entries: readonly StaleEntry[]): StaleGroup[] {
  const groups = new Map<string | null, StaleEntry[]>();
  for (const entry of entries) {
    for (const owner of entry.owners.length > 0 ? entry.owners : [null]) {
      const list = groups.get(owner);
      if (list) list.push(entry);
      else groups.set(owner, [entry]);
    }
  }
  const oldestFirst = (a: StaleEntry, b: StaleEntry) => b.ageDays - a.ageDays || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([owner, posts]) => ({ owner, posts: posts.sort(oldestFirst) }));
}

/**
 * What changed between two versions of a post, semantically: the meta key by key, the
 * section list, the prose paragraph count, the implementation checklist and the rollback
 * notes. Text in, a structured diff out; the CLI (`alphanode diff`) and the editor's
 * "Compare Post with Revision…" read the base text from git and show this.
 */
export { comparePosts } from './post';
export type { ChangeArea, ChangeKind, PostChange, PostDiff, PostStatus } from './post';
export { diffValues, formatPath } from './values';
export type { ValueChange, ValuePath } from './values';

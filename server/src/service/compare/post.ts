import type { Node } from 'yaml';
import { metaObject, parsePost, PostDocument } from '../model/document';
import type { Section } from '../model/body';
import { findChecklist } from '../model/checklist';
import { countProseParagraphs } from '../model/derived';
import { findNode, findPair, MetaPath, nodeSpan } from '../model/frontMatter';
import type { RollbackNote } from '../model/rollback';
import { align, gaps } from './align';
import { diffValues, formatPath } from './values';

/** What part of the post a change is in. */
export type ChangeArea = 'meta' | 'sections' | 'paragraphs' | 'checklist' | 'rollback';
export type ChangeKind = 'added' | 'removed' | 'changed' | 'reordered';

export interface PostChange {
  area: ChangeArea;
  kind: ChangeKind;
  /** Where: `score.difficulty`, `tags[2]`, `checklist[0]`, `sections[3]`, `rollback["Deploy"].owner`, `paragraphs`. */
  path: string;
  /** The value at the base (absent for `added`). */
  old?: unknown;
  /** The value now (absent for `removed`). */
  new?: unknown;
  /** For `reordered`: where the item stood at the base. */
  from?: string;
  /** 0-based line in the new text that shows the change (for a removal: the nearest place that remains). */
  line?: number;
}

/** `added`: no post at the base; `deleted`: no post now. */
export type PostStatus = 'added' | 'deleted' | 'modified' | 'unchanged';

export interface PostDiff {
  status: PostStatus;
  changes: PostChange[];
  /** What could not be compared, in words (a meta with a YAML error, an unreadable post). */
  notes: string[];
}

/**
 * The semantic diff of two versions of a post (undefined: the post does not exist on that
 * side): the meta key by key, the section list, the prose paragraph count, the
 * implementation checklist's items and the rollback notes by the section they stand in.
 * Pure and linear (see align.ts); never throws on any text.
 */
export function comparePosts(oldText: string | undefined, newText: string | undefined): PostDiff {
  if (oldText === undefined && newText === undefined) return { status: 'unchanged', changes: [], notes: [] };
  if (oldText === undefined) return { status: 'added', changes: [], notes: [] };
  if (newText === undefined) return { status: 'deleted', changes: [], notes: [] };
  if (oldText === newText) return { status: 'unchanged', changes: [], notes: [] };
  const before = parsePost(oldText);
  const after = parsePost(newText);
  const changes: PostChange[] = [];
  const notes: string[] = [];
  if (before.unreadable || after.unreadable) {
    if (before.unreadable) notes.push(`The post at the base could not be read: ${before.unreadable}.`);
    if (after.unreadable) notes.push(`The post could not be read: ${after.unreadable}.`);
    return { status: 'modified', changes, notes };
  }
  compareMeta(before, after, changes, notes);
  compareSections(before, after, changes);
  const paragraphs = [countProseParagraphs(before.body), countProseParagraphs(after.body)];
  if (paragraphs[0] !== paragraphs[1]) changes.push({ area: 'paragraphs', kind: 'changed', path: 'paragraphs', old: paragraphs[0], new: paragraphs[1] });
  compareChecklist(before, after, changes);
  compareRollbackNotes(before, after, changes, notes);
  // A change outside what is compared (prose wording, a code block) still makes the post modified.
  return { status: 'modified', changes, notes };
}

function compareMeta(before: PostDocument, after: PostDocument, changes: PostChange[], notes: string[]): void {
  const oldMeta = metaObject(before);
  const newMeta = metaObject(after);
  if (oldMeta === undefined || newMeta === undefined) {
    if (oldMeta === undefined && before.frontMatter) notes.push('The meta at the base has a YAML error or is not a map: its keys are not compared.');
    if (newMeta === undefined && after.frontMatter) notes.push('The meta has a YAML error or is not a map: its keys are not compared.');
    if (oldMeta === undefined && newMeta === undefined) return;
    if (!before.frontMatter || !after.frontMatter) {
      // A front matter added or taken away: every key is added or removed.
      for (const change of diffValues(oldMeta ?? {}, newMeta ?? {})) changes.push({ area: 'meta', ...change, path: formatPath(change.path), line: metaLine(after, change.path) });
    }
    return;
  }
  for (const change of diffValues(oldMeta, newMeta)) {
    changes.push({ area: 'meta', ...change, path: formatPath(change.path), line: metaLine(after, change.path) });
  }
}

/** The line of the key or item at `path` in the post's meta, or of its nearest ancestor that exists. */
function metaLine(post: PostDocument, path: MetaPath): number | undefined {
  const frontMatter = post.frontMatter;
  if (!frontMatter) return undefined;
  return yamlLine(post, frontMatter.document, frontMatter.sourceStart, path) ?? frontMatter.openLine;
}

function yamlLine(post: PostDocument, document: RollbackNote['document'], base: number, path: MetaPath): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const last = prefix[length - 1];
    const node = typeof last === 'string' ? (findPair(document, prefix)?.key as Node | undefined) : findNode(document, prefix);
    const span = nodeSpan(post.text, base, node ?? undefined);
    if (span) return post.index.positionAt(span[0]).line;
  }
  return undefined;
}

function compareSections(before: PostDocument, after: PostDocument, changes: PostChange[]): void {
  const name = (section: Section) => section.heading?.text.trim() ?? '';
  compareItems(before.body.sections.map(name), after.body.sections.map(name), (text) => text.toLowerCase().replace(/\s+/g, ' '), 'sections', (index) => after.body.sections[index]?.heading?.line, changes);
}

function compareChecklist(before: PostDocument, after: PostDocument, changes: PostChange[]): void {
  const items = (post: PostDocument) => findChecklist(post.body)?.list?.items ?? [];
  const label = (item: { text: string; checked: boolean | undefined }) => (item.checked === undefined ? item.text : `[${item.checked ? 'x' : ' '}] ${item.text}`);
  const newItems = items(after);
  const section = findChecklist(after.body)?.section.heading?.line;
  compareItems(items(before).map(label), newItems.map(label), (text) => text.replace(/^\[[ x]\] /, ''), 'checklist', (index) => newItems[index]?.line ?? section, changes);
}

/**
 * A list of labelled items (checklist items, section names), lined up by `identity` (an
 * item's text without its checkbox): a matched item whose label differs is `changed`; an
 * item that left its place and reappears elsewhere is `reordered`; unmatched items between
 * two matches pair up as `changed`; the rest are added or removed.
 */
function compareItems(oldLabels: string[], newLabels: string[], identity: (label: string) => string, area: ChangeArea, lineOf: (newIndex: number) => number | undefined, changes: PostChange[]): void {
  const path = (index: number) => `${area}[${index}]`;
  const { matched, gaps: found } = gaps(align(oldLabels.map(identity), newLabels.map(identity)));
  const collected: Array<PostChange & { order: number }> = [];
  for (const pair of matched) {
    if (oldLabels[pair.old] !== newLabels[pair.new]) collected.push({ order: pair.new, area, kind: 'changed', path: path(pair.new), old: oldLabels[pair.old], new: newLabels[pair.new], line: lineOf(pair.new) });
  }
  // An item removed in one place and added in another moved: pair them by identity first.
  // Each identity's removed indexes, taken in order (a cursor, not shift(): a thousand equal items stay linear).
  const removedByIdentity = new Map<string, { indexes: number[]; next: number }>();
  for (const gap of found) for (const index of gap.removed) {
    const key = identity(oldLabels[index]);
    const entry = removedByIdentity.get(key);
    if (entry) entry.indexes.push(index);
    else removedByIdentity.set(key, { indexes: [index], next: 0 });
  }
  const moved = new Set<number>();
  const movedTo = new Set<number>();
  for (const gap of found) for (const index of gap.added) {
    const candidates = removedByIdentity.get(identity(newLabels[index]));
    const from = candidates?.indexes[candidates.next];
    if (from === undefined) continue;
    candidates!.next++;
    moved.add(from);
    movedTo.add(index);
    collected.push({ order: index, area, kind: 'reordered', path: path(index), from: path(from), old: oldLabels[from], new: newLabels[index], line: lineOf(index) });
  }
  for (const gap of found) {
    const removed = gap.removed.filter((index) => !moved.has(index));
    const added = gap.added.filter((index) => !movedTo.has(index));
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) collected.push({ order: added[i], area, kind: 'changed', path: path(added[i]), old: oldLabels[removed[i]], new: newLabels[added[i]], line: lineOf(added[i]) });
    // A removal sorts where the item stood, between the new items around it.
    const at = added[0] ?? gap.added[0] ?? nextNewIndex(matched, gap.removed[0]);
    for (const index of removed.slice(paired)) collected.push({ order: at - 0.5, area, kind: 'removed', path: path(index), old: oldLabels[index], line: lineOf(Math.min(at, newLabels.length - 1)) });
    for (const index of added.slice(paired)) collected.push({ order: index, area, kind: 'added', path: path(index), new: newLabels[index], line: lineOf(index) });
  }
  collected.sort((a, b) => a.order - b.order);
  for (const { order: _order, ...change } of collected) changes.push(change);
}

/** The new index of the first matched item after old index `oldIndex` (where a removed item would have been). */
function nextNewIndex(matched: Array<{ old: number; new: number }>, oldIndex: number): number {
  for (const pair of matched) if (pair.old > oldIndex) return pair.new;
  return matched.length === 0 ? 0 : matched[matched.length - 1].new + 1;
}

interface PlacedNote {
  name: string;
  note: RollbackNote;
}

/** The rollback notes keyed by the heading of the section they stand in (`intro` before the first); a second note in a section is `Name (2)`. */
function notesBySection(post: PostDocument): Map<string, PlacedNote> {
  const placed = new Map<string, PlacedNote>();
  let sectionIndex = -1;
  const sections = post.body.sections;
  for (const note of post.rollbackNotes) {
    while (sectionIndex + 1 < sections.length && (sections[sectionIndex + 1].heading?.line ?? 0) < note.fence.line) sectionIndex++;
    const heading = sectionIndex < 0 ? 'intro' : sections[sectionIndex].heading?.text.trim() || 'intro';
    let name = heading;
    for (let count = 2; placed.has(name.toLowerCase()); count++) name = `${heading} (${count})`;
    placed.set(name.toLowerCase(), { name, note });
  }
  return placed;
}

function compareRollbackNotes(before: PostDocument, after: PostDocument, changes: PostChange[], notes: string[]): void {
  const oldNotes = notesBySection(before);
  const newNotes = notesBySection(after);
  const source = (post: PostDocument, note: RollbackNote) => post.text.slice(note.fence.contentStart, note.fence.contentEnd);
  for (const [key, placed] of newNotes) {
    const base = oldNotes.get(key);
    const path: Array<string | number> = ['rollback', placed.name];
    const line = placed.note.fence.line;
    if (!base) {
      changes.push({ area: 'rollback', kind: 'added', path: formatPath(path), new: readable(after, placed.note), line });
      continue;
    }
    if (base.note.errors.length > 0 || placed.note.errors.length > 0) {
      if (source(before, base.note) !== source(after, placed.note)) {
        notes.push(`The rollback note in "${placed.name}" has a YAML error: compared as text.`);
        changes.push({ area: 'rollback', kind: 'changed', path: formatPath(path), old: source(before, base.note), new: source(after, placed.note), line });
      }
      continue;
    }
    for (const change of diffValues(base.note.value, placed.note.value, path)) {
      const fieldLine = yamlLine(after, placed.note.document, placed.note.fence.contentStart, change.path.slice(2));
      changes.push({ area: 'rollback', ...change, path: formatPath(change.path), line: fieldLine ?? line });
    }
  }
  for (const [key, placed] of oldNotes) {
    if (newNotes.has(key)) continue;
    const section = after.body.sections.find((candidate) => candidate.heading?.text.trim().toLowerCase() === key);
    changes.push({ area: 'rollback', kind: 'removed', path: formatPath(['rollback', placed.name]), old: readable(before, placed.note), line: section?.heading?.line });
  }
}

/** A note's value, or its text when its YAML is broken. */
function readable(post: PostDocument, note: RollbackNote): unknown {
  return note.errors.length === 0 ? note.value : post.text.slice(note.fence.contentStart, note.fence.contentEnd);
}


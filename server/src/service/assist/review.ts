import type { TextEdit } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { entryOf, MetaNode, nodeAt } from '../model/metaTree';
import { addMapEntry, replaceValue } from './yamlEdits';

export const REVIEWED_STATUS = 'reviewed';
/** The version a post without one (or with an empty one) gets when it is marked reviewed: 0.0.0, patch bumped. */
export const FIRST_VERSION = '0.0.1';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * "Mark as reviewed": `revision.last_reviewed` becomes `today`, the patch of
 * `revision.version` goes up by one (1.9.2 → 1.9.3) and `revision.status` becomes
 * `reviewed`. Minimal edits that keep each value's quoting; a missing key is added at the
 * end of the revision map. A version that is not `x.y.z` is left for meta-invalid to
 * report. Undefined when the meta is broken or has no revision map.
 */
export function markReviewed(post: PostDocument, today: string): TextEdit[] | undefined {
  const frontMatter = post.frontMatter;
  if (!frontMatter || frontMatter.errors.length > 0) return undefined;
  const revision = nodeAt(frontMatter.tree, ['revision']);
  if (revision?.kind !== 'map') return undefined;
  const has = (key: string) => entryOf(revision, key) !== undefined;
  const isNull = (node: MetaNode | undefined) => node?.kind === 'scalar' && node.value === null;

  const edits: TextEdit[] = [];
  const additions: Array<[string, string]> = [];
  /** Sets `revision.<key>` to `value`; `yaml` is how a new or empty value is written. */
  const set = (key: string, value: string, yaml: string) => {
    const node = nodeAt(frontMatter.tree, ['revision', key]);
    if (!has(key)) {
      additions.push([key, yaml]);
    } else if (isNull(node)) {
      const edit = replaceValue(post, ['revision', key], value);
      if (edit) edits.push(spaced(post, { ...edit, newText: yaml }));
    } else if (!(node?.kind === 'scalar' && node.value === value)) {
      const edit = replaceValue(post, ['revision', key], value);
      if (edit) edits.push(spaced(post, keepQuotes(edit, node, value)));
    }
  };

  set('status', REVIEWED_STATUS, REVIEWED_STATUS);
  const version = nodeAt(frontMatter.tree, ['revision', 'version']);
  if (!has('version') || isNull(version)) {
    set('version', FIRST_VERSION, JSON.stringify(FIRST_VERSION));
  } else if (version?.kind === 'scalar' && typeof version.value === 'string' && SEMVER.test(version.value)) {
    const bumped = nextVersion(version) ?? version.value;
    set('version', bumped, JSON.stringify(bumped));
  }
  set('last_reviewed', today, JSON.stringify(today));

  // Keys added at the same place go in one edit: their order must not depend on how a client sorts inserts.
  const inserts = additions.map(([key, yaml]) => addMapEntry(post, ['revision'], key, yaml)).filter((edit): edit is TextEdit => edit !== undefined);
  if (inserts.length > 0) edits.push({ range: inserts[0].range, newText: inserts.map((edit) => edit.newText).join('') });
  return edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The post's review when it already says it was reviewed `today` (status `reviewed`,
 * `last_reviewed` today, a version); undefined otherwise. Marking it again would only bump
 * the version, which is not a new review: the editor offers "Mark post reviewed" only when
 * this is undefined.
 */
export function reviewedToday(post: PostDocument, today: string): { version: string } | undefined {
  const frontMatter = post.frontMatter;
  if (!frontMatter || frontMatter.errors.length > 0) return undefined;
  const value = (key: string) => {
    const node = nodeAt(frontMatter.tree, ['revision', key]);
    return node?.kind === 'scalar' && node.value !== null ? String(node.value) : '';
  };
  const version = value('version');
  return value('status') === REVIEWED_STATUS && value('last_reviewed') === today && version !== '' ? { version } : undefined;
}

/** The version `markReviewed` leaves: 0.0.1 for none, the patch bumped for `x.y.z`, anything else as it is. */
export function reviewedVersion(post: PostDocument): string | undefined {
  const tree = post.frontMatter?.tree;
  return tree && nextVersion(nodeAt(tree, ['revision', 'version']));
}

function nextVersion(version: MetaNode | undefined): string | undefined {
  if (!version || (version.kind === 'scalar' && version.value === null)) return FIRST_VERSION;
  if (version.kind !== 'scalar') return undefined;
  const text = String(version.value);
  const match = SEMVER.exec(text);
  return match ? `${match[1]}.${match[2]}.${Number(match[3]) + 1}` : text;
}

/**
 * An empty value (`last_reviewed:`) has an empty span right after the colon: the new
 * value needs its space there (`replaceValue` writes none).
 */
function spaced(post: PostDocument, edit: TextEdit): TextEdit {
  const start = post.index.offsetAt(edit.range.start);
  return post.text[start - 1] === ':' ? { ...edit, newText: ` ${edit.newText}` } : edit;
}

/** A value that was quoted stays quoted in the same style (`"1.9.2"` → `"1.9.3"`). */
function keepQuotes(edit: TextEdit, node: MetaNode | undefined, value: string): TextEdit {
  if (node?.kind !== 'scalar') return edit;
  if (node.style === 'double') return { ...edit, newText: JSON.stringify(value) };
  if (node.style === 'single') return { ...edit, newText: `'${value.replace(/'/g, "''")}'` };
  return edit;
}

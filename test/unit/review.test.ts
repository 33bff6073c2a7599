import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, markReviewed, parsePost, reviewedToday, reviewedVersion, validatePost } from '../../server/src/service';
import { edit, loadSeed, TODAY } from '../support/fixtures';
import { toCrlf } from '../support/mutate';

const seed = loadSeed('000');
const REVISION = 'revision:\n  status: expanded\n  version: "1.9.2"\n  last_reviewed: "2017-10-25"\n';
const range = (line: number, start: number, end = start): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** The edits and the text after them. */
function review(text: string): { edits: TextEdit[] | undefined; after: string | undefined } {
  const post = parsePost(text);
  const edits = markReviewed(post, TODAY);
  return { edits, after: edits && applyEdits(post, edits) };
}

const withRevision = (revision: string) => edit(seed, REVISION, revision);

test('markReviewed: seed 000: status, patch version and date, each value edited in place with its quoting', () => {
  const { edits, after } = review(seed);
  assert.deepEqual(edits, [
    { range: range(30, 10, 18), newText: 'reviewed' },
    { range: range(31, 11, 18), newText: '"1.9.3"' },
    { range: range(32, 17, 29), newText: '"2026-11-23"' },
  ]);
  assert.equal(after, withRevision('revision:\n  status: reviewed\n  version: "1.9.3"\n  last_reviewed: "2026-11-23"\n'));
  // Nothing else changes, and the post stays as valid as it was.
  const codes = (text: string) => validatePost(parsePost(text), { today: TODAY }).map((diagnostic) => diagnostic.code);
  assert.deepEqual(codes(after!), codes(seed));
});

test('markReviewed: CRLF: the same edits, the line breaks kept', () => {
  const { edits, after } = review(toCrlf(seed));
  assert.deepEqual(edits, review(seed).edits);
  assert.equal(after, toCrlf(review(seed).after!));
});

test('markReviewed: the patch is a number: 1.9.9 → 1.9.10; plain, single-quoted and commented values keep their form', () => {
  assert.equal(review(withRevision('revision:\n  status: drafted\n  version: 1.9.9\n  last_reviewed: 2017-10-25\n')).after, withRevision('revision:\n  status: reviewed\n  version: 1.9.10\n  last_reviewed: 2026-11-23\n'));
  assert.equal(review(withRevision("revision:\n  status: 'drafted' # wip\n  version: '0.3.0'\n  last_reviewed: '2017-10-25'\n")).after, withRevision("revision:\n  status: 'reviewed' # wip\n  version: '0.3.1'\n  last_reviewed: '2026-11-23'\n"));
});

test('markReviewed: an already reviewed status is left alone; a second review bumps the version again', () => {
  const once = review(withRevision('revision:\n  status: reviewed\n  version: "1.9.2"\n  last_reviewed: "2026-11-23"\n'));
  assert.deepEqual(once.edits, [{ range: range(31, 11, 18), newText: '"1.9.3"' }]);
  assert.equal(review(review(seed).after!).after, withRevision('revision:\n  status: reviewed\n  version: "1.9.4"\n  last_reviewed: "2026-11-23"\n'));
});

test('markReviewed: missing keys are added at the end of the revision map, in one edit, in the format order', () => {
  const noDate = review(withRevision('revision:\n  status: expanded\n  version: "1.9.2"\n'));
  assert.deepEqual(noDate.edits, [
    { range: range(30, 10, 18), newText: 'reviewed' },
    { range: range(31, 11, 18), newText: '"1.9.3"' },
    { range: range(31, 18), newText: '\n  last_reviewed: "2026-11-23"' },
  ]);
  assert.equal(noDate.after, withRevision('revision:\n  status: reviewed\n  version: "1.9.3"\n  last_reviewed: "2026-11-23"\n'));
  const onlyVersion = review(withRevision('revision:\n  version: "1.9.2"\n'));
  assert.deepEqual(onlyVersion.edits, [
    { range: range(30, 11, 18), newText: '"1.9.3"' },
    { range: range(30, 18), newText: '\n  status: reviewed\n  last_reviewed: "2026-11-23"' },
  ]);
  assert.equal(onlyVersion.after, withRevision('revision:\n  version: "1.9.3"\n  status: reviewed\n  last_reviewed: "2026-11-23"\n'));
  const crlf = review(toCrlf(withRevision('revision:\n  version: "1.9.2"\n')));
  assert.equal(crlf.after, toCrlf(onlyVersion.after!));
});

test('markReviewed: no version or an empty one starts at 0.0.1; an empty date is filled in with its space', () => {
  assert.equal(review(withRevision('revision:\n  status: drafted\n  last_reviewed: "2017-10-25"\n')).after, withRevision('revision:\n  status: reviewed\n  last_reviewed: "2026-11-23"\n  version: "0.0.1"\n'));
  const empty = review(withRevision('revision:\n  status:\n  version:\n  last_reviewed:\n'));
  assert.deepEqual(empty.edits, [
    { range: range(30, 9), newText: ' reviewed' },
    { range: range(31, 10), newText: ' "0.0.1"' },
    { range: range(32, 16), newText: ' "2026-11-23"' },
  ]);
  assert.equal(empty.after, withRevision('revision:\n  status: reviewed\n  version: "0.0.1"\n  last_reviewed: "2026-11-23"\n'));
  assert.equal(parsePost(empty.after!).frontMatter?.errors.length, 0);
});

test('markReviewed: a version that is not x.y.z is left for meta-invalid; the rest is still done', () => {
  for (const version of ['"1.9"', '2', '"v1.9.2"', '[1, 9, 2]']) {
    const { after } = review(withRevision(`revision:\n  status: expanded\n  version: ${version}\n  last_reviewed: "2017-10-25"\n`));
    assert.equal(after, withRevision(`revision:\n  status: reviewed\n  version: ${version}\n  last_reviewed: "2026-11-23"\n`), version);
  }
});

test('markReviewed: a flow-style revision map is edited in place', () => {
  const flow = 'revision: {status: drafted, version: "1.0.0", last_reviewed: "2020-01-01"}\n';
  assert.equal(review(withRevision(flow)).after, withRevision('revision: {status: reviewed, version: "1.0.1", last_reviewed: "2026-11-23"}\n'));
});

test('markReviewed: undefined without a revision map, a front matter, or valid YAML', () => {
  assert.equal(markReviewed(parsePost(edit(seed, REVISION, '')), TODAY), undefined);
  assert.equal(markReviewed(parsePost(withRevision('revision: draft\n')), TODAY), undefined);
  assert.equal(markReviewed(parsePost(withRevision('revision:\n')), TODAY), undefined);
  assert.equal(markReviewed(parsePost(withRevision('revision:\n  - status: drafted\n')), TODAY), undefined);
  assert.equal(markReviewed(parsePost(edit(seed, 'difficulty: advanced', 'difficulty: [adv')), TODAY), undefined);
  assert.equal(markReviewed(parsePost('# a post without front matter\n'), TODAY), undefined);
  assert.equal(markReviewed(parsePost('---\nrevision:\n  status: drafted\n'), TODAY), undefined);
});

test('reviewedToday: only a post that says reviewed, today, with a version (the lens then hides; issue 15)', () => {
  const reviewed = (revision: string) => reviewedToday(parsePost(withRevision(revision)), TODAY);
  assert.deepEqual(reviewed('revision:\n  status: reviewed\n  version: "1.9.2"\n  last_reviewed: "2026-11-23"\n'), { version: '1.9.2' });
  assert.deepEqual(reviewedToday(parsePost(review(seed).after!), TODAY), { version: '1.9.3' }, 'right after marking');
  assert.equal(reviewedToday(parsePost(seed), TODAY), undefined);
  assert.equal(reviewed('revision:\n  status: reviewed\n  version: "1.9.2"\n  last_reviewed: "2026-11-22"\n'), undefined, 'reviewed yesterday');
  assert.equal(reviewed('revision:\n  status: expanded\n  version: "1.9.2"\n  last_reviewed: "2026-11-23"\n'), undefined, 'not the reviewed status');
  assert.equal(reviewed('revision:\n  status: reviewed\n  version:\n  last_reviewed: "2026-11-23"\n'), undefined, 'no version');
  assert.equal(reviewed('revision:\n  status: reviewed\n  last_reviewed: "2026-11-23"\n'), undefined, 'no version key');
  assert.equal(reviewedToday(parsePost(edit(seed, 'difficulty: advanced', 'difficulty: [adv')), TODAY), undefined, 'broken YAML');
});

test('reviewedVersion: the version markReviewed writes, for the message', () => {
  const version = (revision: string) => reviewedVersion(parsePost(withRevision(revision)));
  assert.equal(reviewedVersion(parsePost(seed)), '1.9.3');
  assert.equal(version('revision:\n  version: 1.9.9\n'), '1.9.10');
  assert.equal(version('revision:\n  status: drafted\n'), '0.0.1');
  assert.equal(version('revision:\n  version:\n'), '0.0.1');
  assert.equal(version('revision:\n  version: draft\n'), 'draft', 'left for meta-invalid');
});

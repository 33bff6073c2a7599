/**
 * parsePost(text, previous): an edit of the body keeps the front matter's parse, an edit of
 * the front matter keeps the body's (moved when the front matter's line count changed), and
 * the result is always what a parse from scratch gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePost, parsePost, PostDocument } from '../../server/src/service';
import { mulberry32 } from '../support/corpus';
import { edit, loadSeed, seedNames, TODAY } from '../support/fixtures';
import { applyMutation, LINE_POOL, Mutation, range } from '../support/mutate';

/** Seed 000 with one meta problem (a misspelt key) and two body problems (an untagged code block, an image without a source). */
const POST = edit(
  edit(loadSeed('000'), 'reading_time: 7', 'reading_tme: 7'),
  '## implementation checklist',
  '```\nnpm test\n```\n\n![](https://example.com/extra.png)\n\n## implementation checklist',
);
const lineOf = (text: string, exact: string) => text.split('\n').indexOf(exact);

/** What validation reads of a post, and what it reports: equal for an incremental and a fresh parse. */
function assertSameAsFresh(incremental: PostDocument, text: string, what: string): void {
  const fresh = parsePost(text);
  assert.deepEqual(incremental.body, fresh.body, `${what}: body`);
  assert.deepEqual(incremental.frontMatter?.tree, fresh.frontMatter?.tree, `${what}: meta tree`);
  assert.deepEqual(incremental.frontMatter?.errors, fresh.frontMatter?.errors, `${what}: meta errors`);
  assert.deepEqual(incremental.frontMatter?.value, fresh.frontMatter?.value, `${what}: meta value`);
  assert.deepEqual(incremental.rollbackNotes.map((note) => [note.fence, note.tree, note.errors, note.value]), fresh.rollbackNotes.map((note) => [note.fence, note.tree, note.errors, note.value]), `${what}: rollback notes`);
  assert.deepEqual(analyzePost(incremental, { today: TODAY }), analyzePost(fresh, { today: TODAY }), `${what}: findings`);
}

const byRule = (post: PostDocument) => analyzePost(post, { today: TODAY }).map((finding) => ({ code: finding.diagnostic.code, range: finding.diagnostic.range }));

test('the post under test has its meta problem and its two body problems', () => {
  const fence = lineOf(POST, 'npm test') - 1;
  const image = lineOf(POST, '![](https://example.com/extra.png)');
  const reading = lineOf(POST, 'reading_tme: 7');
  const found = byRule(parsePost(POST));
  assert.deepEqual(found.filter((d) => d.code === 'meta-required'), [{ code: 'meta-required', range: range(reading, 0, reading, 11) }]);
  assert.deepEqual(found.filter((d) => d.code === 'code-language'), [{ code: 'code-language', range: range(fence, 0, fence, 3) }]);
  assert.ok(found.some((d) => d.code === 'image-sources' && d.range.start.line === image), JSON.stringify(found));
});

test('two lines added to the meta: the body keeps its parse, moved two lines down, with exact ranges', () => {
  const previous = parsePost(POST);
  const text = edit(POST, 'difficulty: advanced\n', 'difficulty: advanced\n# a comment\n# another one\n');
  const next = parsePost(text, previous);
  const fence = lineOf(text, 'npm test') - 1;
  assert.equal(fence, lineOf(POST, 'npm test') + 1);
  assert.equal(next.body.startLine, previous.body.startLine + 2);
  const found = byRule(next);
  assert.deepEqual(found.filter((d) => d.code === 'code-language'), [{ code: 'code-language', range: range(fence, 0, fence, 3) }]);
  const image = found.find((d) => d.code === 'image-sources' && d.range.start.line !== lineOf(text, 'image_sources:'));
  assert.deepEqual(image?.range.start, { line: lineOf(text, '![](https://example.com/extra.png)'), character: 0 });
  // The note's YAML offsets moved with it: its fixes edit the right place.
  assert.equal(next.rollbackNotes[0].fence.contentStart, text.indexOf('```rollback\n') + '```rollback\n'.length);
  assertSameAsFresh(next, text, 'meta grew');
});

test('a meta line removed and a key renamed on one line: same results as a fresh parse', () => {
  let previous = parsePost(POST);
  for (const text of [edit(POST, 'difficulty: advanced\n', ''), edit(POST, 'reading_tme: 7', 'reading_time: 7'), edit(POST, 'reading_tme: 7', 'reading_tme: 7  # x\n# y')]) {
    const next = parsePost(text, previous);
    assertSameAsFresh(next, text, JSON.stringify(text.slice(0, 40)));
    previous = next;
  }
});

test('a meta edit that keeps its line count: the body is the same object', () => {
  const previous = parsePost(POST);
  const text = edit(POST, 'reading_tme: 7', 'reading_tme: 8');
  const next = parsePost(text, previous);
  assert.equal(next.body, previous.body);
  assertSameAsFresh(next, text, 'meta value changed');
});

test('a body edit: the meta keeps its parse and its diagnostic', () => {
  const previous = parsePost(POST);
  const text = edit(POST, '```\nnpm test\n```', '```python\nnpm test\n```');
  const next = parsePost(text, previous);
  assert.equal(next.frontMatter, previous.frontMatter);
  const reading = lineOf(text, 'reading_tme: 7');
  const found = byRule(next);
  assert.deepEqual(found.filter((d) => d.code === 'meta-required'), [{ code: 'meta-required', range: range(reading, 0, reading, 11) }]);
  assert.deepEqual(found.filter((d) => d.code === 'code-language'), []);
  assertSameAsFresh(next, text, 'body edit');
});

test('front matter opened, closed, removed and given a BOM: same results as a fresh parse', () => {
  const closeAt = POST.indexOf('\n---\n') + 1;
  const steps = [
    POST.slice(0, closeAt) + POST.slice(closeAt + 4), // the closing fence removed: everything is meta
    POST, // closed again
    POST.slice(4), // no front matter
    `\ufeff${POST}`,
    POST.replace(/\n/g, '\r\n'),
    `${POST.slice(0, closeAt)}...\n${POST.slice(closeAt + 4)}`,
    '---',
    '',
    POST,
  ];
  let previous: PostDocument | undefined;
  for (const text of steps) {
    const next = parsePost(text, previous);
    assertSameAsFresh(next, text, JSON.stringify(text.slice(0, 20)));
    previous = next;
  }
});

test('chains of random edits over every seed: each version as a fresh parse would give it', () => {
  const random = mulberry32(1818);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  for (const name of seedNames()) {
    let text = loadSeed(name).replace('\n## ', '\n```\nx\n```\n\n## ');
    let previous = parsePost(text);
    for (let step = 0; step < 25; step++) {
      const at = Math.floor(random() * 1e9);
      const mutation: Mutation = pick<Mutation>([
        { kind: 'insertLine', at, line: pick(LINE_POOL) },
        { kind: 'deleteLine', at },
        { kind: 'duplicateLine', at },
        { kind: 'deleteChar', at },
        { kind: 'insertChar', at, text: pick(['\n', 'x', ' ', '-', '`', '\r', '#']) },
      ]);
      text = applyMutation(text, mutation);
      const next = parsePost(text, previous);
      assertSameAsFresh(next, text, `${name} step ${step} (${JSON.stringify(mutation)})`);
      previous = next;
    }
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePosts, formatPath, parsePost } from '../../server/src/service';
import { align, MAX_WORK } from '../../server/src/service/compare/align';
import { edit, loadSeed } from '../support/fixtures';

const seed = loadSeed('000');
const lineOf = (text: string, find: string) => parsePost(text).index.positionAt(text.indexOf(find)).line;
/** The line of the last occurrence: a body checklist item, not its copy in the meta. */
const lastLineOf = (text: string, find: string) => parsePost(text).index.positionAt(text.lastIndexOf(find)).line;

test('comparePosts: new, deleted and identical posts', () => {
  assert.deepEqual(comparePosts(undefined, seed), { status: 'added', changes: [], notes: [] });
  assert.deepEqual(comparePosts(seed, undefined), { status: 'deleted', changes: [], notes: [] });
  assert.deepEqual(comparePosts(seed, seed), { status: 'unchanged', changes: [], notes: [] });
});

test('comparePosts: a prose edit outside what is compared still marks the post modified, with no changes', () => {
  assert.deepEqual(comparePosts(seed, edit(seed, 'a small surface area', 'a tiny surface area')), { status: 'modified', changes: [], notes: [] });
});

test('comparePosts: a changed meta scalar, with its path, old and new values and its line', () => {
  const after = edit(seed, 'difficulty: advanced', 'difficulty: beginner');
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'meta', kind: 'changed', path: 'difficulty', old: 'advanced', new: 'beginner', line: lineOf(after, 'difficulty:') },
  ]);
});

test('comparePosts: nested maps by path: changed, added and removed keys', () => {
  const after = edit(edit(seed, '  quality: 97\n', '  quality: 98\n  impact: 3\n'), '  clarity: 78\n', '');
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'meta', kind: 'changed', path: 'score.quality', old: 97, new: 98, line: lineOf(after, '  quality:') },
    { area: 'meta', kind: 'added', path: 'score.impact', new: 3, line: lineOf(after, '  impact:') },
    // A removed key points at the nearest place that remains: its map.
    { area: 'meta', kind: 'removed', path: 'score.clarity', old: 78, line: lineOf(after, 'score:') },
  ]);
});

test('comparePosts: lists item by item: an inserted item is one addition, an edited item one change', () => {
  const after = edit(edit(seed, '  - fastapi\n', '  - flask\n'), '  - ruff\n', '  - ruff\n  - mypy\n');
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'meta', kind: 'changed', path: 'tools[0]', old: 'fastapi', new: 'flask', line: lineOf(after, '  - flask') },
    { area: 'meta', kind: 'added', path: 'tools[4]', new: 'mypy', line: lineOf(after, '  - mypy') },
  ]);
});

test('comparePosts: a changed field of a map inside a list reads entities[1].type; a removed list item carries its value', () => {
  const after = edit(edit(seed, '    type: area\n', '    type: layer\n'), '  - name: keeping staging close to production\n    type: problem\n', '');
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'meta', kind: 'changed', path: 'entities[1].type', old: 'area', new: 'layer', line: lineOf(after, 'type: layer') },
    { area: 'meta', kind: 'removed', path: 'entities[2]', old: { name: 'keeping staging close to production', type: 'problem' }, line: lineOf(after, 'entities:') },
  ]);
});

test('comparePosts: key order and quoting are no change; a number that became text is', () => {
  const reordered = edit(seed, '  quality: 97\n  freshness: 74\n', '  freshness: 74\n  quality: 97\n');
  assert.deepEqual(comparePosts(seed, edit(reordered, 'hash: "b0aaade20420440abd800f63"', "hash: 'b0aaade20420440abd800f63'")).changes, []);
  const after = edit(seed, 'reading_time: 7', 'reading_time: "7"');
  assert.deepEqual(comparePosts(seed, after).changes, [{ area: 'meta', kind: 'changed', path: 'reading_time', old: 7, new: '7', line: lineOf(after, 'reading_time') }]);
});

test('comparePosts: checklist items changed, reordered, added and removed, in the new order', () => {
  const checklist = '- review query plans\n- add indexes carefully\n- test with realistic data\n- compare before and after metrics\n- document the migration\n';
  const after = edit(seed, checklist, '- [x] review query plans\n- test with realistic data\n- add indexes carefully\n- compare before and after dashboards\n- document the migration\n- announce it\n');
  const changes = comparePosts(seed, after).changes.filter((change) => change.area === 'checklist');
  assert.deepEqual(changes, [
    { area: 'checklist', kind: 'changed', path: 'checklist[0]', old: 'review query plans', new: '[x] review query plans', line: lastLineOf(after, '- [x] review') },
    // Two items swapped: the shortest edit keeps the later one and moves the earlier one down.
    { area: 'checklist', kind: 'reordered', path: 'checklist[2]', from: 'checklist[1]', old: 'add indexes carefully', new: 'add indexes carefully', line: lastLineOf(after, '- add indexes carefully') },
    { area: 'checklist', kind: 'changed', path: 'checklist[3]', old: 'compare before and after metrics', new: 'compare before and after dashboards', line: lastLineOf(after, '- compare before') },
    { area: 'checklist', kind: 'added', path: 'checklist[5]', new: 'announce it', line: lastLineOf(after, '- announce it') },
  ]);
});

test('comparePosts: a removed checklist item points at the item that took its place', () => {
  const after = edit(seed, '\n- add indexes carefully\n', '\n');
  assert.deepEqual(comparePosts(seed, after).changes.filter((change) => change.area === 'checklist'), [
    { area: 'checklist', kind: 'removed', path: 'checklist[1]', old: 'add indexes carefully', line: lastLineOf(after, '- test with realistic data') },
  ]);
});

test('comparePosts: rollback notes by section: a changed field, an added note, a removed note', () => {
  const note = '```rollback\nowner: sam.lee\nexpected_result: the indexes exist\nrollback: drop the indexes\n```\n\n';
  const after = edit(edit(seed, 'owner: priya.nair', 'owner: sam.ortiz'), '## final notes\n', `${note}## final notes\n`);
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'rollback', kind: 'changed', path: 'rollback["security and maintenance notes"].owner', old: 'priya.nair', new: 'sam.ortiz', line: lineOf(after, 'owner: sam.ortiz') },
    { area: 'rollback', kind: 'added', path: 'rollback["implementation checklist"]', new: { owner: 'sam.lee', expected_result: 'the indexes exist', rollback: 'drop the indexes' }, line: lineOf(after, '```rollback\nowner: sam.lee') },
  ]);
  assert.deepEqual(comparePosts(after, seed).changes.at(-1), {
    area: 'rollback', kind: 'removed', path: 'rollback["implementation checklist"]', old: { owner: 'sam.lee', expected_result: 'the indexes exist', rollback: 'drop the indexes' }, line: lineOf(seed, '## implementation checklist'),
  });
});

test('comparePosts: the section list and the prose paragraph count', () => {
  const after = edit(seed, '## final notes\n', '## verification\n\nrun the smoke tests against staging.\n\n## final notes\n');
  assert.deepEqual(comparePosts(seed, after).changes, [
    { area: 'sections', kind: 'added', path: 'sections[2]', new: 'verification', line: lineOf(after, '## verification') },
    { area: 'paragraphs', kind: 'changed', path: 'paragraphs', old: 5, new: 6 },
  ]);
  const swapped = edit(edit(edit(seed, '## implementation checklist', '## FINAL'), '## final notes', '## implementation checklist'), '## FINAL', '## final notes');
  assert.deepEqual(comparePosts(seed, swapped).changes.filter((change) => change.area === 'sections'), [
    { area: 'sections', kind: 'reordered', path: 'sections[2]', from: 'sections[1]', old: 'implementation checklist', new: 'implementation checklist', line: lineOf(swapped, '## implementation checklist') },
  ]);
});

test('comparePosts: a meta with a YAML error is noted, not compared; the rest still is', () => {
  const after = edit(edit(seed, 'difficulty: advanced', 'difficulty: [advanced'), '\n- document the migration\n', '\n- document the rollout\n');
  const diff = comparePosts(seed, after);
  assert.deepEqual(diff.notes, ['The meta has a YAML error or is not a map: its keys are not compared.']);
  assert.deepEqual(diff.changes.map((change) => `${change.kind} ${change.path}`), ['changed checklist[4]']);
});

test('comparePosts: a post that was not a post at the base (no front matter) gets every key as added', () => {
  const diff = comparePosts('# just notes\n', '---\ntopic: a / b\n---\n# just notes\n');
  assert.deepEqual(diff.changes, [{ area: 'meta', kind: 'added', path: 'topic', new: 'a / b', line: 1 }]);
});

test('formatPath: plain keys dotted, indexes bracketed, other keys JSON-quoted', () => {
  assert.equal(formatPath(['score', 'quality']), 'score.quality');
  assert.equal(formatPath(['entities', 0, 'name']), 'entities[0].name');
  assert.equal(formatPath(['rollback', 'Deploy it', 'owner']), 'rollback["Deploy it"].owner');
  assert.equal(formatPath(['a.b']), '["a.b"]');
});

test('align: the fewest additions and removals; past MAX_WORK, by position', () => {
  assert.deepEqual(align(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']), [{ old: 0, new: 0 }, { old: 1 }, { new: 1 }, { old: 2, new: 2 }, { old: 3, new: 3 }, { new: 4 }]);
  assert.deepEqual(align([], ['a']), [{ new: 0 }]);
  assert.deepEqual(align(['a'], []), [{ old: 0 }]);
  // Two lists with nothing in common: the search gives up and matches by position.
  const size = Math.ceil(Math.sqrt(MAX_WORK)) + 10;
  const steps = align(Array.from({ length: size }, (_, i) => `a${i}`), Array.from({ length: size }, (_, i) => `b${i}`));
  assert.equal(steps.length, 2 * size);
  assert.deepEqual(steps.slice(0, 2), [{ old: 0 }, { new: 0 }]);
  // One insertion in the middle of a long list: one step of the search, however long.
  const long = Array.from({ length: 100_000 }, (_, i) => `k${i % 7}`);
  const inserted = [...long.slice(0, 50_000), 'new', ...long.slice(50_000)];
  const found = align(long, inserted);
  assert.equal(found.length, 100_001);
  assert.deepEqual(found.filter((step) => step.old === undefined), [{ new: 50_000 }]);
});

test('comparePosts: hostile text never throws', () => {
  for (const text of ['', '---\n', '---\n- a\n---\n', '```rollback\n: : :\n```\n', '\u0000\uffff', '---\na: *x\n---\n']) {
    assert.doesNotThrow(() => comparePosts(text, seed));
    assert.doesNotThrow(() => comparePosts(seed, text));
  }
  assert.equal(comparePosts('---\na: [\n---\n', '---\na: [1\n---\n').notes.length, 2);
});

test('comparePosts: equal checklist items: a move is one reordered item, whatever the duplicates', () => {
  const post = (items: string[]) => `---\ntopic: a / b\n---\n# t\n\n## implementation checklist\n\n${items.map((item) => `- ${item}`).join('\n')}\n`;
  const same = Array.from({ length: 3000 }, () => 'same');
  const changes = comparePosts(post(['moved', ...same, 'end']), post([...same, 'moved', 'end'])).changes;
  assert.deepEqual(changes, [{ area: 'checklist', kind: 'reordered', path: 'checklist[3000]', from: 'checklist[0]', old: 'moved', new: 'moved', line: 3007 }]);
});

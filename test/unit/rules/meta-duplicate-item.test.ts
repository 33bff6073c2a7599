import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'meta-duplicate-item';
const seed = loadSeed('000');

test('meta-duplicate-item: a repeated stack item is reported on the repeat', () => {
  const { text, range } = markedRange(edit(seed, '  - python\n', '  - python\n  - ⟦backend⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'stack lists "backend" again at item 4 (first at item 2).' }]);
});

test('meta-duplicate-item: each repeat in tools is reported', () => {
  const { text, ranges } = markedRanges(edit(seed, '  - logs\n', '  - logs\n  - ⟦git⟧\n  - ⟦fastapi⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'tools lists "git" again at item 7 (first at item 5).' },
    { range: ranges[1], message: 'tools lists "fastapi" again at item 8 (first at item 1).' },
  ]);
});

test('meta-duplicate-item: checklist and notes repeats', () => {
  const checklist = markedRange(edit(seed, '  - document the migration\nentities', '  - document the migration\n  - ⟦review query plans⟧\nentities'));
  assert.deepStrictEqual(findings(checklist.text, RULE), [{ range: checklist.range, message: 'checklist lists "review query plans" again at item 6 (first at item 1).' }]);
  const note = 'view count is synthetic and only used for testing meta volume';
  const notes = markedRange(edit(seed, '  - content is generated', `  - ⟦${note}⟧\n  - content is generated`));
  assert.deepStrictEqual(findings(notes.text, RULE), [{ range: notes.range, message: `notes lists "${note}" again at item 3 (first at item 2).` }]);
});

test('meta-duplicate-item: quiet for the same item in different lists, and for items that differ in case', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '  - logs\n', '  - logs\n  - python\n'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '  - python\n', '  - python\n  - Backend\n'), RULE), []);
});

test('meta-duplicate-item: an item listed three times is not said to be listed twice', () => {
  const found = findings(edit(seed, '  - python\n', '  - python\n  - python\n  - python\n'), RULE);
  assert.equal(found.length, 2);
  for (const { message } of found) assert.doesNotMatch(message, /twice/);
  const { text, ranges } = markedRanges(edit(seed, '  - python\n', '  - python\n  - ⟦python⟧\n  - ⟦python⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'stack lists "python" again at item 4 (first at item 3).' },
    { range: ranges[1], message: 'stack lists "python" again at item 5 (first at item 3).' },
  ]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('meta-duplicate-item: a repeated 100,000-character item is elided in the message', () => {
  const { text, range } = markedRange(edit(seed, '  - python\n', `  - python\n  - ${LONG}\n  - ⟦${LONG}⟧\n`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `stack lists ${ELIDED} again at item 5 (first at item 4).` }]);
});

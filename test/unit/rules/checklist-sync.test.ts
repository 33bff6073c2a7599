import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'checklist-sync';
const seed = loadSeed('000');
const LIST = '- review query plans\n- add indexes carefully\n- test with realistic data\n- compare before and after metrics\n- document the migration\n';

test('checklist-sync: the same items in another order are reported at the first difference', () => {
  const { text, range } = markedRange(edit(edit(seed, '\n- review query plans\n- add indexes carefully\n', '\n- add indexes carefully\n- review query plans\n'), '  - review query plans', '  - ⟦review query plans⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'Checklist item 1 is "review query plans" in the meta but "add indexes carefully" in the body\'s implementation checklist (order matters).' },
  ]);
});

test('checklist-sync: an item whose text differs', () => {
  const { text, range } = markedRange(edit(edit(seed, '\n- test with realistic data', '\n- test with real data'), '  - test with realistic data', '  - ⟦test with realistic data⟧'));
  const [found] = findings(text, RULE);
  assert.deepStrictEqual(found.range, range);
  assert.match(found.message, /^Checklist item 3 is "test with realistic data" in the meta but "test with real data" in the body's implementation checklist/);
  assert.equal(findings(text, RULE).length, 1);
});

test('checklist-sync: the body has an item the meta lacks, reported on the meta checklist key', () => {
  const { text, range } = markedRange(edit(edit(seed, '\n- document the migration\n', '\n- document the migration\n- ship it\n'), 'checklist:\n', '⟦checklist⟧:\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The meta checklist has 5 items but the body\'s implementation checklist has 6: "ship it" is missing from the meta.' },
  ]);
});

test('checklist-sync: the meta has an item the body lacks, reported on that meta item', () => {
  const { text, range } = markedRange(edit(seed, '  - document the migration\nentities', '  - document the migration\n  - ⟦ship it⟧\nentities'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The meta checklist item "ship it" is not in the body\'s implementation checklist (the body has 5 items).' },
  ]);
});

test('checklist-sync: quiet for task items and ordered items with the same texts', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, LIST, LIST.replace(/^- /gm, '- [x] ')), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, LIST, LIST.replace(/^- /gm, '1. ')), RULE), []);
});

test('checklist-sync: quiet when the body has no checklist list (checklist-missing reports that)', () => {
  assert.deepStrictEqual(findings(edit(seed, LIST, 'review query plans, then the rest.\n'), RULE), []);
});

test('checklist-sync: a text difference is not called an order problem', () => {
  const { text, range } = markedRange(edit(edit(seed, '\n- test with realistic data', '\n- test with real data'), '  - test with realistic data', '  - ⟦test with realistic data⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'Checklist item 3 is "test with realistic data" in the meta but "test with real data" in the body\'s implementation checklist.' },
  ]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('checklist-sync: a 100,000-character item is elided in the message', () => {
  const { text, range } = markedRange(edit(seed, '  - review query plans', `  - ⟦${LONG}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: `Checklist item 1 is ${ELIDED} in the meta but "review query plans" in the body's implementation checklist.` },
  ]);
});

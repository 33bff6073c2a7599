import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'checklist-item';
const seed = loadSeed('000');
const LIST = '- review query plans\n- add indexes carefully\n- test with realistic data\n- compare before and after metrics\n- document the migration\n';
const PROSE_MESSAGE = 'A prose paragraph inside the implementation checklist section: the section holds only the list (move the text to another section).';

test('checklist-item: an empty item is reported on its bullet', () => {
  const { text, range } = markedRange(edit(seed, '\n- add indexes carefully\n', '\n⟦-⟧ \n- add indexes carefully\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Checklist item 2 is empty.' }]);
});

test('checklist-item: a duplicate item is reported on the repeat text', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', '\n- document the migration\n- ⟦review query plans⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Checklist item "review query plans" repeats item 1.' }]);
});

test('checklist-item: a duplicate task item is reported on its text, after the checkbox', () => {
  const { text, range } = markedRange(edit(seed, LIST, LIST.replace(/^- /gm, '- [ ] ') + '- [x] ⟦review query plans⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Checklist item "review query plans" repeats item 1.' }]);
});

test('checklist-item: ranges are in UTF-16 columns', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', '\n- document the migration\n- 🚀 ship it\n- ⟦🚀 ship it⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Checklist item "🚀 ship it" repeats item 6.' }]);
});

test('checklist-item: a prose paragraph after the list', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', '\n- document the migration\n\n⟦remember to ask the on-call engineer first.⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: PROSE_MESSAGE }]);
});

test('checklist-item: a two-line prose paragraph before the list', () => {
  const { text, range } = markedRange(edit(seed, '## implementation checklist\n\n', '## implementation checklist\n\n⟦follow these steps\nin order.⟧\n\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: PROSE_MESSAGE }]);
});

test('checklist-item: several problems, in reading order', () => {
  const { text, ranges } = markedRanges(edit(seed, '\n- add indexes carefully\n', '\n⟦-⟧\n- add indexes carefully\n- ⟦review query plans⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'Checklist item 2 is empty.' },
    { range: ranges[1], message: 'Checklist item "review query plans" repeats item 1.' },
  ]);
});

test('checklist-item: quiet for an image after the list, task items, and items that differ only in their checkbox state', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '\n- document the migration\n', '\n- document the migration\n\n![diagram](https://example.com/d.png)\n'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, LIST, LIST.replace(/^- /gm, '- [x] ')), RULE), []);
});

test('checklist-item: a task item with no text is empty', () => {
  const { text, ranges } = markedRanges(edit(seed, LIST, LIST.replace(/^- /gm, '- [ ] ') + '⟦- [ ]⟧\n⟦- [x]⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'Checklist item 6 is empty.' },
    { range: ranges[1], message: 'Checklist item 7 is empty.' },
  ]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('checklist-item: a repeated 100,000-character item is elided in the message', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', `\n- document the migration\n- ${LONG}\n- ⟦${LONG}⟧\n`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `Checklist item ${ELIDED} repeats item 6.` }]);
});

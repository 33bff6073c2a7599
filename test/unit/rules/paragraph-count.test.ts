import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'paragraph-count';
const seed = loadSeed('000');

test('paragraph-count: a declared count above the body count', () => {
  const { text, range } = markedRange(edit(seed, 'paragraphs: 5', 'paragraphs: ⟦6⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'payload.paragraphs is 6 but the body has 5 prose paragraphs.' }]);
});

test('paragraph-count: a new prose paragraph in a section counts', () => {
  const { text, range } = markedRange(edit(edit(seed, 'avoid mixing content', 'one more paragraph of prose.\n\navoid mixing content'), 'paragraphs: 5', 'paragraphs: ⟦5⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'payload.paragraphs is 5 but the body has 6 prose paragraphs.' }]);
});

test('paragraph-count: one counted paragraph reads in the singular', () => {
  const post = [
    '---',
    'payload:',
    '  paragraphs: ⟦2⟧',
    '---',
    '',
    '# a title',
    '',
    'the only prose paragraph.',
    '',
    '## final notes',
    '',
    'final notes do not count.',
    '',
  ].join('\n');
  const { text, range } = markedRange(post);
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'payload.paragraphs is 2 but the body has 1 prose paragraph.' }]);
});

test('paragraph-count: final notes, images, code blocks, lists and rollback notes do not count', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'the best result is not only', 'another final paragraph.\n\nthe best result is not only'), RULE), []);
  const extras = '- a list item\n- another\n\n```python\nprint(1)\n```\n\n![diagram](https://example.com/d.png)\n\n## implementation checklist';
  assert.deepStrictEqual(findings(edit(seed, '## implementation checklist', extras), RULE), []);
});

test('paragraph-count: quiet when the count is not a non-negative integer (meta-invalid reports it)', () => {
  assert.deepStrictEqual(findings(edit(seed, 'paragraphs: 5', 'paragraphs: -1'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'paragraphs: 5', 'paragraphs: "5"'), RULE), []);
});

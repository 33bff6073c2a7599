import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'code-language';
const seed = loadSeed('000');
const BEFORE_CHECKLIST = '## implementation checklist';

function withBlock(markedBlock: string) {
  return edit(seed, BEFORE_CHECKLIST, `${markedBlock}\n\n${BEFORE_CHECKLIST}`);
}

test('code-language: a block without a language tag is reported on its opening fence', () => {
  const { text, range } = markedRange(withBlock('⟦```⟧\nprint(1)\n```'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'This code block has no language tag: expected "python" (code_language).' }]);
});

test('code-language: a block tagged with another language', () => {
  const { text, ranges } = markedRanges(withBlock('⟦```bash⟧\nls\n```\n\n  ⟦~~~sh title="list"⟧\n  ls\n  ~~~'));
  const found = findings(text, RULE);
  assert.deepStrictEqual(found.map((finding) => finding.message), [
    'This code block is tagged "bash" but code_language is "python".',
    'This code block is tagged "sh" but code_language is "python".',
  ]);
  // The line is right; the exact span (the tag) is the test below.
  assert.deepStrictEqual(found.map((finding) => finding.range.start.line), ranges.map((range) => range.start.line));
});

test('code-language: without code_language, only untagged blocks are reported', () => {
  const { text, range } = markedRange(edit(withBlock('⟦```⟧\nprint(1)\n```\n\n```bash\nls\n```'), 'code_language: python\n', ''));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'This code block has no language tag.' }]);
});

test('code-language: quiet for matching tags (backticks, tildes, an info string), rollback notes and indented code', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(loadSeed('001'), RULE), []);
  assert.deepStrictEqual(findings(withBlock('~~~python\nprint(1)\n~~~\n\n```python title="x.py"\nprint(2)\n```'), RULE), []);
  assert.deepStrictEqual(findings(withBlock('    indented code\n    has no tag'), RULE), []);
});

test('code-language: the range of a wrong tag is the tag itself', () => {
  const { text, ranges } = markedRanges(withBlock('```⟦bash⟧\nls\n```\n\n  ~~~⟦sh⟧ title="list"\n  ls\n  ~~~'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'This code block is tagged "bash" but code_language is "python".' },
    { range: ranges[1], message: 'This code block is tagged "sh" but code_language is "python".' },
  ]);
});

test('code-language: a code block inside a list item is checked too', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', '\n- document the migration\n\n  ```⟦sh⟧\n  ls\n  ```\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'This code block is tagged "sh" but code_language is "python".' }]);
});

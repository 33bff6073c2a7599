import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePost, fixAll, parsePost } from '../../../server/src/service';
import { edit, findings, loadSeed, markedRange, TODAY } from '../../support/fixtures';

const RULE = 'yaml-syntax';
const seed = loadSeed('000');

test('yaml-syntax: a tab used as indentation is reported at the tab', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦\t⟧unit: minutes\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The post meta is not valid YAML: Tabs are not allowed as indentation' }]);
});

test('yaml-syntax: an alias bomb is bad input, reported at the first alias', () => {
  const { text, range } = markedRange(
    edit(seed, 'notes:\n', 'a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [⟦*a⟧, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nnotes:\n'),
  );
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The post meta is not valid YAML: Excessive alias count indicates a resource exhaustion attack (anchors and aliases are not needed in a post meta)' },
  ]);
});

test('yaml-syntax: a front matter that is never closed is reported on its opening line', () => {
  const { text, range } = markedRange('⟦---⟧\ntopic: keeping staging close to production / python services\nsummary: a summary\n');
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The front matter opened here is never closed: add a "---" line after the post meta.' }]);
});

test('yaml-syntax: a valid post, a post closed by `...`, a BOM and CRLF line breaks are accepted', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '---\n\n# practical guide', '...\n\n# practical guide'), RULE), []);
  assert.deepStrictEqual(findings('\ufeff' + seed, RULE), []);
  assert.deepStrictEqual(findings(seed.replace(/\n/g, '\r\n'), RULE), []);
});

test('yaml-syntax: a duplicate key is reported on the whole repeated key', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦reading_time⟧: 8\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The post meta is not valid YAML: Map keys must be unique' }]);
});

test('yaml-syntax: an unclosed front matter is reported once, not as YAML errors all over the Markdown body', () => {
  const { text, range } = markedRange('⟦---⟧' + edit(seed, '---\n\n# practical guide', '\n# practical guide').slice(3));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The front matter opened here is never closed: add a "---" line after the post meta.' }]);
});

test('yaml-syntax: a post with lone CR line breaks is valid YAML', () => {
  assert.deepStrictEqual(findings(seed.replace(/\n/g, '\r'), RULE), []);
});

test('yaml-syntax: an unclosed quote is reported where it opens (to the end of its line), plainly, with a close-the-quote fix (issue 15)', () => {
  const text = edit(seed, 'production case."\n', 'production case.\n');
  const line = text.split('\n').findIndex((candidate) => candidate.startsWith('ai_brief: "'));
  const all = analyzePost(parsePost(text), { today: TODAY });
  assert.deepStrictEqual(all.map((f) => [f.diagnostic.code, f.diagnostic.range, f.diagnostic.message]), [[
    'yaml-syntax',
    { start: { line, character: 10 }, end: { line, character: text.split('\n')[line].length } },
    'The quote " that opens this value is never closed, so the rest of the front matter is read as part of it: add a closing " where the value ends.',
  ]]);
  assert.deepStrictEqual(all[0].fixes.map((fix) => fix.title), ['Close the quote at the end of the line']);
  assert.equal(fixAll(text, { today: TODAY }).text, seed);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, TODAY } from '../../support/fixtures';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzePost, fixAll, parsePost } from '../../../server/src/service';

const RULE = 'meta-required';
const seed = loadSeed('000');
/** The opening `---` of the seed: where a missing top-level key is reported. */
const OPEN = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

test('meta-required: a missing top-level key is reported on the opening `---`', () => {
  const text = edit(seed, 'difficulty: advanced\n', '');
  assert.deepStrictEqual(findings(text, RULE), [{ range: OPEN, message: 'Missing required key "difficulty".' }]);
});

test('meta-required: each missing key gets its own diagnostic, in schema order', () => {
  const text = edit(edit(seed, 'hash: "b0aaade20420440abd800f63"\n', ''), 'difficulty: advanced\n', '');
  assert.deepStrictEqual(findings(text, RULE), [
    { range: OPEN, message: 'Missing required key "difficulty".' },
    { range: OPEN, message: 'Missing required key "hash".' },
  ]);
});

test('meta-required: a whole missing map is one diagnostic', () => {
  const text = edit(seed, 'score:\n  quality: 97\n  freshness: 74\n  depth: 78\n  clarity: 78\n', '');
  assert.deepStrictEqual(findings(text, RULE), [{ range: OPEN, message: 'Missing required key "score".' }]);
});

test('meta-required: a key missing in a nested map is reported on the key of that map', () => {
  const { text, range } = markedRange(edit(seed, 'score:\n  quality: 97\n  freshness: 74\n  depth: 78\n  clarity: 78\n', '⟦score⟧:\n  quality: 97\n  depth: 78\n  clarity: 78\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Missing required key "freshness" in score.' }]);
});

test('meta-required: a key missing in a list item is reported on that item', () => {
  const entity = markedRange(edit(seed, '  - name: backend\n    type: area\n', '  - ⟦name: backend⟧\n'));
  assert.deepStrictEqual(findings(entity.text, RULE), [{ range: entity.range, message: 'Missing required key "type" in entities[1].' }]);
  const source = markedRange(
    edit(
      seed,
      '  - source: picsum.photos\n    url: https://picsum.photos/seed/anp-038568/1200/630\n    caption: keeping staging close to production with python services visual reference 1\n',
      '  - ⟦source: picsum.photos\n    caption: keeping staging close to production with python services visual reference 1⟧\n',
    ),
  );
  assert.deepStrictEqual(findings(source.text, RULE), [{ range: source.range, message: 'Missing required key "url" in image_sources[0].' }]);
});

test('meta-required: a missing key inside payload is reported on the payload key', () => {
  const { text, range } = markedRange(
    edit(seed, 'payload:\n  source_id: alphanode-038568\n  generator: anp content synthesizer\n  paragraphs: 5\n  scenario: before a major migration\n  seed: 38568\n', '⟦payload⟧:\n  source_id: alphanode-038568\n  generator: anp content synthesizer\n  paragraphs: 5\n  scenario: before a major migration\n'),
  );
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Missing required key "seed" in payload.' }]);
});

test('meta-required: quiet when only the optional notes and image_sources are absent', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  const withoutOptional = edit(
    edit(seed, seed.slice(seed.indexOf('notes:\n'), seed.indexOf('---\n\n#')), ''),
    seed.slice(seed.indexOf('image_sources:\n'), seed.indexOf('payload:\n')),
    '',
  );
  assert.deepStrictEqual(findings(withoutOptional, RULE), []);
});

test('meta-required: quiet for a key that is present with an empty value (meta-invalid reports it)', () => {
  assert.deepStrictEqual(findings(edit(seed, 'difficulty: advanced', 'difficulty:'), RULE), []);
});

test('meta-required: a missing flag is a missing key, not an invalid value', () => {
  const { text, range } = markedRange(edit(seed, 'flags:\n  ai_generated_style: 1\n  has_images: 1\n  image_heavy: 0\n  needs_human_review: 1\n', '⟦flags⟧:\n  ai_generated_style: 1\n  image_heavy: 0\n  needs_human_review: 1\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Missing required key "has_images" in flags.' }]);
  assert.deepStrictEqual(findings(text, 'meta-invalid'), []);
});

test('meta-required: a misspelt required key is one error at the typo, whose preferred fix renames it (issue 15)', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7', '⟦reading_tme⟧: 7'));
  const all = analyzePost(parsePost(text), { today: TODAY });
  assert.deepStrictEqual(all.map((finding) => [finding.diagnostic.code, finding.diagnostic.severity, finding.diagnostic.range, finding.diagnostic.message]), [
    ['meta-required', DiagnosticSeverity.Error, range, 'Missing required key "reading_time": "reading_tme" looks like a misspelling of it.'],
  ]);
  const fixes = all[0].fixes;
  assert.deepStrictEqual(fixes.map((fix) => [fix.title, fix.preferred]), [['Rename "reading_tme" to "reading_time"', true], ['Add "reading_time"', false]]);
  assert.deepStrictEqual(fixes[0].edits, [{ range, newText: 'reading_time' }]);
  assert.equal(fixAll(text, { today: TODAY }).text, seed);
});

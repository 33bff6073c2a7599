import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'meta-unknown-key';
const seed = loadSeed('000');

test('meta-unknown-key: a typo of an optional key that is absent suggests the key', () => {
  const { text, range } = markedRange(edit(seed, '\nnotes:\n', '\n⟦note⟧:\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown key "note": did you mean "notes"?' }]);
  assert.deepStrictEqual(findings(text, 'meta-required'), []);
});

// Issue 15: one typo, one problem. A misspelt required key is meta-required's (at the typo, an
// error, with the rename fix); this rule stays silent about it. Before, each of these gave a
// meta-unknown-key warning here plus a "Missing required key" error elsewhere.
test('meta-unknown-key: silent for a typo of a missing required key (top level, nested map, list item map)', () => {
  const cases: Array<[string, string, string]> = [
    ['reading_time: 7', '⟦reading_tme⟧: 7', 'Missing required key "reading_time": "reading_tme" looks like a misspelling of it.'],
    ['  freshness: 74', '  ⟦freshnes⟧: 74', 'Missing required key "freshness" in score: "freshnes" looks like a misspelling of it.'],
    ['    type: area', '    ⟦typ⟧: area', 'Missing required key "type" in entities[1]: "typ" looks like a misspelling of it.'],
    ['    caption: keeping', '    ⟦captoin⟧: keeping', 'Missing required key "caption" in image_sources[0]: "captoin" looks like a misspelling of it.'],
  ];
  for (const [find, replace, message] of cases) {
    const { text, range } = markedRange(edit(seed, find, replace));
    assert.deepStrictEqual(findings(text, RULE), [], replace);
    assert.deepStrictEqual(findings(text, 'meta-required'), [{ range, message }], replace);
  }
});

test('meta-unknown-key: a key near no known key gets no suggestion', () => {
  const top = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦author⟧: bob\n'));
  assert.deepStrictEqual(findings(top.text, RULE), [{ range: top.range, message: 'Unknown key "author": the post meta has no such key.' }]);
  const nested = markedRange(edit(seed, '  seed: 38568\n', '  seed: 38568\n  ⟦color⟧: blue\n'));
  assert.deepStrictEqual(findings(nested.text, RULE), [{ range: nested.range, message: 'Unknown key "color" in payload: expected one of source_id, generator, paragraphs, scenario, seed.' }]);
});

test('meta-unknown-key: no rename to a key the map already has; the twin is named instead', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦reading_tme⟧: 7\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown key "reading_tme": it looks like "reading_time", which is already set; remove one of them.' }]);
});

test('meta-unknown-key: quiet for known keys, optional keys and broken YAML', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n\treading_tme: 7\n'), RULE), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'meta-unknown-key';
const seed = loadSeed('000');

test('meta-unknown-key: a typo of a top-level key suggests the key', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7', '⟦reading_tme⟧: 7'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown key `reading_tme`: did you mean `reading_time`?' }]);
});

test('meta-unknown-key: a typo in a nested map suggests the key of that map', () => {
  const { text, range } = markedRange(edit(seed, '  freshness: 74', '  ⟦freshnes⟧: 74'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown key `freshnes` in score: did you mean `freshness`?' }]);
});

test('meta-unknown-key: a typo in a list item map (entities, image_sources)', () => {
  const entity = markedRange(edit(seed, '    type: area', '    ⟦typ⟧: area'));
  assert.deepStrictEqual(findings(entity.text, RULE), [{ range: entity.range, message: 'Unknown key `typ` in entities[1]: did you mean `type`?' }]);
  const source = markedRange(edit(seed, '    caption: keeping', '    ⟦captoin⟧: keeping'));
  assert.deepStrictEqual(findings(source.text, RULE), [{ range: source.range, message: 'Unknown key `captoin` in image_sources[0]: did you mean `caption`?' }]);
});

test('meta-unknown-key: a key near no known key gets no suggestion', () => {
  const top = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦author⟧: bob\n'));
  assert.deepStrictEqual(findings(top.text, RULE), [{ range: top.range, message: 'Unknown key `author`: the post meta has no such key.' }]);
  const nested = markedRange(edit(seed, '  seed: 38568\n', '  seed: 38568\n  ⟦color⟧: blue\n'));
  assert.deepStrictEqual(findings(nested.text, RULE), [{ range: nested.range, message: 'Unknown key `color` in payload: expected one of source_id, generator, paragraphs, scenario, seed.' }]);
});

test('meta-unknown-key: no rename to a key the map already has; the twin is named instead', () => {
  const { text, range } = markedRange(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n⟦reading_tme⟧: 7\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown key `reading_tme`: it looks like `reading_time`, which is already set; remove one of them.' }]);
});

test('meta-unknown-key: quiet for known keys, optional keys and broken YAML', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n\treading_tme: 7\n'), RULE), []);
});

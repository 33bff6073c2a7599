import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'meta-missing';
const seed = loadSeed('000');
/** The seed's body without its front matter. */
const bodyOnly = seed.slice(seed.indexOf('\n---\n', 4) + 6);

test('meta-missing: a post without front matter is reported on its first line', () => {
  const { text, range } = markedRange('⟦# practical guide to keeping staging close to production with python services⟧' + bodyOnly.slice(bodyOnly.indexOf('\n')));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'This post has no post meta: it must start with a `---` line, the YAML meta, and a closing `---`.' }]);
});

test('meta-missing: an empty front matter is reported on its opening `---`', () => {
  const message = 'The post meta is empty: add the keys of the post format (topic, summary, ai_outline, …).';
  const empty = markedRange('⟦---⟧\n---\n\n# a post\n');
  assert.deepStrictEqual(findings(empty.text, RULE), [{ range: empty.range, message }]);
  const commentOnly = markedRange('⟦---⟧\n# only a comment\n---\n\n# a post\n');
  assert.deepStrictEqual(findings(commentOnly.text, RULE), [{ range: commentOnly.range, message }]);
});

test('meta-missing: quiet for a post with meta, and for a file that is a post only by its source id', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(bodyOnly, RULE, { matchedByFiles: false }), []);
});

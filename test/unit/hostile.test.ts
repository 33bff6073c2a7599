import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePost, DEFAULT_TEMPLATE, documentSymbols, fixAll, foldingRanges, MAX_POST_LENGTH, oversizedPost, parsePost, renderMetaBox, validatePost } from '../../server/src/service';
import { completeUnguarded } from '../../server/src/service/assist/completion';
import { hoverUnguarded } from '../../server/src/service/assist/hover';
import { loadSeed, TODAY } from '../support/fixtures';
import { hostileCorpus } from '../support/hostile';
import { codes, rangesOutside } from '../support/mutate';

/** No message may echo a hostile value in full (see server/src/service/model/messages.ts). */
const MAX_MESSAGE_LENGTH = 1_000;

for (const { name, text } of hostileCorpus()) {
  test(`hostile corpus: ${name}: every feature of the core reads it, ranges inside the text, messages capped`, () => {
    const post = parsePost(text);
    const diagnostics = validatePost(post, { today: TODAY });
    assert.deepEqual(rangesOutside(post.text, diagnostics), []);
    for (const diagnostic of diagnostics) {
      assert.ok(String(diagnostic.message).length <= MAX_MESSAGE_LENGTH, `${diagnostic.code}: a message of ${String(diagnostic.message).length} characters`);
    }
    assert.ok(!codes(diagnostics).includes('internal-error'), `no rule crashed: ${diagnostics.filter((d) => d.code === 'internal-error').map((d) => d.message).join(' | ')}`);
    // The editor's features on the same parse (the unguarded variants: a crash must show here).
    documentSymbols(post);
    foldingRanges(post);
    for (const position of [{ line: 0, character: 0 }, { line: 1, character: 4 }, { line: 2, character: 1 }]) {
      hoverUnguarded(post, position, { template: DEFAULT_TEMPLATE, today: TODAY });
      completeUnguarded(post, position, { template: DEFAULT_TEMPLATE, today: TODAY });
    }
    renderMetaBox(post, diagnostics, { today: TODAY, allowRemoteImages: false });
  });

  test(`hostile corpus: ${name}: fix-all never throws and a second run changes nothing`, () => {
    const once = fixAll(text, { today: TODAY });
    assert.equal(fixAll(once.text, { today: TODAY }).text, once.text);
  });
}

test('a post longer than MAX_POST_LENGTH is reported with one internal-error, not read', () => {
  const text = `${loadSeed('001')}${'x'.repeat(MAX_POST_LENGTH)}`;
  const post = parsePost(text);
  assert.equal(post.frontMatter, undefined);
  assert.deepEqual(post.body.sections, []);
  const diagnostics = validatePost(post, { today: TODAY });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range, d.message]), [[
    'internal-error', 1, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
    'This file could not be checked: it is 10.1 MB, more than the 10 MB a post may have. No other check ran on it.',
  ]]);
  assert.equal(fixAll(text).text, text, 'nothing to fix in a file that was not read');
});

test('oversizedPost: the head still tells whether the file is a post, and validation reports only the size', () => {
  const post = oversizedPost(12 * 1024 * 1024, loadSeed('001').slice(0, 2_000));
  assert.equal(post.unreadable, 'it is 12 MB, more than the 10 MB a post may have');
  assert.ok(post.frontMatter, 'the front matter of the head was read (classification by meta)');
  assert.deepEqual(codes(analyzePost(post).map((finding) => finding.diagnostic)), ['internal-error']);
});

test('parsePost of something that is not a string (a bad client) is an empty post, not a crash', () => {
  for (const bad of [null, undefined, 5, {}]) {
    const post = parsePost(bad as unknown as string);
    assert.equal(post.text, '');
    assert.deepEqual(codes(validatePost(post, { today: TODAY })), ['meta-missing']);
  }
});

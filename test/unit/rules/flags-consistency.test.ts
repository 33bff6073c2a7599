import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'flags-consistency';
const seed = loadSeed('000');
const IMAGE_SOURCES = seed.slice(seed.indexOf('image_sources:\n'), seed.indexOf('payload:\n'));
const BODY_IMAGE = '![keeping staging close to production with python services visual reference 1](https://picsum.photos/seed/anp-038568/1200/630)\n\n';
/** The seed without images: no image_sources, no body image, flags still as in the seed (has_images: 1). */
const noImages = edit(edit(seed, IMAGE_SOURCES, ''), BODY_IMAGE, '');

test('flags-consistency: has_images is 1 without image_sources', () => {
  const { text, range } = markedRange(edit(noImages, 'has_images: 1', 'has_images: ⟦1⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'flags.has_images is 1 but the post has no image_sources: it must be 0.' }]);
});

test('flags-consistency: has_images is 0 with image_sources', () => {
  const { text, range } = markedRange(edit(seed, 'has_images: 1', 'has_images: ⟦0⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'flags.has_images is 0 but image_sources lists 1 image(s): it must be 1.' }]);
});

test('flags-consistency: image_heavy is 1 in a post without images', () => {
  const { text, range } = markedRange(edit(edit(noImages, 'has_images: 1', 'has_images: 0'), 'image_heavy: 0', 'image_heavy: ⟦1⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'flags.image_heavy is 1 but the post has no images (has_images must be 1 for an image-heavy post).' }]);
});

test('flags-consistency: both flags wrong', () => {
  const { text, ranges } = markedRanges(edit(edit(noImages, 'has_images: 1', 'has_images: ⟦1⟧'), 'image_heavy: 0', 'image_heavy: ⟦1⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'flags.has_images is 1 but the post has no image_sources: it must be 0.' },
    { range: ranges[1], message: 'flags.image_heavy is 1 but the post has no images (has_images must be 1 for an image-heavy post).' },
  ]);
});

test('flags-consistency: quiet when the flags agree (no images, an empty list, an image-heavy post with images)', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(noImages, 'has_images: 1', 'has_images: 0'), RULE), []);
  assert.deepStrictEqual(findings(edit(edit(noImages, 'has_images: 1', 'has_images: 0'), 'payload:\n', 'image_sources: []\npayload:\n'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'image_heavy: 0', 'image_heavy: 1'), RULE), []);
});

test('flags-consistency: quiet when a flag is not 0/1 (meta-invalid reports it)', () => {
  assert.deepStrictEqual(findings(edit(noImages, 'has_images: 1', 'has_images: "1"'), RULE), []);
});

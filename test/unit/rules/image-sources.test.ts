import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'image-sources';
const seed = loadSeed('000');
const CAPTION = 'keeping staging close to production with python services visual reference 1';
const URL = 'https://picsum.photos/seed/anp-038568/1200/630';
const IMAGE_SOURCES = seed.slice(seed.indexOf('image_sources:\n'), seed.indexOf('payload:\n'));
const BODY_IMAGE = `![${CAPTION}](${URL})`;

test('image-sources: a source without a body image is reported on its caption', () => {
  const { text, range } = markedRange(edit(edit(seed, BODY_IMAGE + '\n\n', ''), `    caption: ${CAPTION}`, `    caption: ⟦${CAPTION}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: `image_sources[0] has no body image: add ![${CAPTION}](${URL}) to the body, or remove this source.` },
  ]);
});

test('image-sources: a body image without a source is reported on the image', () => {
  const { text, range } = markedRange(edit(edit(seed, IMAGE_SOURCES, ''), BODY_IMAGE, `⟦${BODY_IMAGE}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The image "${CAPTION}" has no entry in image_sources (source, url and caption).` }]);
});

test('image-sources: a second body image without a source, after other text on its line', () => {
  const { text, range } = markedRange(edit(seed, '## security and maintenance notes\n', '## security and maintenance notes\n\n🚀 see ⟦![diagram](https://example.com/d.png)⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The image "diagram" has no entry in image_sources (source, url and caption).' }]);
});

test('image-sources: the body image with the caption has another url: reported once, on the source url', () => {
  const { text, range } = markedRange(edit(edit(seed, `(${URL})`, '(https://picsum.photos/seed/anp-038568/800/600)'), `    url: ${URL}`, `    url: ⟦${URL}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: `image_sources[0] has url "${URL}" but the body image with this caption points at "https://picsum.photos/seed/anp-038568/800/600".` },
  ]);
});

test('image-sources: the body image has another caption: both directions are reported', () => {
  const { text, ranges } = markedRanges(edit(edit(seed, BODY_IMAGE, `⟦![staging visual](${URL})⟧`), `    caption: ${CAPTION}`, `    caption: ⟦${CAPTION}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: `image_sources[0] has no body image: add ![${CAPTION}](${URL}) to the body, or remove this source.` },
    { range: ranges[1], message: 'The image "staging visual" has no entry in image_sources (source, url and caption).' },
  ]);
});

test('image-sources: quiet when sources and images pair up (angle brackets, a title, an image inside prose)', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, `(${URL})`, `(<${URL}>)`), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, `(${URL})`, `(${URL} "a title")`), RULE), []);
  assert.deepStrictEqual(findings(edit(edit(seed, BODY_IMAGE + '\n\n', ''), 'over a broad rewrite.\n', `over a broad rewrite. ${BODY_IMAGE}\n`), RULE), []);
  assert.deepStrictEqual(findings(edit(edit(seed, IMAGE_SOURCES, 'image_sources: []\n'), BODY_IMAGE + '\n\n', ''), RULE), []);
});

test('image-sources: quiet for a post without front matter (meta-missing reports that)', () => {
  const bodyOnly = seed.slice(seed.indexOf('\n---\n', 4) + 5);
  assert.deepStrictEqual(findings(bodyOnly, RULE), []);
});

test('image-sources: quiet when the YAML of the meta is broken (yaml-syntax reports that)', () => {
  assert.deepStrictEqual(findings(edit(seed, 'reading_time: 7\n', 'reading_time: 7\n\tunit: minutes\n'), RULE), []);
});

test('image-sources: quiet about a source lacking its caption or url (meta-required reports that)', () => {
  assert.deepStrictEqual(findings(edit(seed, `    caption: ${CAPTION}\n`, ''), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, `    url: ${URL}\n`, ''), RULE), []);
});

test('image-sources: a second body image with the caption of a matched source but another url has no source', () => {
  const { text, range } = markedRange(edit(seed, '## security and maintenance notes\n', `## security and maintenance notes\n\n⟦![${CAPTION}](https://example.com/other.png)⟧\n`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The image "${CAPTION}" has no entry in image_sources (source, url and caption).` }]);
});

test('image-sources: an image inside a list item needs a source too', () => {
  const { text, range } = markedRange(edit(seed, '\n- document the migration\n', '\n- document the migration\n- ⟦![diagram](https://example.com/d.png)⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The image "diagram" has no entry in image_sources (source, url and caption).' }]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('image-sources: a body image with a 100,000-character caption is elided in the message', () => {
  const { text, range } = markedRange(edit(seed, BODY_IMAGE, `${BODY_IMAGE}\n\n⟦![${LONG}](https://example.com/long.png)⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The image ${ELIDED} has no entry in image_sources (source, url and caption).` }]);
});

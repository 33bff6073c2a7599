import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { DEFAULT_TEMPLATE, hoverPost, parsePost, Template, validatePost } from '../../server/src/service';
import { hoverUnguarded } from '../../server/src/service/assist/hover';
import { descriptionOf } from '../../server/src/service/assist/metaDocs';
import { createMetaSchema } from '../../server/src/service/model/schema';
import { cursorAt, placeCursor, sweepPositions } from '../support/cursor';
import { edit, loadSeed, TODAY } from '../support/fixtures';
import { splitLines, toCrlf } from '../support/mutate';

const seed = loadSeed('000');
const schema = createMetaSchema(DEFAULT_TEMPLATE, TODAY);

/** Hover at the cursor. */
function hover(at: { text: string; position: Position }, template: Template = DEFAULT_TEMPLATE): Hover | null {
  return hoverPost(parsePost(at.text), at.position, { template, today: TODAY });
}

/** The messages of the post's diagnostics: VS Code's marker hover shows them, ours never repeats them (issue 15). */
function messagesOf(text: string, template: Template = DEFAULT_TEMPLATE): string[] {
  return validatePost(parsePost(text), { template, today: TODAY }).map((diagnostic) => String(diagnostic.message));
}

function markdown(result: Hover | null): string {
  assert.ok(result, 'expected a hover');
  const contents = result.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

test('hover: on a paragraph count that disagrees with the body: docs and what the body has, not the diagnostic', () => {
  const eight = edit(edit(seed, 'avoid mixing content', 'one more paragraph.\n\nand another one.\n\nand a third.\n\navoid mixing content'), 'paragraphs: 5', 'paragraphs: 7');
  const result = hover(placeCursor(eight, '  paragraphs: ‸7'));
  assert.deepEqual(result, {
    contents: {
      kind: 'markdown',
      value: [
        '**payload.paragraphs**',
        descriptionOf(schema.shape.payload.shape.paragraphs),
        'The body has 8 prose paragraphs now.',
      ].join('\n\n'),
    },
    range: range(60, 14, 15),
  });
  assert.deepEqual(messagesOf(eight), ['payload.paragraphs is 7 but the body has 8 prose paragraphs.'], 'the value has a diagnostic, which the hover leaves to VS Code');
  // On the key: the key's range, the same text.
  const onKey = hover(placeCursor(eight, '  para‸graphs: 7'));
  assert.deepEqual(onKey?.range, range(60, 2, 12));
  assert.equal(markdown(onKey), ['**payload.paragraphs**', descriptionOf(schema.shape.payload.shape.paragraphs), 'The body has 8 prose paragraphs now.'].join('\n\n'));
  assert.match(markdown(hover(placeCursor(edit(seed, 'paragraphs: 5', 'paragraphs: 1'), '  paragraphs: 1‸'))), /The body has 5 prose paragraphs now\./);
});

test('hover: one prose paragraph reads in the singular', () => {
  const text = '---\npayload:\n  paragraphs: 1\n---\n\n# t\n\nonly one.\n';
  assert.match(markdown(hover(placeCursor(text, '  ‸paragraphs: 1'))), /The body has 1 prose paragraph now\./);
});

test('hover: topic: the expected problem / stack', () => {
  assert.equal(markdown(hover(placeCursor(seed, '‸topic: keeping'))), [
    '**topic**',
    descriptionOf(schema.shape.topic),
    'Expected now: `keeping staging close to production / python services`.',
  ].join('\n\n'));
  const wrong = hover(placeCursor(edit(seed, 'topic: keeping staging close to production / python services', 'topic: staging / python'), 'topic: stag‸ing / python'));
  assert.deepEqual(wrong?.range, range(1, 7, 23));
  assert.equal(markdown(wrong), [
    '**topic**',
    descriptionOf(schema.shape.topic),
    'Expected now: `keeping staging close to production / python services`.',
  ].join('\n\n'));
});

test('hover: checklist (the key and an item): the body checklist now', () => {
  const body = ["The body's `implementation checklist` now:", '', '1. review query plans', '2. add indexes carefully', '3. test with realistic data', '4. compare before and after metrics', '5. document the migration'].join('\n');
  const onKey = hover(placeCursor(seed, 'check‸list:\n  - review'));
  assert.deepEqual(onKey?.range, range(40, 0, 9));
  assert.equal(markdown(onKey), ['**checklist**', descriptionOf(schema.shape.checklist), body].join('\n\n'));
  const onItem = hover(placeCursor(seed, '  - add ‸indexes carefully'));
  assert.deepEqual(onItem?.range, range(42, 4, 25));
  assert.equal(markdown(onItem), ['**checklist[1]**', descriptionOf(schema.shape.checklist), body].join('\n\n'));
  const noSection = edit(seed, '## implementation checklist', '## more checks');
  assert.equal(markdown(hover(placeCursor(noSection, 'check‸list:\n  - review'))), [
    '**checklist**',
    descriptionOf(schema.shape.checklist),
    'The body has no `implementation checklist` section.',
  ].join('\n\n'));
});

test('hover: reference and source_id: the ids payload.seed implies (the seed-consistency diagnostic left to VS Code)', () => {
  const text = edit(edit(seed, 'reference: anp-ref-038568-1612', 'reference: anp-ref-000001-1612'), 'source_id: alphanode-038568', 'source_id: alphanode-000001');
  const reference = hover(placeCursor(text, 'reference: anp-ref-000001-‸1612'));
  assert.deepEqual(reference?.range, range(33, 11, 30));
  assert.equal(markdown(reference), [
    '**reference**',
    descriptionOf(schema.shape.reference),
    'Expected now: `anp-ref-038568-1612` (payload.seed 38568, zero-padded).',
  ].join('\n\n'));
  assert.equal(markdown(hover(placeCursor(text, '  source_‸id: alphanode'))), [
    '**payload.source_id**',
    descriptionOf(schema.shape.payload.shape.source_id),
    'Expected now: `alphanode-038568` (payload.seed 38568, zero-padded).',
  ].join('\n\n'));
  assert.match(markdown(hover(placeCursor(seed, '  se‸ed: 38568'))), /reference and payload\.source_id must carry `038568`\.$/);
});

test('hover: has_images and image_sources: the image count', () => {
  assert.equal(markdown(hover(placeCursor(seed, '  has_images: ‸1'))), [
    '**flags.has_images**',
    descriptionOf(schema.shape.flags.shape.has_images),
    'The body has 1 image; image_sources lists 1. Expected now: `1`.',
  ].join('\n\n'));
  const noImages = edit(seed, /!\[keeping staging[^\n]*\n/.exec(seed)![0], '');
  // The image-sources diagnostic sits on the source's caption: its hover has the caption's docs alone.
  assert.equal(markdown(hover(placeCursor(noImages, '‸image_sources:'))), [
    '**image_sources**',
    descriptionOf(schema.shape.image_sources),
    'The body has 0 images; image_sources lists 1.',
  ].join('\n\n'));
  assert.equal(markdown(hover(placeCursor(noImages, '    caption: keeping‸'))), '**image_sources[0].caption**\n\nThe caption: the alt text of the body image with this URL.');
});

test('hover: nested keys and values (maps in lists too)', () => {
  const type = hover(placeCursor(seed, '    type: ar‸ea'));
  assert.deepEqual(type?.range, range(50, 10, 14));
  assert.equal(markdown(type), ['**entities[1].type**', 'The entity type: stack, area, problem, tool.'].join('\n\n'));
  const name = hover(placeCursor(seed, '  - na‸me: backend'));
  assert.deepEqual(name?.range, range(49, 4, 8));
  assert.equal(markdown(name), ['**entities[1].name**', 'The entity name.'].join('\n\n'));
  assert.equal(markdown(hover(placeCursor(seed, '  pro‸blem: keeping'))), ['**ai_outline.problem**', descriptionOf(schema.shape.ai_outline.shape.problem)].join('\n\n'));
  assert.equal(markdown(hover(placeCursor(seed, 'sco‸re:'))), ['**score**', 'Editorial scores, each an integer 0 to 100.'].join('\n\n'));
  assert.match(markdown(hover(placeCursor(seed, '  - ‸fastapi'))), /^\*\*tools\[0\]\*\*\n\nTools the post uses; unique\.$/);
  assert.equal(markdown(hover(placeCursor(seed, '  context: ‸before'))), ['**ai_outline.context**', descriptionOf(schema.shape.ai_outline.shape.context), 'payload.scenario is `before a major migration`.'].join('\n\n'));
});

test('hover: the template shapes the docs', () => {
  const template: Template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, difficulty: ['easy', 'hard'] } };
  const result = hover(placeCursor(seed, 'diffi‸culty: advanced'), template);
  assert.equal(markdown(result), '**difficulty**\n\nHow hard the change is: easy, hard.');
  // On the value meta-invalid reports: the allowed values, not the diagnostic again.
  assert.deepEqual(messagesOf(seed, template), ['difficulty is "advanced": expected one of easy, hard.']);
  assert.equal(markdown(hover(placeCursor(seed, 'difficulty: adv‸anced'), template)), '**difficulty**\n\nHow hard the change is: easy, hard.');
});

test('hover: a misspelt required key: not a meta key; its meta-required error is left to VS Code (issue 15)', () => {
  const result = hover(placeCursor(edit(seed, 'reading_time: 7', 'reading_tme: 7'), 'reading_t‸me: 7'));
  assert.deepEqual(result?.range, range(22, 0, 11));
  assert.equal(markdown(result), [
    '**reading_tme**',
    'Not a key of the post meta.',
  ].join('\n\n'));
});

test('hover: rollback note keys', () => {
  const owner = hover(placeCursor(seed, 'ow‸ner: priya.nair'));
  assert.deepEqual(owner, { contents: { kind: 'markdown', value: '**owner** (rollback note)\n\nWho owns the change and its rollback (required, non-empty).' }, range: range(86, 0, 5) });
  assert.deepEqual(hover(placeCursor(seed, 'owner: priya.‸nair'))?.range, range(86, 7, 17));
  const future = hover(placeCursor(edit(seed, 'rehearsed: "2026-09-14"', 'rehearsed: "2027-01-01"'), 'rehearsed: "2027‸'));
  assert.equal(markdown(future), [
    '**rehearsed** (rollback note)',
    'The day the rollback was tried on staging, `YYYY-MM-DD`, not in the future (optional).',
  ].join('\n\n'));
  assert.equal(markdown(hover(placeCursor(edit(seed, 'owner: priya.nair', 'owner: priya.nair\nticket: 42'), 'tic‸ket'))), '**ticket** (rollback note)\n\nNot a key of a rollback note (owner, expected_result, rollback, rehearsed).');
  assert.equal(hover(placeCursor(seed, '  git re‸vert')), null, 'inside the rollback block scalar');
});

test('hover: null off keys and values', () => {
  for (const marked of ['## final‸ notes', '‸# practical guide', '- review query plans\n- add‸ indexes', 'rehearsed: "2026-09-14"\n`‸``', 'checklist:\n ‸ - review', '  ‸- review query plans\n  - add']) {
    assert.equal(hover(placeCursor(seed, marked)), null, marked);
  }
  assert.equal(hover(cursorAt(`-‸${seed.slice(1)}`)), null, 'the opening fence');
  assert.equal(hover(placeCursor(seed, 'topic:‸ keeping')), null, 'between key and value');
  const commented = edit(seed, 'code_language: python\n', 'code_language: python\n# a comment\n');
  assert.equal(hover(placeCursor(commented, '# a com‸ment')), null);
  assert.equal(hover(placeCursor(edit(seed, 'ai_brief: "the article', 'ai_brief: >\n  folded text\n  the article'), '  folded‸ text')), null);
});

test('hover: broken YAML: docs from the lines, no crash', () => {
  const broken = edit(seed, 'difficulty: advanced', 'difficulty: [adv');
  const result = hover(placeCursor(broken, 'read‸ing_time: 7'));
  assert.deepEqual(result?.range, range(22, 0, 12));
  assert.equal(markdown(result).split('\n\n').slice(0, 2).join('\n\n'), `**reading_time**\n\n${descriptionOf(schema.shape.reading_time)}`);
  // The syntax error sits on the `[`: the hover there has the key's docs, not the error.
  const yamlError = hover(placeCursor(broken, 'difficulty: [‸adv'));
  assert.deepEqual(yamlError?.range, range(21, 12, 16));
  assert.equal(markdown(yamlError), `**difficulty**\n\n${descriptionOf(schema.shape.difficulty)}`);
  assert.equal(markdown(hover(cursorAt('---\nto‸pic: x\n'))).split('\n\n')[0], '**topic**', 'an unclosed front matter');
});

test('hover: CRLF and emoji: UTF-16 ranges, same as LF', () => {
  const text = edit(seed, 'summary: this ai-style', 'summary: 🚀 this ai-style');
  const lf = hover(placeCursor(text, 'summary: 🚀 th‸is'));
  const crlf = hover(cursorAt(toCrlf(edit(text, 'summary: 🚀 this', 'summary: 🚀 th‸is'))));
  const length = splitLines(text)[2].length;
  assert.deepEqual(lf?.range, range(2, 9, length));
  assert.deepEqual(crlf, lf);
  const afterEmoji = hover(cursorAt(toCrlf(edit(seed, 'difficulty: advanced', 'difficulty: advanced # 🚀 hard\nreading_‸time_x: 1'))));
  assert.deepEqual(afterEmoji?.range, range(22, 0, 14));
});

test('hover: every position of every seed (and broken texts): a range on the position, no diagnostic message, no crash behind the guard', () => {
  const texts = ['000', '001', '002', '003', '004'].map(loadSeed);
  texts.push(edit(seed, 'score:\n', 'score: [\n'), toCrlf(seed), '---\n- a\n  b: [\n: c\n"x\n---\n', '---\n\t- : :\n  -\n-\n---\n```rollback\n  - x\n');
  let hovers = 0;
  for (const text of texts) {
    const post = parsePost(text);
    const options = { template: DEFAULT_TEMPLATE, today: TODAY };
    const messages = messagesOf(text);
    for (const { line, character } of sweepPositions(text)) {
      const result = hoverUnguarded(post, { line, character }, options);
      if (!result) continue;
      hovers++;
      const { start, end } = result.range!;
      assert.ok(start.line === line && end.line === line && start.character <= character && character <= end.character, `range on ${line}:${character}`);
      const value = (result.contents as { value: string }).value;
      assert.match(value, /^\*\*/);
      assert.doesNotMatch(value, /\*\*(Error|Warning|Info|Hint)\*\*|\n---\n/, `${line}:${character}`);
      for (const message of messages) assert.ok(!value.includes(message), `${line}:${character} repeats "${message}"`);
    }
  }
  assert.ok(hovers > 10_000, `${hovers} hovers`);
});

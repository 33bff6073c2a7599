import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE } from '../../../server/src/service';
import { edit, findings, loadSeed, markedRange, markedRanges, TODAY } from '../../support/fixtures';

const RULE = 'meta-invalid';
const seed = loadSeed('000');

/** Edits the seed (the replacement marks the expected range with ⟦ ⟧) and returns the rule's findings and that range. */
function check(find: string, markedReplacement: string) {
  const { text, range } = markedRange(edit(seed, find, markedReplacement));
  return { found: findings(text, RULE), range };
}

function expectOne(find: string, markedReplacement: string, message: string) {
  const { found, range } = check(find, markedReplacement);
  assert.deepStrictEqual(found, [{ range, message }]);
}

test('meta-invalid: a value outside its enum', () => {
  expectOne('difficulty: advanced', 'difficulty: ⟦expert⟧', 'difficulty is "expert": expected one of beginner, intermediate, advanced.');
  expectOne('status: expanded', 'status: ⟦done⟧', 'revision.status is "done": expected one of drafted, expanded, reviewed, published.');
  expectOne('    type: area', '    type: ⟦region⟧', 'entities[1].type is "region": expected one of stack, area, problem, tool.');
});

test('meta-invalid: the enum comes from the team template', () => {
  const template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, difficulty: ['easy', 'hard'] } };
  assert.deepStrictEqual(findings(edit(seed, 'difficulty: advanced', 'difficulty: hard'), RULE, { template }), []);
  const { text, range } = markedRange(edit(seed, 'difficulty: advanced', 'difficulty: ⟦advanced⟧'));
  assert.deepStrictEqual(findings(text, RULE, { template }), [{ range, message: 'difficulty is "advanced": expected one of easy, hard.' }]);
});

test('meta-invalid: integers out of range', () => {
  expectOne('reading_time: 7', 'reading_time: ⟦121⟧', 'reading_time is 121: expected at most 120 minutes.');
  expectOne('reading_time: 7', 'reading_time: ⟦0⟧', 'reading_time is 0: expected at least 1 minute.');
  expectOne('view_count: 157046', 'view_count: ⟦-1⟧', 'view_count is -1: expected 0 or more.');
  expectOne('quality: 97', 'quality: ⟦101⟧', 'score.quality is 101: expected 0 to 100.');
  expectOne('quality: 97', 'quality: ⟦-3⟧', 'score.quality is -3: expected 0 to 100.');
  expectOne('paragraphs: 5', 'paragraphs: ⟦-1⟧', 'payload.paragraphs is -1: expected 0 or more.');
  expectOne('seed: 38568', 'seed: ⟦-1⟧', 'payload.seed is -1: expected 0 or more.');
});

test('meta-invalid: integer bounds themselves are accepted', () => {
  assert.deepStrictEqual(findings(edit(seed, 'reading_time: 7', 'reading_time: 120'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'reading_time: 7', 'reading_time: 1'), RULE), []);
  assert.deepStrictEqual(findings(edit(edit(seed, 'quality: 97', 'quality: 100'), 'view_count: 157046', 'view_count: 0'), RULE), []);
});

test('meta-invalid: a decimal or a text where an integer is expected', () => {
  expectOne('reading_time: 7', 'reading_time: ⟦7.5⟧', 'reading_time is 7.5: expected an integer.');
  expectOne('reading_time: 7', 'reading_time: ⟦seven⟧', 'reading_time is "seven": expected an integer.');
});

test('meta-invalid: a version that is not semver x.y.z', () => {
  expectOne('version: "1.9.2"', 'version: ⟦"1.9"⟧', 'revision.version is "1.9": expected a semantic version x.y.z.');
  const { found, range } = check('version: "1.9.2"', 'version: ⟦1.9⟧');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepStrictEqual(found[0].range, range);
  assert.match(found[0].message, /^revision\.version is 1\.9: expected /);
});

test('meta-invalid: last_reviewed must be a real ISO date, not in the future', () => {
  expectOne('last_reviewed: "2017-10-25"', 'last_reviewed: ⟦"25.10.2017"⟧', 'revision.last_reviewed is "25.10.2017": expected a date YYYY-MM-DD.');
  expectOne('last_reviewed: "2017-10-25"', 'last_reviewed: ⟦"2017-02-30"⟧', 'revision.last_reviewed is "2017-02-30": not a real calendar date.');
  expectOne('last_reviewed: "2017-10-25"', 'last_reviewed: ⟦"2026-11-24"⟧', `revision.last_reviewed is "2026-11-24": a date in the future (today is ${TODAY}).`);
});

test('meta-invalid: today, a leap day and an unquoted date are accepted as last_reviewed', () => {
  assert.deepStrictEqual(findings(edit(seed, 'last_reviewed: "2017-10-25"', `last_reviewed: "${TODAY}"`), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'last_reviewed: "2017-10-25"', 'last_reviewed: "2024-02-29"'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'last_reviewed: "2017-10-25"', 'last_reviewed: 2017-10-25'), RULE), []);
});

test('meta-invalid: values that do not match their pattern', () => {
  expectOne('reference: anp-ref-038568-1612', 'reference: ⟦anp-ref-38568-1612⟧', 'reference is "anp-ref-38568-1612": expected anp-ref-NNNNNN-NNNN.');
  expectOne('hash: "b0aaade20420440abd800f63"', 'hash: ⟦"B0AAADE20420440ABD800F63"⟧', 'hash is "B0AAADE20420440ABD800F63": expected 24 lowercase hex digits.');
  expectOne('source_id: alphanode-038568', 'source_id: ⟦alphanode-38568⟧', 'payload.source_id is "alphanode-38568": expected alphanode-NNNNNN.');
});

test('meta-invalid: a flag that is not 0 or 1', () => {
  expectOne('ai_generated_style: 1', 'ai_generated_style: ⟦2⟧', 'flags.ai_generated_style is 2: expected 0 or 1.');
  expectOne('ai_generated_style: 1', 'ai_generated_style: ⟦true⟧', 'flags.ai_generated_style is true: expected 0 or 1.');
  expectOne('ai_generated_style: 1', 'ai_generated_style: ⟦"1"⟧', 'flags.ai_generated_style is "1": expected 0 or 1.');
});

test('meta-invalid: an image url that is not https', () => {
  expectOne(
    'url: https://picsum.photos/seed/anp-038568/1200/630',
    'url: ⟦http://picsum.photos/seed/anp-038568/1200/630⟧',
    'image_sources[0].url is "http://picsum.photos/seed/anp-038568/1200/630": expected an https:// URL.',
  );
});

test('meta-invalid: a value of the wrong type', () => {
  expectOne('score:\n  quality: 97\n  freshness: 74\n  depth: 78\n  clarity: 78', 'score:\n  ⟦- 97\n  - 74⟧', 'score is a list: expected a map.');
  expectOne('tools:\n  - fastapi\n  - pytest\n  - uvicorn\n  - ruff\n  - git\n  - logs', 'tools:\n  ⟦fastapi: 1⟧', 'tools is a map: expected a list.');
  expectOne('tools:\n  - fastapi\n  - pytest\n  - uvicorn\n  - ruff\n  - git\n  - logs', 'tools: ⟦fastapi⟧', 'tools is "fastapi": expected a list.');
  expectOne('  - logs', '  - ⟦42⟧', 'tools[5] is 42: expected text (write it in quotes: "42").');
  expectOne('  - name: backend\n    type: area', '  - ⟦backend⟧', 'entities[1] is "backend": expected a map.');
});

test('meta-invalid: an empty text', () => {
  const summary = seed.slice(seed.indexOf('summary:'), seed.indexOf('\nai_outline'));
  expectOne(summary, 'summary: ⟦""⟧', 'summary is "": expected non-empty text.');
});

test('meta-invalid: an empty stack list', () => {
  const { found, range } = check('stack:\n  - python services\n  - backend\n  - python', 'stack: ⟦[]⟧');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepStrictEqual(found[0].range, range);
  assert.match(found[0].message, /^stack is .*: expected at least one stack\.$/);
});

test('meta-invalid: a meta that is a list or a single value instead of a map', () => {
  const message = 'The post meta must be a map of keys (`topic: …`), not a list or a single value.';
  const list = markedRange('⟦---⟧\n- topic\n- summary\n---\n\n# a post\n');
  assert.deepStrictEqual(findings(list.text, RULE), [{ range: list.range, message }]);
  const scalar = markedRange('⟦---⟧\njust a sentence\n---\n\n# a post\n');
  assert.deepStrictEqual(findings(scalar.text, RULE), [{ range: scalar.range, message }]);
});

test('meta-invalid: several problems come out in reading order', () => {
  const { text, ranges } = markedRanges(edit(edit(seed, 'reading_time: 7', 'reading_time: ⟦0⟧'), 'difficulty: advanced', 'difficulty: ⟦expert⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'difficulty is "expert": expected one of beginner, intermediate, advanced.' },
    { range: ranges[1], message: 'reading_time is 0: expected at least 1 minute.' },
  ]);
});

test('meta-invalid: quiet on the seed and on a missing key (meta-required reports that)', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'difficulty: advanced\n', ''), RULE), []);
});

test('meta-invalid: an empty stack list says it is empty', () => {
  expectOne('stack:\n  - python services\n  - backend\n  - python', 'stack: ⟦[]⟧', 'stack is an empty list: expected at least one stack.');
});

test('meta-invalid: an unquoted version says what to write', () => {
  expectOne('version: "1.9.2"', 'version: ⟦1.9⟧', 'revision.version is 1.9: expected a semantic version x.y.z in quotes, e.g. "1.9.0".');
});

test('meta-invalid: a team template that lists stacks and tools allows only those', () => {
  const template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, stack: ['python services', 'backend', 'python'], tools: ['fastapi', 'pytest', 'uvicorn', 'ruff', 'git'] } };
  const seed = loadSeed('000');
  assert.deepStrictEqual(findings(seed, 'meta-invalid', { template }).map((f) => f.message), ['tools[5] is "logs": expected one of fastapi, pytest, uvicorn, ruff, git.']);
  const { text, range } = markedRange(edit(seed, '  - backend\n', '  - ⟦frontend⟧\n'));
  assert.deepStrictEqual(findings(text, 'meta-invalid', { template: { ...template, values: { ...template.values, tools: [] } } }), [
    { range, message: 'stack[1] is "frontend": expected one of python services, backend, python.' },
  ]);
  // Empty lists (the default) allow any stack and tool.
  assert.deepStrictEqual(findings(seed, 'meta-invalid'), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'outline-consistency';
const seed = loadSeed('000');
const STACK_ENTITY = '  - name: python services\n    type: stack\n';
const PROBLEM_ENTITY = '  - name: keeping staging close to production\n    type: problem\n';

test('outline-consistency: ai_outline.context differs from payload.scenario', () => {
  const { text, range } = markedRange(edit(seed, '  context: before a major migration', '  context: ⟦after a major migration⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'ai_outline.context is "after a major migration" but payload.scenario is "before a major migration"; they must be equal.' },
  ]);
});

test('outline-consistency: ai_outline.stack is not in the stack list', () => {
  const { text, range } = markedRange(edit(edit(seed, 'stack:\n  - python services\n', 'stack:\n'), '  stack: python services', '  stack: ⟦python services⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'ai_outline.stack "python services" is not in the stack list ("backend", "python").' }]);
});

test('outline-consistency: the stack entity has another name', () => {
  const { text, range } = markedRange(edit(seed, STACK_ENTITY, '  - name: ⟦python⟧\n    type: stack\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The stack entity is named "python" but ai_outline.stack is "python services".' }]);
});

test('outline-consistency: no stack entity at all is reported on the entities key', () => {
  const { text, range } = markedRange(edit(edit(seed, STACK_ENTITY, ''), 'entities:', '⟦entities⟧:'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'entities has no stack entity named "python services" (ai_outline.stack).' }]);
});

test('outline-consistency: the problem entity has another name', () => {
  const { text, range } = markedRange(edit(seed, PROBLEM_ENTITY, '  - name: ⟦keeping staging⟧\n    type: problem\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The problem entity is named "keeping staging" but ai_outline.problem is "keeping staging close to production".' }]);
});

test('outline-consistency: no problem entity (missing, or only with another type)', () => {
  const message = 'entities has no problem entity named "keeping staging close to production" (ai_outline.problem).';
  const missing = markedRange(edit(edit(seed, PROBLEM_ENTITY, ''), 'entities:', '⟦entities⟧:'));
  assert.deepStrictEqual(findings(missing.text, RULE), [{ range: missing.range, message }]);
  const retyped = markedRange(edit(edit(seed, PROBLEM_ENTITY, '  - name: keeping staging close to production\n    type: area\n'), 'entities:', '⟦entities⟧:'));
  assert.deepStrictEqual(findings(retyped.text, RULE), [{ range: retyped.range, message }]);
});

test('outline-consistency: an empty entities list misses both entities', () => {
  const entities = seed.slice(seed.indexOf('entities:\n'), seed.indexOf('image_sources:'));
  const { text, ranges } = markedRanges(edit(seed, entities, '⟦entities⟧: []\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'entities has no stack entity named "python services" (ai_outline.stack).' },
    { range: ranges[0], message: 'entities has no problem entity named "keeping staging close to production" (ai_outline.problem).' },
  ]);
});

test('outline-consistency: quiet when a second stack entity exists beside the right one, or the lists are mistyped', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '  - name: backend\n    type: area', '  - name: backend\n    type: stack'), RULE), []);
  // A stack list holding a number is meta-invalid's business.
  assert.deepStrictEqual(findings(edit(seed, 'stack:\n  - python services\n', 'stack:\n  - 3\n'), RULE), []);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('outline-consistency: a 100,000-character context is elided, and a long stack list ends with "… and N more"', () => {
  const context = markedRange(edit(seed, '  context: before a major migration', `  context: ⟦${LONG}⟧`));
  assert.deepStrictEqual(findings(context.text, RULE), [{ range: context.range, message: `ai_outline.context is ${ELIDED} but payload.scenario is "before a major migration"; they must be equal.` }]);
  const items = Array.from({ length: 12 }, (_, i) => `${'b'.repeat(100_000)}${i}`);
  const list = `stack:\n${items.map((item) => `  - ${item}\n`).join('')}tools:\n`;
  const stack = markedRange(edit(edit(seed, seed.slice(seed.indexOf('stack:\n'), seed.indexOf('tools:\n') + 'tools:\n'.length), list), '  stack: python services', `  stack: ⟦${LONG}⟧`));
  const shown = Array.from({ length: 10 }, () => `"${'b'.repeat(79)}…"`).join(', ');
  const found = findings(stack.text, RULE);
  assert.deepStrictEqual(found[0].range, stack.range);
  assert.deepStrictEqual(found.map((finding) => finding.message), [
    `ai_outline.stack ${ELIDED} is not in the stack list (${shown} … and 2 more).`,
    `The stack entity is named "python services" but ai_outline.stack is ${ELIDED}.`,
  ]);
});

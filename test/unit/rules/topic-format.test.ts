import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'topic-format';
const seed = loadSeed('000');
const TOPIC = 'topic: keeping staging close to production / python services';

test('topic-format: a topic that is not "<problem> / <stack>" is reported on its value', () => {
  const { text, range } = markedRange(edit(seed, TOPIC, 'topic: ⟦keeping staging close to production - python services⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'topic is "keeping staging close to production - python services" but must be "<problem> / <stack>": "keeping staging close to production / python services".' },
  ]);
});

test('topic-format: the spaces around the slash matter', () => {
  const { text, range } = markedRange(edit(seed, TOPIC, 'topic: ⟦keeping staging close to production/python services⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'topic is "keeping staging close to production/python services" but must be "<problem> / <stack>": "keeping staging close to production / python services".' },
  ]);
});

test('topic-format: the expected topic follows ai_outline', () => {
  const { text, range } = markedRange(edit(edit(seed, '  stack: python services', '  stack: python'), TOPIC, 'topic: ⟦keeping staging close to production / python services⟧'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'topic is "keeping staging close to production / python services" but must be "<problem> / <stack>": "keeping staging close to production / python".' },
  ]);
});

test('topic-format: quiet when the topic matches, quoted or not', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, TOPIC, 'topic: "keeping staging close to production / python services"'), RULE), []);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('topic-format: a 100,000-character topic is elided in the message', () => {
  const { text, range } = markedRange(edit(seed, TOPIC, `topic: ⟦${LONG}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `topic is ${ELIDED} but must be "<problem> / <stack>": "keeping staging close to production / python services".` }]);
});

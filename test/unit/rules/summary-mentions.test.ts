import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'summary-mentions';
const seed = loadSeed('000');
const SUMMARY = seed.slice(seed.indexOf('summary: ') + 'summary: '.length, seed.indexOf('\nai_outline'));
const PHRASE = 'explains keeping staging close to production in python services';

function withSummary(replacement: string) {
  return markedRange(edit(seed, `summary: ${SUMMARY}`, `summary: ⟦${SUMMARY.replace(PHRASE, replacement)}⟧`));
}

test('summary-mentions: a summary without the problem', () => {
  const { text, range } = withSummary('explains staging in python services');
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The summary does not mention the problem "keeping staging close to production".' }]);
});

test('summary-mentions: a summary without the stack', () => {
  const { text, range } = withSummary('explains keeping staging close to production in go');
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The summary does not mention the stack "python services".' }]);
});

test('summary-mentions: a summary without either', () => {
  const { text, range } = withSummary('explains things');
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The summary does not mention the problem "keeping staging close to production" or the stack "python services".' },
  ]);
});

test('summary-mentions: quiet when both are mentioned, whatever the case', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(withSummary('explains KEEPING STAGING CLOSE TO PRODUCTION in Python Services').text, RULE), []);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('summary-mentions: a 100,000-character problem is elided in the message', () => {
  const { text, range } = markedRange(edit(edit(seed, '  problem: keeping staging close to production', `  problem: ${LONG}`), `summary: ${SUMMARY}`, `summary: ⟦${SUMMARY}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The summary does not mention the problem ${ELIDED}.` }]);
});

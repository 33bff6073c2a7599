import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'seed-consistency';
const seed = loadSeed('000');

test('seed-consistency: reference carries another seed', () => {
  const { text, range } = markedRange(edit(seed, 'reference: anp-ref-038568-1612', 'reference: ⟦anp-ref-038569-1612⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'reference carries 038569 but payload.seed is 38568: expected anp-ref-038568-1612.' }]);
});

test('seed-consistency: payload.source_id carries another seed', () => {
  const { text, range } = markedRange(edit(seed, 'source_id: alphanode-038568', 'source_id: ⟦alphanode-038560⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'payload.source_id is alphanode-038560 but payload.seed is 38568: expected alphanode-038568.' }]);
});

test('seed-consistency: a changed seed disagrees with both', () => {
  const { text, ranges } = markedRanges(
    edit(edit(edit(seed, 'seed: 38568', 'seed: 38569'), 'reference: anp-ref-038568-1612', 'reference: ⟦anp-ref-038568-1612⟧'), 'source_id: alphanode-038568', 'source_id: ⟦alphanode-038568⟧'),
  );
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'reference carries 038568 but payload.seed is 38569: expected anp-ref-038569-1612.' },
    { range: ranges[1], message: 'payload.source_id is alphanode-038568 but payload.seed is 38569: expected alphanode-038569.' },
  ]);
});

test('seed-consistency: quiet for seed 0 zero-padded, and for malformed values (meta-invalid reports those)', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  const zero = edit(edit(edit(seed, 'seed: 38568', 'seed: 0'), 'source_id: alphanode-038568', 'source_id: alphanode-000000'), 'reference: anp-ref-038568-1612', 'reference: anp-ref-000000-1612');
  assert.deepStrictEqual(findings(zero, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'reference: anp-ref-038568-1612', 'reference: anp-ref-38569-1612'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'seed: 38568', 'seed: "38569"'), RULE), []);
});

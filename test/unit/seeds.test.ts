import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSeed, seedNames, validate } from '../support/fixtures';

test('seeds: the five seed fixtures are there', () => {
  assert.equal(seedNames().length, 5);
});

for (const name of seedNames()) {
  test(`seeds: ${name} validates with no diagnostics`, () => {
    assert.deepStrictEqual(validate(loadSeed(name)), []);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'rollback-missing';
const seed = loadSeed('000');
const NOTE = seed.slice(seed.indexOf('```rollback'), seed.indexOf('## implementation checklist'));
const TITLE_TEXT = 'practical guide to keeping staging close to production with python services';
const MESSAGE = 'This post has no rollback note: add a code block tagged "rollback" with owner, expected_result and rollback.';

test('rollback-missing: a post without a rollback note is reported on its title', () => {
  const { text, range } = markedRange(edit(edit(seed, NOTE, ''), `# ${TITLE_TEXT}`, `# ⟦${TITLE_TEXT}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: MESSAGE }]);
});

test('rollback-missing: without a title, on the opening `---`', () => {
  const { text, range } = markedRange('⟦---⟧' + edit(edit(seed, NOTE, ''), `# ${TITLE_TEXT}\n\n`, '').slice(3));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: MESSAGE }]);
});

test('rollback-missing: a yaml block is not a rollback note', () => {
  const { text, range } = markedRange(edit(edit(seed, '```rollback\n', '```yaml\n'), `# ${TITLE_TEXT}`, `# ⟦${TITLE_TEXT}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: MESSAGE }]);
});

test('rollback-missing: quiet with a note (backticks or tildes, even a broken one), and for a file without front matter', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, NOTE, NOTE.replace(/```/g, '~~~')), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'owner: priya.nair\n', ''), RULE), []);
  assert.deepStrictEqual(findings('# a note\n\nno meta.\n', RULE), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges, TODAY } from '../../support/fixtures';

const RULE = 'rollback-fields';
const seed = loadSeed('000');
const OPEN = '```rollback';
const ROLLBACK = 'rollback: |\n  git revert --no-edit HEAD\n  systemctl restart staging-api\n';

/** Edits the seed's rollback note; `⟦ ⟧` in the replacement (or around the fence, via `fence`) mark the expected range. */
function note(find: string, markedReplacement: string, fence = false) {
  const edited = edit(seed, find, markedReplacement);
  return markedRanges(fence ? edit(edited, OPEN, `⟦${OPEN}⟧`) : edited);
}

test('rollback-fields: a missing field is reported on the opening fence', () => {
  const { text, ranges } = note('owner: priya.nair\n', '', true);
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'This rollback note has no owner: a change keeps its owner, expected result and rollback together.' },
  ]);
});

test('rollback-fields: several missing fields are one diagnostic', () => {
  const { text, ranges } = markedRanges(edit(edit(seed, ROLLBACK, ''), 'owner: priya.nair\n', '').replace(OPEN, `⟦${OPEN}⟧`));
  const found = findings(text, RULE);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepStrictEqual(found[0].range, ranges[0]);
  assert.match(found[0].message, /^This rollback note has no owner.*rollback.*: a change keeps its owner, expected result and rollback together\.$/);
});

test('rollback-fields: an empty field is reported on its value', () => {
  const quoted = note('owner: priya.nair', 'owner: ⟦""⟧');
  assert.deepStrictEqual(findings(quoted.text, RULE), [{ range: quoted.ranges[0], message: "The rollback note's owner is empty." }]);
  const block = note(ROLLBACK, 'rollback: ⟦|⟧\n');
  assert.deepStrictEqual(findings(block.text, RULE), [{ range: block.ranges[0], message: "The rollback note's rollback is empty." }]);
});

test('rollback-fields: a field that is not text', () => {
  const number = note('owner: priya.nair', 'owner: ⟦42⟧');
  assert.deepStrictEqual(findings(number.text, RULE), [{ range: number.ranges[0], message: "The rollback note's owner must be text." }]);
  const list = note('owner: priya.nair', 'owner: ⟦[a, b]⟧');
  assert.deepStrictEqual(findings(list.text, RULE), [{ range: list.ranges[0], message: "The rollback note's owner must be text." }]);
});

test('rollback-fields: a bad rehearsed date (format, calendar, future)', () => {
  const format = note('rehearsed: "2026-09-14"', 'rehearsed: ⟦"14.09.2026"⟧');
  assert.deepStrictEqual(findings(format.text, RULE), [{ range: format.ranges[0], message: 'The rollback note\'s rehearsed is "14.09.2026": expected a date YYYY-MM-DD.' }]);
  const calendar = note('rehearsed: "2026-09-14"', 'rehearsed: ⟦"2026-02-29"⟧');
  assert.deepStrictEqual(findings(calendar.text, RULE), [{ range: calendar.ranges[0], message: 'The rollback note\'s rehearsed is "2026-02-29": not a real calendar date.' }]);
  const future = note('rehearsed: "2026-09-14"', 'rehearsed: ⟦"2026-11-24"⟧');
  assert.deepStrictEqual(findings(future.text, RULE), [
    { range: future.ranges[0], message: `The rollback note's rehearsed is "2026-11-24": a date in the future (today is ${TODAY}).` },
  ]);
});

test('rollback-fields: a rehearsed value that is not a text date', () => {
  const { text, ranges } = note('rehearsed: "2026-09-14"', 'rehearsed: ⟦20260914⟧');
  const found = findings(text, RULE);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepStrictEqual(found[0].range, ranges[0]);
  assert.match(found[0].message, /^The rollback note's rehearsed is 20260914: expected a date YYYY-MM-DD/);
});

test('rollback-fields: invalid YAML in the note is reported at the offending token', () => {
  const { text, ranges } = note('owner: priya.nair\n', 'owner: priya.nair\n⟦\t⟧team: sre\n');
  assert.deepStrictEqual(findings(text, RULE), [{ range: ranges[0], message: 'The rollback note is not valid YAML: Tabs are not allowed as indentation' }]);
});

test('rollback-fields: a note that is not a map', () => {
  const content = seed.slice(seed.indexOf('owner: priya.nair'), seed.indexOf('```\n\n## implementation checklist'));
  const list = note(content, '- revert the commit\n', true);
  const message = 'The rollback note must be a map with owner, expected_result and rollback.';
  assert.deepStrictEqual(findings(list.text, RULE), [{ range: list.ranges[0], message }]);
  const empty = note(content, '', true);
  assert.deepStrictEqual(findings(empty.text, RULE), [{ range: empty.ranges[0], message }]);
});

test('rollback-fields: an unclosed note at the end of the post', () => {
  const { text, range } = markedRange(`${seed}\n⟦${OPEN}⟧\nowner: sam.okafor\nexpected_result: the deploy is reverted\nrollback: git revert HEAD\n`);
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'This rollback note is never closed: end it with a line of three backticks.' }]);
});

test('rollback-fields: quiet for complete notes, a rehearsal today, an unquoted date, no rehearsed, tildes', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'rehearsed: "2026-09-14"', `rehearsed: "${TODAY}"`), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'rehearsed: "2026-09-14"', 'rehearsed: 2026-09-14'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'rehearsed: "2026-09-14"\n', ''), RULE), []);
  const fenced = seed.slice(seed.indexOf(OPEN), seed.indexOf('## implementation checklist'));
  assert.deepStrictEqual(findings(edit(seed, fenced, fenced.replace(/```/g, '~~~')), RULE), []);
});

test('rollback-fields: a text field of blanks is empty, not "not text"', () => {
  const { text, ranges } = note('owner: priya.nair', 'owner: ⟦"  "⟧');
  assert.deepStrictEqual(findings(text, RULE), [{ range: ranges[0], message: "The rollback note's owner is empty." }]);
});

test('rollback-fields: several missing fields read as a list', () => {
  const { text, ranges } = markedRanges(edit(edit(seed, ROLLBACK, ''), 'owner: priya.nair\n', '').replace(OPEN, `⟦${OPEN}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'This rollback note has no owner and no rollback: a change keeps its owner, expected result and rollback together.' },
  ]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('rollback-fields: a 100,000-character rehearsed value is elided in the message', () => {
  const { text, ranges } = note('rehearsed: "2026-09-14"', `rehearsed: ⟦${LONG}⟧`);
  assert.deepStrictEqual(findings(text, RULE), [{ range: ranges[0], message: `The rollback note's rehearsed is ${ELIDED}: expected a date YYYY-MM-DD.` }]);
  // Not text: the value as JSON, elided the same way.
  const list = note('rehearsed: "2026-09-14"', `rehearsed: ⟦[${LONG}]⟧`);
  assert.deepStrictEqual(findings(list.text, RULE), [{ range: list.ranges[0], message: `The rollback note's rehearsed is ["${'a'.repeat(77)}…: expected a date YYYY-MM-DD.` }]);
});

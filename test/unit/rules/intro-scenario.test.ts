import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'intro-scenario';
const seed = loadSeed('000');
const INTRO = 'when a project grows, keeping staging close to production stops being a small cleanup task and becomes part of the way the team ships software. this alphanode note walks through a practical approach to python services before a major migration.';
const TITLE_TEXT = 'practical guide to keeping staging close to production with python services';

test('intro-scenario: an intro that does not mention the scenario is reported on its first paragraph', () => {
  const changed = INTRO.replace(' before a major migration.', '.');
  const { text, range } = markedRange(edit(seed, INTRO, `⟦${changed}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The intro does not mention the scenario "before a major migration" (payload.scenario).' }]);
});

test('intro-scenario: the scenario in a later section does not count', () => {
  const changed = INTRO.replace(' before a major migration.', '.');
  const { text, range } = markedRange(edit(edit(seed, INTRO, `⟦${changed}⟧`), 'avoid mixing content', 'do this before a major migration.\n\navoid mixing content'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The intro does not mention the scenario "before a major migration" (payload.scenario).' }]);
});

test('intro-scenario: an intro without prose is reported on the title', () => {
  const { text, range } = markedRange(edit(edit(seed, INTRO + '\n\n', ''), `# ${TITLE_TEXT}`, `# ⟦${TITLE_TEXT}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The intro does not mention the scenario "before a major migration" (payload.scenario).' }]);
});

test('intro-scenario: quiet when the intro mentions the scenario in another case or across a line break', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'python services before a major migration.', 'python services Before A Major\nMigration.'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, INTRO, `a first paragraph.\n\n${INTRO}`), RULE), []);
});

test('intro-scenario: Markdown emphasis inside the scenario still mentions it', () => {
  assert.deepStrictEqual(findings(edit(seed, 'python services before a major migration.', 'python services before a *major* migration.'), RULE), []);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('intro-scenario: a 100,000-character scenario is elided in the message', () => {
  const { text, range } = markedRange(edit(edit(seed, '  scenario: before a major migration', `  scenario: ${LONG}`), INTRO, `⟦${INTRO}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The intro does not mention the scenario ${ELIDED} (payload.scenario).` }]);
});

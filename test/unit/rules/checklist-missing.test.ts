import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'checklist-missing';
const seed = loadSeed('000');
const LIST = '- review query plans\n- add indexes carefully\n- test with realistic data\n- compare before and after metrics\n- document the migration\n';
const SECTION = `## implementation checklist\n\n${LIST}\n`;
const META_CHECKLIST = 'checklist:\n  - review query plans\n  - add indexes carefully\n  - test with realistic data\n  - compare before and after metrics\n  - document the migration\n';

test('checklist-missing: no checklist section is reported on the meta checklist key', () => {
  const { text, range } = markedRange(edit(edit(seed, SECTION, ''), 'checklist:\n', '⟦checklist⟧:\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The post has no "## implementation checklist" section: add one holding the checklist as a Markdown list.' },
  ]);
});

test('checklist-missing: without a meta checklist either, it is reported on the title', () => {
  const title = 'practical guide to keeping staging close to production with python services';
  const { text, range } = markedRange(edit(edit(edit(seed, SECTION, ''), META_CHECKLIST, ''), `# ${title}`, `# ⟦${title}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The post has no "## implementation checklist" section: add one holding the checklist as a Markdown list.' },
  ]);
});

test('checklist-missing: a checklist section without a list is reported on its heading', () => {
  const { text, range } = markedRange(edit(seed, SECTION, '## ⟦implementation checklist⟧\n\nreview query plans, then add indexes carefully.\n\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The implementation checklist section holds no list: write its items as "- item" lines.' }]);
});

test('checklist-missing: quiet for a bullet, ordered or task list, and a heading in another case', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, LIST, LIST.replace(/^- /gm, '1. ')), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, LIST, LIST.replace(/^- /gm, '- [ ] ')), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '## implementation checklist', '## Implementation  Checklist'), RULE), []);
});

test('checklist-missing: quiet for a file without front matter (meta-missing reports that)', () => {
  assert.deepStrictEqual(findings('# a note\n\nno meta, no checklist.\n', RULE), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE } from '../../../server/src/service';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'section-required';
const seed = loadSeed('000');
const FINAL_TEXT = 'the best result is not only a faster or cleaner python services implementation. it is a change that another developer can inspect, understand, and safely repeat. keep the final commands, metrics, and assumptions close to the article so future maintenance is easier.';
const FINAL = `\n## final notes\n\n${FINAL_TEXT}\n`;

test('section-required: a missing final notes section is reported on the last line of the post', () => {
  const { text, range } = markedRange(edit(edit(seed, FINAL, ''), '\n- document the migration\n', '\n⟦- document the migration⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The required section "## final notes" is missing.' }]);
});

test('section-required: the same without a final line break', () => {
  const { text, range } = markedRange(edit(edit(seed, FINAL, ''), '\n- document the migration\n', '\n⟦- document the migration⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The required section "## final notes" is missing.' }]);
});

test('section-required: a section the template requires', () => {
  const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, required: [...DEFAULT_TEMPLATE.sections.required, 'production checks', 'why this matters'] } };
  const { text, range } = markedRange(edit(seed, FINAL_TEXT, `⟦${FINAL_TEXT}⟧`));
  assert.deepStrictEqual(findings(text, RULE, { template }), [
    { range, message: 'The required section "## production checks" is missing.' },
    { range, message: 'The required section "## why this matters" is missing.' },
  ]);
});

test('section-required: quiet when present in any case, and for a missing checklist (checklist-missing reports it)', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '## final notes', '## Final Notes'), RULE), []);
  const checklist = seed.slice(seed.indexOf('## implementation checklist'), seed.indexOf('## final notes'));
  assert.deepStrictEqual(findings(edit(seed, checklist, ''), RULE), []);
});

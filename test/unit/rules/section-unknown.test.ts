import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE } from '../../../server/src/service';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'section-unknown';
const seed = loadSeed('000');
const HEADING = '## security and maintenance notes';

test('section-unknown: a typo of a known section suggests it', () => {
  const { text, range } = markedRange(edit(seed, HEADING, '## ⟦security and maintenence notes⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'Unknown section "security and maintenence notes": did you mean "security and maintenance notes"?' }]);
});

test('section-unknown: a section near no known one lists the known sections', () => {
  const { text, range } = markedRange(edit(seed, HEADING, '## ⟦🚀 deployment diary⟧ ##'));
  assert.deepStrictEqual(findings(text, RULE), [
    {
      range,
      message: 'Unknown section "🚀 deployment diary"; the template knows: why this matters, production checks, security and maintenance notes, the practical approach, implementation checklist, final notes.',
    },
  ]);
});

test('section-unknown: quiet for known sections in another case, sub-headings, and sections the template adds', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, HEADING, '## Security and  Maintenance Notes'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, 'avoid mixing content', '### a sub heading\n\navoid mixing content'), RULE), []);
  const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, known: [...DEFAULT_TEMPLATE.sections.known, 'deployment diary'] } };
  assert.deepStrictEqual(findings(edit(seed, HEADING, '## deployment diary'), RULE, { template }), []);
});

test('section-unknown: the template decides what is known', () => {
  const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, known: ['implementation checklist', 'final notes'] } };
  const { text, range } = markedRange(edit(seed, HEADING, `## ⟦security and maintenance notes⟧`));
  assert.deepStrictEqual(findings(text, RULE, { template }), [
    { range, message: 'Unknown section "security and maintenance notes"; the template knows: implementation checklist, final notes.' },
  ]);
});

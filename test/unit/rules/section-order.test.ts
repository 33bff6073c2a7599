import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE } from '../../../server/src/service';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'section-order';
const seed = loadSeed('000');
const CHECKLIST = seed.slice(seed.indexOf('## implementation checklist'), seed.indexOf('## final notes'));
const FINAL = seed.slice(seed.indexOf('## final notes'));
/** The seed with final notes before the implementation checklist. */
const swapped = seed.slice(0, seed.indexOf('## implementation checklist')) + FINAL + '\n' + CHECKLIST.replace(/\n+$/, '\n');

test('section-order: an ordered section after a later one', () => {
  const { text, range } = markedRange(edit(swapped, '## implementation checklist', '## ⟦implementation checklist⟧'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The section "implementation checklist" must come before "final notes".' }]);
});

test('section-order: another section between the ordered ones', () => {
  const { text, range } = markedRange(edit(seed, '## final notes', '## ⟦why this matters⟧\n\nbetween.\n\n## final notes'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The section "why this matters" must come before "implementation checklist": "implementation checklist", then "final notes" end the post.' },
  ]);
});

test('section-order: another section after final notes', () => {
  const { text, range } = markedRange(seed + '\n## ⟦why this matters⟧\n\nlate section.\n');
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The section "why this matters" must come before "final notes": "implementation checklist", then "final notes" end the post.' },
  ]);
});

test('section-order: an ordered section twice', () => {
  const { text, range } = markedRange(seed + '\n## ⟦final notes⟧\n\nmore notes.\n');
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The section "final notes" appears more than once.' }]);
});

test('section-order: several problems in reading order', () => {
  const { text, ranges } = markedRanges(edit(swapped, '## implementation checklist', '## ⟦implementation checklist⟧') + '\n## ⟦Final Notes⟧\n\nagain.\n');
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'The section "implementation checklist" must come before "final notes".' },
    { range: ranges[1], message: 'The section "final notes" appears more than once.' },
  ]);
});

test('section-order: quiet for the seeds\' order, free order before the ordered sections, and a template without an order', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(loadSeed('001'), RULE), []);
  const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, order: [] } };
  assert.deepStrictEqual(findings(swapped, RULE, { template }), []);
});

test('section-order: a 100,000-character heading and a 12-section order are elided in the message', () => {
  const long = 'h'.repeat(100_000);
  const order = Array.from({ length: 12 }, (_, i) => `part ${i}`);
  const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, known: [...DEFAULT_TEMPLATE.sections.known, ...order, long], order } };
  const { text, range } = markedRange(`${seed}\n## part 0\n\nfirst.\n\n## ⟦${long}⟧\n\nlate section.\n`);
  const listed = order.slice(0, 10).map((name) => `"${name}"`).join(', then ');
  assert.deepStrictEqual(findings(text, RULE, { template }).filter((problem) => problem.range.start.line === range.start.line), [
    { range, message: `The section "${'h'.repeat(79)}…" must come before "part 0": ${listed} … and 2 more end the post.` },
  ]);
});

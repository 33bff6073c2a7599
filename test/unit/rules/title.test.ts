import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edit, findings, loadSeed, markedRange, markedRanges } from '../../support/fixtures';

const RULE = 'title';
const seed = loadSeed('000');
const TITLE_TEXT = 'practical guide to keeping staging close to production with python services';
const TITLE = `# ${TITLE_TEXT}\n`;
const INTRO = 'when a project grows, keeping staging close to production stops being a small cleanup task and becomes part of the way the team ships software. this alphanode note walks through a practical approach to python services before a major migration.';

test('title: no title, the body starting right after the front matter, is reported on its first line', () => {
  const { text, range } = markedRange(edit(seed, `---\n\n${TITLE}\n${INTRO}`, `---\n⟦${INTRO}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The post has no `# ` title: add one naming the problem and the stack.' }]);
});

test('title: a second title is reported on its text', () => {
  const { text, range } = markedRange(edit(seed, '## implementation checklist', '# ⟦another title⟧\n\n## implementation checklist'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'A second "# " title: a post has exactly one (the first is on line 70); use "## " for sections.' }]);
});

test('title: a title that lacks the problem', () => {
  const { text, range } = markedRange(edit(seed, TITLE, '# ⟦practical guide to staging with python services⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The title does not name the problem "keeping staging close to production" (from ai_outline).' }]);
});

test('title: a title that lacks the stack', () => {
  const { text, range } = markedRange(edit(seed, TITLE, '# ⟦practical guide to keeping staging close to production with go⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The title does not name the stack "python services" (from ai_outline).' }]);
});

test('title: a title that lacks both', () => {
  const { text, range } = markedRange(edit(seed, TITLE, '# ⟦a practical guide⟧\n'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range, message: 'The title does not name the problem "keeping staging close to production" and the stack "python services" (from ai_outline).' },
  ]);
});

test('title: two titles, the first lacking both, in reading order', () => {
  const { text, ranges } = markedRanges(edit(edit(seed, TITLE, '# ⟦a practical guide⟧\n'), '## implementation checklist', '# ⟦🚀 another title⟧\n\n## implementation checklist'));
  assert.deepStrictEqual(findings(text, RULE), [
    { range: ranges[0], message: 'The title does not name the problem "keeping staging close to production" and the stack "python services" (from ai_outline).' },
    { range: ranges[1], message: 'A second "# " title: a post has exactly one (the first is on line 70); use "## " for sections.' },
  ]);
});

test('title: quiet when the title names both, whatever the case and spacing', () => {
  assert.deepStrictEqual(findings(seed, RULE), []);
  assert.deepStrictEqual(findings(edit(seed, TITLE, '# Practical Guide To Keeping Staging Close To Production With Python  Services\n'), RULE), []);
  assert.deepStrictEqual(findings(edit(seed, '## final notes', '### a sub heading\n\nsome text.\n\n## final notes'), RULE), []);
});

test('title: no title in the usual layout (a blank line after the front matter) points at the first body line, not at an empty range', () => {
  const { text, range } = markedRange(edit(seed, `${TITLE}\n${INTRO}`, `⟦${INTRO}⟧`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: 'The post has no `# ` title: add one naming the problem and the stack.' }]);
});

// A 100,000-character value is echoed elided: its first 79 characters and "…" (issue 13, "messages are capped").
const LONG = 'a'.repeat(100_000);
const ELIDED = `"${'a'.repeat(79)}…"`;

test('title: a 100,000-character stack is elided in the message', () => {
  const { text, range } = markedRange(edit(edit(seed, '  stack: python services', `  stack: ${LONG}`), TITLE, `# ⟦${TITLE_TEXT}⟧\n`));
  assert.deepStrictEqual(findings(text, RULE), [{ range, message: `The title does not name the stack ${ELIDED} (from ai_outline).` }]);
});

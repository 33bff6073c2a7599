/**
 * Inline suppression comments: `<!-- alphanode-disable-next-line RULE -->`,
 * `<!-- alphanode-disable RULE -->` … `<!-- alphanode-enable RULE -->`, the front matter's
 * `# alphanode-disable-next-line RULE`, and the report of unknown rule ids.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzePost, fixAll, parsePost } from '../../server/src/service';
import type { Rule } from '../../server/src/service';
import { isSuppressed, parseSuppressions, SUPPRESSION_UNKNOWN_RULE } from '../../server/src/service/check/suppression';
import { edit, loadSeed, markedRanges, TODAY, validate } from '../support/fixtures';

const seed = loadSeed('000');
const codes = (text: string) => validate(text).map((d) => String(d.code));
/** The seed with a `## ` heading the template does not know, before `## implementation checklist`. */
const UNKNOWN = '## why this maters\n\nkeep the notes short.\n\n';
const withUnknown = (before = '') => edit(seed, '## implementation checklist', `${before}${UNKNOWN}## implementation checklist`);
const paragraphs = (n: number) => edit(seed, '  paragraphs: 5', `  paragraphs: ${n}`);

describe('disable-next-line', () => {
  it('the problem of the next line is dropped, nothing else', () => {
    // The extra section also adds a paragraph: paragraph-count fires too, on the meta.
    const before = codes(withUnknown());
    assert.ok(before.includes('section-unknown'), before.join());
    const after = codes(withUnknown('<!-- alphanode-disable-next-line section-unknown -->\n'));
    assert.deepEqual(after, before.filter((code) => code !== 'section-unknown'));
  });

  it('only the very next line: a blank line in between leaves the problem', () => {
    assert.ok(codes(withUnknown('<!-- alphanode-disable-next-line section-unknown -->\n\n')).includes('section-unknown'));
  });

  it('other rules on that line are kept', () => {
    assert.ok(codes(withUnknown('<!-- alphanode-disable-next-line title -->\n')).includes('section-unknown'));
  });

  it('several ids (commas or spaces), a ` -- reason`, and no id meaning every rule', () => {
    const text = withUnknown('<!-- alphanode-disable-next-line title, section-unknown -- legacy heading kept for links -->\n');
    assert.ok(!codes(text).includes('section-unknown'));
    assert.ok(!codes(withUnknown('<!-- alphanode-disable-next-line -->\n')).includes('section-unknown'));
    const directives = parseSuppressions(parsePost(text));
    assert.deepEqual(directives[0].rules.map((rule) => rule.id), ['title', 'section-unknown']);
  });

  it('in the front matter: a YAML comment line covers the next meta line', () => {
    assert.deepEqual(codes(paragraphs(6)), ['paragraph-count']);
    assert.deepEqual(codes(edit(paragraphs(6), '  paragraphs: 6', '  # alphanode-disable-next-line paragraph-count\n  paragraphs: 6')), []);
  });
});

describe('disable … enable', () => {
  it('a region drops the rule inside it and only there', () => {
    const twoUnknown = edit(withUnknown(), '## final notes', '## final thougts\n\nmore.\n\n## final notes');
    const all = validate(twoUnknown).filter((d) => d.code === 'section-unknown');
    assert.equal(all.length, 2);
    const region = edit(twoUnknown, '## why this maters', '<!-- alphanode-disable section-unknown -->\n## why this maters\n<!-- alphanode-enable section-unknown -->');
    const left = validate(region).filter((d) => d.code === 'section-unknown');
    assert.equal(left.length, 1);
    assert.match(String(left[0].message), /final thougts/);
  });

  it('without enable, to the end of the post; enable of one rule keeps the others disabled', () => {
    const text = edit(withUnknown(), '## why this maters', '<!-- alphanode-disable -->\n<!-- alphanode-enable title -->\n## why this maters');
    assert.ok(!codes(text).includes('section-unknown'));
    const directives = parseSuppressions(parsePost(text));
    const line = parsePost(text).index.lineCount - 1;
    assert.equal(isSuppressed(directives, 'section-unknown', line), true);
    assert.equal(isSuppressed(directives, 'title', line), false);
  });

  it('problems before the region are kept', () => {
    const text = `${paragraphs(6)}\n<!-- alphanode-disable paragraph-count -->\n`;
    assert.deepEqual(codes(text), ['paragraph-count']);
  });
});

describe('what is not a directive', () => {
  it('a comment inside a fenced code block is text', () => {
    const inFence = edit(withUnknown(), '## why this maters', '```python\n# <!-- alphanode-disable section-unknown -->\n```\n\n## why this maters');
    assert.ok(codes(inFence).includes('section-unknown'));
  });

  it('a comment line does not count as a prose paragraph, nor break the checklist when indented under an item', () => {
    const commented = edit(seed, '## final notes', '<!-- alphanode-disable-next-line title -->\n## final notes');
    assert.deepEqual(codes(commented), []);
    const inList = edit(seed, '\n- add indexes carefully\n', '\n- add indexes carefully\n  <!-- alphanode-disable-next-line checklist-item -- reviewed -->\n');
    assert.deepEqual(codes(inList), []);
  });
});

describe('unknown rule ids are reported', () => {
  it('a warning on the id, with a "did you mean" fix', () => {
    const { text, ranges } = markedRanges(edit(seed, '## final notes', '<!-- alphanode-disable-next-line title, ⟦sections-unknown⟧ -->\n## final notes'));
    const findings = analyzePost(parsePost(text), { today: TODAY });
    assert.deepEqual(findings.map((f) => f.diagnostic.code), [SUPPRESSION_UNKNOWN_RULE]);
    const [finding] = findings;
    assert.deepEqual(finding.diagnostic.range, ranges[0]);
    assert.equal(finding.diagnostic.severity, DiagnosticSeverity.Warning);
    assert.equal(finding.diagnostic.message, 'Unknown rule id "sections-unknown" in alphanode-disable-next-line: did you mean "section-unknown"?');
    assert.deepEqual(finding.fixes[0].edits, [{ range: ranges[0], newText: 'section-unknown' }]);
    // fix-all applies it.
    assert.match(fixAll(text, { today: TODAY }).text, /alphanode-disable-next-line title, section-unknown -->/);
  });

  it('in enable comments and in the front matter too; far-off ids get no suggestion', () => {
    const text = edit(edit(seed, '## final notes', '<!-- alphanode-enable frobnicate -->\n## final notes'), '  paragraphs: 5', '  # alphanode-disable-next-line paragraf-count\n  paragraphs: 5');
    const found = validate(text).filter((d) => d.code === SUPPRESSION_UNKNOWN_RULE).map((d) => String(d.message));
    assert.deepEqual(found, [
      'Unknown rule id "paragraf-count" in alphanode-disable-next-line: did you mean "paragraph-count"?',
      'Unknown rule id "frobnicate" in alphanode-enable: it suppresses nothing (the rule ids are in docs/rules.md).',
    ]);
  });
});

it('an internal error (a crashing rule) is still reported in a post with an all-rules disable comment', () => {
  const crashing: Rule = { id: 'title', description: 'x', defaultSeverity: 'warning', fixable: false, check: () => { throw new Error('boom'); } };
  const post = parsePost(`${seed}\n<!-- alphanode-disable -->\n`);
  const findings = analyzePost(post, { today: TODAY, rules: [crashing] });
  assert.deepEqual(findings.map((f) => f.diagnostic.code), ['internal-error']);
});

it('a post without any directive is returned as analyzed (no extra work)', () => {
  assert.deepEqual(parseSuppressions(parsePost(seed)), []);
});

/**
 * The quick fixes of every fixable rule against their fixtures (test/fixtures/fixes/):
 * `<rule>.before.post.md` has exactly one problem of the rule, `<rule>.after.post.md` is the
 * exact text after its preferred fix. Also: checklist-sync's second fix, CRLF files, and
 * fix-all converging on posts with several problems.
 *
 * rollback-missing's fixes are client commands (a snippet needs the editor): its `after` is
 * what `alphanode.insertRollbackNoteForSection` inserts with the owner ROLLBACK_OWNER, built
 * here from the same core function the command calls (rollbackNoteInsertion); the real
 * command runs in test/e2e/suite/fixes.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Position } from 'vscode-languageserver-types';
import { analyzePost, applyEdits, Finding, Fix, fixAll, MAX_FIX_PASSES, parsePost, rollbackNoteInsertion, Rule, RULES } from '../../server/src/service';
import { edit, FIXTURES, loadSeed, REPO_ROOT, TODAY } from '../support/fixtures';
import { toCrlf } from '../support/mutate';

const FIXES_DIR = join(FIXTURES, 'fixes');
/** The owner rollback-missing.after.post.md was written with (the e2e suite sets alphanode.owner to it). */
const ROLLBACK_OWNER = 'priya.nair';
/** Rules whose preferred fix is a client command, not edits. */
const COMMAND_FIX_RULES = new Set(['rollback-missing']);
/**
 * Fixes that leave a flagged placeholder on purpose: rollback-fields adds `key: ""` for
 * what only the author knows (expected_result, rollback); those "is empty" problems have no
 * fix. Exactly these messages remain.
 */
const PLACEHOLDERS_LEFT: Record<string, string[]> = {
  'rollback-fields': ["The rollback note's expected_result is empty."],
  // The inserted note holds placeholder text (issue 15): it is valid as inserted.
  'rollback-missing': [],
};

const analyze = (text: string): Finding[] => analyzePost(parsePost(text), { today: TODAY });
const ofRule = (text: string, rule: string) => analyze(text).filter((finding) => finding.diagnostic.code === rule);
const preferredOf = (finding: Finding): Fix | undefined => finding.fixes.find((fix) => fix.preferred);
const messages = (found: Finding[]) => found.map((finding) => finding.diagnostic.message);
/** Findings fix-all would still act on: a preferred fix that is not a command. */
const fixableLeft = (text: string) => analyze(text).filter((finding) => finding.fixes.some((fix) => fix.preferred && !fix.command));

/** The rule ids that have a before/after pair in test/fixtures/fixes/. */
function fixtureRules(): string[] {
  const names = readdirSync(FIXES_DIR).sort();
  for (const name of names) assert.match(name, /^[a-z-]+\.(before|after)\.post\.md$/, `${name}: fixes/ holds only <rule>.before.post.md and <rule>.after.post.md`);
  const rules = names.filter((name) => name.endsWith('.before.post.md')).map((name) => name.slice(0, -'.before.post.md'.length));
  assert.deepEqual(names.filter((name) => name.endsWith('.after.post.md')).map((name) => name.slice(0, -'.after.post.md'.length)), rules, 'every before has its after and the reverse');
  return rules;
}

function pair(rule: string): { before: string; after: string } {
  return {
    before: readFileSync(join(FIXES_DIR, `${rule}.before.post.md`), 'utf8'),
    after: readFileSync(join(FIXES_DIR, `${rule}.after.post.md`), 'utf8'),
  };
}

/** The text after `fix`: its edits, or for a command fix what the client command inserts. */
function applyFix(text: string, fix: Fix): string {
  const post = parsePost(text);
  if (!fix.command) return applyEdits(post, fix.edits);
  assert.equal(fix.command.command, 'alphanode.insertRollbackNoteForSection', 'the only command fix the fixtures know');
  const [uri, position] = fix.command.arguments ?? [];
  assert.equal(uri, null, 'the core leaves the URI to the host');
  const insertion = rollbackNoteInsertion(post, position as Position, 'section', ROLLBACK_OWNER);
  return post.text.slice(0, insertion.offset) + insertion.text + post.text.slice(insertion.offset);
}

const fixableRules = RULES.filter((rule) => rule.fixable).map((rule) => rule.id).sort();

describe('fix fixtures: one per fixable rule', () => {
  it('every rule with fixable: true has a before/after pair, and every pair belongs to a fixable rule', () => {
    assert.deepEqual(fixtureRules(), fixableRules);
    assert.ok(fixableRules.length >= 13, `fixable rules: ${fixableRules.join(', ')}`);
  });

  it('rules that are not fixable offer no fix on any fixture (fixable is declared truthfully)', () => {
    const texts = [...fixtureRules().flatMap((rule) => Object.values(pair(rule))), readFileSync(join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8')];
    for (const text of texts) {
      for (const finding of analyze(text)) {
        if (finding.fixes.length === 0) continue;
        assert.ok(fixableRules.includes(String(finding.diagnostic.code)), `${finding.diagnostic.code} offers "${finding.fixes[0].title}" but is not fixable: true`);
      }
    }
  });

  for (const rule of fixableRules) {
    describe(rule, () => {
      it('before: exactly one finding of the rule, with one preferred fix', () => {
        const { before } = pair(rule);
        const found = ofRule(before, rule);
        assert.equal(found.length, 1, messages(found).join(' | '));
        assert.equal(found[0].fixes.filter((fix) => fix.preferred).length, 1, found[0].fixes.map((fix) => fix.title).join(' | '));
        assert.equal(Boolean(preferredOf(found[0])!.command), COMMAND_FIX_RULES.has(rule), 'edits, or a client command only for rollback-missing');
      });

      it('applying the preferred fix gives the after fixture byte for byte', () => {
        const { before, after } = pair(rule);
        const [finding] = ofRule(before, rule);
        assert.equal(applyFix(before, preferredOf(finding)!), after);
      });

      it('after: no finding of the rule is left (only the documented placeholders)', () => {
        const { after } = pair(rule);
        assert.deepEqual(messages(ofRule(after, rule)), rule === 'rollback-missing' ? [] : PLACEHOLDERS_LEFT[rule] ?? []);
        if (rule === 'rollback-missing') assert.deepEqual(messages(ofRule(after, 'rollback-fields')), PLACEHOLDERS_LEFT[rule]);
        assert.deepEqual(fixableLeft(after).map((finding) => finding.diagnostic.code), [], 'nothing fix-all would still change');
      });
    });
  }
});

describe('checklist-sync: the second (not preferred) fix', () => {
  const { before } = pair('checklist-sync');
  const [finding] = ofRule(before, 'checklist-sync');

  it('offers both directions, body → meta first and preferred', () => {
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.preferred ?? false]), [
      ["Copy the body's checklist into the meta", true],
      ["Copy the meta's checklist into the body", false],
    ]);
  });

  it("copying the meta's checklist into the body rewrites only the body list's lines", () => {
    const fixed = applyFix(before, finding.fixes[1]);
    const expected = edit(before, '## implementation checklist\n\n- review query plans\n- add indexes carefully\n', '## implementation checklist\n\n- add indexes carefully\n- review query plans\n');
    assert.equal(fixed, expected);
    assert.deepEqual(ofRule(fixed, 'checklist-sync'), []);
    assert.deepEqual(analyze(fixed), []);
  });

  it('a task list keeps its boxes and each kept item its check', () => {
    const tasks = edit(edit(edit(edit(edit(before, '\n- review query plans\n', '\n- [x] review query plans\n'), '\n- add indexes carefully\n', '\n- [ ] add indexes carefully\n'), '\n- test with realistic data\n', '\n- [ ] test with realistic data\n'), '\n- compare before and after metrics\n', '\n- [x] compare before and after metrics\n'), '\n- document the migration\n', '\n- [ ] document the migration\n');
    const [found] = ofRule(tasks, 'checklist-sync');
    const fixed = applyFix(tasks, found.fixes[1]);
    assert.equal(fixed, edit(tasks, '- [x] review query plans\n- [ ] add indexes carefully\n', '- [ ] add indexes carefully\n- [x] review query plans\n'));
    assert.deepEqual(ofRule(fixed, 'checklist-sync'), []);
  });
});

describe('CRLF files keep CRLF', () => {
  for (const rule of ['meta-required', 'checklist-sync', 'rollback-fields']) {
    it(`${rule}: the fix of the CRLF before is the CRLF after, with no lone LF`, () => {
      const { before, after } = pair(rule);
      const crlf = toCrlf(before);
      const found = ofRule(crlf, rule);
      assert.equal(found.length, 1);
      const fixed = applyFix(crlf, preferredOf(found[0])!);
      assert.equal(fixed, toCrlf(after));
      assert.doesNotMatch(fixed, /[^\r]\n/);
    });
  }

  it("checklist-sync's second fix on CRLF writes CRLF body lines", () => {
    const crlf = toCrlf(pair('checklist-sync').before);
    const [found] = ofRule(crlf, 'checklist-sync');
    const fixed = applyFix(crlf, found.fixes[1]);
    assert.doesNotMatch(fixed, /[^\r]\n/);
    assert.ok(fixed.includes('\r\n- add indexes carefully\r\n- review query plans\r\n'));
  });

  it('fix-all on a CRLF post gives the CRLF of fix-all on the LF post', () => {
    const { before } = pair('checklist-item');
    assert.equal(fixAll(toCrlf(before), { today: TODAY }).text, toCrlf(fixAll(before, { today: TODAY }).text));
  });
});

describe('fix-all', () => {
  const broken = readFileSync(join(REPO_ROOT, 'samples', 'posts', 'broken-example.post.md'), 'utf8');
  /** Seed 002 with six fixable problems of five rules, two of which unlock more in a second pass. */
  const several = [
    (text: string) => edit(text, '- tag the release\n\n## final notes', '- tag the release\n- run unit tests\n\n## final notes'), // checklist-item (+ checklist-sync)
    (text: string) => edit(text, '  clarity:', '  clarty:'), // meta-unknown-key
    (text: string) => edit(text, 'source_id: alphanode-017264', 'source_id: alphanode-017246'), // seed-consistency
    (text: string) => edit(text, '  - pytest\n', '  - pytest\n  - pytest\n'), // meta-duplicate-item
    (text: string) => text.replace(/^topic: .*$/m, 'topic: settings'), // topic-format
  ].reduce((text, change) => change(text), loadSeed('002'));

  const cases: Array<[string, string]> = [
    ['broken-example', broken],
    ['seed 002 with several problems', several],
    ...fixtureRules().map((rule): [string, string] => [`${rule}.before`, pair(rule).before]),
  ];
  for (const [name, text] of cases) {
    it(`${name}: converges within MAX_FIX_PASSES, leaves nothing fixable, and fixAll(fixAll(x)) = fixAll(x)`, () => {
      const once = fixAll(text, { today: TODAY });
      assert.ok(once.passes <= MAX_FIX_PASSES, `${once.passes} passes`);
      assert.equal(once.converged, true);
      assert.deepEqual(fixableLeft(once.text).map((finding) => finding.diagnostic.code), []);
      const twice = fixAll(once.text, { today: TODAY });
      assert.equal(twice.text, once.text);
      assert.equal(twice.applied, 0);
      assert.equal(twice.passes, 0);
    });
  }

  it('broken-example: six fixes in one pass; the only problem left is the empty owner placeholder', () => {
    const result = fixAll(broken, { today: TODAY });
    assert.deepEqual([result.applied, result.passes], [6, 1]);
    assert.deepEqual(analyze(result.text).map((finding) => [finding.diagnostic.code, finding.diagnostic.message]), [['rollback-fields', "The rollback note's owner is empty."]]);
  });

  it('several problems: a second pass picks up what the first unlocked, and the post ends clean', () => {
    // The misspelt required key is one meta-required problem at the typo (issue 15), no meta-unknown-key beside it.
    const before = analyze(several).map((finding) => finding.diagnostic.code).sort();
    assert.deepEqual(before, ['checklist-item', 'checklist-sync', 'meta-duplicate-item', 'meta-required', 'seed-consistency', 'topic-format']);
    const result = fixAll(several, { today: TODAY });
    assert.ok(result.passes >= 2 && result.passes < MAX_FIX_PASSES, `${result.passes} passes`);
    assert.deepEqual(analyze(result.text), []);
    assert.equal(result.text, loadSeed('002'), 'every change undone, formatting kept');
  });

  it('a BOM is kept', () => {
    const { before, after } = pair('paragraph-count');
    assert.equal(fixAll(`\ufeff${before}`, { today: TODAY }).text, `\ufeff${after}`);
  });

  it('a post with nothing fixable is returned as it is', () => {
    const seed = loadSeed('000');
    assert.deepEqual(fixAll(seed, { today: TODAY }), { text: seed, applied: 0, passes: 0, converged: true });
    const { before } = pair('rollback-missing');
    assert.deepEqual(fixAll(before, { today: TODAY }), { text: before, applied: 0, passes: 0, converged: true }, 'command fixes are skipped');
  });
});

/**
 * Issue 13: fixes never invent and never lose. Each case failed before: a missing
 * ai_outline.problem became `problem: ""` and then a topic `" / python services"`; deleting
 * image_sources set has_images to 0 under a body image; a front matter missing most keys
 * needed more than the old 10 silent passes, so a second `--fix` changed it again.
 */
describe('fixes derive nothing from a placeholder, an empty value or a missing source', () => {
  const seed = loadSeed('000');
  const analyzeAll = (text: string) => analyze(text).map((finding) => [String(finding.diagnostic.code), finding.diagnostic.message]);

  it('a missing ai_outline.problem is added from the one problem entity (the post ends clean)', () => {
    const missing = edit(seed, '  problem: keeping staging close to production\n', '');
    const result = fixAll(missing, { today: TODAY });
    assert.equal(result.text, edit(missing, '  recommended_action: measure first, change carefully, document the result\n', '  recommended_action: measure first, change carefully, document the result\n  problem: keeping staging close to production\n'));
    assert.deepEqual(analyzeAll(result.text), []);
  });

  it('with no source for it, ai_outline.problem gets a "" placeholder, and the topic is left as the author wrote it', () => {
    const noSource = edit(edit(edit(seed, '  problem: keeping staging close to production\n', ''), 'topic: keeping staging close to production / python services', 'topic: staging parity'), '  - name: keeping staging close to production\n    type: problem\n', '');
    const result = fixAll(noSource, { today: TODAY });
    assert.equal(result.text, edit(noSource, '  recommended_action: measure first, change carefully, document the result\n', '  recommended_action: measure first, change carefully, document the result\n  problem: ""\n'));
    assert.deepEqual(analyzeAll(result.text), [['meta-invalid', 'ai_outline.problem is "": expected non-empty text.']]);
    assert.deepEqual([result.converged, fixAll(result.text, { today: TODAY }).applied], [true, 0]);
  });

  it('an empty problem (a placeholder) asks for no topic: no topic-format finding, no fix, no outline-consistency finding', () => {
    const placeholder = edit(seed, '  problem: keeping staging close to production\n', '  problem: ""\n');
    assert.deepEqual(analyzeAll(placeholder), [['meta-invalid', 'ai_outline.problem is "": expected non-empty text.']]);
    assert.equal(fixAll(placeholder, { today: TODAY }).text, placeholder);
  });

  it('deleting image_sources leaves has_images at 1 (the body shows the image): the sources are for the author to list', () => {
    const noSources = edit(seed, 'image_sources:\n  - source: picsum.photos\n    url: https://picsum.photos/seed/anp-038568/1200/630\n    caption: keeping staging close to production with python services visual reference 1\n', '');
    const findings = analyze(noSources);
    assert.deepEqual(findings.map((finding) => [String(finding.diagnostic.code), finding.diagnostic.message, finding.fixes.length]), [
      ['flags-consistency', 'flags.has_images is 1 but the post has no image_sources, while the body shows 1 image(s): list them in image_sources.', 0],
      ['image-sources', 'The image "keeping staging close to production with python services visual reference 1" has no entry in image_sources (source, url and caption).', 0],
    ]);
    assert.deepEqual(fixAll(noSources, { today: TODAY }), { text: noSources, applied: 0, passes: 0, converged: true });
  });

  it('a flags map added for a post whose body shows images says has_images: 1', () => {
    const noFlags = edit(seed, 'flags:\n  ai_generated_style: 1\n  has_images: 1\n  image_heavy: 0\n  needs_human_review: 1\n', '');
    const result = fixAll(noFlags, { today: TODAY });
    assert.match(result.text, /\nflags:\n {2}ai_generated_style: 0\n {2}has_images: 1\n {2}image_heavy: 0\n {2}needs_human_review: 0\n/);
  });

  it('an empty code_language (a placeholder) retags no code block', () => {
    const seed001 = loadSeed('001');
    const placeholder = edit(seed001, 'code_language: python\n', 'code_language: ""\n');
    assert.deepEqual(analyzeAll(placeholder), [['meta-invalid', 'code_language is "": expected non-empty text.']]);
    assert.equal(fixAll(placeholder, { today: TODAY }).text, placeholder);
  });

  it('a missing image caption is taken from the body image with the same url; an empty caption is not a pairing', () => {
    const missing = edit(seed, '    caption: keeping staging close to production with python services visual reference 1\n', '');
    assert.equal(fixAll(missing, { today: TODAY }).text, seed);
    const empty = edit(seed, '    caption: keeping staging close to production with python services visual reference 1\n', '    caption: ""\n');
    assert.deepEqual(analyzeAll(empty), [['meta-invalid', 'image_sources[0].caption is "": expected non-empty text.']]);
  });

  it('a front matter missing most keys: one fixAll reaches the fixed point (more than the old 10 passes), a second changes nothing', () => {
    const body = seed.slice(seed.indexOf('\n---\n', 4) + 5);
    const sparse = `---\ntopic: keeping staging close to production / python services\n---\n${body}`;
    const result = fixAll(sparse, { today: TODAY });
    assert.deepEqual([result.passes, result.applied, result.converged], [17, 17, true]);
    assert.ok(result.passes > 10, 'the old bound stopped here silently');
    assert.equal(result.text, `---
topic: keeping staging close to production / python services
summary: ""
ai_outline:
  context: ""
  problem: keeping staging close to production
  stack: python services
  recommended_action: ""
ai_brief: ""
stack:
  - python services
tools: []
code_language: ""
difficulty: beginner
reading_time: 1
view_count: 0
score:
  quality: 0
  freshness: 0
  depth: 0
  clarity: 0
revision:
  status: drafted
  version: "0.1.0"
  last_reviewed: "${TODAY}"
reference: ""
hash: ""
flags:
  ai_generated_style: 0
  has_images: 1
  image_heavy: 0
  needs_human_review: 0
checklist:
  - review query plans
  - add indexes carefully
  - test with realistic data
  - compare before and after metrics
  - document the migration
entities:
  - name: python services
    type: stack
  - name: keeping staging close to production
    type: problem
payload:
  source_id: ""
  generator: ""
  paragraphs: 5
  scenario: ""
  seed: ""
---
${body}`);
    assert.deepEqual(fixAll(result.text, { today: TODAY }), { text: result.text, applied: 0, passes: 0, converged: true });
  });
});

describe('fix-all stops at a fixed point, and says when it cannot reach one', () => {
  const seed = loadSeed('000');
  /** A rule whose fix sets the topic to "to" whenever it is `from`. */
  const topicRule = (from: string, to: string): Rule => ({
    id: 'topic-format',
    description: 'test rule',
    defaultSeverity: 'error',
    fixable: true,
    check: ({ meta }) => (meta.string(['topic']) === from
      ? [{ range: meta.rangeNear(['topic']), message: `topic ${from}`, fixes: [{ title: `to ${to}`, preferred: true, edits: [{ range: meta.rangeNear(['topic']), newText: to }] }] }]
      : []),
  });
  const withTopic = (topic: string) => seed.replace(/^topic: .*$/m, `topic: ${topic}`);

  it('two fixes that undo each other: a cycle, found when the text comes back (2 passes), converged false', () => {
    const result = fixAll(withTopic('a'), { today: TODAY, rules: [topicRule('a', 'b'), topicRule('b', 'a')] });
    assert.deepEqual(result, { text: withTopic('a'), applied: 2, passes: 2, converged: false });
  });

  it('a chain of fixes is followed to its end: converged true', () => {
    const rules = [topicRule('a', 'b'), topicRule('b', 'c'), topicRule('c', 'd')];
    assert.deepEqual(fixAll(withTopic('a'), { today: TODAY, rules }), { text: withTopic('d'), applied: 3, passes: 3, converged: true });
  });

  it('fixes that never repeat a text stop at the safety bound MAX_FIX_PASSES: converged false', () => {
    const counter: Rule = {
      id: 'reading-time',
      description: 'test rule',
      defaultSeverity: 'error',
      fixable: true,
      check: ({ meta }) => {
        const value = meta.integer(['reading_time'])!;
        return [{ range: meta.rangeNear(['reading_time']), message: 'more', fixes: [{ title: 'more', preferred: true, edits: [{ range: meta.rangeNear(['reading_time']), newText: String(value + 1) }] }] }];
      },
    };
    const result = fixAll(seed, { today: TODAY, rules: [counter] });
    assert.deepEqual([result.passes, result.applied, result.converged], [MAX_FIX_PASSES, MAX_FIX_PASSES, false]);
    assert.equal(result.text, edit(seed, 'reading_time: 7\n', `reading_time: ${7 + MAX_FIX_PASSES}\n`));
  });
});

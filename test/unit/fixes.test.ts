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
import { analyzePost, applyEdits, Finding, Fix, fixAll, MAX_FIX_PASSES, parsePost, rollbackNoteInsertion, RULES } from '../../server/src/service';
import { edit, FIXTURES, loadSeed, REPO_ROOT, TODAY } from '../support/fixtures';
import { toCrlf } from '../support/mutate';

const FIXES_DIR = join(FIXTURES, 'fixes');
/** The owner rollback-missing.after.post.md was written with (the e2e suite sets alphanode.owner to it). */
const ROLLBACK_OWNER = 'priya.nair';
/** Rules whose preferred fix is a client command, not edits. */
const COMMAND_FIX_RULES = new Set(['rollback-missing']);
/**
 * Fixes that leave a flagged placeholder on purpose: rollback-fields adds `key: ""` (and
 * rollback-missing's note has empty expected_result and rollback) for the author to fill
 * in; those "is empty" problems have no fix. Exactly these messages remain.
 */
const PLACEHOLDERS_LEFT: Record<string, string[]> = {
  'rollback-fields': ["The rollback note's expected_result is empty."],
  'rollback-missing': ["The rollback note's expected_result is empty.", "The rollback note's rollback is empty."],
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
    const before = analyze(several).map((finding) => finding.diagnostic.code).sort();
    assert.deepEqual(before, ['checklist-item', 'checklist-sync', 'meta-duplicate-item', 'meta-required', 'meta-unknown-key', 'seed-consistency', 'topic-format']);
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
    assert.deepEqual(fixAll(seed, { today: TODAY }), { text: seed, applied: 0, passes: 0 });
    const { before } = pair('rollback-missing');
    assert.deepEqual(fixAll(before, { today: TODAY }), { text: before, applied: 0, passes: 0 }, 'command fixes are skipped');
  });
});

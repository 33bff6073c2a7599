import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE, parsePost, Template } from '../../../server/src/service';
import { analyzePost } from '../../../server/src/service/check/validate';
import { groupByOwner, staleEntry } from '../../../server/src/service/check/stale';
import { edit, findings, loadSeed, markedRange } from '../../support/fixtures';

const RULE = 'review-stale';
const seed = loadSeed('000'); // last_reviewed: "2017-10-25"
const policy = (days: number): Template => ({ ...DEFAULT_TEMPLATE, review: { max_age_days: days } });
const reviewed = (date: string) => edit(seed, 'last_reviewed: "2017-10-25"', `last_reviewed: ⟦"${date}"⟧`);

test('review-stale: silent without a policy', () => {
  assert.deepEqual(findings(seed, RULE, { today: '2026-11-23' }), []);
});

test('review-stale: around the boundary (today injected): the day of the policy is fine, the day after is stale', () => {
  const template = policy(365);
  // 2025-11-23 → 2026-11-23 is 365 days.
  assert.deepEqual(findings(markedRange(reviewed('2025-11-23')).text, RULE, { template, today: '2026-11-23' }), []);
  const { text, range } = markedRange(reviewed('2025-11-22'));
  assert.deepEqual(findings(text, RULE, { template, today: '2026-11-23' }), [{ range, message: "last reviewed 366 days ago; the team's policy is 365" }]);
  // Across a leap day: 2023-12-31 → 2025-02-15 is 412 days.
  const leap = markedRange(reviewed('2023-12-31'));
  assert.deepEqual(findings(leap.text, RULE, { template, today: '2025-02-15' }), [{ range: leap.range, message: "last reviewed 412 days ago; the team's policy is 365" }]);
  // Reviewed today.
  assert.deepEqual(findings(markedRange(reviewed('2026-11-23')).text, RULE, { template: policy(1), today: '2026-11-23' }), []);
});

test('review-stale: a date meta-invalid reports (future, not a date) is left to it', () => {
  const template = policy(30);
  assert.deepEqual(findings(markedRange(reviewed('2027-01-01')).text, RULE, { template, today: '2026-11-23' }), []);
  assert.deepEqual(findings(markedRange(reviewed('2023-02-30')).text, RULE, { template, today: '2026-11-23' }), []);
  assert.deepEqual(findings(edit(seed, 'last_reviewed: "2017-10-25"', 'last_reviewed: soon'), RULE, { template, today: '2026-11-23' }), []);
});

test('review-stale: a warning by default, configurable like every rule', () => {
  const post = parsePost(seed);
  const [warning] = analyzePost(post, { template: policy(365), today: '2026-11-23' }).filter((f) => f.diagnostic.code === RULE);
  assert.equal(warning.diagnostic.severity, 2);
  const error = analyzePost(post, { template: { ...policy(365), rules: { [RULE]: 'error' } }, today: '2026-11-23' }).filter((f) => f.diagnostic.code === RULE);
  assert.equal(error[0].diagnostic.severity, 1);
  assert.deepEqual(analyzePost(post, { template: { ...policy(365), rules: { [RULE]: 'off' } }, today: '2026-11-23' }).filter((f) => f.diagnostic.code === RULE), []);
});

test('review-stale: the quick fix is Mark post reviewed (not preferred: fix-all must not attest a review)', () => {
  const [finding] = analyzePost(parsePost(seed), { template: policy(365), today: '2026-11-23' }).filter((f) => f.diagnostic.code === RULE);
  assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.preferred, fix.edits.map((e) => e.newText)]), [['Mark post reviewed', undefined, ['reviewed', '"1.9.3"', '"2026-11-23"']]]);
});

test('stale report: past the policy or within 30 days of it, grouped by owner, oldest first', () => {
  const template = policy(100);
  const today = '2026-11-23';
  const at = (date: string, owner?: string) => {
    const text = reviewed(date).replace(/[⟦⟧]/g, '');
    return parsePost(owner === undefined ? text.replace(/```rollback\n[\s\S]*?```\n/, '') : text.replace('owner: priya.nair', `owner: ${owner}`));
  };
  assert.equal(staleEntry('fresh.md', at('2026-10-01'), template, today), undefined); // 53 days: 47 before the policy
  const edge = staleEntry('edge.md', at('2026-09-14', 'ana'), template, today); // 70 days: exactly 30 before
  assert.deepEqual(edge, { path: 'edge.md', lastReviewed: '2026-09-14', ageDays: 70, policyDays: 100, stale: false, owners: ['ana'] });
  assert.equal(staleEntry('edge.md', at('2026-09-15', 'ana'), template, today), undefined); // 69 days
  const old = staleEntry('old.md', at('2025-01-01', 'bo'), template, today)!;
  const older = staleEntry('older.md', at('2024-01-01', 'ana'), template, today)!;
  const orphan = staleEntry('orphan.md', at('2026-01-01'), template, today)!;
  assert.equal(old.stale, true);
  assert.deepEqual(groupByOwner([edge!, old, orphan, older]).map((group) => [group.owner, group.posts.map((post) => post.path)]), [
    ['ana', ['older.md', 'edge.md']],
    ['bo', ['old.md']],
    [null, ['orphan.md']],
  ]);
});

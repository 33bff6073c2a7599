/**
 * Team templates on the command line (dist/cli.js, issue 17): a tree with an organisation's
 * base template and two teams that extend it, checked, printed with `alphanode config`, and
 * reported with `alphanode report stale`; broken chains fail the check.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { edit, loadSeed, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const seed = loadSeed('000'); // last_reviewed "2017-10-25", rollback owner priya.nair
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-teams-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  }
  return root;
}

const reviewedOn = (text: string, date: string) => edit(text, 'last_reviewed: "2017-10-25"', `last_reviewed: "${date}"`);
const withService = (text: string, service: string) => edit(text, 'reference: anp-ref-038568-1612\n', `service: ${service}\nreference: anp-ref-038568-1612\n`);
const noOwner = (text: string) => text.replace(/```rollback\n[\s\S]*?```\n\n/, '');

const root = write(join(tmp, 'tree'), {
  'org/base.alphanode.yaml': 'rules:\n  summary-mentions: off\nfields:\n  service:\n    type: string\n    required: true\n    enum: [payments, search]\n    description: The service this runbook operates.\nreview:\n  max_age_days: 365\n',
  'payments/.alphanode.yaml': 'extends: ../org/base.alphanode.yaml\nrules:\n  review-stale: error\n',
  'search/.alphanode.yaml': 'extends: [../org/base.alphanode.yaml]\nfields:\n  tier:\n    type: integer\n    required: true\n    min: 1\n    max: 3\nreview:\n  max_age_days: 90\n',
  'payments/fresh.post.md': reviewedOn(withService(seed, 'payments'), '2026-11-01'),
  'payments/old.post.md': reviewedOn(withService(seed, 'payments'), '2025-10-01'),
  'search/s.post.md': reviewedOn(edit(withService(seed, 'billing'), 'owner: priya.nair', 'owner: sam.lee'), '2026-09-20'),
  'search/orphan.post.md': noOwner(reviewedOn(withService(seed, 'search').replace('service: search\n', 'service: search\ntier: 2\n'), '2026-01-01')),
});

describe('alphanode with an org base and two teams', () => {
  it('check: each team gets the merged template (rules, fields, review policy)', () => {
    const result = run(['check', '--format', 'json', 'payments', 'search'], root);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number } } }> }> };
    const of = (path: string) => report.files.find((file) => file.path === path)?.diagnostics.map((d) => [d.rule, d.severity, d.message, d.range.start.line]);
    assert.deepEqual(of('payments/fresh.post.md'), []);
    const age = (date: string) => Math.round((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(date)) / 86_400_000);
    assert.deepEqual(of('payments/old.post.md'), [['review-stale', 'error', `last reviewed ${age('2025-10-01')} days ago; the team's policy is 365`, 32]]);
    assert.deepEqual(of('search/s.post.md')?.slice(0, 2), [
      ['meta-required', 'error', 'Missing required key "tier".', 0],
      ['meta-invalid', 'error', 'service is "billing": expected one of payments, search.', 33],
    ]);
    assert.equal(result.status, 1);
  });

  it('config: the effective template with the file each value came from (yaml and json)', () => {
    const yaml = run(['config', 'search/s.post.md'], root);
    assert.equal(yaml.status, 0, yaml.stderr);
    assert.match(yaml.stdout, /^# Effective template of search\/\.alphanode\.yaml\n# Chain: org\/base\.alphanode\.yaml → search\/\.alphanode\.yaml\n/);
    assert.match(yaml.stdout, /\n {2}summary-mentions: off # from org\/base\.alphanode\.yaml\n/);
    assert.match(yaml.stdout, /\n {2}tier: \{ type: integer, required: true, min: 1, max: 3 \} # from search\/\.alphanode\.yaml\n/);
    assert.match(yaml.stdout, /\n {2}max_age_days: 90 # from search\/\.alphanode\.yaml\n/);
    const json = run(['config', '--format', 'json', 'payments'], root);
    const effective = JSON.parse(json.stdout) as { file: string; chain: string[]; broken: boolean; template: { rules: Record<string, string>; review: unknown }; sources: Record<string, string> };
    assert.equal(effective.file, 'payments/.alphanode.yaml');
    assert.deepEqual(effective.chain, ['org/base.alphanode.yaml', 'payments/.alphanode.yaml']);
    assert.deepEqual(effective.template.rules, { 'summary-mentions': 'off', 'review-stale': 'error' });
    assert.deepEqual(effective.template.review, { max_age_days: 365 });
    assert.equal(effective.sources['rules.review-stale'], 'payments/.alphanode.yaml');
    assert.equal(effective.sources['fields.service'], 'org/base.alphanode.yaml');
    assert.equal(effective.sources['files'], 'default');
    assert.equal(run(['config', 'nope.md'], root).status, 2);
    assert.equal(run(['config', '--format', 'toml', 'payments'], root).status, 2);
  });

  it('report stale: past or within 30 days of each team\'s policy, oldest first, grouped by owner', () => {
    const text = run(['report', 'stale', '--today', '2026-12-03', 'payments', 'search'], root);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stdout, [
      'priya.nair',
      '  payments/old.post.md  last reviewed 2025-10-01, 428 days ago (policy 365): stale by 63 day(s)',
      '',
      'sam.lee',
      '  search/s.post.md  last reviewed 2026-09-20, 74 days ago (policy 90): due in 16 day(s)',
      '',
      'no owner',
      '  search/orphan.post.md  last reviewed 2026-01-01, 336 days ago (policy 90): stale by 246 day(s)',
      '',
      '2 post(s) past the review policy, 1 within 30 days of it.',
      '',
    ].join('\n'));
    const json = run(['report', 'stale', '--format', 'json', '--fail-on-stale', '--today', '2026-12-03', 'payments', 'search'], root);
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout) as { today: string; groups: Array<{ owner: string | null; posts: Array<{ path: string; ageDays: number; stale: boolean }> }>; summary: unknown };
    assert.deepEqual(report.groups.map((group) => [group.owner, group.posts.map((post) => [post.path, post.ageDays, post.stale])]), [
      ['priya.nair', [['payments/old.post.md', 428, true]]],
      ['sam.lee', [['search/s.post.md', 74, false]]],
      [null, [['search/orphan.post.md', 336, true]]],
    ]);
    assert.deepEqual(report.summary, { stale: 2, dueSoon: 1 });
    const markdown = run(['report', 'stale', '--format', 'markdown', '--today', '2026-12-03', 'search'], root);
    assert.match(markdown.stdout, /^# Stale runbooks \(2026-12-03\)\n\n## sam\.lee\n\n\| post \| last reviewed \| age \(days\) \| policy \(days\) \| state \|\n/);
    assert.match(markdown.stdout, /\n## no owner\n\n[^#]*\| search\/orphan\.post\.md \| 2026-01-01 \| 336 \| 90 \| stale by 246 day\(s\) \|\n/);
    // Only due soon: --fail-on-stale passes.
    assert.equal(run(['report', 'stale', '--fail-on-stale', '--today', '2026-12-03', 'search/s.post.md'], root).status, 0);
    assert.equal(run(['report', 'stale', '--today', 'tomorrow', 'search'], root).status, 2);
    assert.equal(run(['report', 'nothing', 'search'], root).status, 2);
  });

  it('a broken chain: the template reports it on its extends value, its posts fall back', () => {
    const bad = write(join(tmp, 'bad'), {
      'team/.alphanode.yaml': 'extends: ../org/missing.alphanode.yaml\n',
      'team/p.post.md': seed,
      'loop/.alphanode.yaml': 'extends: ../loop/.alphanode.yaml\n',
    });
    const result = run(['check', 'team'], bad);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^team\/\.alphanode\.yaml:1:10: error template-extends "extends": cannot read the base template org\/missing\.alphanode\.yaml \(chain team\/\.alphanode\.yaml → org\/missing\.alphanode\.yaml\): no such file, or the editor cannot read it\.\n/m);
    assert.match(result.stdout, /^team\/p\.post\.md:1:1: info template-fallback /m);
    const config = run(['config', 'loop'], bad);
    assert.equal(config.status, 1);
    assert.match(config.stdout, /^# Effective template of loop\/\.alphanode\.yaml \(broken: the defaults apply\)\n/);
    assert.match(config.stderr, /template-extends "extends": the chain loop\/\.alphanode\.yaml → loop\/\.alphanode\.yaml is a cycle\./);
  });
});

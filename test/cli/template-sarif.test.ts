/**
 * `alphanode check` for CI (dist/cli.js): team templates found as the editor finds them,
 * `--config FILE`, `.alphanodeignore`, `--max-warnings N`, and `--format sarif` validated
 * against the SARIF 2.1.0 JSON schema (test/fixtures/sarif/, see its README).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parsePost, RULE_DOCS_URL, RULES, validatePost } from '../../server/src/service';
import { parseTemplate } from '../../server/src/service/workspace/templateSchema';
import { edit, FIXTURES, loadSeed, REPO_ROOT } from '../support/fixtures';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const seed = loadSeed('000');
const noRollback = seed.replace(/```rollback\n[\s\S]*?```\n\n/, '');
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-template-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, relative)), { recursive: true });
    writeFileSync(join(dir, relative), text);
  }
  return dir;
}

interface JsonReport {
  files: Array<{ path: string; diagnostics: Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>;
  summary: { files: number; errors: number; warnings: number };
}

function checkJson(args: string[], cwd: string): { status: number | null; report: JsonReport; stderr: string } {
  const result = run(['check', '--format', 'json', ...args], cwd);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const rulesOf = (report: JsonReport, path: string) => report.files.find((file) => file.path === path)?.diagnostics.map((d) => `${d.rule}:${d.severity}`);

const TEAM = 'rules:\n  rollback-missing: error\nsections:\n  known: [why this matters]\nvalues:\n  difficulty: [beginner, intermediate]\n';

describe('alphanode check with a team template', () => {
  it('a template changes severities, sections and enums, as in the editor', () => {
    const plain = workspace('plain', { 'posts/a.post.md': noRollback });
    assert.deepEqual(rulesOf(checkJson(['.'], plain).report, 'posts/a.post.md'), ['rollback-missing:warning']);
    const team = workspace('team', { '.alphanode.yaml': TEAM, 'posts/a.post.md': noRollback });
    const { status, report } = checkJson(['.'], team);
    assert.equal(status, 1);
    assert.deepEqual(rulesOf(report, 'posts/a.post.md'), ['meta-invalid:error', 'rollback-missing:error', 'section-unknown:warning']);
    // The same as the service in-process with that template.
    const expected = validatePost(parsePost(noRollback), { template: parseTemplate(TEAM).template }).map((d) => String(d.code));
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.rule), expected);
  });

  it('the nearest template applies (a nested one wins in its folder, no merging)', () => {
    const dir = workspace('nested', {
      '.alphanode.yaml': 'rules:\n  rollback-missing: error\n',
      'posts/a.post.md': noRollback,
      'team/.alphanode.yaml': 'rules:\n  rollback-missing: off\n',
      'team/posts/b.post.md': noRollback,
    });
    const { report } = checkJson(['.'], dir);
    assert.deepEqual(rulesOf(report, 'posts/a.post.md'), ['rollback-missing:error']);
    assert.deepEqual(rulesOf(report, 'team/posts/b.post.md'), []);
  });

  it('a template`s files globs are relative to its folder and replace the defaults', () => {
    const dir = workspace('globs', {
      'handbook/.alphanode.yaml': 'files: ["guides/**/*.md"]\n',
      'handbook/guides/g.md': '# a guide without meta\n',
      'handbook/posts/plain.post.md': '# not a post for this team\n',
    });
    const { report } = checkJson(['.'], dir);
    assert.deepEqual(report.files.map((file) => file.path), ['handbook/guides/g.md']);
    assert.deepEqual(rulesOf(report, 'handbook/guides/g.md'), ['meta-missing:error']);
  });

  it('--config FILE applies one template to every post, instead of discovery', () => {
    const dir = workspace('config', {
      '.alphanode.yaml': 'rules:\n  rollback-missing: error\n',
      'ci/strict.yaml': 'rules:\n  rollback-missing: info\n',
      'posts/a.post.md': noRollback,
    });
    assert.deepEqual(rulesOf(checkJson(['--config', 'ci/strict.yaml', '.'], dir).report, 'posts/a.post.md'), ['rollback-missing:info']);
    assert.deepEqual(rulesOf(checkJson(['--config=ci/strict.yaml', 'posts/a.post.md'], dir).report, 'posts/a.post.md'), ['rollback-missing:info']);
  });

  it('--config with a missing file → exit 2 and why', () => {
    const dir = workspace('config-missing', { 'posts/a.post.md': seed });
    const result = run(['check', '--config', 'nope.yaml', '.'], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /cannot read --config nope\.yaml: no such file/);
    assert.match(run(['check', '--config'], dir).stderr, /--config needs a file name/);
  });

  it('a broken template is reported (exit 1) and its posts fall back to the defaults with one info diagnostic', () => {
    const dir = workspace('broken', { '.alphanode.yaml': 'rules:\n  rollback-mising: error\n', 'posts/a.post.md': noRollback });
    const text = run(['check', '.'], dir);
    assert.equal(text.status, 1);
    assert.deepEqual(text.stdout.split('\n'), [
      ".alphanode.yaml:2:3: error template-unknown-key Unknown rule id \"rollback-mising\": did you mean \"rollback-missing\"? The rule ids are listed in docs/rules.md.",
      'posts/a.post.md:1:1: info template-fallback The team template .alphanode.yaml has errors, so this post is checked against the default template. Fix the problems reported in .alphanode.yaml.',
      text.stdout.split('\n')[2],
      '2 files checked: 1 error, 1 warning.',
      '',
    ]);
    assert.match(text.stdout.split('\n')[2], /^posts\/a\.post\.md:\d+:\d+: warning rollback-missing /);
  });

  it('.alphanodeignore: folders skip what it lists; files named on the command line are still checked', () => {
    const dir = workspace('ignore', {
      '.alphanodeignore': 'drafts/\n*.wip.md\n',
      'posts/a.post.md': seed,
      'posts/b.wip.md': 'not meta\n',
      'drafts/c.post.md': 'no meta\n',
      'posts/nested/.alphanodeignore': 'old.post.md\n',
      'posts/nested/old.post.md': 'no meta\n',
    });
    const { status, report } = checkJson(['.'], dir);
    assert.equal(status, 0);
    assert.deepEqual(report.files.map((file) => file.path), ['posts/a.post.md']);
    const named = checkJson(['drafts/c.post.md'], dir);
    assert.deepEqual(rulesOf(named.report, 'drafts/c.post.md'), ['meta-missing:error']);
  });
});

describe('--max-warnings N', () => {
  const dir = workspace('warnings', { 'posts/a.post.md': noRollback, 'posts/b.post.md': noRollback });
  it('more warnings than N → exit 1 with a message; N or fewer → exit 0', () => {
    const over = run(['check', '--max-warnings', '1', '.'], dir);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /2 warnings, more than --max-warnings 1 allows/);
    assert.equal(run(['check', '--max-warnings=2', '.'], dir).status, 0);
    assert.equal(run(['check', '.'], dir).status, 0);
  });

  it('a value that is not a count → exit 2', () => {
    for (const value of ['x', '-1', '1.5']) {
      const result = run(['check', '--max-warnings', value, '.'], dir);
      assert.equal(result.status, 2, value);
      assert.match(result.stderr, /--max-warnings needs a number of warnings/);
    }
  });
});

describe('--format sarif', () => {
  const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]`, valid only without the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validateSarif = ajv.compile(schema);

  interface SarifLog {
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string }; shortDescription: { text: string } }> } };
      invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
      originalUriBaseIds: Record<string, { uri: string }>;
      columnKind: string;
      results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }> }>;
    }>;
  }

  function sarif(args: string[], cwd: string): { status: number | null; log: SarifLog; stderr: string } {
    const result = run(['check', '--format', 'sarif', ...args], cwd);
    const log = JSON.parse(result.stdout) as SarifLog;
    const valid = validateSarif(log);
    assert.ok(valid, `SARIF schema errors: ${JSON.stringify(validateSarif.errors, null, 1)}`);
    return { status: result.status, log, stderr: result.stderr };
  }

  const dir = workspace('sarif', {
    '.alphanode.yaml': 'rules:\n  summary-mentions: info\n',
    'posts/broken.post.md': edit(noRollback, 'paragraphs: 5', 'paragraphs: 6'),
    'posts/with space/é.post.md': seed.replace(/^summary: .*$/m, 'summary: a short note about our setup.'),
    'posts/clean.post.md': seed,
  });

  it('is valid SARIF 2.1.0 with every rule described (help URI to docs/rules.md)', () => {
    const { status, log } = sarif(['.'], dir);
    assert.equal(status, 1);
    assert.equal(log.version, '2.1.0');
    const [run0] = log.runs;
    assert.equal(run0.tool.driver.name, 'alphanode');
    const ids = run0.tool.driver.rules.map((rule) => rule.id);
    for (const rule of RULES) {
      const descriptor = run0.tool.driver.rules.find((candidate) => candidate.id === rule.id);
      assert.ok(descriptor, rule.id);
      assert.equal(descriptor.helpUri, `${RULE_DOCS_URL}#${rule.id}`);
      assert.equal(descriptor.defaultConfiguration.level, rule.defaultSeverity === 'info' ? 'note' : rule.defaultSeverity);
    }
    assert.ok(ids.includes('template-fallback') && ids.includes('suppression-unknown-rule') && ids.includes('internal-error'));
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.equal(run0.invocations[0].executionSuccessful, true);
  });

  it('results match the JSON output: rule, level, 1-based region with exclusive end, paths relative to %SRCROOT%', () => {
    const { log } = sarif(['.'], dir);
    const { report } = checkJson(['.'], dir);
    const [run0] = log.runs;
    const expected = report.files.flatMap((file) =>
      file.diagnostics.map((d) => ({
        ruleId: d.rule,
        level: d.severity === 'info' ? 'note' : d.severity,
        text: d.message,
        uri: file.path.split('/').map(encodeURIComponent).join('/'),
        region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
      })),
    );
    const actual = run0.results.map((result) => ({
      ruleId: result.ruleId,
      level: result.level,
      text: result.message.text,
      uri: result.locations[0].physicalLocation.artifactLocation.uri,
      region: result.locations[0].physicalLocation.region,
    }));
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((result) => result.uri === 'posts/with%20space/%C3%A9.post.md' && result.level === 'note'), JSON.stringify(actual));
    for (const result of run0.results) {
      assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    assert.ok(run0.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file://') && run0.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
  });

  it('a clean run is valid SARIF with no results (exit 0); a broken template is results too', () => {
    const clean = sarif(['posts/clean.post.md'], dir);
    assert.equal(clean.status, 0);
    assert.deepEqual(clean.log.runs[0].results, []);
    const broken = workspace('sarif-broken', { '.alphanode.yaml': 'files: 3\n', 'posts/a.post.md': seed });
    const result = sarif(['.'], broken);
    assert.equal(result.status, 1);
    assert.deepEqual(result.log.runs[0].results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [
      ['template-invalid', 'error', '.alphanode.yaml'],
      ['template-fallback', 'note', 'posts/a.post.md'],
    ]);
  });

  it('an unreadable file: still valid SARIF, an error notification, executionSuccessful false, exit 2', () => {
    const { status, log, stderr } = sarif(['posts/clean.post.md', 'posts/missing.post.md'], dir);
    assert.equal(status, 2);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /posts\/missing\.post\.md: cannot read: no such file or folder/);
    assert.match(stderr, /posts\/missing\.post\.md: cannot read/);
  });

  it('the schema check itself rejects a broken log (the validator is not a no-op)', () => {
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validateSarif({ version: '2.0.0', runs: [] }), false);
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  });
});

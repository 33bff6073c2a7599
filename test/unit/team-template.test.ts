/**
 * Team templates (issue 17): `extends` chains over an in-memory workspace (merging, sources,
 * cycles, missing and broken bases), the team's own `fields` (template errors at their
 * range, every type and constraint on posts, the refusal of risky patterns), completion,
 * hover and the add-key fix of a team field, and the effective template.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { completePost, DEFAULT_TEMPLATE, hoverPost, parsePost, renderMetaBox, Template, validatePost } from '../../server/src/service';
import { effectiveTemplate, effectiveYaml, hoverTemplate, MemoryHost, parseTemplate, WorkspaceResolver } from '../../server/src/service/workspace';
import { analyzePost } from '../../server/src/service/check/validate';
import { MAX_PATTERN_INPUT, patternProblem } from '../../server/src/service/model/teamFields';
import { cursorAt } from '../support/cursor';
import { edit, findings, loadSeed, markedRange, TODAY } from '../support/fixtures';

const seed = loadSeed('000');
const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

function resolverOf(files: Record<string, string>): WorkspaceResolver {
  return new WorkspaceResolver(new MemoryHost(Object.entries(files).map(([path, text]) => [`file:///w/${path}`, text])), { roots: () => ['file:///w'] });
}
const at = (resolver: WorkspaceResolver, path: string) => resolver.templateAt(`file:///w/${path}`)!;
const messages = (file: { diagnostics: Array<{ code?: unknown; message: unknown; range: Range }> }) => file.diagnostics.map((d) => [d.code, d.range, d.message]);

const ORG = [
  'rules:',
  '  summary-mentions: off',
  '  title: error',
  'sections:',
  '  known: [why this matters]',
  '  required: [final notes]',
  'values:',
  '  stack: [python services, go]',
  'fields:',
  '  service:',
  '    type: string',
  '    required: true',
  '    enum: [payments, search, identity]',
  '    description: The service this runbook operates.',
  'review:',
  '  max_age_days: 365',
  '',
].join('\n');

describe('extends: merging', () => {
  const resolver = resolverOf({
    'org/base.alphanode.yaml': ORG,
    'org/strict.alphanode.yaml': 'rules:\n  title: warning\n  code-language: off\nvalues:\n  tools: [pytest]\n',
    'team/.alphanode.yaml': [
      'extends: [../org/base.alphanode.yaml, ../org/strict.alphanode.yaml]',
      'rules:',
      '  rollback-missing: off',
      'values:',
      '  stack: [go]',
      'fields:',
      '  service:',
      '    type: string',
      '    enum: [payments]',
      '  tier:',
      '    type: integer',
      '',
    ].join('\n'),
  });
  const team = at(resolver, 'team/.alphanode.yaml');

  it('applies the bases in order, then the file: rules per entry, later wins', () => {
    assert.equal(team.broken, false);
    assert.deepEqual(team.diagnostics, []);
    assert.deepEqual(team.template.rules, { 'summary-mentions': 'off', title: 'warning', 'code-language': 'off', 'rollback-missing': 'off' });
  });

  it('maps merge key by key, lists replace', () => {
    assert.deepEqual(team.template.values.stack, ['go']);
    assert.deepEqual(team.template.values.tools, ['pytest']);
    assert.deepEqual(team.template.values.difficulty, DEFAULT_TEMPLATE.values.difficulty);
    assert.deepEqual(team.template.sections.required, ['final notes']);
    assert.deepEqual(team.template.review, { max_age_days: 365 });
  });

  it('fields merge per entry: a redefined field replaces the base definition whole', () => {
    assert.deepEqual(team.template.fields, { service: { type: 'string', enum: ['payments'] }, tier: { type: 'integer' } });
  });

  it('records the chain and the file each value came from', () => {
    assert.deepEqual(team.chain, ['org/base.alphanode.yaml', 'org/strict.alphanode.yaml', 'team/.alphanode.yaml']);
    assert.deepEqual(team.bases, ['file:///w/org/base.alphanode.yaml', 'file:///w/org/strict.alphanode.yaml']);
    const effective = effectiveTemplate(team, (uri) => resolver.label(uri));
    assert.equal(effective.sources['rules.title'], 'org/strict.alphanode.yaml');
    assert.equal(effective.sources['rules.summary-mentions'], 'org/base.alphanode.yaml');
    assert.equal(effective.sources['values.stack'], 'team/.alphanode.yaml');
    assert.equal(effective.sources['values.difficulty'], 'default');
    assert.equal(effective.sources['fields.service'], 'team/.alphanode.yaml');
    assert.equal(effective.sources['review.max_age_days'], 'org/base.alphanode.yaml');
    const yaml = effectiveYaml(effective);
    assert.match(yaml, /^# Effective template of team\/\.alphanode\.yaml\n# Chain: org\/base\.alphanode\.yaml → org\/strict\.alphanode\.yaml → team\/\.alphanode\.yaml\n/);
    assert.match(yaml, /\n {2}title: warning # from org\/strict\.alphanode\.yaml\n/);
    assert.match(yaml, /\n {2}max_age_days: 365 # from org\/base\.alphanode\.yaml\n/);
    assert.match(yaml, /\n {2}difficulty: \[ beginner, intermediate, advanced \] # default\n/);
  });

  it('a changed base is read again, by every template that extends it', () => {
    const host = new MemoryHost([['file:///w/org/base.alphanode.yaml', ORG], ['file:///w/a/.alphanode.yaml', 'extends: ../org/base.alphanode.yaml\n'], ['file:///w/b/.alphanode.yaml', 'extends: ../org/base.alphanode.yaml\n']]);
    const own = new WorkspaceResolver(host, { roots: () => ['file:///w'] });
    assert.equal(own.templateAt('file:///w/a/.alphanode.yaml')!.template.review.max_age_days, 365);
    assert.equal(own.templateAt('file:///w/b/.alphanode.yaml')!.template.review.max_age_days, 365);
    host.set('file:///w/org/base.alphanode.yaml', edit(ORG, 'max_age_days: 365', 'max_age_days: 90'));
    own.forget('file:///w/org/base.alphanode.yaml');
    assert.equal(own.templateAt('file:///w/a/.alphanode.yaml')!.template.review.max_age_days, 90);
    assert.equal(own.templateAt('file:///w/b/.alphanode.yaml')!.template.review.max_age_days, 90);
  });

  it('a template extending a base that sets "files": the globs apply from the template\'s folder', () => {
    const own = resolverOf({ 'org/base.alphanode.yaml': 'files: ["runbooks/**/*.md"]\n', 'team/.alphanode.yaml': 'extends: ../org/base.alphanode.yaml\n' });
    const resolution = own.resolve('file:///w/team/runbooks/x.md');
    assert.deepEqual(resolution.globs, ['runbooks/**/*.md']);
    assert.equal(resolution.globPath, 'runbooks/x.md');
  });
});

describe('extends: bad chains are problems of the naming template, on its extends value', () => {
  it('a cycle: the chain in the message, the posts fall back', () => {
    const resolver = resolverOf({ 'team/.alphanode.yaml': 'extends: ../org/a.alphanode.yaml\n', 'org/a.alphanode.yaml': 'extends: b.alphanode.yaml\n', 'org/b.alphanode.yaml': 'extends: [a.alphanode.yaml]\n' });
    const team = at(resolver, 'team/.alphanode.yaml');
    assert.equal(team.broken, true);
    assert.equal(team.template, DEFAULT_TEMPLATE);
    assert.deepEqual(messages(team), [['template-extends', range(0, 9, 32), '"extends": the chain team/.alphanode.yaml → org/a.alphanode.yaml → org/b.alphanode.yaml → org/a.alphanode.yaml is a cycle.']]);
    const post = parsePost(seed);
    const fallback = resolver.fallbackFor(team, post.index.trimmedLineRange(0));
    assert.equal(fallback?.code, 'template-fallback');
  });

  it('a template extending itself', () => {
    const team = at(resolverOf({ 'team/.alphanode.yaml': 'extends: ./.alphanode.yaml\n' }), 'team/.alphanode.yaml');
    assert.deepEqual(messages(team), [['template-extends', range(0, 9, 26), '"extends": the chain team/.alphanode.yaml → team/.alphanode.yaml is a cycle.']]);
  });

  it('a missing base: the range of its entry in the list', () => {
    const team = at(resolverOf({ 'org/base.alphanode.yaml': ORG, 'team/.alphanode.yaml': 'extends:\n  - ../org/base.alphanode.yaml\n  - ../org/gone.yaml\n' }), 'team/.alphanode.yaml');
    assert.deepEqual(messages(team), [['template-extends', range(2, 4, 20), '"extends": cannot read the base template org/gone.yaml (chain team/.alphanode.yaml → org/gone.yaml): no such file, or the editor cannot read it.']]);
  });

  it('a broken base: its first problem, with the chain', () => {
    const team = at(resolverOf({ 'org/base.alphanode.yaml': 'rules:\n  no-such-rule: off\n', 'team/.alphanode.yaml': 'extends: ../org/base.alphanode.yaml\n' }), 'team/.alphanode.yaml');
    assert.deepEqual(messages(team), [['template-extends', range(0, 9, 35), '"extends": the base template org/base.alphanode.yaml has errors (chain team/.alphanode.yaml → org/base.alphanode.yaml) (line 2: Unknown rule id "no-such-rule". The rule ids are listed in docs/rules.md.).']]);
  });

  it('a broken base deeper in the chain is reported on the entry that leads there', () => {
    const team = at(resolverOf({ 'org/a.alphanode.yaml': 'extends: b.alphanode.yaml\n', 'org/b.alphanode.yaml': ': : :\n', 'team/.alphanode.yaml': 'rules: {}\nextends: ../org/a.alphanode.yaml\n' }), 'team/.alphanode.yaml');
    assert.equal(team.diagnostics.length, 1);
    assert.deepEqual(team.diagnostics[0].range, range(1, 9, 32));
    assert.match(String(team.diagnostics[0].message), /^"extends": the base template org\/b\.alphanode\.yaml has errors \(chain team\/\.alphanode\.yaml → org\/a\.alphanode\.yaml → org\/b\.alphanode\.yaml\)/);
  });

  it('URLs and empty paths are refused by the schema', () => {
    const parsed = parseTemplate('extends: https://example.com/base.yaml\n');
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.range, d.message]), [['template-invalid', range(0, 9, 38), '"extends": expected a path relative to this file, not a URL.']]);
    assert.equal(parseTemplate('extends: []\n').diagnostics[0].message, '"extends": expected at least one base template.');
  });

  it('hover on extends shows the resolved chain, or the chain problem', () => {
    const resolver = resolverOf({ 'org/base.alphanode.yaml': ORG, 'team/.alphanode.yaml': 'extends: ../org/base.alphanode.yaml\n', 'bad/.alphanode.yaml': 'extends: ../nope.yaml\n' });
    const hover = hoverTemplate('extends: ../org/base.alphanode.yaml\n', { line: 0, character: 3 }, at(resolver, 'team/.alphanode.yaml'));
    assert.deepEqual(hover?.range, range(0, 0, 35));
    assert.match((hover?.contents as { value: string }).value, /Resolved chain:\n\n1\. `org\/base\.alphanode\.yaml`\n2\. `team\/\.alphanode\.yaml` \(this file\)$/);
    const bad = hoverTemplate('extends: ../nope.yaml\n', { line: 0, character: 12 }, at(resolver, 'bad/.alphanode.yaml'));
    assert.match((bad?.contents as { value: string }).value, /does not resolve[\s\S]*cannot read the base template nope\.yaml/);
    assert.equal(hoverTemplate('rules: {}\nextends: x.yaml\n', { line: 0, character: 2 }, undefined), null);
  });
});

describe('fields: template errors at their range', () => {
  const problems = (text: string) => parseTemplate(text).diagnostics.map((d) => [d.range, d.message]);

  it('redefining a built-in key: on the key', () => {
    assert.deepEqual(problems('fields:\n  difficulty:\n    type: string\n'), [[range(1, 2, 12), '"fields.difficulty": "difficulty" is a built-in key of the post meta; a team field cannot redefine it.']]);
  });

  it('an enum of the wrong type: on the value', () => {
    assert.deepEqual(problems('fields:\n  tier:\n    type: integer\n    enum: [1, "two", 2.5]\n'), [
      [range(3, 14, 19), '"fields.tier.enum[1]": expected an integer like the field\'s type integer, got the text "two".'],
      [range(3, 21, 24), '"fields.tier.enum[2]": expected an integer like the field\'s type integer, got the number 2.5.'],
    ]);
    assert.deepEqual(problems('fields:\n  on:\n    type: boolean\n    enum: [yes]\n'), [[range(3, 11, 14), '"fields.on.enum[0]": expected a boolean like the field\'s type boolean, got the text "yes".']]);
  });

  it('an invalid regex, and one that risks catastrophic backtracking', () => {
    assert.deepEqual(problems('fields:\n  rota:\n    type: string\n    pattern: "^(team"\n'), [[range(3, 13, 21), '"fields.rota.pattern": not a valid regular expression (/^(team/u: Unterminated group).']]);
    assert.deepEqual(problems('fields:\n  rota:\n    type: string\n    pattern: "^(a+)+$"\n'), [[range(3, 13, 22), '"fields.rota.pattern": a repeated group holds a repetition or alternation ("^(a+)+$" risks catastrophic backtracking); rewrite it without nesting.']]);
  });

  it('min > max, bounds and patterns on types they do not apply to', () => {
    assert.deepEqual(problems('fields:\n  blast:\n    type: integer\n    min: 10\n    max: 5\n'), [[range(3, 9, 11), '"fields.blast.min": min 10 is greater than max 5.']]);
    assert.deepEqual(problems('fields:\n  on:\n    type: boolean\n    min: 1\n    pattern: x\n'), [
      [range(3, 9, 10), '"fields.on.min": min applies to integer, number and list fields, not to boolean.'],
      [range(4, 13, 14), '"fields.on.pattern": a pattern applies to string, date and list fields, not to boolean.'],
    ]);
  });

  it('an unknown type or key of a field definition', () => {
    assert.deepEqual(problems('fields:\n  x:\n    type: text\n'), [[range(2, 10, 14), '"fields.x.type": expected one of string, integer, number, boolean, date, list, got the text "text".']]);
    assert.deepEqual(problems('fields:\n  x:\n    type: string\n    requried: true\n'), [[range(3, 4, 12), 'Unknown key "requried" in "fields.x": did you mean "required"?']]);
  });

  it('a field name that is no plain key', () => {
    assert.deepEqual(problems('fields:\n  "on call":\n    type: string\n'), [[range(1, 2, 11), '"fields.on call": "on call" is not a plain key name (letters, digits, _ and -, not starting with a digit).']]);
  });
});

describe('patterns: which are refused', () => {
  it('nested repetition, alternation under repetition and backreferences are refused; plain patterns pass', () => {
    for (const risky of ['(a+)+', '(a*)*b', '(\\w|\\d)+', '((ab)*c)+', '(x{2,})*', '(.*)\\1', '(?<n>a)\\k<n>']) assert.ok(patternProblem(risky), risky);
    for (const safe of ['^team-[a-z-]+$', '^[A-Z]{2,4}-\\d+$', '^(foo)?bar$', '^(ab){2}$', '[(+*)]+', '^\\(a+\\)+$', '^(?:svc|api)-[a-z]+$'.replace('(?:svc|api)', 'svc')]) assert.equal(patternProblem(safe), undefined, safe);
  });
});

describe('fields: validating posts', () => {
  const spec = (fields: string): Template => {
    const parsed = parseTemplate(`fields:\n${fields}`);
    assert.deepEqual(parsed.diagnostics, []);
    return parsed.template;
  };
  const template = spec([
    '  service:',
    '    type: string',
    '    required: true',
    '    enum: [payments, search, identity]',
    '    description: The service this runbook operates.',
    '  oncall_rotation:',
    '    type: string',
    '    pattern: "^team-[a-z-]+$"',
    '  max_blast_radius:',
    '    type: integer',
    '    min: 1',
    '    max: 100',
    '  error_budget:',
    '    type: number',
    '    max: 1',
    '  paged:',
    '    type: boolean',
    '  launched:',
    '    type: date',
    '  regions:',
    '    type: list',
    '    enum: [eu, us]',
    '    min: 1',
    '',
  ].join('\n'));
  const withMeta = (lines: string) => edit(seed, 'reference: anp-ref-038568-1612\n', `${lines}reference: anp-ref-038568-1612\n`);
  const ok = withMeta('service: payments\noncall_rotation: team-payments\nmax_blast_radius: 20\nerror_budget: 0.25\npaged: true\nlaunched: "2024-02-29"\nregions: [eu, us]\n');

  it('a post that sets every field right: no meta problem, and none is an unknown key', () => {
    const codes = validatePost(parsePost(ok), { template, today: TODAY }).map((d) => d.code);
    assert.deepEqual(codes.filter((code) => String(code).startsWith('meta-')), []);
  });

  it('a missing required field: meta-required, on the opening ---, with the built-in message', () => {
    assert.deepEqual(findings(edit(ok, 'service: payments\n', ''), 'meta-required', { template }), [{ range: range(0, 0, 3), message: 'Missing required key "service".' }]);
    // Optional fields may be missing.
    assert.deepEqual(findings(edit(ok, 'paged: true\n', ''), 'meta-required', { template }), []);
  });

  it('wrong values: meta-invalid on the value, in the built-in style', () => {
    const cases: Array<[string, string, string]> = [
      ['service: payments', 'service: ⟦billing⟧', 'service is "billing": expected one of payments, search, identity.'],
      ['service: payments', 'service: ⟦7⟧', 'service is 7: expected text (write it in quotes: "7").'],
      ['oncall_rotation: team-payments', 'oncall_rotation: ⟦payments⟧', 'oncall_rotation is "payments": expected text matching /^team-[a-z-]+$/.'],
      ['max_blast_radius: 20', 'max_blast_radius: ⟦0⟧', 'max_blast_radius is 0: expected 1 to 100.'],
      ['max_blast_radius: 20', 'max_blast_radius: ⟦101⟧', 'max_blast_radius is 101: expected 1 to 100.'],
      ['max_blast_radius: 20', 'max_blast_radius: ⟦2.5⟧', 'max_blast_radius is 2.5: expected an integer.'],
      ['max_blast_radius: 20', 'max_blast_radius: ⟦"20"⟧', 'max_blast_radius is "20": expected an integer.'],
      ['error_budget: 0.25', 'error_budget: ⟦1.5⟧', 'error_budget is 1.5: expected at most 1.'],
      ['error_budget: 0.25', 'error_budget: ⟦lots⟧', 'error_budget is "lots": expected a number.'],
      ['paged: true', 'paged: ⟦1⟧', 'paged is 1: expected true or false.'],
      ['launched: "2024-02-29"', 'launched: ⟦"2023-02-29"⟧', 'launched is "2023-02-29": not a real calendar date.'],
      ['launched: "2024-02-29"', 'launched: ⟦last week⟧', 'launched is "last week": expected a date YYYY-MM-DD.'],
      ['regions: [eu, us]', 'regions: [eu, ⟦asia⟧]', 'regions[1] is "asia": expected one of eu, us.'],
      ['regions: [eu, us]', 'regions: ⟦[]⟧', 'regions is an empty list: expected at least 1 item(s).'],
      ['regions: [eu, us]', 'regions: ⟦eu⟧', 'regions is "eu": expected a list.'],
      ['service: payments', 'service: ⟦""⟧', 'service is "": expected non-empty text.'],
    ];
    for (const [find, marked, message] of cases) {
      const { text, range: expected } = markedRange(edit(ok, find, marked));
      assert.deepEqual(findings(text, 'meta-invalid', { template }), [{ range: expected, message }], marked);
    }
  });

  it('a pattern is not run on text longer than the bound', () => {
    const long = `team-${'a'.repeat(MAX_PATTERN_INPUT)}`;
    const [problem] = findings(edit(ok, 'oncall_rotation: team-payments', `oncall_rotation: ${long}`), 'meta-invalid', { template });
    assert.equal(problem.message, `oncall_rotation is "${long.slice(0, 79)}…": longer than 1000 characters, so the pattern /^team-[a-z-]+$/ is not run on it.`);
  });

  it('a typo of a team field is an unknown key with a suggestion', () => {
    assert.deepEqual(findings(edit(ok, 'paged: true', 'pagd: true'), 'meta-unknown-key', { template }).map((f) => f.message), ['Unknown key "pagd": did you mean "paged"?']);
  });

  it('the add-key fix: one choice per enum value; a typed placeholder otherwise', () => {
    const missing = edit(ok, 'service: payments\n', '');
    const finding = analyzePost(parsePost(missing), { template, today: TODAY }).find((f) => f.diagnostic.code === 'meta-required')!;
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.preferred, fix.edits.map((e) => e.newText)]), [
      ['Add "service: payments"', undefined, ['\nservice: payments']],
      ['Add "service: search"', undefined, ['\nservice: search']],
      ['Add "service: identity"', undefined, ['\nservice: identity']],
    ]);
    const required = spec('  tier:\n    type: integer\n    required: true\n  zones:\n    type: list\n    required: true\n');
    const fixes = analyzePost(parsePost(seed), { template: required, today: TODAY }).filter((f) => f.diagnostic.code === 'meta-required').map((f) => f.fixes.map((fix) => [fix.title, fix.edits.map((e) => e.newText)]));
    assert.deepEqual(fixes, [[['Add "tier"', ['\ntier: ""']]], [['Add "zones"', ['\nzones: []']]]]);
  });

  it('completion offers the team fields and their enum values; hover shows the description', () => {
    const keys = completePost(parsePost(edit(ok, 'service: payments\n', '')), cursorAt(edit(edit(ok, 'service: payments\n', ''), 'reference: anp', 'ser‸\nreference: anp')).position, { template, today: TODAY });
    const serviceKey = keys.find((item) => item.label === 'service');
    assert.ok(serviceKey, keys.map((item) => item.label).join());
    const at = cursorAt(edit(ok, 'service: payments', 'service: ‸'));
    const values = completePost(parsePost(at.text), at.position, { template, today: TODAY });
    assert.deepEqual(values.map((item) => [item.label, item.textEdit?.newText]), [['payments', 'payments'], ['search', 'search'], ['identity', 'identity']]);
    const hoverAt = cursorAt(edit(ok, 'service: payments', 'serv‸ice: payments'));
    const hover = hoverPost(parsePost(hoverAt.text), hoverAt.position, { template, today: TODAY });
    assert.equal((hover?.contents as { value: string }).value, '**service**\n\nThe service this runbook operates. (team field: required string, one of payments, search, identity)');
  });

  it('the meta box shows the team fields in their own group, after the built-in keys', () => {
    const text = edit(ok, 'service: payments\n', '');
    const post = parsePost(text);
    const { html } = renderMetaBox(post, validatePost(post, { template, today: TODAY }), { today: TODAY, allowRemoteImages: false, template });
    const group = html.slice(html.indexOf('<div class="group group-team-fields">'));
    assert.match(group, /^<div class="group group-team-fields">\n<h2 class="group-label">team fields<\/h2>\n<section class="field field-team field-error field-missing" data-key="service">/);
    assert.deepEqual([...group.matchAll(/data-key="([^"]+)"/g)].map((match) => match[1]), ['service', 'oncall_rotation', 'max_blast_radius', 'error_budget', 'paged', 'launched', 'regions']);
    assert.ok(!html.includes('field-unknown'));
  });
});

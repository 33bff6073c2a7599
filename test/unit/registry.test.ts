import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DEFAULT_TEMPLATE, INTERNAL_ERROR, parsePost, RULE_IDS, RULES, ruleById, validatePost } from '../../server/src/service';
import type { Rule } from '../../server/src/service';
import { edit, findings, loadSeed, markedRange, TODAY, validate } from '../support/fixtures';

/** The rule ids of the spec's catalog (post-format.md §6), in its order. */
const SPEC_RULE_IDS = [
  'yaml-syntax',
  'meta-missing',
  'meta-required',
  'meta-invalid',
  'meta-unknown-key',
  'meta-duplicate-item',
  'topic-format',
  'outline-consistency',
  'seed-consistency',
  'flags-consistency',
  'image-sources',
  'paragraph-count',
  'checklist-missing',
  'checklist-sync',
  'checklist-item',
  'title',
  'intro-scenario',
  'summary-mentions',
  'section-unknown',
  'section-required',
  'section-order',
  'code-language',
  'rollback-fields',
  'rollback-missing',
  'review-stale',
  'hidden-characters',
];

/** Default severities of the spec's catalog. */
const SPEC_SEVERITY: Record<string, string> = {
  'yaml-syntax': 'error',
  'meta-missing': 'error',
  'meta-required': 'error',
  'meta-invalid': 'error',
  'meta-unknown-key': 'warning',
  'meta-duplicate-item': 'warning',
  'topic-format': 'error',
  'outline-consistency': 'error',
  'seed-consistency': 'error',
  'flags-consistency': 'error',
  'image-sources': 'error',
  'paragraph-count': 'error',
  'checklist-missing': 'error',
  'checklist-sync': 'error',
  'checklist-item': 'warning',
  title: 'warning',
  'intro-scenario': 'warning',
  'summary-mentions': 'warning',
  'section-unknown': 'warning',
  'section-required': 'error',
  'section-order': 'warning',
  'code-language': 'warning',
  'rollback-fields': 'error',
  'rollback-missing': 'warning',
  'review-stale': 'warning',
  'hidden-characters': 'warning',
};

const seed = loadSeed('000');
const NOTE = seed.slice(seed.indexOf('```rollback'), seed.indexOf('## implementation checklist'));
const TITLE_TEXT = 'practical guide to keeping staging close to production with python services';
/** The seed without its rollback note: exactly one `rollback-missing` warning, on the title. */
const noNote = markedRange(edit(edit(seed, NOTE, ''), `# ${TITLE_TEXT}`, `# ⟦${TITLE_TEXT}⟧`));

test('registry: RULE_IDS are the ids of the spec catalog, in its order', () => {
  assert.deepStrictEqual([...RULE_IDS], SPEC_RULE_IDS);
  assert.deepStrictEqual(RULES.map((rule) => rule.id), SPEC_RULE_IDS);
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
});

test('registry: every rule has a description and the default severity of the spec', () => {
  for (const rule of RULES) {
    assert.equal(typeof rule.description, 'string', rule.id);
    assert.ok(rule.description.trim().length > 0, `${rule.id} has an empty description`);
    assert.ok(['error', 'warning', 'info'].includes(rule.defaultSeverity), `${rule.id}: ${rule.defaultSeverity}`);
    assert.equal(rule.defaultSeverity, SPEC_SEVERITY[rule.id], rule.id);
    assert.equal(typeof rule.check, 'function', rule.id);
    assert.equal(ruleById(rule.id), rule);
  }
  assert.equal(ruleById('no-such-rule'), undefined);
});

test('registry: every rule has its unit test file', () => {
  const missing = RULE_IDS.filter((id) => !existsSync(join(__dirname, 'rules', `${id}.test.js`)));
  assert.deepStrictEqual(missing, []);
});

test('registry: diagnostics carry the rule id, source, docs link and default severity', () => {
  const diagnostics = validate(noNote.text);
  assert.deepStrictEqual(diagnostics, [
    {
      range: noNote.range,
      severity: DiagnosticSeverity.Warning,
      code: 'rollback-missing',
      codeDescription: { href: 'https://github.com/alphanode/alphanode-runbooks/blob/main/docs/rules.md#rollback-missing' },
      source: 'alphanode',
      message: 'This post has no rollback note: add a code block tagged "rollback" with owner, expected_result and rollback.',
    },
  ]);
});

test('registry: template.rules overrides severities: off removes a rule, info and error change its severity', () => {
  const off = validate(noNote.text, { template: { ...DEFAULT_TEMPLATE, rules: { 'rollback-missing': 'off' } } });
  assert.deepStrictEqual(off, []);
  const info = validate(noNote.text, { template: { ...DEFAULT_TEMPLATE, rules: { 'rollback-missing': 'info' } } });
  assert.deepStrictEqual(info.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Information]]);
  const error = validate(noNote.text, { template: { ...DEFAULT_TEMPLATE, rules: { 'rollback-missing': 'error' } } });
  assert.deepStrictEqual(error.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Error]]);
  // An override of one rule leaves the others at their defaults.
  const broken = edit(noNote.text, 'difficulty: advanced', 'difficulty: expert');
  const mixed = validate(broken, { template: { ...DEFAULT_TEMPLATE, rules: { 'rollback-missing': 'info', 'meta-invalid': 'off' } } });
  assert.deepStrictEqual(mixed.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Information]]);
  const defaults = validate(broken);
  assert.deepStrictEqual(defaults.map((d) => [d.code, d.severity]), [
    ['meta-invalid', DiagnosticSeverity.Error],
    ['rollback-missing', DiagnosticSeverity.Warning],
  ]);
  assert.deepStrictEqual(findings(noNote.text, 'rollback-missing', { template: { ...DEFAULT_TEMPLATE, rules: { 'rollback-missing': 'off' } } }), []);
});

const crashing: Rule = {
  id: 'crashing-rule',
  description: 'Throws on every post.',
  defaultSeverity: 'warning',
  fixable: false,
  check() {
    throw new Error('boom');
  },
};

test('registry: a rule that throws becomes one internal-error diagnostic and the other rules still run', () => {
  const rules = [crashing, ...RULES];
  const diagnostics = validatePost(parsePost(noNote.text), { today: TODAY, rules });
  assert.deepStrictEqual(
    diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message })),
    [
      {
        code: INTERNAL_ERROR,
        severity: DiagnosticSeverity.Error,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        message: 'Internal error in rule crashing-rule: boom. The other rules still ran; please report this with the post.',
      },
      {
        code: 'rollback-missing',
        severity: DiagnosticSeverity.Warning,
        range: noNote.range,
        message: 'This post has no rollback note: add a code block tagged "rollback" with owner, expected_result and rollback.',
      },
    ],
  );
  assert.equal(INTERNAL_ERROR, 'internal-error');
});

test('registry: a throw of a non-Error value is reported too, and a rule turned off is not run', () => {
  const throwsString: Rule = { ...crashing, id: 'string-thrower', check: () => { throw 'not an error object'; } };
  const diagnostics = validatePost(parsePost(seed), { today: TODAY, rules: [...RULES, throwsString] });
  assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.message]), [
    [INTERNAL_ERROR, 'Internal error in rule string-thrower: not an error object. The other rules still ran; please report this with the post.'],
  ]);
  const off = validatePost(parsePost(seed), { today: TODAY, rules: [throwsString], template: { ...DEFAULT_TEMPLATE, rules: { 'string-thrower': 'off' } } });
  assert.deepStrictEqual(off, []);
});

/**
 * The team template (`.alphanode.yaml`, spec §5): the zod schema and its defaults, the
 * diagnostics of a broken file (precise ranges, the defaults then), discovery, the
 * generated JSON Schema, `.alphanodeignore`, and what a template changes in validation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { z } from 'zod';
import { DEFAULT_TEMPLATE, RULES } from '../../server/src/service';
import { isIgnored, parseIgnore } from '../../server/src/service/workspace/ignore';
import {
  discoverTemplate,
  discoverTemplateSync,
  fallbackDiagnostic,
  parseTemplate,
  TEMPLATE_CODES,
  templateCandidates,
  templateFileSchema,
} from '../../server/src/service/workspace/templateSchema';
import { edit, loadSeed, markedRanges, REPO_ROOT, validate } from '../support/fixtures';

const seed = loadSeed('000');
const codes = (text: string, template = parseTemplate('').template) => validate(text, { template }).map((d) => String(d.code));

/** parseTemplate of `marked` (⟦…⟧ around the expected ranges), checked for code, ranges and broken = defaults. */
function assertBroken(marked: string, code: string, message?: RegExp): void {
  const { text, ranges } = markedRanges(marked);
  const parsed = parseTemplate(text);
  assert.equal(parsed.broken, true, 'broken');
  assert.equal(parsed.template, DEFAULT_TEMPLATE, 'a broken template falls back to the defaults');
  assert.deepEqual(parsed.diagnostics.map((d) => d.range), ranges, JSON.stringify(parsed.diagnostics, null, 1));
  for (const diagnostic of parsed.diagnostics) {
    assert.equal(diagnostic.code, code);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'alphanode');
    if (message) assert.match(String(diagnostic.message), message);
  }
}

describe('parseTemplate: a valid template', () => {
  it('an empty file (or only comments) is the spec defaults, no diagnostics', () => {
    for (const text of ['', '# team template\n', '\ufeff', '---\n']) {
      const parsed = parseTemplate(text);
      assert.equal(parsed.broken, false);
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(parsed.template, { ...DEFAULT_TEMPLATE, rules: {} });
      assert.equal(parsed.hasFiles, false);
    }
  });

  it('the spec §5 example parses to exactly what it says', () => {
    const text = [
      'files: ["posts/**/*.md"]',
      'rules:',
      '  rollback-missing: error',
      '  summary-mentions: off',
      'sections:',
      '  known: [why this matters, production checks, security and maintenance notes,',
      '          the practical approach, implementation checklist, final notes]',
      '  required: [implementation checklist, final notes]',
      '  order: [implementation checklist, final notes]',
      'values:',
      '  difficulty: [beginner, intermediate, advanced]',
      '  status: [drafted, expanded, reviewed, published]',
      '  entity_type: [stack, area, problem, tool]',
      '  stack: []',
      '  tools: []',
      'checklists:',
      '  release: [run linting, run unit tests, run one integration check,',
      '            verify staging config, tag the release]',
    ].join('\n');
    const parsed = parseTemplate(text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.hasFiles, true);
    assert.deepEqual(parsed.template.files, ['posts/**/*.md']);
    assert.deepEqual(parsed.template.rules, { 'rollback-missing': 'error', 'summary-mentions': 'off' });
    assert.deepEqual(parsed.template.sections, DEFAULT_TEMPLATE.sections);
    assert.deepEqual(parsed.template.values, DEFAULT_TEMPLATE.values);
    assert.deepEqual(parsed.template.checklists, { release: DEFAULT_TEMPLATE.checklists.release });
  });

  it('absent keys keep their defaults, also inside sections and values', () => {
    const parsed = parseTemplate('sections:\n  known: [Why This Matters,  the  plan]\nvalues:\n  difficulty: [easy, hard]\n');
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.template.files, DEFAULT_TEMPLATE.files);
    // Names are compared as headings are (case and spacing folded); required and ordered sections are known too.
    assert.deepEqual(parsed.template.sections.known, ['why this matters', 'the plan', 'implementation checklist', 'final notes']);
    assert.deepEqual(parsed.template.sections.required, DEFAULT_TEMPLATE.sections.required);
    assert.deepEqual(parsed.template.values, { ...DEFAULT_TEMPLATE.values, difficulty: ['easy', 'hard'] });
    assert.deepEqual(parsed.template.checklists, DEFAULT_TEMPLATE.checklists);
  });

  it('the schema defaults are the spec defaults (DEFAULT_TEMPLATE)', () => {
    const parsed = templateFileSchema.parse({});
    assert.deepEqual({ ...parsed, rules: {} }, { ...DEFAULT_TEMPLATE, rules: {} });
  });

  it('every rule id of the registry is a key of `rules`, and nothing else is', () => {
    const shape = (templateFileSchema.shape.rules.def.innerType as unknown as { shape: Record<string, unknown> }).shape;
    assert.deepEqual(Object.keys(shape), RULES.map((rule) => rule.id));
  });
});

describe('parseTemplate: a broken template gets diagnostics with precise ranges and the defaults apply', () => {
  it('bad YAML → template-syntax at the offending token', () => {
    assertBroken('rules:\n  title: off\nsections: ⟦[⟧known\n', TEMPLATE_CODES.syntax, /must be valid YAML/);
  });

  it('a duplicate key → template-syntax on the key', () => {
    const parsed = parseTemplate('files: [a]\nfiles: [b]\n');
    assert.equal(parsed.broken, true);
    assert.equal(parsed.diagnostics[0].code, TEMPLATE_CODES.syntax);
    assert.deepEqual(parsed.diagnostics[0].range.start, { line: 1, character: 0 });
  });

  it('an unknown top-level key → template-unknown-key on the key, with "did you mean"', () => {
    assertBroken('⟦sectoins⟧:\n  known: [a]\n', TEMPLATE_CODES.unknownKey, /Unknown key "sectoins" in \.alphanode\.yaml: did you mean "sections"\?/);
  });

  it('an unknown nested key → on that key', () => {
    assertBroken('values:\n  difficulty: [a]\n  ⟦stacks⟧: [b]\n', TEMPLATE_CODES.unknownKey, /Unknown key "stacks" in "values": did you mean "stack"\?/);
  });

  it('an unknown rule id → template-unknown-key on the id, with the nearest rule id', () => {
    assertBroken('rules:\n  ⟦rollback-mising⟧: error\n', TEMPLATE_CODES.unknownKey, /Unknown rule id "rollback-mising": did you mean "rollback-missing"\?/);
  });

  it('a wrong type → template-invalid on the value', () => {
    assertBroken('files: ⟦posts/**/*.md⟧\n', TEMPLATE_CODES.invalid, /"files": expected a list, got the text "posts\/\*\*\/\*\.md"/);
    assertBroken('sections:\n  known: [a, ⟦3⟧]\n', TEMPLATE_CODES.invalid, /"sections\.known\[1\]": expected text, got the number 3/);
  });

  it('a bad severity → template-invalid on the value, listing the severities', () => {
    assertBroken('rules:\n  title: ⟦loud⟧\n', TEMPLATE_CODES.invalid, /"rules\.title": expected one of error, warning, info, off, got the text "loud"/);
  });

  it('an empty enum list → template-invalid (no post could be valid)', () => {
    assertBroken('values:\n  difficulty: ⟦[]⟧\n', TEMPLATE_CODES.invalid, /at least one allowed value/);
  });

  it('a top-level list or scalar → template-invalid on it', () => {
    assertBroken('⟦- files\n- rules⟧\n', TEMPLATE_CODES.invalid, /must be a map of keys/);
    assertBroken('⟦just text⟧\n', TEMPLATE_CODES.invalid, /got the text "just text"/);
  });

  it('several problems are all reported, in file order', () => {
    const parsed = parseTemplate('rules:\n  titel: off\n  title: loud\nfiles: 3\n');
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.range.start.line]), [
      [TEMPLATE_CODES.unknownKey, 1],
      [TEMPLATE_CODES.invalid, 2],
      [TEMPLATE_CODES.invalid, 3],
    ]);
  });

  it('an alias bomb is bad input, not a hang', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    const started = Date.now();
    const parsed = parseTemplate(bomb);
    assert.ok(Date.now() - started < 1_000);
    assert.equal(parsed.broken, true);
  });

  it('the fallback notice is one info diagnostic pointing at the template problem', () => {
    const broken = parseTemplate('files: 3\n');
    const notice = fallbackDiagnostic({ start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, 'team/.alphanode.yaml', 'file:///w/team/.alphanode.yaml', broken.diagnostics[0]);
    assert.equal(notice.code, TEMPLATE_CODES.fallback);
    assert.equal(notice.severity, DiagnosticSeverity.Information);
    assert.match(String(notice.message), /team\/\.alphanode\.yaml has errors, so this post is checked against the default template/);
    assert.deepEqual(notice.relatedInformation?.[0].location, { uri: 'file:///w/team/.alphanode.yaml', range: broken.diagnostics[0].range });
  });
});

describe('a template changes the diagnostics of a post', () => {
  const withoutRollback = seed.replace(/```rollback\n[\s\S]*?```\n\n/, '');

  it('severities: rollback-missing warning → error, and off', () => {
    const warning = validate(withoutRollback);
    assert.deepEqual(warning.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Warning]]);
    const error = validate(withoutRollback, { template: parseTemplate('rules:\n  rollback-missing: error\n').template });
    assert.deepEqual(error.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Error]]);
    const info = validate(withoutRollback, { template: parseTemplate('rules:\n  rollback-missing: info\n').template });
    assert.deepEqual(info.map((d) => [d.code, d.severity]), [['rollback-missing', DiagnosticSeverity.Information]]);
    assert.deepEqual(codes(withoutRollback, parseTemplate('rules:\n  rollback-missing: off\n').template), []);
  });

  it('sections: a section the template does not know, a required one that is missing', () => {
    assert.deepEqual(codes(seed), []);
    const template = parseTemplate('sections:\n  known: [why this matters]\n  required: [implementation checklist, final notes, why this matters]\n').template;
    assert.deepEqual(codes(seed, template).sort(), ['section-required', 'section-unknown']);
  });

  it('enums: a difficulty the team does not allow', () => {
    const template = parseTemplate('values:\n  difficulty: [easy, hard]\n').template;
    const found = validate(seed, { template });
    assert.deepEqual(found.map((d) => d.code), ['meta-invalid']);
    assert.match(String(found[0].message), /expected one of easy, hard/);
  });

  it('a broken template changes nothing: the defaults apply', () => {
    assert.deepEqual(codes(withoutRollback, parseTemplate('rules:\n  rollback-missing: [error]\n').template), ['rollback-missing']);
  });
});

describe('discovery: the nearest .alphanode.yaml up to the workspace folder', () => {
  it('candidates run from the post folder up to the root, nearest first', () => {
    assert.deepEqual(templateCandidates('file:///w/team/posts/a.md', 'file:///w'), ['file:///w/team/posts/.alphanode.yaml', 'file:///w/team/.alphanode.yaml', 'file:///w/.alphanode.yaml']);
    assert.deepEqual(templateCandidates('file:///w/a.md', 'file:///w/'), ['file:///w/.alphanode.yaml']);
  });

  it('never above the workspace folder; a file outside it looks up to the file system root', () => {
    assert.ok(!templateCandidates('file:///w/x/a.md', 'file:///w').includes('file:///.alphanode.yaml'));
    assert.deepEqual(templateCandidates('file:///elsewhere/a.md', 'file:///w'), ['file:///elsewhere/.alphanode.yaml', 'file:///.alphanode.yaml']);
  });

  it('percent-encoded URIs stay as they are (the client names files the same way)', () => {
    assert.deepEqual(templateCandidates('file:///w/my%20team/a.md', 'file:///w'), ['file:///w/my%20team/.alphanode.yaml', 'file:///w/.alphanode.yaml']);
  });

  it('discoverTemplate picks the nearest existing one (async and sync)', async () => {
    const existing = new Set(['file:///w/.alphanode.yaml', 'file:///w/team/.alphanode.yaml']);
    assert.equal(await discoverTemplate('file:///w/team/posts/a.md', 'file:///w', async (uri) => existing.has(uri)), 'file:///w/team/.alphanode.yaml');
    assert.equal(discoverTemplateSync('file:///w/other/a.md', 'file:///w', (uri) => existing.has(uri)), 'file:///w/.alphanode.yaml');
    assert.equal(discoverTemplateSync('file:///v/a.md', 'file:///v', (uri) => existing.has(uri)), undefined);
  });
});

describe('.alphanodeignore', () => {
  const rules = [parseIgnore('# drafts are not checked\ndrafts/\n*.tmp.md\n/vendor\n!keep.tmp.md\n')];
  const cases: Array<[string, boolean]> = [
    ['drafts/a.md', true],
    ['team/drafts/deep/a.md', true],
    ['a.tmp.md', true],
    ['posts/a.tmp.md', true],
    ['posts/keep.tmp.md', false],
    ['vendor/x.md', true],
    ['team/vendor/x.md', false],
    ['posts/a.md', false],
    ['drafts.md', false],
  ];
  for (const [path, ignored] of cases) {
    it(`${path} → ${ignored ? 'ignored' : 'kept'}`, () => assert.equal(isIgnored(path, rules), ignored));
  }

  it('a trailing slash matches folders only; a nested ignore file is relative to its folder', () => {
    assert.equal(isIgnored('drafts', rules, false), false);
    assert.equal(isIgnored('drafts', rules, true), true);
    const nested = [parseIgnore(''), parseIgnore('old/\n', 'team')];
    assert.equal(isIgnored('team/old/a.md', nested), true);
    assert.equal(isIgnored('old/a.md', nested), false);
  });
});

describe('generated artefacts', () => {
  it('schemas/alphanode-template.schema.json is the zod schema (run `npm run schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'alphanode-template.schema.json'), 'utf8')) as Record<string, unknown>;
    const generated = z.toJSONSchema(templateFileSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
    assert.deepEqual({ ...committed, title: undefined }, { ...generated, title: undefined });
    assert.equal((committed.properties as Record<string, unknown>).rules !== undefined, true);
    assert.equal(committed.additionalProperties, false);
  });

  it('package.json registers the schema for .alphanode.yaml and the VSIX ships it', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation?: Array<{ fileMatch: string; url: string }> } };
    assert.deepEqual(manifest.contributes.yamlValidation, [{ fileMatch: ['.alphanode.yaml', '*.alphanode.yaml'], url: './schemas/alphanode-template.schema.json' }]);
    assert.match(readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\*$/m);
  });

  it('every rule has an example for docs/rules.md', () => {
    for (const rule of RULES) assert.ok(rule.example && rule.example.trim().length > 0, `${rule.id} has no example`);
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    for (const rule of RULES) assert.ok(docs.includes(rule.example!.split('\n')[0]), `docs/rules.md shows the example of ${rule.id} (run npm run docs)`);
  });
});

// A template's difficulty list narrows meta-invalid; the same edit without a template is clean.
it('sanity: the seed is clean with the default template and with an empty template file', () => {
  assert.deepEqual(validate(seed), []);
  assert.deepEqual(validate(seed, { template: parseTemplate('').template }), []);
  assert.deepEqual(validate(edit(seed, 'difficulty: advanced', 'difficulty: intermediate')), []);
});

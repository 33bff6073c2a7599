/**
 * Issue 13, "linear costs" and deep nesting: the one YAML parse (server/src/service/model/yamlParse.ts)
 * caps nesting at MAX_YAML_DEPTH with one plain yaml-syntax problem where the limit is
 * passed, in posts, rollback notes and templates; duplicate keys are found as before; the
 * unknown-key rules, the typo search and import stay linear; messages are capped
 * (server/src/service/model/messages.ts). Timings live in bench/yamlCost.ts, not here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { DEFAULT_TEMPLATE, importExport, parsePost, renderText } from '../../server/src/service';
import { capMessage, elide, listValues, MAX_MESSAGE } from '../../server/src/service/model/messages';
import { editDistance, nearest } from '../../server/src/service/rules/util';
import { parseTemplate, TEMPLATE_CODES } from '../../server/src/service/workspace/templateSchema';
import { MAX_YAML_DEPTH, NESTING_MESSAGE, nestingTooDeep } from '../../server/src/service/model/yamlParse';
import { loadExport } from '../support/exports';
import { edit, findings, loadSeed, markedRange, markedRanges, validate } from '../support/fixtures';

const seed = loadSeed('000');
const LEVELS = 3_000;
const POST_MESSAGE = `The post meta is not valid YAML: ${NESTING_MESSAGE}`;

/**
 * `deep:` then a value nested `levels` deep under it (the top map is level 1, so the value's
 * outermost list or map is level 2), with ⟦ ⟧ around the token that opens level 65 when
 * there is one. Shapes: the issue's five.
 */
const SHAPES: Record<string, (levels: number) => string> = {
  'block lists on one line': (levels) => `deep:\n${range(levels - 1).map((i) => (i === MAX_YAML_DEPTH - 1 ? '⟦-⟧ ' : '- ')).join('')}x\n`,
  'block lists, one per indented line': (levels) => `deep:\n${range(levels - 1).map((i) => `${' '.repeat(i)}${i === MAX_YAML_DEPTH - 1 ? '⟦-⟧' : '-'}`).join('\n')} x\n`,
  'flow lists': (levels) => `deep: ${range(levels - 1).map((i) => (i === MAX_YAML_DEPTH - 1 ? '⟦[⟧' : '[')).join('')}${']'.repeat(levels - 1)}\n`,
  'flow maps': (levels) => `deep: ${range(levels - 1).map((i) => (i === MAX_YAML_DEPTH - 1 ? '⟦{⟧a: ' : '{a: ')).join('')}1${'}'.repeat(levels - 1)}\n`,
  'nested block maps': (levels) => `deep:\n${range(levels - 1).map((i) => `${' '.repeat(i + 1)}${i === MAX_YAML_DEPTH - 1 ? '⟦a⟧' : 'a'}:`).join('\n')} 1\n`,
};

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** The seed with `yaml` added to its front matter (before `notes:`). */
function postWith(yaml: string): string {
  return edit(seed, 'notes:\n', `${yaml}notes:\n`);
}

describe('deep nesting: one yaml-syntax problem where the limit is passed, no throw', () => {
  for (const [shape, build] of Object.entries(SHAPES)) {
    it(`${shape}, ${LEVELS} levels in a post: exactly one diagnostic, at the token of level ${MAX_YAML_DEPTH + 1}`, () => {
      const { text, range: at } = markedRange(postWith(build(LEVELS)));
      const diagnostics = validate(text);
      assert.deepEqual(
        diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message })),
        [{ code: 'yaml-syntax', range: at, message: POST_MESSAGE }],
      );
    });

    it(`${shape}, ${MAX_YAML_DEPTH} levels (the limit): parsed, no yaml-syntax`, () => {
      const text = postWith(build(MAX_YAML_DEPTH).replace(/[⟦⟧]/g, ''));
      assert.deepEqual(findings(text, 'yaml-syntax'), []);
      assert.notEqual(parsePost(text).frontMatter?.value, undefined);
      // The walkers over the tree (rules, symbols, outline) all ran: `deep` is flagged as unknown.
      assert.deepEqual(findings(text, 'meta-unknown-key').map((f) => f.message), ['Unknown key "deep": the post meta has no such key.']);
    });

    it(`${shape}, ${LEVELS} levels in a team template: one template-syntax diagnostic at the same token`, () => {
      const { text, range: at } = markedRange(build(LEVELS));
      const parsed = parseTemplate(text);
      assert.equal(parsed.broken, true);
      assert.deepEqual(
        parsed.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message })),
        [{ code: TEMPLATE_CODES.syntax, range: at, message: `${NESTING_MESSAGE} (.alphanode.yaml must be valid YAML).` }],
      );
    });
  }

  it('a rollback note nested 3,000 levels deep: one rollback-fields problem at the token of level 65, the post meta untouched', () => {
    const { text, ranges } = markedRanges(edit(seed, 'owner: priya.nair\n', `owner: priya.nair\n${SHAPES['flow lists'](LEVELS)}`));
    assert.deepEqual(findings(text, 'rollback-fields'), [{ range: ranges[0], message: `The rollback note is not valid YAML: ${NESTING_MESSAGE}` }]);
    assert.deepEqual(findings(text, 'yaml-syntax'), []);
  });

  it('the pre-scan is not fooled by brackets, dashes and colons in text, quotes, comments and block scalars', () => {
    const many = (s: string) => s.repeat(200);
    const text = [
      `title: plain text with brackets ${many('[')}`,
      `quoted: "${many('[{')}"`,
      `single: '${many('- ')}it''s'`,
      `# ${many('[')}`,
      'block: |',
      ...range(100).map((i) => `  ${' '.repeat(i)}- ${many('[')}`),
      'folded: >-',
      `  ${many('- ')}`,
      `multi: "${many('[')}`,
      `  ${many('{')}"`,
      `url: https://example.com/a:b ${many('? ')}`,
      `list: [a, "${many(']')}", b]`,
      'after: 1',
    ].join('\n');
    assert.equal(nestingTooDeep(text), undefined);
  });

  it('property: on any generated YAML (block or flow, any indent), the pre-scan counts the real depth exactly', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('map')),
      leaf: fc.oneof(fc.constant('text: with [brackets], - dashes and # signs'), fc.integer(), fc.string()),
      list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      map: fc.dictionary(fc.string({ minLength: 1 }), tie('node'), { minKeys: 1, maxKeys: 3 }),
    })).node;
    const depth = (v: unknown): number => (v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    const style = fc.constantFrom({}, { collectionStyle: 'flow' as const }, { indentSeq: false }, { indent: 1 }, { indent: 4, indentSeq: false });
    fc.assert(
      fc.property(value, style, (v, options) => {
        const levels = depth(v);
        const source = stringify(v, options);
        assert.equal(nestingTooDeep(source, levels), undefined, source);
        if (levels > 0) assert.notEqual(nestingTooDeep(source, levels - 1), undefined, source);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('depth hidden after anchors, tags and explicit keys still counts', () => {
    assert.equal(nestingTooDeep(`a: ${'!!seq &x [ '.repeat(70)}`), 3 + 11 * 63 + 9);
    assert.equal(nestingTooDeep('? '.repeat(70)), 2 * 64);
    assert.equal(nestingTooDeep(`${'- &a '.repeat(70)}x`), 5 * 64);
  });
});

describe('duplicate keys: found in O(n), reported as before', () => {
  it('in a nested map and in a flow map: one problem on each repeated key', () => {
    const { text, ranges } = markedRanges(
      edit(edit(seed, '  quality: 97\n', '  quality: 97\n  ⟦quality⟧: 98\n'), 'notes:\n', 'extra: {a: 1, b: 2, ⟦a⟧: 3}\nnotes:\n'),
    );
    assert.deepEqual(findings(text, 'yaml-syntax'), [
      { range: ranges[0], message: 'The post meta is not valid YAML: Map keys must be unique' },
      { range: ranges[1], message: 'The post meta is not valid YAML: Map keys must be unique' },
    ]);
  });

  it('keys of different types are different keys (1 and "1"), the same key thrice is two problems', () => {
    const { text, ranges } = markedRanges(postWith('extra:\n  1: a\n  "1": b\n  ⟦1⟧: c\n  ⟦1⟧: d\n'));
    assert.deepEqual(
      findings(text, 'yaml-syntax').map((f) => f.range),
      ranges,
    );
  });

  it('5,000 keys each written twice: 5,000 problems, the last on the last key', () => {
    const keys = range(5_000).map((i) => `k${i}: 1`);
    const text = postWith(`${keys.join('\n')}\n${keys.join('\n')}\n`);
    const found = findings(text, 'yaml-syntax');
    assert.equal(found.length, 5_000);
    const lastLine = text.split('\n').indexOf('k4999: 1', text.split('\n').indexOf('k4999: 1') + 1);
    assert.deepEqual(found.at(-1)?.range, { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: 5 } });
  });

  it('in a template: template-syntax on the repeated key', () => {
    const parsed = parseTemplate('values:\n  stack: [a]\n  stack: [b]\n');
    assert.deepEqual(parsed.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message })), [
      { code: TEMPLATE_CODES.syntax, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 7 } }, message: 'Map keys must be unique (.alphanode.yaml must be valid YAML).' },
    ]);
  });
});

describe('unknown keys and typo suggestions: linear, same answers', () => {
  it('10,000 unknown keys: one meta-unknown-key each; a typo among them still gets its "did you mean"', () => {
    const text = postWith(`${range(10_000).map((i) => `extra_key_${i}: ${i}`).join('\n')}\nreading_tme: 7\n`.replace('reading_time: 7\n', ''));
    const found = findings(edit(text, 'reading_time: 7\n', ''), 'meta-unknown-key');
    assert.equal(found.length, 10_000);
    assert.equal(found[0].message, 'Unknown key "extra_key_0": the post meta has no such key.');
    // The typo of the missing required key is meta-required's one problem (issue 15), at the typo.
    assert.deepEqual(findings(edit(text, 'reading_time: 7\n', ''), 'meta-required').map((f) => f.message), ['Missing required key "reading_time": "reading_tme" looks like a misspelling of it.']);
  });

  it('a template with 5,000 unknown keys: one template-unknown-key each, on its key', () => {
    const parsed = parseTemplate(range(5_000).map((i) => `unknown_${i}: 1`).join('\n'));
    assert.equal(parsed.diagnostics.length, 5_000);
    assert.deepEqual(parsed.diagnostics[4_999].range, { start: { line: 4_999, character: 0 }, end: { line: 4_999, character: 12 } });
    assert.equal(parsed.diagnostics[4_999].code, TEMPLATE_CODES.unknownKey);
  });

  it('nearest: the first of the closest candidates within the limit, a long word against short ones is cheap', () => {
    assert.equal(nearest('reading_tme', ['topic', 'reading_time', 'reading_times']), 'reading_time');
    assert.equal(nearest('abc', ['abd', 'abe']), 'abd');
    assert.equal(nearest('abcdef', ['xyzxyz']), undefined);
    assert.equal(nearest('Why This Maters', ['why this matters']), 'why this matters');
    assert.equal(nearest('x'.repeat(2_000_000), ['why this matters', 'final notes']), undefined);
  });
});

describe('message caps', () => {
  it('elide: short text unchanged; long text cut to the cap with …; never half a surrogate pair', () => {
    assert.equal(elide('short'), 'short');
    assert.equal(elide('x'.repeat(80)), 'x'.repeat(80));
    assert.equal(elide('x'.repeat(81)), `${'x'.repeat(79)}…`);
    assert.equal(elide(`${'x'.repeat(78)}😀tail`), `${'x'.repeat(78)}…`);
    assert.equal(elide(`${'x'.repeat(77)}😀tail`), `${'x'.repeat(77)}😀…`);
  });

  it('listValues: ten values, then "… and N more"; each value elided', () => {
    assert.equal(listValues(['a', 'b']), 'a, b');
    assert.equal(listValues(range(10).map(String)), '0, 1, 2, 3, 4, 5, 6, 7, 8, 9');
    assert.equal(listValues(range(12).map(String)), '0, 1, 2, 3, 4, 5, 6, 7, 8, 9 … and 2 more');
    assert.equal(listValues(['y'.repeat(100)]), `${'y'.repeat(79)}…`);
  });

  it(`capMessage: at most ${MAX_MESSAGE} UTF-16 units`, () => {
    assert.equal(capMessage('a message'), 'a message');
    assert.equal(capMessage('m'.repeat(2_000_000)), `${'m'.repeat(MAX_MESSAGE - 1)}…`);
  });

  it('section-unknown: a 1.8 MB heading is echoed as its first 79 characters and …', () => {
    const heading = `zz${'q'.repeat(1_800_000)}`;
    const { text, range: at } = markedRange(edit(seed, '## final notes\n', `## ⟦${heading}⟧\n\n## final notes\n`));
    assert.deepEqual(findings(text, 'section-unknown'), [
      { range: at, message: `Unknown section "zz${'q'.repeat(77)}…"; the template knows: why this matters, production checks, security and maintenance notes, the practical approach, implementation checklist, final notes.` },
    ]);
  });

  it('section-unknown: a template of 30 known sections is listed as ten and "… and 20 more"', () => {
    const template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, known: [...DEFAULT_TEMPLATE.sections.known, ...range(24).map((i) => `extra section ${i}`)] } };
    const text = edit(seed, '## final notes\n', '## zzz\n\n## final notes\n');
    assert.deepEqual(findings(text, 'section-unknown', { template }).map((f) => f.message), [
      'Unknown section "zzz"; the template knows: why this matters, production checks, security and maintenance notes, the practical approach, implementation checklist, final notes, extra section 0, extra section 1, extra section 2, extra section 3 … and 20 more.',
    ]);
  });

  it('meta-invalid: a template of 30,000 difficulties is listed as ten and "… and 29,990 more"; a long value is elided', () => {
    const difficulty = range(30_000).map((i) => `level${i}`);
    const template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, difficulty } };
    const text = edit(seed, 'difficulty: advanced\n', `difficulty: ${'v'.repeat(5_000)}\n`);
    assert.deepEqual(findings(text, 'meta-invalid', { template }).map((f) => f.message), [
      `difficulty is "${'v'.repeat(79)}…": expected one of level0, level1, level2, level3, level4, level5, level6, level7, level8, level9 … and 29990 more.`,
    ]);
  });

  it('meta-unknown-key: a long key is elided', () => {
    const key = `k${'e'.repeat(500)}`;
    assert.deepEqual(findings(postWith(`${key}: 1\n`), 'meta-unknown-key').map((f) => f.message), [`Unknown key "k${'e'.repeat(78)}…": the post meta has no such key.`]);
  });

  it('template: a long unknown key and a long wrong value are elided', () => {
    const parsed = parseTemplate(`${'z'.repeat(300)}: 1\nfiles: ${'f'.repeat(300)}\n`);
    assert.deepEqual(parsed.diagnostics.map((d) => d.message), [
      `Unknown key "${'z'.repeat(79)}…" in .alphanode.yaml; known keys: extends, files, rules, sections, values, checklists, fields, review.`,
      `"files": expected a list, got the text "${'f'.repeat(79)}…".`,
    ]);
  });
});

describe('import and render: no stack overflow on long lists and code', () => {
  it('import of an export with a 150,000-item checklist gives all items back', () => {
    const input = loadExport('000');
    const items = range(150_000).map((i) => `  • check item number ${i}`);
    const big = edit(input, 'implementation checklist\n\n  • review query plans\n', `implementation checklist\n\n${items.join('\n')}\n  • review query plans\n`);
    const result = importExport(big);
    assert.ok(result.ok, result.ok ? '' : result.error);
    const lines = result.source.split('\n');
    const first = lines.indexOf('- check item number 0');
    assert.ok(first > 0);
    assert.equal(lines[first + 149_999], '- check item number 149999');
    assert.equal(lines[first + 150_000], '- review query plans');
  });

  it('render of a post with a 150,000-line code block keeps every line', () => {
    const code = range(150_000).map((i) => `x${i} = ${i}`);
    const text = edit(seed, '## final notes\n', `\`\`\`python\n${code.join('\n')}\n\`\`\`\n\n## final notes\n`);
    const lines = renderText(parsePost(text)).split('\n');
    const first = lines.indexOf('x0 = 0');
    assert.ok(first > 0);
    assert.equal(lines[first + 149_999], 'x149999 = 149999');
  });
});

describe('editDistance with a bound', () => {
  it('property: exact up to the bound, above it past the bound (against the plain full table)', () => {
    const full = (a: string, b: string): number => {
      const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
          const above = previous[j];
          previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
          diagonal = above;
        }
      }
      return previous[b.length];
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.constantFrom(0, 1, 2, 3, 5, Infinity), (a, b, max) => {
        const exact = full(a, b);
        const bounded = editDistance(a, b, max);
        if (exact <= max) assert.equal(bounded, exact);
        else assert.ok(bounded > max);
      }),
      { numRuns: 2_000, seed: 13 },
    );
  });
});

/**
 * Exports that are not what the importer expects (issue item 4): no meta box, truncated,
 * unknown labels, Windows line endings, not an export at all. Each gives a clear refusal or
 * a partial import with exact warnings and lines; never an exception, never lost text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TEMPLATE, importExport, parsePost, renderText, stripRollbackNotes } from '../../server/src/service';
import type { ImportResult, ImportWarning, Template } from '../../server/src/service';
import { loadExport, lostLines, splitPost } from '../support/exports';
import { edit, loadSeed, validate } from '../support/fixtures';
import { lineNumber, toCr, toCrlf, withBom } from '../support/mutate';

/** The imported source; fails the test when the import was refused. */
function source(result: ImportResult): string {
  if (!result.ok) throw new Error(`import refused: ${result.error}`);
  return result.source;
}

function warnings(result: ImportResult): ImportWarning[] {
  if (!result.ok) throw new Error(`import refused: ${result.error}`);
  return result.warnings;
}

/** 1-based line of the one line `text` of `input`, as warnings give it. */
const line = (input: string, text: string) => lineNumber(input, text) + 1;

/** The fixture's body (after the front matter), without its rollback note. */
function fixtureBody(prefix: string): string {
  return splitPost(stripRollbackNotes(loadSeed(prefix))).body;
}

const KEPT = 'kept as a comment in the front matter';

describe('import: an export without its meta box', () => {
  const full = loadExport('001');
  const input = full.slice(0, full.indexOf('alphanode post meta')) + 'Similar Posts';
  const result = importExport(input);

  it('imports the body with an empty front matter, code unfenced from its language, and says so', () => {
    assert.deepEqual(warnings(result), [
      { line: line(input, 'from fastapi import FastAPI'), message: 'code without a `code language` in the meta box: fenced without a language tag' },
      { line: line(input, 'Similar Posts'), message: 'no `alphanode post meta` box before `Similar Posts`: the front matter is empty' },
    ]);
    assert.equal(source(result), `---\n---\n${fixtureBody('001').replace('```python\n', '```\n')}`);
  });

  it('loses no text', () => assert.deepEqual(lostLines(input, source(result)), []));
});

describe('import: a truncated export', () => {
  it('cut in the middle of a body paragraph: the body so far, the cut line kept as a paragraph', () => {
    const full = loadExport('004');
    const cutAfter = 'the first useful improvement is usually visibility. collect the';
    const input = full.slice(0, full.indexOf(cutAfter) + cutAfter.length);
    const result = importExport(input);
    const last = line(input, cutAfter);
    assert.deepEqual(warnings(result), [
      { line: last, message: 'the export ends without an `alphanode post meta` box (truncated?): the front matter is empty' },
      { line: last, message: `"${cutAfter}" is not a sentence, a section of the template, a list, an image or code: kept as a paragraph` },
    ]);
    const body = fixtureBody('004');
    assert.equal(source(result), `---\n---\n${body.slice(0, body.indexOf(cutAfter) + cutAfter.length)}\n`);
    assert.deepEqual(lostLines(input, source(result)), []);
  });

  it('cut inside the meta box, mid-label: the meta so far, the broken line kept as a comment', () => {
    const full = loadExport('002');
    const input = full.slice(0, full.indexOf('reading time7') + 'reading ti'.length);
    const result = importExport(input);
    const last = line(input, 'reading ti');
    assert.deepEqual(warnings(result), [
      { line: last, message: `"reading ti" is not a known meta label with its value; ${KEPT}` },
      { line: last, message: 'the export ends without `Similar Posts` (truncated?): the meta box may be incomplete' },
    ]);
    const text = source(result);
    assert.ok(text.includes('\ndifficulty: advanced\n# export line ' + last + ': reading ti\n---\n'), text);
    assert.equal(splitPost(text).body, fixtureBody('002'));
    assert.deepEqual(lostLines(input, text), []);
  });

  it('cut inside the meta box before `image sources`: the images stay as text, with a warning each', () => {
    const full = loadExport('003');
    const input = full.slice(0, full.indexOf('\nentities\n'));
    const result = importExport(input);
    const caption = (n: number) => `documenting production defaults with python services visual reference ${n}`;
    assert.deepEqual(warnings(result), [
      { line: line(input, caption(1)), message: `image "${caption(1)}" has no entry with this caption and source in \`image sources\`: kept as text` },
      { line: line(input, caption(2)), message: `image "${caption(2)}" has no entry with this caption and source in \`image sources\`: kept as text` },
      { line: input.split('\n').length, message: 'the export ends without `Similar Posts` (truncated?): the meta box may be incomplete' },
    ]);
    const text = source(result);
    assert.ok(text.includes(`\n${caption(1)}\\\n${caption(1)}. image source: unsplash\n`), text);
    assert.deepEqual(lostLines(input, text), []);
  });
});

describe('import: unknown labels in the meta box', () => {
  const input = edit(
    edit(loadExport('001'), 'difficultybeginner\n', 'difficultybeginner\n  • stray item\nreading tme7\ncolour scheme\n  • primary: blue\n  • accent: red\n'),
    '  • depth: 97\n',
    '  • depth: 97\n  • sharpness: 12\n',
  );
  const result = importExport(input);

  it('imports labelled lists and maps under their snake_case key, keeps glued unknown labels as comments', () => {
    assert.deepEqual(warnings(result), [
      { line: line(input, '  • stray item'), message: `list item "• stray item" belongs to no meta label; ${KEPT}` },
      { line: line(input, 'reading tme7'), message: `"reading tme7" is not a known meta label with its value; ${KEPT}` },
      { line: line(input, 'colour scheme'), message: 'unknown meta label "colour scheme": imported as `colour_scheme`' },
      { line: line(input, '  • sharpness: 12'), message: 'unknown label "sharpness" in `score`: imported as `score.sharpness`' },
    ]);
    const text = source(result);
    assert.ok(text.includes('\ndifficulty: beginner\ncolour_scheme:\n  primary: blue\n  accent: red\nreading_time: 9\n'), text);
    assert.ok(text.includes('\n  depth: 97\n  sharpness: 12\n  clarity: 97\n'), text);
    assert.ok(text.includes(`\n# export line ${line(input, '  • stray item')}:   • stray item\n# export line ${line(input, 'reading tme7')}: reading tme7\n---\n`), text);
    assert.equal(splitPost(text).body, fixtureBody('001'));
  });

  it('the validator then reports the unknown keys (the importer does not hide them)', () => {
    const codes = validate(source(result)).map((d) => String(d.code));
    assert.deepEqual(codes.filter((code) => code === 'meta-unknown-key').length, 2);
  });

  it('loses no text', () => assert.deepEqual(lostLines(input, source(result)), []));
});

describe('import: line endings and byte order mark', () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    it(`${prefix}: CRLF, lone CR and a BOM import exactly like the LF export (output in LF)`, () => {
      const expected = source(importExport(loadExport(prefix)));
      for (const variant of [toCrlf, toCr, withBom]) {
        const result = importExport(variant(loadExport(prefix)));
        assert.deepEqual(warnings(result), []);
        assert.equal(source(result), expected);
      }
    });
  }
});

describe('import: not an export at all', () => {
  const refusals: Array<[string, string, string]> = [
    ['an empty file', '', 'the file is empty: not a rendered export'],
    ['blank lines', '\n \n\t\n', 'the file is empty: not a rendered export'],
    ['binary data', 'PK\u0003\u0004\u0000\u0000\u0014', 'the file holds binary data: not a rendered export'],
    ['a source post', loadSeed('000'), 'this is a source post already (it opens with `---` front matter), not a rendered export'],
    ['a Markdown note', '# Release notes\n\n- fixed the login page\n- faster search\n', 'not a rendered export: no `alphanode post meta` box, no `Similar Posts`, no section of the template and no `  • ` list'],
    ['JSON', '{"topic": "a / b", "reading_time": 7}\n', 'not a rendered export: no `alphanode post meta` box, no `Similar Posts`, no section of the template and no `  • ` list'],
  ];
  for (const [what, input, error] of refusals) {
    it(`${what} → a clear error, no source`, () => {
      assert.deepEqual(importExport(input), { ok: false, error });
    });
  }
});

describe('import: body lines it cannot classify', () => {
  it('an unknown section heading and an image without a source are kept as text, with warnings', () => {
    const input = edit(
      edit(loadExport('002'), 'production checks\n', 'troubleshooting\n\nrestart the worker when the queue stalls.\n\nproduction checks\n'),
      'final notes\n',
      'a diagram\na diagram. image source: somewhere.example\n\nfinal notes\n',
    );
    const result = importExport(input);
    assert.deepEqual(warnings(result), [
      { line: line(input, 'troubleshooting'), message: '"troubleshooting" is not a sentence, a section of the template, a list, an image or code: kept as a paragraph' },
      { line: line(input, 'a diagram'), message: 'image "a diagram" has no entry with this caption and source in `image sources`: kept as text' },
    ]);
    const text = source(result);
    assert.ok(text.includes('\ntroubleshooting\n\nrestart the worker when the queue stalls.\n\n## production checks\n'), text);
    assert.ok(text.includes('\na diagram\\\na diagram. image source: somewhere.example\n\n## final notes\n'), text);
    assert.deepEqual(lostLines(input, text), []);
  });

  it("section names come from the template: a team's own section is a heading, a section it dropped is not", () => {
    const input = edit(loadExport('002'), 'production checks\n', 'troubleshooting\n\nrestart the worker when the queue stalls.\n\nproduction checks\n');
    const known = DEFAULT_TEMPLATE.sections.known.filter((name) => name !== 'production checks');
    const template: Template = { ...DEFAULT_TEMPLATE, sections: { ...DEFAULT_TEMPLATE.sections, known: [...known, 'troubleshooting'] } };
    const result = importExport(input, template);
    assert.deepEqual(warnings(result), [
      { line: line(input, 'production checks'), message: '"production checks" is not a sentence, a section of the template, a list, an image or code: kept as a paragraph' },
    ]);
    assert.ok(source(result).includes('\n## troubleshooting\n\nrestart the worker when the queue stalls.\n\nproduction checks\n\ndatabase changes'), source(result));
  });

  it('prose that would read as Markdown is escaped so that it renders back to the same text', () => {
    const lines = ['# not a heading, a sentence.', '1. not a list item either.', 'use *args and `ticks` carefully [really].', 'a <b>tag</b> &amp; an entity.'];
    const input = edit(loadExport('002'), 'production checks\n', `${lines.join('\n\n')}\n\nproduction checks\n`);
    const text = source(importExport(input));
    assert.ok(text.includes('\n\\# not a heading, a sentence.\n\n1\\. not a list item either.\n\nuse \\*args and \\`ticks\\` carefully \\[really\\].\n\na \\<b\\>tag\\</b\\> \\&amp; an entity.\n'), text);
    const rendered = renderText(parsePost(text));
    for (const prose of lines) assert.ok(rendered.includes(`\n\n${prose}\n\n`), prose);
  });
});

describe('import: mutated exports never crash and never lose text', () => {
  // A fixed linear congruential generator: the same 600 inputs on every run.
  let state = 20261123;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const junk = ['*', '`', '[', ']', '#', '&amp;', '_', '\\', '<div>', '  • ', '    • key: value', '1. ', '> ', 'alphanode post meta', 'Similar Posts', 'final notes', 'é', '🚀', '\t', ': ', '---'];
  const exports = ['000', '001', '002', '003', '004'].map((prefix) => loadExport(prefix));

  it('600 inputs: each is imported (the YAML parses, the post validates without internal errors) or refused', () => {
    const problems: string[] = [];
    for (let n = 0; n < 600; n++) {
      let lines = exports[n % 5].split('\n');
      for (let k = 1 + Math.floor(next() * 5); k > 0; k--) {
        const at = Math.floor(next() * lines.length);
        const piece = junk[Math.floor(next() * junk.length)];
        const op = Math.floor(next() * 4);
        if (op === 0) lines.splice(at, 1);
        else if (op === 1) lines.splice(at, 0, piece + (next() < 0.5 ? 'some words here.' : ''));
        else if (op === 2) lines[at] = (lines[at] ?? '').slice(0, Math.floor(next() * 40)) + piece + (lines[at] ?? '').slice(Math.floor(next() * 40));
        else lines = lines.slice(0, at);
      }
      const input = lines.join(next() < 0.2 ? '\r\n' : '\n');
      const result = importExport(input);
      if (!result.ok) {
        if (result.error.startsWith('internal error')) problems.push(`#${n}: ${result.error}`);
        continue;
      }
      const lost = lostLines(input, result.source);
      if (lost.length > 0) problems.push(`#${n}: lost ${JSON.stringify(lost)}`);
      const codes = validate(result.source).map((d) => String(d.code));
      if (codes.includes('yaml-syntax') || codes.includes('internal-error')) problems.push(`#${n}: ${codes.join(', ')}`);
      if (result.warnings.some((w) => !Number.isInteger(w.line) || w.line < 1 || w.line > input.split(/\r\n|\r|\n/).length)) problems.push(`#${n}: a warning line out of range`);
      renderText(parsePost(result.source));
    }
    assert.deepEqual(problems, []);
  });
});

/**
 * Where "Insert Rollback Note" (cursor) and "… for This Section" put a note and what they
 * insert (spec §4), and the quick fixes of rollback-missing and rollback-fields.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePost, applyEdits, fixAll, parsePost, rollbackNoteInsertion, rollbackNoteSnippetLines, rollbackNoteTextLines } from '../../server/src/service';
import type { RollbackNoteMode } from '../../server/src/service';
import { edit, loadSeed, TODAY, validate } from '../support/fixtures';

const OWNER = 'jane.doe';
/** The note as inserted: its tab stops hold placeholder text for the author to type over. */
const NOTE = ['```rollback', `owner: ${OWNER}`, 'expected_result: what is true once the change worked', 'rollback: |', '  the commands that undo the change', '```'].join('\n');

/** A small post: line numbers are in the comments. */
const POST = [
  '---', //                                    0
  'payload:', //                               1
  '  source_id: alphanode-000001', //          2
  '---', //                                    3
  '', //                                       4
  '# a title', //                              5
  '', //                                       6
  'intro line one', //                         7
  'intro line two', //                         8
  '', //                                       9
  '## why this matters', //                    10
  '', //                                       11
  'why paragraph', //                          12
  '', //                                       13
  '', //                                       14
  '- item a', //                               15
  '', //                                       16
  '- item b', //                               17
  '', //                                       18
  '### a subsection', //                       19
  '', //                                       20
  'sub paragraph', //                          21
  '', //                                       22
  '```bash', //                                23
  'echo hi', //                                24
  '```', //                                    25
  '', //                                       26
  '## final notes', //                         27
  '', //                                       28
  'final paragraph', //                        29
  '', //                                       30
].join('\n');

function insert(text: string, line: number, character: number, mode: RollbackNoteMode, owner: string | undefined = OWNER) {
  const insertion = rollbackNoteInsertion(parsePost(text), { line, character }, mode, owner);
  return { ...insertion, result: text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset) };
}

/** `lines` with the note's lines spliced in before line `at`. */
function withNoteAt(lines: string[], at: number, note = NOTE): string {
  return [...lines.slice(0, at), ...note.split('\n'), ...lines.slice(at)].join('\n');
}

const LINES = POST.split('\n');

describe('rollback note: the note itself', () => {
  it('owner filled in, tab stops with placeholder text on expected_result and rollback (a block scalar)', () => {
    assert.deepStrictEqual(rollbackNoteSnippetLines('jane.doe'), ['```rollback', 'owner: jane.doe', 'expected_result: ${1:what is true once the change worked}', 'rollback: |', '  ${2:the commands that undo the change}', '```']);
    assert.deepStrictEqual(rollbackNoteTextLines('jane.doe'), NOTE.split('\n'));
  });

  it('an owner that YAML would misread is quoted; snippet syntax is escaped', () => {
    assert.deepStrictEqual(rollbackNoteTextLines('Jane: Doe')[1], 'owner: "Jane: Doe"');
    assert.deepStrictEqual(rollbackNoteTextLines('#ops')[1], 'owner: "#ops"');
    assert.deepStrictEqual(rollbackNoteSnippetLines('a$b}c\\d')[1], 'owner: a\\$b\\}c\\\\d');
    assert.deepStrictEqual(rollbackNoteTextLines('  Zoë Ångström  ')[1], 'owner: Zoë Ångström');
  });

  it('no owner: the owner is the first tab stop, holding "your name"', () => {
    assert.deepStrictEqual(rollbackNoteSnippetLines(undefined), ['```rollback', 'owner: ${1:your name}', 'expected_result: ${2:what is true once the change worked}', 'rollback: |', '  ${3:the commands that undo the change}', '```']);
    assert.deepStrictEqual(rollbackNoteSnippetLines('   ')[1], 'owner: ${1:your name}');
  });

  it('the snippet with each tab stop replaced by its placeholder is the text', () => {
    for (const [line, mode] of [[13, 'cursor'], [12, 'cursor'], [27, 'section'], [0, 'cursor']] as const) {
      const { snippet, text } = insert(POST, line, 0, mode);
      assert.equal(snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1'), text);
    }
  });

  it('a note just inserted (owner known or not) validates clean: its placeholders are text to type over, not empty values', () => {
    const seed = loadSeed('000');
    const noNote = seed.slice(0, seed.indexOf('```rollback')) + seed.slice(seed.indexOf('```\n\n## implementation checklist') + 5);
    assert.deepStrictEqual(validate(noNote).map((d) => d.code), ['rollback-missing']);
    for (const owner of ['jane.doe', undefined]) {
      const insertion = rollbackNoteInsertion(parsePost(noNote), { line: 0, character: 0 }, 'section', owner);
      const inserted = noNote.slice(0, insertion.offset) + insertion.text + noNote.slice(insertion.offset);
      assert.deepStrictEqual(validate(inserted), [], String(owner));
    }
  });
});

describe('rollback note: at the cursor', () => {
  it('on a blank line between blocks: right there, using the blank lines already there', () => {
    // Lines 13 and 14 are blank: the note goes between them, no blank line is added.
    for (const line of [13, 14]) {
      const { result, position } = insert(POST, line, 0, 'cursor');
      assert.deepStrictEqual(position, { line: 14, character: 0 });
      assert.equal(result, withNoteAt(LINES, 14));
    }
  });

  it('on a single blank line: it becomes the blank line below, one is added above', () => {
    const { result, position } = insert(POST, 11, 0, 'cursor');
    assert.deepStrictEqual(position, { line: 11, character: 0 });
    assert.equal(result, withNoteAt(LINES, 11, `\n${NOTE}`));
  });

  it('inside a paragraph (any column): after the paragraph, never splitting it', () => {
    const expected = withNoteAt(LINES, 9, `\n${NOTE}`);
    assert.equal(insert(POST, 7, 5, 'cursor').result, expected);
    assert.equal(insert(POST, 8, 14, 'cursor').result, expected);
    assert.deepStrictEqual(insert(POST, 7, 5, 'cursor').position, { line: 9, character: 0 });
  });

  it('inside a list (on an item or the blank line between items): after the whole list', () => {
    const expected = withNoteAt(LINES, 18, `\n${NOTE}`);
    assert.equal(insert(POST, 15, 3, 'cursor').result, expected);
    assert.equal(insert(POST, 16, 0, 'cursor').result, expected);
    assert.equal(insert(POST, 17, 0, 'cursor').result, expected);
  });

  it('inside a fenced block: after its closing fence', () => {
    const expected = withNoteAt(LINES, 26, `\n${NOTE}`);
    assert.equal(insert(POST, 24, 2, 'cursor').result, expected);
    assert.equal(insert(POST, 23, 0, 'cursor').result, expected);
  });

  it('on a heading: below the heading', () => {
    assert.equal(insert(POST, 10, 4, 'cursor').result, withNoteAt(LINES, 11, `\n${NOTE}`));
    assert.equal(insert(POST, 5, 0, 'cursor').result, withNoteAt(LINES, 6, `\n${NOTE}`));
    // A ### heading directly followed by its paragraph: still right below the heading.
    const tight = edit(POST, '### a subsection\n\n', '### a subsection\n');
    assert.equal(insert(tight, 19, 0, 'cursor').result, edit(tight, '### a subsection\n', `### a subsection\n\n${NOTE}\n\n`));
  });

  it('in the front matter: at the end of the intro', () => {
    assert.equal(insert(POST, 1, 3, 'cursor').result, withNoteAt(LINES, 9, `\n${NOTE}`));
    assert.equal(insert(POST, 0, 0, 'cursor').result, insert(POST, 3, 0, 'cursor').result);
  });

  it('a position past the end is clamped to the last line', () => {
    assert.equal(insert(POST, 500, 0, 'cursor').result, insert(POST, 30, 0, 'cursor').result);
  });
});

describe('rollback note: for this section', () => {
  it('at the end of the ## section around the cursor, after its last block (### subsections included), before the next ##', () => {
    const expected = withNoteAt(LINES, 26, `\n${NOTE}`);
    for (const line of [10, 11, 12, 15, 19, 24, 26]) assert.equal(insert(POST, line, 0, 'section').result, expected, `cursor on line ${line}`);
    assert.deepStrictEqual(insert(POST, 12, 0, 'section').position, { line: 26, character: 0 });
  });

  it('in the intro (or the front matter): at the end of the intro, before the first ##', () => {
    const expected = withNoteAt(LINES, 9, `\n${NOTE}`);
    for (const line of [0, 2, 5, 6, 7, 9]) assert.equal(insert(POST, line, 0, 'section').result, expected, `cursor on line ${line}`);
  });

  it('the last section, in a file that ends with a line break', () => {
    const { result, position } = insert(POST, 29, 3, 'section');
    assert.deepStrictEqual(position, { line: 30, character: 0 });
    assert.equal(result, `${POST}\n${NOTE}\n`);
  });

  it('the last section, in a file without a final line break: the note ends the file the same way', () => {
    const text = POST.replace(/\n$/, '');
    const { result, position } = insert(text, 29, 3, 'section');
    assert.deepStrictEqual(position, { line: 29, character: 'final paragraph'.length });
    assert.equal(result, `${text}\n\n${NOTE}`);
    assert.equal(insert(text, 29, 0, 'cursor').result, result);
  });

  it('an empty section: below its heading', () => {
    const text = edit(POST, 'why paragraph\n\n\n- item a\n\n- item b\n\n### a subsection\n\nsub paragraph\n\n```bash\necho hi\n```\n\n', '');
    assert.equal(insert(text, 10, 0, 'section').result, edit(text, '## why this matters\n\n', `## why this matters\n\n${NOTE}\n\n`));
  });

  it('seed 000: the section that already holds a note gets the new one after it, before the checklist', () => {
    const seed = loadSeed('000');
    const line = seed.split('\n').indexOf('## security and maintenance notes');
    const { result } = insert(seed, line + 2, 0, 'section');
    const existing = 'systemctl restart staging-api\nrehearsed: "2026-09-14"\n```\n';
    assert.equal(result, edit(seed, `${existing}\n## implementation checklist`, `${existing}\n${NOTE}\n\n## implementation checklist`));
  });
});

describe('rollback note: line breaks', () => {
  const crlf = POST.replace(/\n/g, '\r\n');
  it('a CRLF post gets CRLF lines, at the same places', () => {
    for (const [line, mode] of [[13, 'cursor'], [7, 'cursor'], [12, 'section'], [29, 'section'], [2, 'cursor']] as const) {
      const lf = insert(POST, line, 0, mode);
      const other = insert(crlf, line, 0, mode);
      assert.deepStrictEqual(other.position, lf.position, `${mode} at line ${line}`);
      assert.equal(other.text, lf.text.replace(/\n/g, '\r\n'));
      assert.equal(other.snippet, lf.snippet.replace(/\n/g, '\r\n'));
      assert.equal(other.result, lf.result.replace(/\n/g, '\r\n'));
    }
  });

  it('a CRLF post without a final line break', () => {
    const text = crlf.replace(/\r\n$/, '');
    assert.equal(insert(text, 29, 0, 'section').result, `${text}\r\n\r\n${NOTE.replace(/\n/g, '\r\n')}`);
  });

  it('a post with a byte order mark: positions are those of the text without it (as in VS Code)', () => {
    const withBom = `\ufeff${POST}`;
    assert.deepStrictEqual(insert(withBom, 13, 0, 'cursor').position, insert(POST, 13, 0, 'cursor').position);
  });
});

describe('rollback note: the post afterwards', () => {
  it('a note inserted into seed 000 without one, filled in, validates clean', () => {
    const seed = loadSeed('000');
    const note = seed.slice(seed.indexOf('```rollback'), seed.indexOf('## implementation checklist'));
    const without = edit(seed, note, '');
    assert.deepStrictEqual(validate(without).map((d) => d.code), ['rollback-missing']);
    const line = without.split('\n').indexOf('## security and maintenance notes');
    const { result } = insert(without, line, 0, 'section', 'priya.nair');
    const filled = edit(edit(result, 'expected_result: what is true once the change worked\n', 'expected_result: staging matches production\n'), 'rollback: |\n  the commands that undo the change\n', 'rollback: |\n  git revert --no-edit HEAD\n');
    assert.deepStrictEqual(validate(filled), []);
    // Just inserted, before the author types over its placeholders, the note is clean too.
    assert.deepStrictEqual(validate(result), []);
  });

  it('the paragraph count is unchanged wherever the note goes', () => {
    const seed = loadSeed('003');
    const lines = seed.split('\n');
    for (let line = 0; line < lines.length; line += 3) {
      for (const mode of ['cursor', 'section'] as const) {
        const codes = validate(insert(seed, line, 0, mode).result).map((d) => d.code);
        assert.ok(!codes.includes('paragraph-count') && !codes.includes('checklist-sync') && !codes.includes('yaml-syntax'), `${mode} at line ${line}: ${codes.join(', ')}`);
      }
    }
  });
});

describe('rollback-missing: quick fixes', () => {
  const seed = loadSeed('000');
  const without = edit(seed, seed.slice(seed.indexOf('```rollback'), seed.indexOf('## implementation checklist')), '');

  it('two command fixes, no edits: the section before the checklist (preferred), and the cursor', () => {
    const finding = analyzePost(parsePost(without), { today: TODAY }).find((f) => f.diagnostic.code === 'rollback-missing');
    assert.ok(finding);
    const line = without.split('\n').indexOf('## security and maintenance notes');
    assert.deepStrictEqual(finding.fixes, [
      {
        title: 'Insert a rollback note at the end of "security and maintenance notes"',
        edits: [],
        command: { title: 'Insert a rollback note at the end of "security and maintenance notes"', command: 'alphanode.insertRollbackNoteForSection', arguments: [null, { line, character: 0 }] },
        preferred: true,
      },
      {
        title: 'Insert a rollback note at the cursor',
        edits: [],
        command: { title: 'Insert a rollback note at the cursor', command: 'alphanode.insertRollbackNote', arguments: [null, null] },
      },
    ]);
  });

  it('without sections before the checklist: the end of the intro', () => {
    const text = '---\npayload:\n  source_id: alphanode-000001\n---\n\n# t\n\nintro\n\n## implementation checklist\n\n- a\n';
    const finding = analyzePost(parsePost(text), { today: TODAY }).find((f) => f.diagnostic.code === 'rollback-missing');
    assert.equal(finding?.fixes[0].title, 'Insert a rollback note at the end of the intro');
    assert.deepStrictEqual(finding?.fixes[0].command?.arguments, [null, { line: 4, character: 0 }]);
  });

  it('fix-all leaves command fixes alone', () => {
    assert.equal(fixAll(without, { today: TODAY }).text, without);
  });
});

describe('rollback-fields: add the missing fields', () => {
  const seed = loadSeed('000');
  const fixOf = (text: string) => {
    const post = parsePost(text);
    const finding = analyzePost(post, { today: TODAY }).find((f) => f.diagnostic.code === 'rollback-fields');
    assert.ok(finding, 'a rollback-fields finding');
    return { finding, post };
  };

  it('a missing owner: the owner of the host (the one Insert Rollback Note writes) is added; the fixed note is clean', () => {
    const text = edit(seed, 'owner: priya.nair\n', '');
    const post = parsePost(text);
    const finding = analyzePost(post, { today: TODAY, owner: '  Dana  Ops ' }).find((f) => f.diagnostic.code === 'rollback-fields')!;
    assert.equal(finding.fixes[0].title, 'Add owner');
    const fixed = applyEdits(post, finding.fixes[0].edits);
    assert.equal(fixed, edit(text, 'rehearsed: "2026-09-14"\n```', 'rehearsed: "2026-09-14"\nowner: Dana Ops\n```'));
    assert.deepStrictEqual(validate(fixed), []);
    // An owner YAML would misread is quoted; fix-all (check --fix) writes the same owner.
    const quoted = fixAll(text, { today: TODAY, owner: 'ops: oncall' });
    assert.match(quoted.text, /rehearsed: "2026-09-14"\nowner: "ops: oncall"\n```/);
    assert.deepStrictEqual(validate(quoted.text), []);
  });

  it('one missing field, no owner known: added with an empty placeholder (flagged until filled in)', () => {
    const text = edit(seed, 'owner: priya.nair\n', '');
    const { finding, post } = fixOf(text);
    assert.equal(finding.fixes.length, 1);
    assert.equal(finding.fixes[0].title, 'Add owner');
    assert.equal(finding.fixes[0].preferred, true);
    const fixed = applyEdits(post, finding.fixes[0].edits);
    assert.equal(fixed, edit(text, 'rehearsed: "2026-09-14"\n```', 'rehearsed: "2026-09-14"\nowner: ""\n```'));
    assert.deepStrictEqual(validate(fixed).map((d) => [d.code, d.message]), [['rollback-fields', "The rollback note's owner is empty."]]);
  });

  it('several missing fields, after a block scalar that ends the note', () => {
    const text = edit(edit(seed, 'owner: priya.nair\n', ''), 'rehearsed: "2026-09-14"\n', '');
    const { finding, post } = fixOf(edit(text, 'expected_result: staging runs the same python version, dependencies and settings as production before the migration starts\n', ''));
    assert.equal(finding.fixes[0].title, 'Add owner and expected_result');
    const fixed = applyEdits(post, finding.fixes[0].edits);
    assert.match(fixed, /systemctl restart staging-api\nowner: ""\nexpected_result: ""\n```/);
  });

  it('an empty note gets all three; CRLF and indentation (a note in a list item) are kept', () => {
    const empty = '```rollback\n```';
    const text = edit(seed, seed.slice(seed.indexOf('```rollback'), seed.indexOf('```\n\n## implementation checklist') + 3), empty);
    const { finding, post } = fixOf(text);
    assert.equal(finding.fixes[0].title, 'Add owner, expected_result and rollback');
    assert.equal(applyEdits(post, finding.fixes[0].edits), edit(text, empty, '```rollback\nowner: ""\nexpected_result: ""\nrollback: ""\n```'));

    const crlf = edit(seed, 'owner: priya.nair\n', '').replace(/\n/g, '\r\n');
    const crlfFix = fixOf(crlf);
    assert.match(applyEdits(crlfFix.post, crlfFix.finding.fixes[0].edits), /rehearsed: "2026-09-14"\r\nowner: ""\r\n```/);

    const listed = edit(seed, '## implementation checklist\n\n- review query plans\n', '## implementation checklist\n\n- review query plans\n\n  ```rollback\n  owner: sam\n  rollback: git revert HEAD\n  ```\n');
    const listFix = fixOf(listed);
    assert.match(applyEdits(listFix.post, listFix.finding.fixes[0].edits), / {2}rollback: git revert HEAD\n {2}expected_result: ""\n {2}```/);
  });

  it('no fix where lines cannot join the map: a list or a flow map', () => {
    const content = seed.slice(seed.indexOf('owner: priya.nair'), seed.indexOf('```\n\n## implementation checklist'));
    assert.deepStrictEqual(fixOf(edit(seed, content, '- revert the commit\n')).finding.fixes, []);
    assert.deepStrictEqual(fixOf(edit(seed, content, '{owner: a, rollback: b}\n')).finding.fixes, []);
  });

  it('check --fix (fix-all) adds the fields once and stops', () => {
    const text = edit(seed, 'owner: priya.nair\n', '');
    const result = fixAll(text, { today: TODAY });
    assert.equal(result.applied, 1);
    assert.match(result.text, /owner: ""\n```/);
  });
});

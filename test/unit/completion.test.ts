import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import { completePost, COMPLETION_TRIGGER_CHARACTERS, DEFAULT_TEMPLATE, parsePost, Template } from '../../server/src/service';
import { completeUnguarded } from '../../server/src/service/assist/completion';
import { descriptionOf } from '../../server/src/service/assist/metaDocs';
import { createMetaSchema } from '../../server/src/service/model/schema';
import { accept, cursorAt, expandSnippet, placeCursor, sweepPositions } from '../support/cursor';
import { edit, loadSeed, TODAY } from '../support/fixtures';
import { splitLines, toCrlf } from '../support/mutate';

const seed = loadSeed('000');
const schema = createMetaSchema(DEFAULT_TEMPLATE, TODAY);
const OPTIONS = { template: DEFAULT_TEMPLATE, today: TODAY };
const SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

function complete(at: { text: string; position: Position }, template: Template = DEFAULT_TEMPLATE): CompletionItem[] {
  return completePost(parsePost(at.text), at.position, { template, today: TODAY });
}

/** `edit` whose replacement carries the cursor marker (new lines, changed text). */
const insert = (text: string, find: string, replacement: string) => cursorAt(edit(text, find, replacement));
/** The seed without the given whole lines. */
const without = (text: string, ...lines: string[]) => lines.reduce((current, line) => edit(current, `${line}\n`, ''), text);
/** The seed without a block (`key:` and its indented lines). */
const withoutBlock = (text: string, key: string) => edit(text, new RegExp(`^${key}:\\n(?: {2}.*\\n)+`, 'm').exec(text)![0], '');

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const range = (line: number, start: number, end = start): Range => ({ start: { line, character: start }, end: { line, character: end } });
const docs = (value: string | undefined) => ({ kind: 'markdown', value });
const edits = (items: CompletionItem[]) => items.map((item) => [item.label, item.textEdit]);
function byLabel(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((item) => item.label === label);
  if (!found) throw new Error(`no completion ${label} in ${labels(items).join(', ')}`);
  return found;
}

test('completion: trigger characters for the host', () => {
  assert.deepEqual(COMPLETION_TRIGGER_CHARACTERS, [':', ' ', '-']);
});

test('completion: a partly typed top-level key: the keys not yet present, documented from the schema', () => {
  const at = insert(seed, 'view_count: 157046', 'vie‸');
  const items = complete(at);
  assert.deepEqual(items, [{
    label: 'view_count',
    kind: CompletionItemKind.Property,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(23, 0, 3), newText: 'view_count: ' },
    detail: 'integer',
    documentation: docs(descriptionOf(schema.shape.view_count)),
  }]);
  assert.equal(splitLines(accept(at.text, items[0]))[23], 'view_count: ');
});

test('completion: a blank top-level line lists the missing keys in schema order; keys with values re-open suggest', () => {
  const at = insert(without(seed, 'difficulty: advanced', 'reading_time: 7', 'hash: "b0aaade20420440abd800f63"'), 'code_language: python\n', 'code_language: python\n‸\n');
  const items = complete(at);
  assert.deepEqual(labels(items), ['difficulty', 'reading_time', 'hash']);
  assert.deepEqual(items[0], {
    label: 'difficulty',
    kind: CompletionItemKind.Property,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(21, 0), newText: 'difficulty: ' },
    detail: 'text',
    documentation: docs('How hard the change is: beginner, intermediate, advanced.'),
    command: SUGGEST,
  });
  assert.equal(items[0].documentation && (items[0].documentation as { value: string }).value, descriptionOf(schema.shape.difficulty));
  assert.equal(items[1].command, undefined, 'reading_time has no value completions');
  assert.deepEqual(items.map((item) => item.sortText), ['0000', '0001', '0002']);
});

test('completion: keys of a nested map, on a blank line, on a partly typed key, inside an existing key', () => {
  const blank = insert(seed, '  clarity: 78\n', '  ‸\n');
  assert.deepEqual(complete(blank), [{
    label: 'clarity',
    kind: CompletionItemKind.Property,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(28, 2), newText: 'clarity: ' },
    detail: 'integer',
    documentation: docs(descriptionOf(schema.shape.score.shape.clarity)),
  }]);
  assert.deepEqual(edits(complete(insert(seed, '  freshness: 74\n', '  fre‸\n'))), [['freshness', { range: range(26, 2, 5), newText: 'freshness: ' }]]);
  // Inside an existing key: that key is offered (its own line does not count), and only the name is written.
  assert.deepEqual(edits(complete(placeCursor(seed, '  fresh‸ness: 74'))), [['freshness', { range: range(26, 2, 11), newText: 'freshness' }]]);
  // Too deep for any map: nothing (the key would land at the wrong indentation).
  assert.deepEqual(complete(insert(seed, '  clarity: 78\n', '  clarity: 78\n     ‸\n')), []);
});

test('completion: a missing nested map is a snippet with a tab stop per key, values derived from the post as placeholders', () => {
  const at = insert(withoutBlock(seed, 'payload'), 'visual reference 1\nnotes:', 'visual reference 1\n‸\nnotes:');
  const items = complete(at);
  assert.deepEqual(items, [{
    label: 'payload',
    kind: CompletionItemKind.Property,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: {
      range: range(57, 0),
      newText: 'payload:\n  source_id: ${1:alphanode-038568}\n  generator: $2\n  paragraphs: ${3:5}\n  scenario: ${4:before a major migration}\n  seed: ${5:38568}',
    },
    detail: 'map',
    documentation: docs(descriptionOf(schema.shape.payload)),
  }]);
  // Tabbing through and typing the generator gives back the seed.
  const filled = accept(at.text, items[0]).replace('generator: $2', 'generator: anp content synthesizer');
  assert.equal(expandSnippet(filled), seed);
});

test('completion: revision and flags snippets offer choices; has_images first offers what image_sources implies', () => {
  const noRevision = insert(withoutBlock(seed, 'revision'), 'clarity: 78\n', 'clarity: 78\n‸\n');
  assert.equal(
    byLabel(complete(noRevision), 'revision').textEdit?.newText,
    'revision:\n  status: ${1|drafted,expanded,reviewed,published|}\n  version: "${2:0.1.0}"\n  last_reviewed: "${3:2026-11-23}"',
  );
  const noFlags = insert(withoutBlock(seed, 'flags'), 'hash: "b0aaade20420440abd800f63"\n', 'hash: "b0aaade20420440abd800f63"\n‸\n');
  assert.equal(
    byLabel(complete(noFlags), 'flags').textEdit?.newText,
    'flags:\n  ai_generated_style: ${1|0,1|}\n  has_images: ${2|1,0|}\n  image_heavy: ${3|0,1|}\n  needs_human_review: ${4|0,1|}',
  );
  const noImages = insert(withoutBlock(withoutBlock(seed, 'flags'), 'image_sources'), 'hash: "b0aaade20420440abd800f63"\n', 'hash: "b0aaade20420440abd800f63"\n‸\n');
  assert.match(byLabel(complete(noImages), 'flags').textEdit!.newText, /has_images: \$\{2\|0,1\|\}/);
});

test('completion: a missing list key brings the items the post implies (the body checklist), else one empty item', () => {
  const noChecklist = insert(withoutBlock(seed, 'checklist'), 'needs_human_review: 1\n', 'needs_human_review: 1\n‸\n');
  const checklist = byLabel(complete(noChecklist), 'checklist');
  assert.equal(checklist.textEdit?.newText, 'checklist:\n  - review query plans\n  - add indexes carefully\n  - test with realistic data\n  - compare before and after metrics\n  - document the migration$0');
  assert.equal(checklist.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(expandSnippet(accept(noChecklist.text, checklist)), seed);
  const noTools = insert(withoutBlock(seed, 'tools'), '  - python\n', '  - python\n‸\n');
  assert.equal(byLabel(complete(noTools), 'tools').textEdit?.newText, 'tools:\n  - $1');
  const noEntities = insert(withoutBlock(withoutBlock(seed, 'entities'), 'ai_outline'), 'summary:', '‸\nsummary:');
  assert.equal(byLabel(complete(noEntities), 'entities').textEdit?.newText, 'entities:\n  - name: $1\n    type: ${2|stack,area,problem,tool|}');
});

test('completion: enum values replace the word being typed', () => {
  assert.deepEqual(complete(placeCursor(seed, 'difficulty: adv‸anced')), ['beginner', 'intermediate', 'advanced'].map((label, i) => ({
    label,
    kind: CompletionItemKind.EnumMember,
    sortText: `000${i}`,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(21, 12, 20), newText: label },
  })));
  const status = complete(placeCursor(seed, '  status: ‸expanded'));
  assert.deepEqual(labels(status), ['drafted', 'expanded', 'reviewed', 'published']);
  assert.deepEqual(status[0].textEdit, { range: range(30, 10, 18), newText: 'drafted' });
  assert.deepEqual(labels(complete(placeCursor(seed, '    type: ‸area'))), ['stack', 'area', 'problem', 'tool']);
});

test('completion: enum values come from the team template', () => {
  const template: Template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, difficulty: ['easy', 'hard'], status: ['draft', 'live'], entity_type: ['stack', 'problem', 'team'] } };
  assert.deepEqual(labels(complete(placeCursor(seed, 'difficulty: ‸advanced'), template)), ['easy', 'hard']);
  assert.deepEqual(labels(complete(placeCursor(seed, '  status: ‸expanded'), template)), ['draft', 'live']);
  assert.deepEqual(labels(complete(placeCursor(seed, '    type: ‸area'), template)), ['stack', 'problem', 'team']);
  assert.deepEqual(byLabel(complete(placeCursor(seed, 'diffi‸culty: advanced'), template), 'difficulty').documentation, docs('How hard the change is: easy, hard.'));
});

test('completion: right after a colon or a dash (trigger characters), values come with their leading space', () => {
  const colon = insert(seed, 'difficulty: advanced', 'difficulty:‸');
  const items = complete(colon);
  assert.deepEqual(items[0].textEdit, { range: range(21, 11), newText: ' beginner' });
  assert.equal(accept(colon.text, items[2]), seed);
  const dash = insert(seed, '  - review query plans\n', '  -‸\n');
  const dashItems = complete(dash);
  assert.deepEqual(edits(dashItems), [['review query plans', { range: range(41, 3), newText: ' review query plans' }]]);
  assert.equal(accept(dash.text, dashItems[0]), seed);
  // After `key: ` (trigger ' '): no leading space.
  assert.deepEqual(complete(insert(seed, 'difficulty: advanced', 'difficulty: ‸'))[0].textEdit, { range: range(21, 12), newText: 'beginner' });
});

test('completion: flags offer 0 and 1; has_images preselects what image_sources implies', () => {
  assert.deepEqual(complete(placeCursor(seed, '  has_images: ‸1')), [
    { label: '0', kind: CompletionItemKind.EnumMember, sortText: '0000', insertTextFormat: InsertTextFormat.PlainText, textEdit: { range: range(37, 14, 15), newText: '0' } },
    { label: '1', kind: CompletionItemKind.EnumMember, sortText: '0001', insertTextFormat: InsertTextFormat.PlainText, textEdit: { range: range(37, 14, 15), newText: '1' }, detail: 'image_sources has 1 entry', preselect: true },
  ]);
  assert.deepEqual(complete(placeCursor(seed, '  image_heavy: ‸0')).map((item) => [item.label, item.preselect]), [['0', undefined], ['1', undefined]]);
});

test('completion: last_reviewed offers today, quoted, replacing the quoted value', () => {
  assert.deepEqual(complete(placeCursor(seed, '  last_reviewed: ‸"2017-10-25"')), [{
    label: '2026-11-23',
    kind: CompletionItemKind.Value,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(32, 17, 29), newText: '"2026-11-23"' },
    detail: 'today',
    filterText: '"2026-11-23"',
  }]);
});

test('completion: values derived from the rest of the post (topic, ids, paragraph count, scenario, code language)', () => {
  const values = (text: string, marked: string) => complete(placeCursor(text, marked)).map((item) => [item.label, item.textEdit?.newText, item.detail]);
  assert.deepEqual(values(seed, 'topic: ‸keeping'), [['keeping staging close to production / python services', 'keeping staging close to production / python services', 'ai_outline.problem / ai_outline.stack']]);
  assert.deepEqual(values(seed, 'reference: ‸anp-ref-038568-1612'), [['anp-ref-038568-1612', 'anp-ref-038568-1612', 'payload.seed, zero-padded']]);
  assert.deepEqual(values(edit(seed, 'reference: anp-ref-038568-1612', 'reference: anp-ref-999999-1612'), 'reference: ‸anp-ref-999999-1612'), [['anp-ref-038568-1612', 'anp-ref-038568-1612', 'payload.seed, zero-padded']]);
  assert.deepEqual(values(seed, '  source_id: ‸alphanode-038568'), [['alphanode-038568', 'alphanode-038568', 'payload.seed, zero-padded']]);
  assert.deepEqual(values(edit(seed, 'paragraphs: 5', 'paragraphs: 7'), '  paragraphs: ‸7'), [['5', '5', 'prose paragraphs in the body now']]);
  assert.deepEqual(values(seed, '  scenario: ‸before a major migration'), [['before a major migration', 'before a major migration', 'ai_outline.context']]);
  assert.deepEqual(values(seed, 'code_language: ‸python'), [], 'the seed has no code blocks');
  const withCode = edit(seed, '## final notes', '```bash\nls\n```\n\n```python\nprint(1)\n```\n\n## final notes');
  assert.deepEqual(values(withCode, 'code_language: ‸python').map(([label]) => label), ['bash', 'python']);
  assert.deepEqual(values(seed, 'summary: ‸this'), []);
});

test('completion: checklist items offer the body items not yet in the meta list', () => {
  const at = placeCursor(edit(seed, '  - add indexes carefully\n  - test with realistic data\n', '  - \n'), '  - ‸\n  - compare');
  assert.deepEqual(complete(at).map((item) => [item.label, item.kind, item.detail, item.textEdit]), [
    ['add indexes carefully', CompletionItemKind.Value, 'body checklist item 2', { range: range(42, 4), newText: 'add indexes carefully' }],
    ['test with realistic data', CompletionItemKind.Value, 'body checklist item 3', { range: range(42, 4), newText: 'test with realistic data' }],
  ]);
  // A partly typed item is replaced whole.
  assert.deepEqual(edits(complete(placeCursor(seed, '  - add ‸indexes carefully'))), [['add indexes carefully', { range: range(42, 4, 25), newText: 'add indexes carefully' }]]);
  // An item that needs quoting in YAML is quoted.
  const colon = edit(edit(seed, '- review query plans\n- add', '- review: query plans\n- add'), '  - review query plans\n', '  - \n');
  assert.deepEqual(edits(complete(placeCursor(colon, '  - ‸\n  - add'))), [['review: query plans', { range: range(41, 4), newText: '"review: query plans"' }]]);
});

test('completion: an empty checklist: the body checklist and the presets, as whole-list snippets', () => {
  const at = insert(withoutBlock(seed, 'checklist'), 'entities:', 'checklist: ‸\nentities:');
  const items = complete(at);
  assert.deepEqual(labels(items), ['body checklist', 'migration', 'release', 'change']);
  assert.deepEqual(items[2], {
    label: 'release',
    kind: CompletionItemKind.Snippet,
    sortText: '0002',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: range(40, 10, 11), newText: '\n  - ${1:run linting}\n  - ${2:run unit tests}\n  - ${3:run one integration check}\n  - ${4:verify staging config}\n  - ${5:tag the release}' },
    detail: 'checklist preset (5 items)',
    documentation: docs('- run linting\n- run unit tests\n- run one integration check\n- verify staging config\n- tag the release'),
  });
  assert.equal(items[0].detail, "5 items of the body's implementation checklist");
  assert.equal(expandSnippet(accept(at.text, items[0])), seed);
  // The first item line of an empty compact list: the presets fill the list from there, at the dash's indentation.
  const firstItem = insert(withoutBlock(seed, 'checklist'), 'entities:', 'checklist:\n- ‸\nentities:');
  const migration = byLabel(complete(firstItem), 'migration');
  assert.deepEqual(migration.textEdit, { range: range(41, 2), newText: '${1:review query plans}\n- ${2:add indexes carefully}\n- ${3:test with realistic data}\n- ${4:compare before and after metrics}\n- ${5:document the migration}' });
  assert.equal(parsePost(expandSnippet(accept(firstItem.text, migration))).frontMatter?.errors.length, 0);
});

test('completion: a blank line under a list key gets items with their dash', () => {
  const at = insert(withoutBlock(seed, 'checklist'), 'entities:', 'checklist:\n  ‸\nentities:');
  const items = complete(at);
  assert.deepEqual(items[0].textEdit, { range: range(41, 2), newText: '- review query plans' });
  assert.deepEqual(labels(items), ['review query plans', 'add indexes carefully', 'test with realistic data', 'compare before and after metrics', 'document the migration', 'migration', 'release', 'change']);
  assert.deepEqual(complete(insert(seed, '  - document the migration\n', '  - document the migration\n  ‸\n')), [], 'every body item is in the list already');
});

test('completion: stacks and tools come from the template when it lists some', () => {
  const template: Template = { ...DEFAULT_TEMPLATE, values: { ...DEFAULT_TEMPLATE.values, stack: ['python services', 'go services', 'backend'], tools: ['pytest', 'k6'] } };
  const stack = placeCursor(edit(seed, '  - python\n', '  - \n'), '  - ‸\ntools:');
  assert.deepEqual(complete(stack, template).map((item) => [item.label, item.detail, item.textEdit]), [['go services', 'team template', { range: range(12, 4), newText: 'go services' }]]);
  const tools = placeCursor(edit(seed, '  - logs\n', '  - \n'), '  - ‸\ncode_language');
  assert.deepEqual(labels(complete(tools, template)), ['k6']);
  assert.deepEqual(complete(tools), [], 'the default template lists no tools');
  assert.deepEqual(labels(complete(placeCursor(seed, '  stack: ‸python services'), template)), ['python services', 'backend', 'python', 'go services']);
  // The stack list must contain ai_outline.stack: offered first when it is missing.
  const missing = placeCursor(edit(seed, '  - python services\n', '  - \n'), '  - ‸\n  - backend');
  assert.deepEqual(complete(missing).map((item) => [item.label, item.detail]), [['python services', 'ai_outline.stack']]);
});

test('completion: list items that are maps: the keys of the new item', () => {
  const at = insert(seed, '    type: problem\n', '    type: problem\n  - ‸\n');
  assert.deepEqual(complete(at).map((item) => [item.label, item.textEdit, item.command]), [
    ['name', { range: range(53, 4), newText: 'name: ' }, undefined],
    ['type', { range: range(53, 4), newText: 'type: ' }, SUGGEST],
  ]);
  assert.deepEqual(edits(complete(insert(seed, '    type: area\n', '    ‸\n'))), [['type', { range: range(50, 4), newText: 'type: ' }]]);
  const imageKeys = insert(seed, '    url: https://picsum.photos/seed/anp-038568/1200/630\n', '    u‸\n');
  assert.deepEqual(edits(complete(imageKeys)), [['url', { range: range(55, 4, 5), newText: 'url: ' }]]);
});

test('completion: rollback notes: missing keys, the rollback block, today for rehearsed', () => {
  assert.deepEqual(complete(insert(seed, 'rehearsed: "2026-09-14"\n', '‸\n')), [{
    label: 'rehearsed',
    kind: CompletionItemKind.Property,
    sortText: '0000',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: range(91, 0), newText: 'rehearsed: ' },
    detail: 'date (optional)',
    documentation: docs('The day the rollback was tried on staging, `YYYY-MM-DD`, not in the future (optional).'),
    command: SUGGEST,
  }]);
  assert.deepEqual(edits(complete(placeCursor(seed, 'rehearsed: ‸"2026-09-14"'))), [['2026-11-23', { range: range(91, 11, 23), newText: '"2026-11-23"' }]]);
  const noRollback = insert(edit(seed, 'rollback: |\n  git revert --no-edit HEAD\n  systemctl restart staging-api\n', ''), 'rehearsed:', '‸\nrehearsed:');
  const rollback = byLabel(complete(noRollback), 'rollback');
  assert.deepEqual(rollback.textEdit, { range: range(88, 0), newText: 'rollback: |\n  $1' });
  assert.equal(rollback.insertTextFormat, InsertTextFormat.Snippet);
  assert.deepEqual(complete(placeCursor(seed, '  git revert‸ --no-edit HEAD')), [], 'inside the rollback block scalar');
  assert.deepEqual(complete(placeCursor(seed, 'owner: ‸priya.nair')), []);
});

test('completion: nothing outside the front matter and rollback notes, on the fences, in comments, in multi-line values', () => {
  assert.deepEqual(complete(placeCursor(seed, '## final‸ notes')), []);
  assert.deepEqual(complete(placeCursor(seed, '- review query plans\n- add‸ indexes carefully\n- test')), []);
  assert.deepEqual(complete(cursorAt(`‸${seed}`)), []);
  assert.deepEqual(complete(cursorAt(`---‸${seed.slice(3)}`)), []);
  assert.deepEqual(complete(placeCursor(seed, 'before indexing\n---‸')), []);
  assert.deepEqual(complete(placeCursor(seed, '```rollback‸')), []);
  assert.deepEqual(complete(placeCursor(edit(seed, 'code_language: python\n', 'code_language: python\n# a comment\n'), '# a com‸ment')), []);
  const folded = edit(seed, 'ai_brief: "the article', 'ai_brief: >\n  continued text\n  the article');
  assert.deepEqual(complete(placeCursor(folded, '  continued‸ text')), []);
  assert.equal(complete(placeCursor(seed, 'difficulty: advanced‸')).length, 3, 'the end of a value is still on it');
  assert.deepEqual(complete(placeCursor(edit(seed, 'difficulty: advanced', 'difficulty: advanced # hard'), 'difficulty: advanced # ha‸rd')), []);
  assert.deepEqual(complete(cursorAt('# no front matter\n\ndiff‸\n')), []);
});

test('completion: broken YAML still completes from the current line and the keys above it', () => {
  // An unclosed flow list: the less indented lines below are not swallowed.
  const unclosed = insert(edit(seed, 'difficulty: advanced', 'difficulty: [adv'), '  freshness: 74\n', '  ‸\n');
  assert.ok(parsePost(unclosed.text).frontMatter!.errors.length > 0);
  assert.deepEqual(labels(complete(unclosed)), ['freshness']);
  // A key without its colon yet (being typed).
  const typing = insert(seed, 'difficulty: advanced', 'diff‸');
  assert.ok(parsePost(typing.text).frontMatter!.errors.length > 0);
  assert.deepEqual(edits(complete(typing)), [['difficulty', { range: range(21, 0, 4), newText: 'difficulty: ' }]]);
  // A duplicate key and a stray indented line above: the value is still completed.
  const messy = insert(edit(seed, 'ai_brief:', 'topic: again\n   stray: indentation\nai_brief:'), '  status: expanded', '  status: ‸');
  assert.ok(parsePost(messy.text).frontMatter!.errors.length > 0);
  assert.deepEqual(labels(complete(messy)), ['drafted', 'expanded', 'reviewed', 'published']);
  // An unclosed quote: its (deeper) lines are skipped, the next key is found.
  const quote = insert(edit(seed, 'ai_brief: "the article is written', 'ai_brief: "the article\n  still quoted\n  is written'), '  clarity: 78\n', '  ‸\n');
  assert.deepEqual(labels(complete(quote)), ['clarity']);
  // An unclosed front matter: the whole file is meta.
  const unclosedMeta = cursorAt('---\ntopic: x\ndiff‸');
  const items = complete(unclosedMeta);
  assert.equal(items.length, 19);
  assert.deepEqual(byLabel(items, 'difficulty').textEdit, { range: range(2, 0, 4), newText: 'difficulty: ' });
});

test('completion: CRLF: the same ranges; snippets and presets written with CRLF', () => {
  const lf = insert(withoutBlock(seed, 'score'), 'view_count: 157046\n', 'view_count: 157046\n‸\n');
  const crlf = cursorAt(toCrlf(edit(withoutBlock(seed, 'score'), 'view_count: 157046\n', 'view_count: 157046\n‸\n')));
  const item = byLabel(complete(crlf), 'score');
  assert.deepEqual(item.textEdit, { range: range(24, 0), newText: 'score:\r\n  quality: ${1:0}\r\n  freshness: ${2:0}\r\n  depth: ${3:0}\r\n  clarity: ${4:0}' });
  assert.deepEqual((byLabel(complete(lf), 'score').textEdit as TextEdit).range, (item.textEdit as TextEdit).range);
  assert.deepEqual(complete(cursorAt(toCrlf(edit(seed, 'difficulty: advanced', 'difficulty: adv‸'))))[0].textEdit, { range: range(21, 12, 15), newText: 'beginner' });
  const presets = cursorAt(toCrlf(edit(withoutBlock(seed, 'checklist'), 'entities:', 'checklist: ‸\nentities:')));
  const body = byLabel(complete(presets), 'body checklist');
  assert.equal(expandSnippet(accept(presets.text, body)), toCrlf(seed));
});

test('completion: emoji lines: ranges count UTF-16 code units', () => {
  const text = edit(edit(seed, '- review query plans\n- add', '- 🚀 ship it\n- add'), '  - review query plans\n', '  - 🚀 sh\n');
  const at = placeCursor(text, '  - 🚀 sh‸');
  const items = complete(at);
  assert.deepEqual(edits(items), [['🚀 ship it', { range: range(41, 4, 9), newText: '🚀 ship it' }]]);
  assert.equal(splitLines(accept(at.text, items[0]))[41], '  - 🚀 ship it');
  assert.deepEqual(complete(insert(seed, 'difficulty: advanced', 'difficulty: 🚀‸'))[0].textEdit, { range: range(21, 12, 14), newText: 'beginner' });
  const keyAfterEmoji = insert(edit(seed, 'ai_brief: "the article', 'ai_brief: "🚀 the article'), '  clarity: 78\n', '  cl‸\n');
  assert.deepEqual(edits(complete(keyAfterEmoji)), [['clarity', { range: range(28, 2, 4), newText: 'clarity: ' }]]);
});

test('completion: a value that is already right is offered as itself (a sweep over the meta of every seed)', () => {
  let checked = 0;
  for (const name of ['000', '001', '002', '003', '004']) {
    const text = loadSeed(name);
    const post = parsePost(text);
    const lines = splitLines(text);
    const close = lines.indexOf('---', 1);
    for (let line = 1; line < close; line++) {
      const entry = /^(\s*(?:- )?)([a-z_]+): (.+)$/.exec(lines[line]);
      if (!entry) continue;
      const position = { line, character: entry[1].length + entry[2].length + 2 + entry[3].length };
      const same = completeUnguarded(post, position, OPTIONS).find((item) => item.textEdit?.newText === entry[3]);
      if (!same) continue;
      checked++;
      assert.equal(accept(text, same), text, `${name} line ${line}: accepting ${same.label}`);
    }
  }
  assert.ok(checked >= 5 * 14, `checked ${checked} values`);
});

test('completion: every position of every seed (and broken texts): well-formed items, no crash behind the guard', () => {
  const texts = ['000', '001', '002', '003', '004'].map(loadSeed);
  texts.push(edit(seed, 'score:\n', 'score: [\n'), toCrlf(seed), '---\n- a\n  b: [\n: c\n"x\n---\n', '---\n\t- : :\n  -\n-\n---\n```rollback\n  - x\n', '---\nkey: |\n');
  for (const text of texts) {
    const post = parsePost(text);
    for (const { line, character } of sweepPositions(text)) {
      for (const item of completeUnguarded(post, { line, character }, OPTIONS)) {
        const { range: itemRange } = item.textEdit as TextEdit;
        assert.ok(itemRange.start.line === line && itemRange.end.line === line, `single-line range at ${line}:${character}`);
        assert.ok(itemRange.start.character <= character && character <= itemRange.end.character, `range contains the cursor at ${line}:${character}`);
        assert.ok(item.label !== '' && item.sortText !== undefined);
      }
    }
  }
});

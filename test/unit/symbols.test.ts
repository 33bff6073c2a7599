import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols, foldingRanges, parsePost } from '../../server/src/service';
import { edit, loadSeed } from '../support/fixtures';
import { splitLines, toCrlf } from '../support/mutate';

const seed = loadSeed('000');
const lines = splitLines(seed);
const range = (startLine: number, start: number, endLine: number, end: number): Range => ({ start: { line: startLine, character: start }, end: { line: endLine, character: end } });
/** The whole of line `line` (to its last character). */
const whole = (line: number, from = 0) => range(line, from, line, lines[line].length);
const to = (startLine: number, start: number, endLine: number) => range(startLine, start, endLine, lines[endLine].length);

function named(symbols: DocumentSymbol[] | undefined, name: string): DocumentSymbol {
  const found = symbols?.find((symbol) => symbol.name === name);
  if (!found) throw new Error(`no symbol ${name} in ${symbols?.map((symbol) => symbol.name).join(', ')}`);
  return found;
}

/** A symbol without its children, for exact comparison level by level. */
function flat(symbol: DocumentSymbol): Omit<DocumentSymbol, 'children'> {
  const { children: _children, ...rest } = symbol;
  return rest;
}

/** LSP's rules: the selection inside the range, children inside their parent, names never empty. */
function assertWellFormed(symbols: DocumentSymbol[], parent?: Range): void {
  const inside = (inner: Range, outer: Range) =>
    (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
    (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
  for (const symbol of symbols) {
    assert.ok(symbol.name.trim() !== '', 'a name');
    assert.ok(inside(symbol.selectionRange, symbol.range), `${symbol.name}: selection inside range`);
    if (parent) assert.ok(inside(symbol.range, parent), `${symbol.name}: inside its parent`);
    assertWellFormed(symbol.children ?? [], symbol.range);
  }
}

test('symbols: seed 000 outline: what the built-in Markdown outline lacks (no headings): post meta, the rollback note, the checklist', () => {
  const symbols = documentSymbols(parsePost(seed));
  assert.deepEqual(symbols.map(flat), [
    { name: 'post meta', detail: '20 keys', kind: SymbolKind.Namespace, range: to(0, 0, 67), selectionRange: range(0, 0, 0, 3) },
    { name: 'priya.nair', detail: 'rollback note', kind: SymbolKind.Event, range: to(85, 0, 92), selectionRange: range(86, 7, 86, 17) },
    { name: 'implementation checklist', detail: '5 items', kind: SymbolKind.Array, range: to(96, 0, 100), selectionRange: whole(96) },
  ]);
  // One row per meta key, children only for the named items of lists of maps: 32 rows in all, not ~60.
  const rows = (list: DocumentSymbol[] | undefined): number => (list ?? []).reduce((sum, symbol) => sum + 1 + rows(symbol.children), 0);
  assert.equal(rows(symbols), 32);
  assertWellFormed(symbols);
});

test('symbols: the meta keys, nested maps summed up in their detail, precise key selections', () => {
  const meta = documentSymbols(parsePost(seed))[0];
  assert.deepEqual(meta.children?.map((child) => child.name), ['topic', 'summary', 'ai_outline', 'ai_brief', 'stack', 'tools', 'code_language', 'difficulty', 'reading_time', 'view_count', 'score', 'revision', 'reference', 'hash', 'flags', 'checklist', 'entities', 'image_sources', 'payload', 'notes']);
  assert.deepEqual(named(meta.children, 'topic'), { name: 'topic', kind: SymbolKind.Property, detail: 'keeping staging close to production / python services', range: whole(1), selectionRange: range(1, 0, 1, 5) });
  assert.equal(named(meta.children, 'summary').detail, 'this ai-style technical summary explains keeping staging cl…');
  assert.equal(named(meta.children, 'reading_time').detail, '7');
  assert.deepEqual(named(meta.children, 'ai_outline'), { name: 'ai_outline', kind: SymbolKind.Object, detail: 'context: before a major migration, problem: keeping staging…', range: to(3, 0, 7), selectionRange: range(3, 0, 3, 10) });
  assert.deepEqual(named(meta.children, 'score'), { name: 'score', kind: SymbolKind.Object, detail: 'quality: 97, freshness: 74, depth: 78, clarity: 78', range: to(24, 0, 28), selectionRange: range(24, 0, 24, 5) });
  assert.deepEqual(named(meta.children, 'revision').detail, 'status: expanded, version: 1.9.2, last_reviewed: 2017-10-25');
  assert.deepEqual(named(meta.children, 'stack'), { name: 'stack', kind: SymbolKind.Array, detail: '3 items', range: to(9, 0, 12), selectionRange: range(9, 0, 9, 5) });
  assert.deepEqual(named(meta.children, 'checklist'), { name: 'checklist', kind: SymbolKind.Array, detail: '5 items', range: to(40, 0, 45), selectionRange: range(40, 0, 40, 9) });
});

test('symbols: list items that are maps, named by their name or source, without rows for their keys', () => {
  const meta = documentSymbols(parsePost(seed))[0];
  const entities = named(meta.children, 'entities');
  assert.deepEqual(entities.children, [
    { name: 'python services', detail: 'entities[0]', kind: SymbolKind.Object, range: to(47, 2, 48), selectionRange: range(47, 10, 47, 25) },
    { name: 'backend', detail: 'entities[1]', kind: SymbolKind.Object, range: to(49, 2, 50), selectionRange: range(49, 10, 49, 17) },
    { name: 'keeping staging close to production', detail: 'entities[2]', kind: SymbolKind.Object, range: to(51, 2, 52), selectionRange: range(51, 10, 51, 45) },
  ]);
  const images = named(meta.children, 'image_sources');
  assert.deepEqual(images.children, [{ name: 'picsum.photos', detail: 'image_sources[0]', kind: SymbolKind.Object, range: to(54, 2, 56), selectionRange: range(54, 12, 54, 25) }]);
  // An item without a name: its index, selecting its first key.
  const unnamed = documentSymbols(parsePost(edit(seed, '  - name: backend\n', '  - kind: backend\n')))[0];
  assert.deepEqual(named(named(unnamed.children, 'entities').children, '[1]'), { name: '[1]', detail: 'entities[1]', kind: SymbolKind.Object, range: to(49, 2, 50), selectionRange: range(49, 4, 49, 8) });
});

test('symbols: the checklist with its items, task items with their state', () => {
  const checklist = named(documentSymbols(parsePost(seed)), 'implementation checklist');
  assert.deepEqual(checklist.children?.map((item) => [item.name, item.kind, item.range, item.selectionRange]), [
    ['review query plans', SymbolKind.Field, whole(96), whole(96, 2)],
    ['add indexes carefully', SymbolKind.Field, whole(97), whole(97, 2)],
    ['test with realistic data', SymbolKind.Field, whole(98), whole(98, 2)],
    ['compare before and after metrics', SymbolKind.Field, whole(99), whole(99, 2)],
    ['document the migration', SymbolKind.Field, whole(100), whole(100, 2)],
  ]);
  const tasks = documentSymbols(parsePost(edit(edit(seed, '- review query plans\n- add', '- [x] review query plans\n- [ ] add'), '- test with realistic data\n- compare', '- [ ] test with realistic data\n- compare')));
  assert.deepEqual(named(tasks, 'implementation checklist').children?.slice(0, 2).map((item) => [item.name, item.detail, item.selectionRange]), [
    ['review query plans', 'done', range(96, 6, 96, 24)],
    ['add indexes carefully', 'open', range(97, 6, 97, 27)],
  ]);
});

test('symbols: every rollback note is top-level, wherever it sits; a note without owner; an unclosed note', () => {
  const text = [
    '# a title',
    '',
    'intro.',
    '',
    '```rollback',
    'expected_result: nothing breaks',
    'rollback: git revert HEAD',
    '```',
    '',
    '## final notes',
    '',
    '```rollback',
    'owner: sam',
    '',
  ].join('\n');
  const symbols = documentSymbols(parsePost(text));
  assert.deepEqual(symbols, [
    { name: '(no owner)', detail: 'rollback note', kind: SymbolKind.Event, range: range(4, 0, 7, 3), selectionRange: range(4, 0, 4, 11) },
    { name: 'sam', detail: 'rollback note', kind: SymbolKind.Event, range: range(11, 0, 12, 10), selectionRange: range(12, 7, 12, 10) },
  ]);
  assert.deepEqual(foldingRanges(parsePost(text)), [{ startLine: 4, endLine: 7 }, { startLine: 9, endLine: 12 }, { startLine: 11, endLine: 12 }]);
});

test('symbols: headings give none; the checklist is named by its section; empty items get a placeholder', () => {
  const text = '## first\n\ntext\n\n# second title\n\n## \n\n## implementation checklist\n\n- \n- item\n';
  const symbols = documentSymbols(parsePost(text));
  assert.deepEqual(symbols.map(flat), [{ name: 'implementation checklist', detail: '2 items', kind: SymbolKind.Array, range: range(10, 0, 11, 6), selectionRange: range(10, 0, 10, 1) }]);
  assert.deepEqual(symbols[0].children?.map((item) => [item.name, item.range, item.selectionRange]), [['(empty item)', range(10, 0, 10, 1), range(10, 0, 10, 1)], ['item', range(11, 0, 11, 6), range(11, 2, 11, 6)]]);
  assertWellFormed(symbols);
  assert.equal(documentSymbols(parsePost('no front matter\n\n# a title\n\n## a section\n')).length, 0);
});

test('folding: the front matter, nested maps and lists of the meta, rollback notes, sections', () => {
  assert.deepEqual(foldingRanges(parsePost(seed)), [
    { startLine: 0, endLine: 67 }, // front matter
    { startLine: 3, endLine: 7 }, // ai_outline
    { startLine: 9, endLine: 12 }, // stack
    { startLine: 13, endLine: 19 }, // tools
    { startLine: 24, endLine: 28 }, // score
    { startLine: 29, endLine: 32 }, // revision
    { startLine: 35, endLine: 39 }, // flags
    { startLine: 40, endLine: 45 }, // checklist
    { startLine: 46, endLine: 52 }, // entities
    { startLine: 47, endLine: 48 }, // entities[0]
    { startLine: 49, endLine: 50 }, // entities[1]
    { startLine: 51, endLine: 52 }, // entities[2]
    { startLine: 53, endLine: 56 }, // image_sources
    { startLine: 54, endLine: 56 }, // image_sources[0]
    { startLine: 57, endLine: 62 }, // payload
    { startLine: 63, endLine: 66 }, // notes
    { startLine: 75, endLine: 92 }, // security and maintenance notes
    { startLine: 85, endLine: 92 }, // the rollback note
    { startLine: 94, endLine: 100 }, // implementation checklist
    { startLine: 102, endLine: 104 }, // final notes
  ]);
  // A one-line list or map does not fold; a flow list over two lines does.
  const oneLine = edit(edit(seed, 'stack:\n  - python services\n  - backend\n  - python\n', 'stack: [python services, backend,\n  python]\n'), 'score:\n  quality: 97\n  freshness: 74\n  depth: 78\n  clarity: 78\n', 'score: {quality: 97, freshness: 74, depth: 78, clarity: 78}\n');
  const ranges = foldingRanges(parsePost(oneLine));
  assert.deepEqual(ranges.slice(0, 4), [{ startLine: 0, endLine: 61 }, { startLine: 3, endLine: 7 }, { startLine: 9, endLine: 10 }, { startLine: 11, endLine: 17 }]);
});

test('symbols and folding: CRLF gives the same ranges; emoji count as UTF-16 units', () => {
  const post = parsePost(seed);
  const crlf = parsePost(toCrlf(seed));
  assert.deepEqual(documentSymbols(crlf), documentSymbols(post));
  assert.deepEqual(foldingRanges(crlf), foldingRanges(post));
  const emoji = edit(seed, '- review query plans\n- add', '- 🚀 review query plans\n- add');
  const item = named(named(documentSymbols(parsePost(toCrlf(emoji))), 'implementation checklist').children, '🚀 review query plans');
  assert.deepEqual(item.selectionRange, range(96, 2, 96, 23), '🚀 is two UTF-16 units');
  const topic = named(documentSymbols(parsePost(toCrlf(edit(seed, 'topic: keeping', 'topic: 🚀 keeping'))))[0].children, 'topic');
  assert.deepEqual(topic.range, range(1, 0, 1, lines[1].length + 3));
});

test('symbols and folding: broken YAML, no front matter, an unclosed front matter', () => {
  const broken = parsePost(edit(seed, 'difficulty: advanced', 'difficulty: [adv'));
  const symbols = documentSymbols(broken);
  assert.deepEqual(symbols.map((symbol) => symbol.name).slice(1), ['priya.nair', 'implementation checklist']);
  assert.equal(symbols[0].name, 'post meta');
  assertWellFormed(symbols);
  assert.equal(foldingRanges(broken)[0].startLine, 0);
  // The core reads nothing of a front matter that is never closed (it would swallow the body).
  const unclosed = parsePost('---\ntopic: x\nscore:\n  quality: 1\n\n');
  assert.deepEqual(documentSymbols(unclosed).map(flat), [{ name: 'post meta', detail: '0 keys', kind: SymbolKind.Namespace, range: range(0, 0, 5, 0), selectionRange: range(0, 0, 0, 3) }]);
  assert.deepEqual(foldingRanges(unclosed), [{ startLine: 0, endLine: 3 }]);
  for (const name of ['001', '002', '003', '004']) assertWellFormed(documentSymbols(parsePost(loadSeed(name))));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePost } from '../../server/src/service';
import { MetaCursor, yamlRegionAt } from '../../server/src/service/model/metaCursor';

/** The cursor placed on line `line` of a post whose meta is `meta`. */
function cursorOn(meta: string, line: number): MetaCursor {
  const post = parsePost(`---\n${meta}---\n\nBody.\n`);
  return new MetaCursor(post, yamlRegionAt(post, line)!, line);
}

test('metaCursor: an entry line is placed by the tree, even under a line the parser stopped at', () => {
  // The yaml library nests every later key under `topic` after this error; the broken line is left out.
  const cursor = cursorOn('topic: again\n   stray: indentation\nrevision:\n  status: drafted # soon\n', 4);
  assert.deepEqual(cursor.line.entry, { mapPath: ['revision'], key: 'status', keyStart: 2, keyEnd: 8, colonEnd: 9 });
  assert.deepEqual(cursor.line.value, { start: 10, end: 17, multiline: false, text: 'drafted' });
  assert.deepEqual([...cursor.presentKeys(['revision'])], []);
});

test('metaCursor: a blank line belongs to the map or list whose entries sit at its column', () => {
  const meta = 'checklist:\n  - a\n  - b\n\nscore:\n  clarity: 78\n\n';
  assert.deepEqual(cursorOn(meta, 4).containerAt(2), { kind: 'seq', path: ['checklist'], count: 2 });
  assert.deepEqual(cursorOn(meta, 4).containerAt(0), { kind: 'map', path: [], count: 0 });
  assert.deepEqual(cursorOn(meta, 7).containerAt(2), { kind: 'map', path: ['score'], count: 0 });
  assert.equal(cursorOn(meta, 7).containerAt(5), undefined, 'too deep for any map or list');
  assert.deepEqual(cursorOn(meta, 7).presentItems(['checklist']), ['a', 'b']);
});

test('metaCursor: a word where a key belongs is a key being typed; inside a block scalar it is text', () => {
  const typing = cursorOn('score:\n  clar\n  freshness: 74\n', 2);
  assert.deepEqual(typing.line.partialKeyMap, ['score']);
  assert.deepEqual([...typing.presentKeys(['score'])], ['freshness']);
  const block = cursorOn('rollback: |\n  revert\n', 2);
  assert.equal(block.line.partialKeyMap, undefined);
  assert.equal(block.line.continuation, true);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex } from '../../server/src/service/model/text';
import { splitLines } from '../support/mutate';

const pos = (line: number, character: number) => ({ line, character });

/**
 * An independent model: for every offset, the position LSP expects. An offset between
 * the `\r` and `\n` of a CRLF is not a valid place; it must come out as the line end.
 */
function expectedPositions(text: string): Array<{ line: number; character: number }> {
  const positions: Array<{ line: number; character: number }> = [];
  let line = 0;
  let character = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    positions.push(pos(line, character));
    const ch = text[offset];
    if (ch === '\r' && text[offset + 1] === '\n') {
      positions.push(pos(line, character)); // between \r and \n: still the end of the line
      offset++;
      line++;
      character = 0;
    } else if (ch === '\r' || ch === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  return positions;
}

function isBetweenCrLf(text: string, offset: number): boolean {
  return text[offset - 1] === '\r' && text[offset] === '\n';
}

function assertModel(text: string): void {
  const index = new LineIndex(text);
  const lines = splitLines(text);
  assert.equal(index.lineCount, lines.length, 'lineCount');
  lines.forEach((lineText, line) => assert.equal(index.lineText(line), lineText, `lineText(${line})`));
  const expected = expectedPositions(text);
  for (let offset = 0; offset <= text.length; offset++) {
    const position = index.positionAt(offset);
    assert.deepEqual(position, expected[offset], `positionAt(${offset}) in ${JSON.stringify(text)}`);
    assert.ok(position.character <= lines[position.line].length, `positionAt(${offset}) is past the line end`);
    const back = index.offsetAt(position);
    assert.ok(!isBetweenCrLf(text, back), `offsetAt(positionAt(${offset})) = ${back} lands between \\r and \\n`);
    if (!isBetweenCrLf(text, offset)) assert.equal(back, offset, `round trip of offset ${offset} in ${JSON.stringify(text)}`);
    else assert.equal(back, offset - 1, `offset ${offset} between \\r and \\n maps to the line end`);
  }
}

test('empty text: one empty line', () => {
  const index = new LineIndex('');
  assert.equal(index.lineCount, 1);
  assert.deepEqual(index.positionAt(0), pos(0, 0));
  assert.equal(index.offsetAt(pos(0, 0)), 0);
  assert.equal(index.lineText(0), '');
  assert.deepEqual(index.lineRange(0), { start: pos(0, 0), end: pos(0, 0) });
});

test('LF: positions, offsets and round trip', () => {
  const text = 'ab\ncd\n\nefg';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), pos(0, 0));
  assert.deepEqual(index.positionAt(2), pos(0, 2)); // just before \n: the line end
  assert.deepEqual(index.positionAt(3), pos(1, 0));
  assert.deepEqual(index.positionAt(6), pos(2, 0));
  assert.deepEqual(index.positionAt(10), pos(3, 3));
  assert.equal(index.offsetAt(pos(1, 1)), 4);
  assert.equal(index.offsetAt(pos(3, 3)), 10);
  assert.equal(index.lineStartOffset(3), 7);
  assert.equal(index.lineEndOffset(0), 2);
  assert.equal(index.lineEndOffset(2), 6);
  assert.equal(index.lineEndOffset(3), 10);
  assertModel(text);
});

test('trailing line break makes a last empty line', () => {
  for (const br of ['\n', '\r\n', '\r']) {
    const text = `a${br}`;
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 2, JSON.stringify(text));
    assert.deepEqual(index.positionAt(text.length), pos(1, 0), JSON.stringify(text));
    assert.equal(index.lineText(1), '');
  }
});

test('CRLF: the \\r is part of the break, never a column', () => {
  const text = 'ab\r\ncd\r\n\r\ne';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(2), pos(0, 2));
  assert.deepEqual(index.positionAt(3), pos(0, 2), 'between \\r and \\n: the end of line 0');
  assert.deepEqual(index.positionAt(4), pos(1, 0));
  assert.deepEqual(index.positionAt(8), pos(2, 0));
  assert.deepEqual(index.positionAt(9), pos(2, 0), 'between \\r and \\n of an empty line');
  assert.deepEqual(index.positionAt(10), pos(3, 0));
  assert.equal(index.lineText(0), 'ab');
  assert.equal(index.lineText(2), '');
  assert.equal(index.lineEndOffset(0), 2);
  assert.equal(index.lineEndOffset(2), 8);
  assert.deepEqual(index.lineRange(1), { start: pos(1, 0), end: pos(1, 2) });
  assertModel(text);
});

test('CRLF: offsets at line ends never land between \\r and \\n', () => {
  const text = 'one\r\ntwo\r\n\r\nthree';
  const index = new LineIndex(text);
  for (let line = 0; line < index.lineCount; line++) {
    for (const character of [0, 1, 3, 4, 5, 100, Number.MAX_SAFE_INTEGER]) {
      const offset = index.offsetAt(pos(line, character));
      assert.ok(!isBetweenCrLf(text, offset), `offsetAt(${line}:${character}) = ${offset}`);
      assert.ok(offset <= index.lineEndOffset(line), `offsetAt(${line}:${character}) is past the line end`);
    }
  }
  assert.equal(index.offsetAt(pos(0, 99)), 3, 'clamped to just before \\r');
  assert.equal(index.offsetAt(pos(2, 1)), 10, 'an empty CRLF line clamps to its start');
  assert.equal(index.lineEndOffset(1), 8);
});

test('lone CR is a line break (as in LSP)', () => {
  const text = 'a\rb\r\rc';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual([0, 1, 2, 3].map((line) => index.lineText(line)), ['a', 'b', '', 'c']);
  assert.deepEqual(index.positionAt(1), pos(0, 1));
  assert.deepEqual(index.positionAt(2), pos(1, 0));
  assert.deepEqual(index.positionAt(4), pos(2, 0));
  assert.deepEqual(index.positionAt(5), pos(3, 0));
  assert.equal(index.offsetAt(pos(1, 9)), 3);
  assertModel(text);
});

test('mixed line breaks: \\n, \\r\\n, lone \\r and \\n\\r (two breaks)', () => {
  const text = 'a\r\nb\nc\rd\n\re';
  const index = new LineIndex(text);
  assert.deepEqual(Array.from({ length: index.lineCount }, (_, line) => index.lineText(line)), ['a', 'b', 'c', 'd', '', 'e']);
  assertModel(text);
});

test('astral characters count two UTF-16 units', () => {
  const text = 'x🚀y\n🚀🚀\r\n€😀';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 3);
  assert.deepEqual(index.positionAt(1), pos(0, 1));
  assert.deepEqual(index.positionAt(3), pos(0, 3), 'after the rocket: 1 + 2 units');
  assert.deepEqual(index.positionAt(4), pos(0, 4));
  assert.deepEqual(index.positionAt(9), pos(1, 4), 'two emoji: 4 units');
  assert.deepEqual(index.positionAt(text.length), pos(2, 3), '€ is one unit, 😀 two');
  assert.equal(index.offsetAt(pos(0, 3)), 3);
  assert.equal(index.offsetAt(pos(1, 2)), 7);
  assert.equal(index.offsetAt(pos(2, 1)), 12);
  assert.deepEqual(index.lineRange(1), { start: pos(1, 0), end: pos(1, 4) });
  assertModel(text);
});

test('out-of-range input is clamped into the document', () => {
  const text = 'ab\r\ncd';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(-5), pos(0, 0));
  assert.deepEqual(index.positionAt(1000), pos(1, 2));
  assert.equal(index.offsetAt(pos(-1, 3)), 0);
  assert.equal(index.offsetAt(pos(7, 0)), text.length);
  assert.equal(index.offsetAt(pos(1, -4)), 4);
  assert.equal(index.lineStartOffset(99), 4);
  assert.equal(index.lineStartOffset(-3), 0);
});

test('range, lineRange and trimmedLineRange', () => {
  const text = 'head\r\n  - item  \r\n   \r\n🚀 x ';
  const index = new LineIndex(text);
  assert.deepEqual(index.range(6, 12), { start: pos(1, 0), end: pos(1, 6) });
  assert.deepEqual(index.lineRange(1), { start: pos(1, 0), end: pos(1, 10) });
  assert.deepEqual(index.trimmedLineRange(1), { start: pos(1, 2), end: pos(1, 8) });
  assert.deepEqual(index.trimmedLineRange(2), { start: pos(2, 0), end: pos(2, 3) }, 'a blank line: the whole line');
  assert.deepEqual(index.trimmedLineRange(3), { start: pos(3, 0), end: pos(3, 4) });
});

test('property: positionAt/offsetAt agree with an independent model on any mix of breaks and astral characters', () => {
  const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '🚀', '😀', 'é', '\t');
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
      assertModel(parts.join(''));
    }),
    { seed: 20261123, numRuns: 300 },
  );
});

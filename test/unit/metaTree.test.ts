import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parsePost } from '../../server/src/service';
import { entryAt, fromCst, fromDocument, MetaNode, nodeAt, spanOf } from '../../server/src/service/model/metaTree';
import { FIXTURES } from '../support/fixtures';

/** The Composer's reading: the tree of the composed Document and its plain value (undefined with errors). */
function composed(source: string): { root: MetaNode | undefined; value: unknown; errors: string[] } {
  const document = parseDocument(source, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const errors = document.errors.map((error) => error.message);
  return { root: fromDocument(document, 0), value: errors.length === 0 ? document.toJS() : undefined, errors };
}

/** Every YAML block of every fixture (front matters and rollback notes), plus blocks written to probe the edges. */
function blocks(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|markdown)$/.test(name)) {
        const post = parsePost(readFileSync(path, 'utf8'));
        if (post.frontMatter) found.push(post.frontMatter.source);
        for (const note of post.rollbackNotes) found.push(post.text.slice(note.fence.contentStart, note.fence.contentEnd));
      }
    }
  };
  walk(FIXTURES);
  return found;
}

const EDGES = [
  'a: 1\nb: 0x1F\nc: 0o17\nd: 1.5e3\ne: .inf\nf: -.Inf\ng: .nan\nh: ~\ni: null\nj: True\nk: FALSE\nl: 2026-01-01\nm: "2"\nn: \'it\'\'s\'\n',
  'empty:\nafter: x\n',
  'empty: # a comment\nafter: x\n',
  'list:\n  -\n  - # c\n  - x\n',
  'list:\n- a\n- b\nnext: 1\n',
  'map:\n  inner: 1\n  # trailing comment\nnext: 2\n',
  'text: |\n  one\n  two\n\nfolded: >-\n  a\n  b\nz: 1\n',
  'plain: first\n  continued\n  lines\nx: 1\n',
  'q: "multi\n  line"\n',
  'dup: 1\ndup: 2\n1: a\n"1": b\n',
  '__proto__: 1\ntoString: 2\n',
  '- a: 1\n  b: 2\n- - x\n  - y\n',
  '# only a comment\n',
  '',
  'a: 1 # c\n# c2\n',
  'k: "v"#c\n',
  'a: b: c\n',
  'a:\n  - 1\n - 2\n',
  'a: [1, 2]\nb: {c: d}\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a:\tb\n',
  '? a\n: b\n',
  'a\nb: 1\n',
  '"unclosed: x\n',
  'a: 1\n---\nb: 2\n',
  'key with spaces: v\n"quoted key": w\n\'single\': z\n',
  'a: -1\nb: +2\nc: 1_000\nd: 0b1\ne: 00\n',
  'a:\n  b:\n    c:\n      - d\n      - e: f\n',
];

describe('meta tree', () => {
  it('reads every fixture block and every edge exactly as the Composer does, or leaves it to the Composer', () => {
    let fromTheCst = 0;
    const all = [...blocks(), ...EDGES];
    for (const source of all) {
      const expected = composed(source);
      const read = fromCst(source, 0);
      if (!read) continue;
      fromTheCst++;
      assert.deepEqual(expected.errors, [], `the CST reader took a block the Composer rejects: ${JSON.stringify(source)}`);
      assert.deepEqual(read.root, expected.root, JSON.stringify(source));
      if (read.duplicates.length === 0) assert.deepEqual(read.value, expected.value, JSON.stringify(source));
    }
    // The fast path must be the common one: all but the odd blocks.
    assert.ok(fromTheCst > all.length * 0.8, `${fromTheCst} of ${all.length} read from the CST`);
  });

  it('leaves flow collections, anchors, tags, tabs, explicit keys and broken input to the Composer', () => {
    for (const source of ['a: [1, 2]\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\tb\n', '? a\n: b\n', 'a\nb: 1\n', 'a: b: c\n', 'k: "v"#c\n', 'a: 1\n---\nb: 2\n']) {
      assert.equal(fromCst(source, 0), undefined, source);
    }
  });

  it('finds duplicate keys in one pass, as the library compares them (1 and "1" differ)', () => {
    assert.deepEqual(fromCst('dup: 1\ndup: 2\n1: a\n"1": b\n', 0)?.duplicates, [7]);
  });

  it('gives ranges into the post, keys and values by path, and empty values an empty span after the colon', () => {
    const text = '---\ntitle: Hello  # c\nscore:\n  difficulty:\n  tags:\n    - a\n---\n';
    const tree = parsePost(text).frontMatter!.tree;
    const at = (find: string) => text.indexOf(find);
    assert.deepEqual(spanOf(text, nodeAt(tree, ['title'])), [at('Hello'), at('Hello') + 5]);
    assert.deepEqual(spanOf(text, entryAt(tree, ['score', 'tags'])?.key), [at('tags'), at('tags') + 4]);
    assert.deepEqual(spanOf(text, nodeAt(tree, ['score', 'tags', 0])), [at('- a') + 2, at('- a') + 3]);
    const empty = nodeAt(tree, ['score', 'difficulty']);
    assert.deepEqual([empty?.kind, empty?.start, empty?.end, empty?.kind === 'scalar' && empty.value], ['scalar', at('difficulty:') + 11, at('difficulty:') + 11, null]);
    assert.equal(nodeAt(tree, ['score', 'nope']), undefined);
  });
});

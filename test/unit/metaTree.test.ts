import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { importExport, parsePost } from '../../server/src/service';
import { fromLines, MAX_LINE_DEPTH } from '../../server/src/service/model/metaLines';
import { CstRead, entryAt, fromCst, fromDocument, MetaNode, nodeAt, spanOf } from '../../server/src/service/model/metaTree';
import { duplicateKeys, MAX_YAML_DEPTH, NESTING_MESSAGE, nestingTooDeep, parseYaml } from '../../server/src/service/model/yamlParse';
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

/** The front matter of every real exported post in /work/shared/seeds (imported as the CLI does), when that folder is there. */
function sharedSeedBlocks(): string[] {
  const dir = '/work/shared/seeds';
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const imported = importExport(readFileSync(join(dir, name), 'utf8'));
    const source = imported.ok ? parsePost(imported.source).frontMatter?.source : undefined;
    if (source !== undefined) found.push(source);
  }
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
  // Edges of the line reader: comment lines, blank lines, empty values, lists at their key's column, compact collections.
  '# lead\na: 1\n',
  '\n\na: 1\n\n# mid\n\nb: 2\n# end\n\n',
  'a: 1\n\n# mid\n\nb: 2\n',
  'a: 1\n# end',
  'a: 1  ',
  'a:',
  'a:  ',
  'a: # c',
  'a:\n  # in\n  - x\n',
  'a:\n  - x  \n  -\n  - y\nb: 1',
  'a:\n  - # c\n  - y\n',
  'a:\n  - x\n\n  # c\n\n  - y\n  # t\n\nb: 1\n',
  'a:\n  b: 1\n\n  # c\n  c: 2\n  # t\n\n# top\nb: 1\n',
  'a:\n  b: 1\n\n\nc: 2\n',
  'a: x\n  # c\n',
  'a:\n    - x\n    - y\nb:\n- z\n',
  '- a: 1\n  # c\n  b: 2\n- c\n',
  '- a:\n  - x\n  b: 1\n-\n  c: 2\n',
  '-   a: 1\n    b:\n      - - x\n        - y\n',
  'a:\n\n  b: 1\n',
  'a: # c\n  b: 1\n',
  'a:\n  b:\nc: 1\n',
  'a: "\\u00e9\\n\\t\\\\ \\"q\\" \\x41"\nb: "\\ud83d\\ude00"\nc: "\\/\\0\\e\\N\\_\\ "\n',
  "a: 'it''s' # c\n'b''c': ''\n\"\": x\n",
  'a: x\r\nb: y\r\n',
  'a: x\n... \n',
  'a: -1\nb: - x\nc: -\n',
  'url: http://x.org/a#b\ntime: 12:30\nk:v: 1\n',
  'a: x [y]\nb: {y\n',
  'a : 1\n',
  '~: 1\nnull: 2\n"": 3\n',
  'a: 1\n  b: 2\n',
  'a:\n    b: 1\n  c: 2\n',
  '- a\n  - b\n',
  'a: "x" y\n',
  'a: "x"#c\n',
  '"a" : 1\n',
  '\u00a0a: b\u00a0\nc: \u200b\u202e\n',
  'emoji: 👩‍💻 ok\n',
  `${'k'.repeat(1100)}: v\n`,
];

/** What the line reader must give when it reads `source`: the tree, value and duplicates the Composer (and the CST reader) find. */
function assertSameAsComposer(source: string, read: CstRead): void {
  const expected = composed(source);
  assert.deepEqual(expected.errors, [], `the line reader took a block the Composer rejects: ${JSON.stringify(source)}`);
  assert.deepEqual(read.root, expected.root, JSON.stringify(source));
  if (read.duplicates.length === 0) assert.deepEqual(read.value, expected.value, JSON.stringify(source));
  const document = parseDocument(source, { uniqueKeys: false });
  assert.deepEqual([...read.duplicates].sort((a, b) => a - b), duplicateKeys(document).map((error) => error.pos[0]), JSON.stringify(source));
  const cst = fromCst(source, 0);
  if (cst) assert.deepEqual(read, cst, JSON.stringify(source));
  // The depth check is skipped for what the line reader takes: it must have nothing to say.
  assert.equal(nestingTooDeep(source), undefined, JSON.stringify(source));
}

/** A seeded random number generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random block-YAML document: maps and lists nested a few levels (lists indented or at
 * their key's column, compact `- a: 1` and `- - x`), scalars of every style and core type,
 * empty values, literal block scalars, trailing comments and spaces, blank and comment lines, repeated keys, then
 * sometimes a few characters inserted or removed anywhere to break it.
 */
function randomDocument(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const WORDS = ['a', 'key', 'b c', '1', '0x1F', '-1', '1.5', '.inf', 'true', 'null', '~', 'yes', 'http://x/y', 'x:y', 'a,b', "it's", 'é', '👩‍💻', '12:30', '2026-01-01', 'a#b', '-x', '@x', '[x]', 'x]'];
  const scalar = (): string => {
    const word = pick(WORDS);
    switch (pick(['plain', 'plain', 'single', 'double', 'double-escape'])) {
      case 'single':
        return `'${word.replace(/'/g, "''")}'`;
      case 'double':
        return `"${word}"`;
      case 'double-escape':
        return `"${word}${pick(['\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\x41', '\\ ', '\\q'])}"`;
      default:
        return word;
    }
  };
  const tail = (): string => pick(['', '', '', ' ', '  ', ' # note', ' #', '#x']);
  const lines: string[] = [];
  const between = (indent: string): void => {
    const roll = next();
    if (roll < 0.08) lines.push('');
    else if (roll < 0.12) lines.push('# comment');
    else if (roll < 0.14) lines.push(`${indent}# indented`);
    else if (roll < 0.15) lines.push('  ');
  };
  const value = (indent: string, depth: number, prefix: string): void => {
    // `prefix` is the key (`key:`) or `-` that owns the value, already indented.
    const roll = next();
    if (prefix.endsWith(':') && next() < 0.1) {
      lines.push(`${prefix} |`);
      literal(indent);
    } else if (depth >= 3 || roll < 0.55) {
      lines.push(`${prefix} ${scalar()}${tail()}`);
    } else if (roll < 0.62) {
      lines.push(`${prefix}${tail()}`);
    } else if (roll < 0.8) {
      lines.push(`${prefix}${tail()}`);
      block(indent + pick(['  ', '  ', '    ', ' ']), depth + 1, 'map');
    } else {
      lines.push(`${prefix}${tail()}`);
      block(prefix.endsWith(':') && next() < 0.4 ? indent : indent + pick(['  ', '    ']), depth + 1, 'seq');
    }
  };
  /** The lines of a literal block scalar (`key: |`) whose key is at `indent`: commands, text that looks like YAML, deeper and empty lines. */
  const literal = (indent: string): void => {
    const inner = indent + pick(['  ', '  ', '    ', ' ']);
    const count = 1 + Math.floor(next() * 3);
    for (let i = 0; i < count; i++) {
      const roll = next();
      if (i > 0 && roll < 0.15) lines.push('');
      else lines.push(`${inner}${roll < 0.3 ? '  ' : ''}${pick(['git checkout v1.7.3 -- deploy/', './deploy/run.sh --env production', '# not a comment', 'a: b', '- z', 'x  ', 'it\'s "q" \\n', '👩‍💻 é'])}`);
    }
  };
  const block = (indent: string, depth: number, kind: 'map' | 'seq'): void => {
    const count = 1 + Math.floor(next() * 4);
    for (let i = 0; i < count; i++) {
      if (i > 0) between(indent);
      if (kind === 'map') {
        value(indent, depth, `${indent}${next() < 0.2 ? scalar() : pick(['a', 'b', 'c', 'key', '1', 'x y'])}:`);
      } else if (depth < 3 && next() < 0.2) {
        // A compact collection on the `-` line.
        const inner = `${indent}${pick(['- ', '-   '])}`;
        const column = ' '.repeat(inner.length);
        if (next() < 0.5) {
          lines.push(`${inner}${pick(['a', 'b'])}: ${scalar()}`);
          if (next() < 0.6) value(column, depth + 1, `${column}${pick(['c', 'a'])}:`);
        } else {
          lines.push(`${inner}- ${scalar()}`);
          if (next() < 0.6) lines.push(`${column}- ${scalar()}`);
        }
      } else {
        value(indent, depth, `${indent}-`);
      }
    }
  };
  block('', 0, next() < 0.8 ? 'map' : 'seq');
  let text = lines.join('\n') + (next() < 0.8 ? '\n' : '');
  if (next() < 0.3) {
    const edits = 1 + Math.floor(next() * 3);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(next() * (text.length + 1));
      text = next() < 0.5 ? text.slice(0, at) + pick([' ', '\n', ':', '-', '#', '"', "'", '[', '&', '!', '|', '? ', '---\n', '\t', '\r']) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
  }
  return text;
}

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

  it('reads every fixture block, every shared seed and every edge line by line exactly as the Composer does, or leaves it to the CST reader', () => {
    const real = [...blocks(), ...sharedSeedBlocks()];
    let fromTheLines = 0;
    for (const source of [...real, ...EDGES]) {
      const read = fromLines(source, 0);
      if (!read) continue;
      fromTheLines++;
      assertSameAsComposer(source, read);
    }
    // The fast path must be the common one: every real block the CST reader takes, literal block scalars (rollback commands) included, but for folded and chomped ones.
    const left = real.filter((source) => fromCst(source, 0) && !fromLines(source, 0) && !/: (>|\|[-+0-9])[-+0-9]*\n/.test(source));
    assert.deepEqual(left, []);
    assert.ok(fromTheLines > real.length * 0.5, `${fromTheLines} read line by line`);
  });

  it('gives the same tree as the Composer, or leaves it to the CST reader, on random block YAML (valid and broken)', () => {
    const next = random(Number(process.env.META_FUZZ_SEED ?? 13));
    let fromTheLines = 0;
    const runs = Number(process.env.META_FUZZ_RUNS ?? 4000);
    for (let run = 0; run < runs; run++) {
      const source = randomDocument(next);
      const read = fromLines(source, 0);
      if (!read) continue;
      fromTheLines++;
      assertSameAsComposer(source, read);
    }
    assert.ok(fromTheLines > runs * 0.2, `${fromTheLines} of ${runs} read line by line`);
  });

  it('places the tree at the block\'s offset in the post, and finds duplicates and syntax errors exactly as the Composer path', () => {
    const source = 'title: x\ntags:\n  - a\ntitle: y\n';
    const read = fromLines(source, 100)!;
    assert.deepEqual(read.root, fromCst(source, 100)!.root);
    assert.deepEqual(read.duplicates, [21]);
    assert.deepEqual(parseYaml(source, 100).errors, [{ start: 121, end: 126, message: 'Map keys must be unique' }]);
    // Broken input is never read line by line: the parser's error stays what it was.
    for (const broken of ['a: b: c\n', 'a: "x\n', 'a:\n  b: 1\n c: 2\n', 'a: [1\n']) {
      assert.equal(fromLines(broken, 0), undefined, broken);
      assert.ok(parseYaml(broken, 0).errors.length > 0, broken);
    }
  });

  it('leaves nesting past half the depth limit to the depth check and the CST reader', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    assert.ok(fromLines(nested(MAX_LINE_DEPTH), 0));
    assert.equal(fromLines(nested(MAX_LINE_DEPTH + 1), 0), undefined);
    assert.equal(parseYaml(nested(MAX_YAML_DEPTH + 1), 0).errors[0].message, NESTING_MESSAGE);
    assert.equal(parseYaml(`deep:\n${'- '.repeat(200)}x\n`, 0).errors[0].message, NESTING_MESSAGE);
  });

  it('leaves flow collections, anchors, tags, tabs, explicit keys and broken input to the Composer', () => {
    for (const source of ['a: [1, 2]\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\tb\n', '? a\n: b\n', 'a\nb: 1\n', 'a: b: c\n', 'k: "v"#c\n', 'a: 1\n---\nb: 2\n']) {
      assert.equal(fromCst(source, 0), undefined, source);
      assert.equal(fromLines(source, 0), undefined, source);
    }
    // …and the line reader leaves multi-line plain and quoted scalars, folded, chomped and odd literal block scalars, unknown escapes and CR line breaks to the CST reader.
    for (const source of ['t: >\n  x\n', 't: |-\n  x\n', 't: |\n\n  x\n', 't: |\n  x\n  \n  y\n', 't: |\nu: 1\n', 'p: a\n  b\n', 'q: "a\n  b"\n', 'e: "\\x41"\n', 'a: 1\r\n']) {
      assert.equal(fromLines(source, 0), undefined, source);
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

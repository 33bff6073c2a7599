/**
 * The pure parts of `check --cache` (server/src/cli/cache.ts) and `--shard`
 * (server/src/cli/shard.ts): when a result depends on today's date, and how shards are told.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateBounds, templateKey, validToday } from '../../server/src/cli/cache';
import { inShard, parseShard } from '../../server/src/cli/shard';

describe('check --cache: dates', () => {
  it('a text whose dates are all past holds on every day from its latest date on', () => {
    const bounds = dateBounds('last_reviewed: "2024-02-06"\nrehearsed: 2025-01-31\n', '2026-12-03');
    assert.deepEqual(bounds, { latest: '2025-01-31' });
    assert.equal(validToday(bounds, '2026-12-03'), true);
    assert.equal(validToday(bounds, '2030-01-01'), true);
    assert.equal(validToday(bounds, '2025-01-31'), true, 'a date of today is not in the future');
    assert.equal(validToday(bounds, '2025-01-30'), false, 'a clock set back makes the date a future one');
  });

  it('a text without dates holds on any day', () => {
    assert.deepEqual(dateBounds('# notes\n', '2026-12-03'), {});
    assert.equal(validToday({}, '1999-01-01'), true);
  });

  it('a date after today (its message names today) holds for that day only', () => {
    const bounds = dateBounds('last_reviewed: "2999-01-01"\n', '2026-12-03');
    assert.deepEqual(bounds, { day: '2026-12-03' });
    assert.equal(validToday(bounds, '2026-12-03'), true);
    assert.equal(validToday(bounds, '2026-12-04'), false);
  });

  it('YAML escapes that could spell a date make the result hold for that day only', () => {
    for (const text of ['d: "\\x32999-01-01"', 'd: "2999-\\u00301-01"', 'd: "2999-01-\\\n  01"', 'd: "\\U00000032"']) {
      assert.deepEqual(dateBounds(text, '2026-12-03'), { day: '2026-12-03' }, text);
    }
    assert.deepEqual(dateBounds('a backslash \\n in prose, 2020-01-01', '2026-12-03'), { latest: '2020-01-01' });
  });

  it('the template key changes with the template text, its file, the working folder and --config', () => {
    const base = templateKey('/w', false, 'file:///w/.alphanode.yaml', 'rules: {}\n');
    assert.equal(templateKey('/w', false, 'file:///w/.alphanode.yaml', 'rules: {}\n'), base);
    for (const other of [
      templateKey('/w', false, 'file:///w/.alphanode.yaml', 'rules: {}\n\n'),
      templateKey('/w', false, 'file:///w/a/.alphanode.yaml', 'rules: {}\n'),
      templateKey('/v', false, 'file:///w/.alphanode.yaml', 'rules: {}\n'),
      templateKey('/w', true, 'file:///w/.alphanode.yaml', 'rules: {}\n'),
      templateKey('/w', false, undefined, undefined),
    ]) assert.notEqual(other, base);
  });
});

describe('check --shard', () => {
  it('parses i/n with 1 ≤ i ≤ n only', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', '/4', '1/4/2', 'a/b', ' 1/4', '1.0/4', '-1/4']) assert.equal(parseShard(bad), undefined, bad);
  });

  it('puts every path in exactly one shard, the same one for a relative and an absolute path', () => {
    const count = 4;
    const sizes = [0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) {
      const path = `posts/${i}.post.md`;
      const owners = [1, 2, 3, 4].filter((index) => inShard(path, '/repo', { index, count }));
      assert.equal(owners.length, 1, path);
      assert.equal(inShard(`/repo/${path}`, '/repo', { index: owners[0], count }), true);
      sizes[owners[0] - 1]++;
    }
    // A stable hash spreads them: no shard far from a quarter.
    for (const size of sizes) assert.ok(size > 200 && size < 300, String(sizes));
    // Stable across releases and machines: a fixed answer.
    assert.deepEqual(['a.post.md', 'b.post.md', 'posts/c.post.md'].map((path) => [1, 2, 3, 4].find((index) => inShard(path, '/x', { index, count }))), SHARDS_OF_ABC);
  });
});

const SHARDS_OF_ABC = [3, 1, 1];

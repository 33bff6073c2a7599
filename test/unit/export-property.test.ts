/**
 * import(render(p)) = p for 1,000 generated posts (test/support/corpus.ts), p without its
 * rollback notes (the export never carries them). Equal means: the same meta (values,
 * types and key order), the same body byte for byte, no warnings; and byte for byte as a
 * whole once the corpus's one layout choice that differs from the seed fixtures is undone
 * (it double-quotes image URLs; the fixtures, and so the importer, leave them plain).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importExport, parsePost, renderText, stripRollbackNotes } from '../../server/src/service';
import { generatePosts } from '../support/corpus';
import { splitPost } from '../support/exports';

const COUNT = 1_000;
const SEED = 20_261_123;

/** The corpus writes `url: "https://…"`; the fixtures write `url: https://…`. */
const unquoteUrls = (text: string) => text.replace(/^( {4}url: )"(https:\/\/[^"\\]*)"$/gm, '$1$2');

describe('export property: import(render(p)) = p', () => {
  const posts = generatePosts(COUNT, SEED);

  it(`${COUNT} generated posts come back with the same meta and body, and no warnings`, () => {
    const failures: string[] = [];
    posts.forEach((post, i) => {
      const expected = stripRollbackNotes(post);
      const result = importExport(renderText(parsePost(post)));
      if (!result.ok) {
        failures.push(`post ${i}: refused: ${result.error}`);
        return;
      }
      if (result.warnings.length > 0) failures.push(`post ${i}: warnings ${JSON.stringify(result.warnings)}`);
      const got = splitPost(result.source);
      const want = splitPost(expected);
      if (got.meta !== want.meta) failures.push(`post ${i}: meta differs\n${got.meta}\n${want.meta}`);
      if (got.body !== want.body) failures.push(`post ${i}: body differs`);
      if (result.source !== unquoteUrls(expected)) failures.push(`post ${i}: bytes differ`);
    });
    assert.deepEqual(failures.slice(0, 5), []);
  });

  it('the corpus exercises what the round trip must survive', () => {
    // Without these the property above would prove little.
    const has = (pattern: RegExp) => posts.filter((post) => pattern.test(post)).length;
    assert.ok(has(/^!\[/m) > 100, 'images');
    assert.ok(has(/^```(?!rollback)\w+$/m) > 100, 'code blocks');
    assert.ok(has(/^```go$/m) > 5, 'code with blank lines and one-line chunks (go)');
    assert.ok(has(/^- \[[ x]\] /m) > 50, 'task-list checklists');
    assert.ok(has(/^```rollback$/m) === COUNT, 'rollback notes to drop');
  });
});

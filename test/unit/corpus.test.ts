/**
 * The load-test corpus generator (test/support/corpus.ts): its posts are valid, varied,
 * deterministic, and cheap to make.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { bigPost, generatePosts, mulberry32 } from '../support/corpus';
import { validate } from '../support/fixtures';

/** The generated meta, as far as these tests read it. */
interface Meta {
  view_count: number;
  score: Record<string, number>;
  ai_outline: { problem: string; stack: string };
  flags: { has_images: number; image_heavy: number };
  image_sources?: unknown[];
  payload: { seed: number; scenario: string; paragraphs: number };
}

function metaOf(text: string): Meta {
  return parseYaml(text.slice(4, text.indexOf('\n---\n', 4))) as Meta;
}

describe('corpus generator', () => {
  const posts = generatePosts(200, 42);

  it('200 generated posts validate with zero diagnostics', () => {
    assert.equal(posts.length, 200);
    const failures = posts
      .map((text, i) => ({ i, diagnostics: validate(text) }))
      .filter((result) => result.diagnostics.length > 0)
      .map((result) => `post ${result.i}: ${result.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.message)}`).join('; ')}`);
    assert.deepEqual(failures, []);
  });

  it('is deterministic: same seed, same posts; another seed, other posts', () => {
    assert.deepEqual(generatePosts(20, 42), posts.slice(0, 20));
    const other = generatePosts(20, 43);
    assert.notDeepEqual(other, posts.slice(0, 20));
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 5; i++) assert.equal(a(), b());
  });

  it('varies what the brief asks for: seeds, counts, strings, paragraphs, images, code, rollback notes', () => {
    const metas = posts.map(metaOf);
    const distinct = (values: unknown[]) => new Set(values.map((value) => JSON.stringify(value))).size;
    assert.ok(distinct(metas.map((m) => m.payload.seed)) > 150, 'payload.seed');
    assert.ok(distinct(metas.map((m) => m.view_count)) > 150, 'view_count');
    assert.ok(distinct(metas.map((m) => m.score)) > 150, 'score');
    assert.ok(distinct(metas.map((m) => m.ai_outline.problem)) >= 10, 'problem');
    assert.ok(distinct(metas.map((m) => m.ai_outline.stack)) >= 6, 'stack');
    assert.ok(distinct(metas.map((m) => m.payload.scenario)) >= 8, 'scenario');
    assert.ok(distinct(metas.map((m) => m.payload.paragraphs)) >= 10, 'payload.paragraphs');
    const withImages = metas.filter((m) => m.flags.has_images === 1).length;
    assert.ok(withImages > 40 && withImages < 160, `with images: ${withImages}`);
    assert.ok(metas.some((m) => m.flags.image_heavy === 1), 'some image-heavy posts');
    assert.ok(metas.every((m) => (m.image_sources?.length ?? 0) > 0 === (m.flags.has_images === 1)), 'flags follow image_sources');
    const withCode = posts.filter((text) => /^```(?!rollback)\w+$/m.test(text)).length;
    assert.ok(withCode > 40 && withCode < 160, `with code: ${withCode}`);
    const rollbackCounts = posts.map((text) => text.match(/^```rollback$/gm)?.length ?? 0);
    assert.ok(rollbackCounts.every((count) => count >= 1), 'at least one rollback note');
    assert.ok(rollbackCounts.some((count) => count >= 2), 'sometimes more than one');
    assert.ok(posts.some((text) => /^- \[[ x]\] /m.test(text)), 'some task-list checklists');
  });

  it('generates 10,000 posts in under 5 s', () => {
    const start = performance.now();
    const many = generatePosts(10_000, 7);
    const elapsed = performance.now() - start;
    assert.equal(many.length, 10_000);
    assert.ok(elapsed < 5_000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('bigPost(1 MB) is a valid post of about 1 MB with payload.paragraphs updated', () => {
    const text = bigPost(1_000_000);
    const bytes = Buffer.byteLength(text, 'utf8');
    assert.ok(bytes >= 1_000_000 && bytes < 1_010_000, `${bytes} bytes`);
    assert.ok(metaOf(text).payload.paragraphs > 2_000);
    assert.deepEqual(validate(text), []);
    assert.equal(bigPost(1_000_000), text, 'deterministic');
  });

  it('bigPost of a small size is still a valid post', () => {
    const text = bigPost(10_000);
    assert.ok(text.length >= 10_000);
    assert.deepEqual(validate(text), []);
  });
});

/**
 * Import and render throughput (posts/s) on 10,000 generated posts (test/support/corpus.ts):
 *  - render: parsePost + renderText, source post → rendered export (what `alphanode render
 *    --format text` does after reading the file);
 *  - import: importExport, rendered export → source post;
 *  - page: parsePost + renderPage, source post → the post preview's page (`render --format page`).
 * In-process, after a short warm-up; generation is not timed. `node out/bench/export.js`
 * runs it alone; bench/run.ts calls benchExport().
 */
import { performance } from 'node:perf_hooks';
import { importExport, parsePost, renderPage, renderText } from '../server/src/service';
import { generatePosts } from '../test/support/corpus';

export interface ExportBench {
  posts: number;
  /** Mean size of a source post and of its export, in bytes (UTF-16 code units; the corpus is ASCII). */
  sourceBytes: number;
  exportBytes: number;
  renderMs: number;
  renderPostsPerSecond: number;
  importMs: number;
  importPostsPerSecond: number;
  pageMs: number;
  pagePostsPerSecond: number;
  /** Imports that were refused or warned: 0 on this corpus, else the figures time the wrong path. */
  problems: number;
}

const POSTS = 10_000;
const CORPUS_SEED = 10_000;
const WARMUP = 200;

export function benchExport(count = POSTS): ExportBench {
  const posts = generatePosts(count, CORPUS_SEED);
  for (const post of posts.slice(0, WARMUP)) importExport(renderText(parsePost(post)));

  const exports: string[] = new Array(posts.length);
  const renderStart = performance.now();
  for (let i = 0; i < posts.length; i++) exports[i] = renderText(parsePost(posts[i]));
  const renderMs = performance.now() - renderStart;

  let problems = 0;
  const importStart = performance.now();
  for (const text of exports) {
    const result = importExport(text);
    if (!result.ok || result.warnings.length > 0) problems++;
  }
  const importMs = performance.now() - importStart;

  const pageStart = performance.now();
  for (const post of posts) renderPage(parsePost(post), [], { allowRemoteImages: false });
  const pageMs = performance.now() - pageStart;

  const mean = (texts: string[]) => texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
  const bench: ExportBench = {
    posts: count,
    sourceBytes: mean(posts),
    exportBytes: mean(exports),
    renderMs,
    renderPostsPerSecond: count / (renderMs / 1000),
    importMs,
    importPostsPerSecond: count / (importMs / 1000),
    pageMs,
    pagePostsPerSecond: count / (pageMs / 1000),
    problems,
  };
  console.log(
    `export, ${count} generated posts (≈${(bench.sourceBytes / 1000).toFixed(1)} kB source, ≈${(bench.exportBytes / 1000).toFixed(1)} kB export):\n` +
      `  render (parsePost + renderText): ${renderMs.toFixed(0)} ms → ${bench.renderPostsPerSecond.toFixed(0)} posts/s\n` +
      `  import (importExport):           ${importMs.toFixed(0)} ms → ${bench.importPostsPerSecond.toFixed(0)} posts/s\n` +
      `  page (parsePost + renderPage):   ${pageMs.toFixed(0)} ms → ${bench.pagePostsPerSecond.toFixed(0)} posts/s` +
      (problems > 0 ? `\n  ${problems} imports were refused or warned` : ''),
  );
  return bench;
}

if (require.main === module) benchExport();

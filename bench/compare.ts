/**
 * The semantic diff's cost:
 *  - in process: comparePosts on 500 generated posts (test/support/corpus.ts), each against
 *    itself with a meta value, a list item and a checklist item edited (what a review sees);
 *  - the CLI: `alphanode diff` of a folder of 200 such posts in a temporary git repository,
 *    wall time (git ls-tree and one git cat-file --batch included).
 * `node out/bench/compare.js` runs it alone; bench/run.ts calls benchCompare().
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { comparePosts } from '../server/src/service';
import { generatePosts } from '../test/support/corpus';
import { REPO_ROOT } from '../test/support/fixtures';

export interface CompareBench {
  posts: number;
  inProcessMs: number;
  postsPerSecond: number;
  cliPosts: number;
  cliWallMs: number;
  /** Changes found per post: 0 would mean the edits missed and the figures time the wrong path. */
  changesPerPost: number;
}

/** Edits a reviewer would see: the first `difficulty`, the first `- ` list line of the meta and of the checklist. */
function edited(post: string): string {
  let text = post.replace(/^difficulty: .*$/m, 'difficulty: beginner');
  text = text.replace(/^ {2}- (.*)$/m, '  - $1 (edited)');
  return text.replace(/(## implementation checklist\n\n- )(.*)/, '$1$2 (edited)');
}

export function benchCompare(count = 500, cliCount = 200): CompareBench {
  const posts = generatePosts(count, 4242);
  const after = posts.map(edited);
  for (let i = 0; i < 20; i++) comparePosts(posts[i], after[i]);
  let changes = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) changes += comparePosts(posts[i], after[i]).changes.length;
  const inProcessMs = performance.now() - start;

  const repo = mkdtempSync(join(tmpdir(), 'alphanode-bench-diff-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
  let cliWallMs = NaN;
  try {
    mkdirSync(join(repo, 'posts'));
    for (let i = 0; i < cliCount; i++) writeFileSync(join(repo, 'posts', `p${i}.post.md`), posts[i]);
    for (const args of [['init', '-q'], ['add', '.'], ['commit', '-q', '-m', 'posts']]) spawnSync('git', args, { cwd: repo, env });
    for (let i = 0; i < cliCount; i++) writeFileSync(join(repo, 'posts', `p${i}.post.md`), after[i]);
    const cliStart = performance.now();
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'diff', '--format', 'json', 'posts'], { cwd: repo, env, maxBuffer: 256 * 1024 * 1024 });
    cliWallMs = performance.now() - cliStart;
    if (result.status !== 0) throw new Error(`alphanode diff exited ${result.status}: ${String(result.stderr)}`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
  const bench: CompareBench = { posts: count, inProcessMs, postsPerSecond: count / (inProcessMs / 1000), cliPosts: cliCount, cliWallMs, changesPerPost: changes / count };
  console.log(
    `compare, ${count} generated posts with 3 edits each (${bench.changesPerPost.toFixed(1)} changes found per post):\n` +
      `  comparePosts: ${inProcessMs.toFixed(0)} ms → ${bench.postsPerSecond.toFixed(0)} posts/s\n` +
      `  alphanode diff of a folder of ${cliCount} posts against HEAD: ${cliWallMs.toFixed(0)} ms wall`,
  );
  return bench;
}

if (require.main === module) benchCompare();

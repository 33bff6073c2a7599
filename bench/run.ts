/**
 * `npm run bench`: how fast the shipped bits are, against the product's targets.
 *
 *  (a) LSP latency on the built server (dist/server.js --stdio): time from sending a
 *      didChange to receiving publishDiagnostics for that version; 200 small incremental
 *      edits on a seed-sized post and 30 on a 1 MB post, alternating break / fix, in its
 *      front matter and in its body (bench/server.ts).
 *  (b) the server's peak RSS (VmHWM) after those runs, and through the workspace scan.
 *  (b') 5 MB posts (bench/server.ts): `check` wall time, and in the editor the diagnostics
 *      after the last keystroke of a typing burst.
 *  (c) CLI throughput: `node dist/cli.js check --format json <folder>` over 2,000 generated
 *      posts (wall time of the whole process, startup included), and parsePost +
 *      validatePost alone in this process.
 *
 *  (c') check at scale (bench/cliScale.ts): 2,100 posts beside markdownlint-cli2 in the same
 *      run, cold and with --cache (warm, and after one post changed), in rounds that run the
 *      anchor, the cold check and the warm one back to back.
 *
 *  (d) cost against input size (bench/yamlCost.ts): 2,000 to 100,000 meta keys, a 5 MB
 *      checklist, a 5 MB body, a template of 30,000 keys, 3,000 nested lists.
 *
 * Prints a table, writes bench/results/latest.json, prints PASS/MISS per target, and always
 * exits 0: it is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePost, validatePost } from '../server/src/service';
import { AssistBench, benchAssist } from './assist';
import { ASSIST_LSP_TARGET_MEDIAN_MS, AssistLspBench, benchAssistLsp } from './assistLsp';
import { benchCompare, CompareBench } from './compare';
import { benchExport, ExportBench } from './export';
import { benchCliScale, CliScaleBench, printCliScale, SCALE_TARGETS } from './cliScale';
import { benchLargePosts, benchServer, LargePostBench, printLargePosts, ServerBench, SERVER_TARGETS } from './server';
import { benchWorkspace, WorkspaceBenchResults } from './workspace';
import { benchYamlCost, YamlCostBench } from './yamlCost';
import { generatePosts } from '../test/support/corpus';
import { REPO_ROOT } from '../test/support/fixtures';
import { CLI_JS } from '../test/support/lspClient';

const TARGETS = {
  seedMedianMs: SERVER_TARGETS.seedMedianMs,
  bigMedianMs: SERVER_TARGETS.bigMedianMs,
  rssMb: SERVER_TARGETS.peakRssMb,
  cliPostsPerSecond: 1_000,
  assistMedianMs: 10,
  keys100kMs: 2_000,
};
const CLI_POSTS = 2_000;

interface Results {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cpus: number;
  /** 1-minute load average at the start and the end: other work on the machine skews every figure. */
  loadAverage: { start: number; end?: number };
  lsp?: ServerBench;
  largePosts?: LargePostBench;
  workspace?: WorkspaceBenchResults;
  assist?: AssistBench;
  assistLsp?: AssistLspBench;
  export?: ExportBench;
  compare?: CompareBench;
  yamlCost?: YamlCostBench;
  cliScale?: CliScaleBench;
  cli?: { posts: number; wallMs: number; postsPerSecond: number; startupMs: number; errors: number; warnings: number; inProcessPostsPerSecond: number; inProcessMsPerPost: number };
  errors: string[];
  targets: Array<{ name: string; target: string; value: string; pass: boolean }>;
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

function benchCli(results: Results, workspace: string): void {
  const folder = join(workspace, 'corpus');
  mkdirSync(folder, { recursive: true });
  const posts = generatePosts(CLI_POSTS, 2_000);
  posts.forEach((text, i) => writeFileSync(join(folder, `${String(i).padStart(4, '0')}.post.md`), text));

  // Startup alone (`--version`), to read the throughput figure.
  const startupRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    spawnSync(process.execPath, [CLI_JS, '--version'], { encoding: 'utf8' });
    startupRuns.push(performance.now() - start);
  }

  const start = performance.now();
  const run = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', folder], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`alphanode check exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  const report = JSON.parse(run.stdout) as { summary: { files: number; errors: number; warnings: number } };
  if (report.summary.files !== CLI_POSTS) throw new Error(`alphanode check saw ${report.summary.files} files, expected ${CLI_POSTS}`);

  // In-process: parsePost + validatePost alone (a short warm-up first).
  for (const text of posts.slice(0, 100)) validatePost(parsePost(text));
  const inStart = performance.now();
  let diagnostics = 0;
  for (const text of posts) diagnostics += validatePost(parsePost(text)).length;
  const inMs = performance.now() - inStart;
  if (diagnostics !== 0) results.errors.push(`in-process validation found ${diagnostics} diagnostics in the generated corpus`);

  results.cli = {
    posts: CLI_POSTS,
    wallMs,
    postsPerSecond: CLI_POSTS / (wallMs / 1000),
    startupMs: [...startupRuns].sort((a, b) => a - b)[1],
    errors: report.summary.errors,
    warnings: report.summary.warnings,
    inProcessPostsPerSecond: CLI_POSTS / (inMs / 1000),
    inProcessMsPerPost: inMs / CLI_POSTS,
  };
}

function judge(results: Results): void {
  const add = (name: string, target: string, value: number | undefined, pass: (value: number) => boolean, unit: string, digits = 1) =>
    results.targets.push({ name, target, value: value === undefined ? 'n/a' : `${fixed(value, digits)} ${unit}`, pass: value !== undefined && pass(value) });
  add('LSP median, seed-sized post', `≤ ${TARGETS.seedMedianMs} ms`, results.lsp?.seed.medianMs, (v) => v <= TARGETS.seedMedianMs, 'ms');
  add('LSP median, 1 MB post', `≤ ${TARGETS.bigMedianMs} ms`, results.lsp?.big.medianMs, (v) => v <= TARGETS.bigMedianMs, 'ms');
  add('server peak RSS (VmHWM), 1 MB post', `≤ ${TARGETS.rssMb} MB`, results.lsp?.peakRssMb, (v) => v <= TARGETS.rssMb, 'MB');
  add('server peak RSS, 2,000-post scan', `≤ ${SERVER_TARGETS.scanPeakRssMb} MB`, results.workspace?.peakRssMb, (v) => v <= SERVER_TARGETS.scanPeakRssMb, 'MB');
  for (const post of results.largePosts ?? []) {
    add(`check, ${post.name.replace(/ \(.*/, '')}`, `≤ ${SERVER_TARGETS.largeCliMs} ms`, post.cliMs, (v) => v <= SERVER_TARGETS.largeCliMs, 'ms', 0);
    add(`editor, ${post.name.replace(/ \(.*/, '')}: last key → diags`, `≤ ${SERVER_TARGETS.largeEditorMs} ms`, Math.max(...post.afterLastKeyMs), (v) => v <= SERVER_TARGETS.largeEditorMs, 'ms', 0);
  }
  add('CLI throughput (wall, startup incl.)', `≥ ${TARGETS.cliPostsPerSecond} posts/s`, results.cli?.postsPerSecond, (v) => v >= TARGETS.cliPostsPerSecond, 'posts/s');
  const scale = results.cliScale;
  add('check cold vs markdownlint-cli2 (wall)', `≤ ${SCALE_TARGETS.coldVsMarkdownlint}×`, scale?.coldVsMarkdownlint, (v) => v <= SCALE_TARGETS.coldVsMarkdownlint, '×', 2);
  add('check --cache warm vs cold (wall)', `≤ ${SCALE_TARGETS.warmVsCold}×`, scale?.warmVsCold, (v) => v <= SCALE_TARGETS.warmVsCold, '×', 3);
  results.targets.push({ name: 'check --cache, one post changed', target: '1 checked', value: scale ? `${scale.oneChanged.checked} checked` : 'n/a', pass: scale?.oneChanged.checked === 1 });
  add('completion median (in-process)', `≤ ${TARGETS.assistMedianMs} ms`, results.assist?.completionMedianMs, (v) => v <= TARGETS.assistMedianMs, 'ms');
  add('LSP completion round trip, median', `≤ ${ASSIST_LSP_TARGET_MEDIAN_MS} ms`, results.assistLsp?.completionMedianMs, (v) => v <= ASSIST_LSP_TARGET_MEDIAN_MS, 'ms');
  add('LSP hover round trip, median', `≤ ${ASSIST_LSP_TARGET_MEDIAN_MS} ms`, results.assistLsp?.hoverMedianMs, (v) => v <= ASSIST_LSP_TARGET_MEDIAN_MS, 'ms');
  const keys = results.yamlCost?.find((c) => c.unit === 'keys')?.steps.find((step) => step.size === 100_000);
  add('validatePost, 100,000 meta keys', `≤ ${TARGETS.keys100kMs} ms`, keys?.ms, (v) => v <= TARGETS.keys100kMs, 'ms');
  add('hover median (in-process)', `≤ ${TARGETS.assistMedianMs} ms`, results.assist?.hoverMedianMs, (v) => v <= TARGETS.assistMedianMs, 'ms');
}

function print(results: Results): void {
  const rows: string[][] = [['measure', 'edits', 'size', 'open', 'median', 'p95', 'max']];
  if (results.lsp) {
    for (const [name, s] of [['LSP edit → publish, seed post', results.lsp.seed], ['LSP edit → publish, 1 MB post', results.lsp.big], ['… 1 MB post, body edits (no target)', results.lsp.bigBody]] as const) {
      rows.push([name, String(s.edits), s.bytes >= 1e6 ? `${fixed(s.bytes / 1e6, 2)} MB` : `${fixed(s.bytes / 1e3)} kB`, `${fixed(s.openMs)} ms`, `${fixed(s.medianMs, 2)} ms`, `${fixed(s.p95Ms, 2)} ms`, `${fixed(s.maxMs, 2)} ms`]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\nalphanode-runbooks benchmark — node ${results.node}, ${results.platform}, ${results.cpus} × ${results.cpu}`);
  const busiest = Math.max(results.loadAverage.start, results.loadAverage.end ?? 0);
  console.log(`load average ${fixed(results.loadAverage.start, 2)} → ${fixed(results.loadAverage.end, 2)}${busiest > results.cpus ? ' (machine busy: figures are pessimistic)' : ''}\n`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  if (results.lsp) {
    console.log(`\nserver peak RSS (VmHWM): ${fixed(results.lsp.peakRssAfterInitMb)} MB after initialize, ${fixed(results.lsp.peakRssAfterSeedMb)} MB after the seed run, ${fixed(results.lsp.peakRssMb)} MB after the 1 MB runs (current RSS then: ${fixed(results.lsp.rssAfterRunsMb)} MB)`);
  }
  if (results.largePosts) printLargePosts(results.largePosts);
  if (results.cli) {
    const c = results.cli;
    console.log(`CLI check --format json, ${c.posts} posts: ${fixed(c.wallMs, 0)} ms wall → ${fixed(c.postsPerSecond, 0)} posts/s (process startup ≈ ${fixed(c.startupMs, 0)} ms; ${c.errors} errors, ${c.warnings} warnings)`);
    console.log(`in-process parsePost + validatePost: ${fixed(c.inProcessPostsPerSecond, 0)} posts/s (${fixed(c.inProcessMsPerPost, 2)} ms/post)`);
  }
  if (results.cliScale) printCliScale(results.cliScale);
  if (results.assistLsp) {
    const a = results.assistLsp;
    console.log(`LSP assists on the seed post, ${a.requests} requests each: completion median ${fixed(a.completionMedianMs, 2)} ms, p95 ${fixed(a.completionP95Ms, 2)} ms; hover median ${fixed(a.hoverMedianMs, 2)} ms, p95 ${fixed(a.hoverP95Ms, 2)} ms`);
  }
  if (results.assist) {
    const a = results.assist;
    console.log(`completion: median ${fixed(a.completionMedianMs, 3)} ms, p95 ${fixed(a.completionP95Ms, 3)} ms; hover: median ${fixed(a.hoverMedianMs, 3)} ms, p95 ${fixed(a.hoverP95Ms, 3)} ms (${a.calls} calls each, in-process)`);
  }
  console.log('\ntargets:');
  for (const target of results.targets) console.log(`  ${target.pass ? 'PASS' : 'MISS'}  ${target.name.padEnd(38)} ${target.value.padStart(14)}   (target ${target.target})`);
  for (const error of results.errors) console.log(`  ERROR ${error}`);
}

async function main(): Promise<void> {
  const results: Results = {
    date: new Date().toISOString(),
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    loadAverage: { start: loadavg()[0] },
    errors: [],
    targets: [],
  };
  const workspace = mkdtempSync(join(tmpdir(), 'alphanode-bench-'));
  try {
    try {
      results.lsp = await benchServer(workspace);
    } catch (error) {
      results.errors.push(`LSP: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      benchCli(results, workspace);
    } catch (error) {
      results.errors.push(`CLI: ${error instanceof Error ? error.message : String(error)}`);
    }
    const attempt = async (name: string, run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        results.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await attempt('check at scale', () => (results.cliScale = benchCliScale(workspace)));
    await attempt('assist over LSP', async () => (results.assistLsp = await benchAssistLsp()));
    await attempt('assist', () => (results.assist = benchAssist()));
    await attempt('export', () => (results.export = benchExport()));
    await attempt('compare', () => (results.compare = benchCompare()));
    await attempt('yaml cost', () => (results.yamlCost = benchYamlCost()));
    // Adds its own target (latency while the background scan runs) and writes workspace.json.
    await attempt('workspace', async () => (results.workspace = await benchWorkspace(results)));
    await attempt('5 MB posts', async () => (results.largePosts = await benchLargePosts(workspace)));
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  results.loadAverage.end = loadavg()[0];
  judge(results);
  print(results);
  const out = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const { targets, errors, ...figures } = results;
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ ...figures, targets, errors }, null, 2)}\n`);
  console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
}

main()
  .catch((error) => console.error(error))
  .finally(() => {
    process.exitCode = 0;
  });

/**
 * `alphanode check` at repository scale, beside its anchor in the same run: 2,100 generated
 * posts, checked by markdownlint-cli2 (default rules, the devDependency) and by
 * `alphanode check --format json` cold, then with `--cache`: the run that fills it, a warm
 * re-run of the unchanged corpus, and a re-run after one post changed (which must check that
 * post only). Wall times of whole processes, startup included; on Linux also the CPU time of
 * each process (less skewed than wall time on a busy machine).
 *
 * A shared machine runs slower and faster by the minute, so the two ratios are taken in
 * ROUNDS rounds, each running markdownlint-cli2, the cold check and the warm one back to back:
 * a ratio is the median of its rounds' ratios, and each time shown the median of its runs.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePosts } from '../test/support/corpus';
import { REPO_ROOT } from '../test/support/fixtures';
import { CLI_JS } from '../test/support/lspClient';

export const SCALE_POSTS = 2_100;
const ROUNDS = 3;
export const SCALE_TARGETS = { coldVsMarkdownlint: 0.25, warmVsCold: 0.15 };
const MARKDOWNLINT = join(REPO_ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

interface Timed {
  wallMs: number;
  /** CPU time (user + system) of the process and its threads; undefined off Linux. */
  cpuMs?: number;
}

export interface CliScaleBench {
  posts: number;
  markdownlint: Timed & { version: string };
  cold: Timed;
  /** `--cache` with no cache yet: the cold run plus writing the cache. */
  cacheFill: Timed;
  warm: Timed;
  oneChanged: Timed & { checked: number; unchanged: number };
  coldVsMarkdownlint: number;
  warmVsCold: number;
}

/** CPU time of this process's waited-for children so far (ms), from /proc (Linux); undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 a second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function timed(args: string[], cwd: string): { run: SpawnSyncReturns<string> } & Timed {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (run.error) throw run.error;
  return { run, wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

function check(folder: string, ...args: string[]): { stderr: string } & Timed {
  const { run, wallMs, cpuMs } = timed([CLI_JS, 'check', '--format', 'json', ...args, '.'], folder);
  if (run.status !== 0) throw new Error(`alphanode check ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  const files = (JSON.parse(run.stdout) as { summary: { files: number } }).summary.files;
  if (files !== SCALE_POSTS) throw new Error(`alphanode check ${args.join(' ')} saw ${files} files, expected ${SCALE_POSTS}`);
  return { stderr: run.stderr, wallMs, cpuMs };
}

/** The run with the median wall time. */
function medianRun<T extends Timed>(runs: T[]): T {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export function benchCliScale(workspace: string): CliScaleBench {
  const folder = join(workspace, 'scale');
  mkdirSync(folder, { recursive: true });
  generatePosts(SCALE_POSTS, 2_100).forEach((text, i) => writeFileSync(join(folder, `${String(i).padStart(4, '0')}.post.md`), text));
  if (!existsSync(MARKDOWNLINT)) throw new Error(`markdownlint-cli2 is not installed (${MARKDOWNLINT}): run npm ci`);

  // markdownlint-cli2 exits 1 on its findings (our posts break a few of its default rules): that is a run.
  const lintRun = () => {
    const lint = timed([MARKDOWNLINT, '**/*.md'], folder);
    if (lint.run.status !== 0 && lint.run.status !== 1) throw new Error(`markdownlint-cli2 exited ${lint.run.status}: ${lint.run.stderr.slice(0, 500)}`);
    return lint;
  };
  // Filling the cache and the one-changed run can only happen once each; the cold runs leave the cache alone.
  const cacheFill = check(folder, '--cache');
  const rounds = Array.from({ length: ROUNDS }, () => ({ lint: lintRun(), cold: check(folder), warm: check(folder, '--cache') }));
  const lint = medianRun(rounds.map((round) => round.lint));
  const version = /markdownlint-cli2 (v\S+)/.exec(lint.run.stdout + lint.run.stderr)?.[1] ?? '?';
  const cold = medianRun(rounds.map((round) => round.cold));
  const warm = medianRun(rounds.map((round) => round.warm));
  // One post changes: a line appended to its body (it stays valid).
  appendFileSync(join(folder, '1000.post.md'), '\n');
  const changed = check(folder, '--cache');
  const note = /--cache: (\d+) files? checked, (\d+) unchanged/.exec(changed.stderr);
  if (!note) throw new Error(`no --cache note on stderr: ${changed.stderr.slice(0, 300)}`);
  return {
    posts: SCALE_POSTS,
    markdownlint: { wallMs: lint.wallMs, cpuMs: lint.cpuMs, version },
    cold: { wallMs: cold.wallMs, cpuMs: cold.cpuMs },
    cacheFill: { wallMs: cacheFill.wallMs, cpuMs: cacheFill.cpuMs },
    warm: { wallMs: warm.wallMs, cpuMs: warm.cpuMs },
    oneChanged: { wallMs: changed.wallMs, cpuMs: changed.cpuMs, checked: Number(note[1]), unchanged: Number(note[2]) },
    coldVsMarkdownlint: median(rounds.map((round) => round.cold.wallMs / round.lint.wallMs)),
    warmVsCold: median(rounds.map((round) => round.warm.wallMs / round.cold.wallMs)),
  };
}

export function printCliScale(bench: CliScaleBench): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const cpu = (value: Timed) => (value.cpuMs === undefined ? '' : ` (cpu ${ms(value.cpuMs)})`);
  console.log(`\ncheck at scale, ${bench.posts} posts (wall, startup incl.; ${ROUNDS} rounds of markdownlint-cli2, cold, warm: median times, median of the rounds' ratios):`);
  console.log(`  markdownlint-cli2 ${bench.markdownlint.version} (default rules) ${ms(bench.markdownlint.wallMs)}${cpu(bench.markdownlint)}`);
  console.log(`  alphanode check, cold               ${ms(bench.cold.wallMs)}${cpu(bench.cold)}  → ${bench.coldVsMarkdownlint.toFixed(2)}× markdownlint-cli2 (target ≤ ${SCALE_TARGETS.coldVsMarkdownlint})`);
  console.log(`  check --cache, filling the cache    ${ms(bench.cacheFill.wallMs)}${cpu(bench.cacheFill)}`);
  console.log(`  check --cache, warm, unchanged      ${ms(bench.warm.wallMs)}${cpu(bench.warm)}  → ${bench.warmVsCold.toFixed(3)}× cold (target ≤ ${SCALE_TARGETS.warmVsCold})`);
  console.log(`  check --cache, one post changed     ${ms(bench.oneChanged.wallMs)}${cpu(bench.oneChanged)}  → ${bench.oneChanged.checked} checked, ${bench.oneChanged.unchanged} from the cache (target: 1 checked)`);
}

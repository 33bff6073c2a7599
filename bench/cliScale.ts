/**
 * `alphanode check` at repository scale, beside its anchor in the same run: 2,100 generated
 * posts, checked by markdownlint-cli2 (default rules, the devDependency) and by
 * `alphanode check --format json` cold, then with `--cache`: the run that fills it, a warm
 * re-run of the unchanged corpus, and a re-run after one post changed (which must check that
 * post only). Wall times of whole processes, startup included (cold and warm: the median of three
 * runs); on Linux also the CPU time of
 * each process (less skewed than wall time on a busy machine).
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePosts } from '../test/support/corpus';
import { REPO_ROOT } from '../test/support/fixtures';
import { CLI_JS } from '../test/support/lspClient';

export const SCALE_POSTS = 2_100;
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

/** The run with the median wall time of three. */
function medianRun<T extends Timed>(run: () => T): T {
  return [run(), run(), run()].sort((a, b) => a.wallMs - b.wallMs)[1];
}

export function benchCliScale(workspace: string): CliScaleBench {
  const folder = join(workspace, 'scale');
  mkdirSync(folder, { recursive: true });
  generatePosts(SCALE_POSTS, 2_100).forEach((text, i) => writeFileSync(join(folder, `${String(i).padStart(4, '0')}.post.md`), text));
  if (!existsSync(MARKDOWNLINT)) throw new Error(`markdownlint-cli2 is not installed (${MARKDOWNLINT}): run npm ci`);

  // markdownlint-cli2 exits 1 on its findings (our posts break a few of its default rules): that is a run.
  const lint = timed([MARKDOWNLINT, '**/*.md'], folder);
  if (lint.run.status !== 0 && lint.run.status !== 1) throw new Error(`markdownlint-cli2 exited ${lint.run.status}: ${lint.run.stderr.slice(0, 500)}`);
  const version = /markdownlint-cli2 (v\S+)/.exec(lint.run.stdout + lint.run.stderr)?.[1] ?? '?';
  // Cold and warm runs are the median of three (a single run on a shared machine can be off by 2×);
  // filling the cache and the one-changed run can only happen once each.
  const cold = medianRun(() => check(folder));
  const cacheFill = check(folder, '--cache');
  const warm = medianRun(() => check(folder, '--cache'));
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
    coldVsMarkdownlint: cold.wallMs / lint.wallMs,
    warmVsCold: warm.wallMs / cold.wallMs,
  };
}

export function printCliScale(bench: CliScaleBench): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const cpu = (value: Timed) => (value.cpuMs === undefined ? '' : ` (cpu ${ms(value.cpuMs)})`);
  console.log(`\ncheck at scale, ${bench.posts} posts (wall, startup incl.):`);
  console.log(`  markdownlint-cli2 ${bench.markdownlint.version} (default rules) ${ms(bench.markdownlint.wallMs)}${cpu(bench.markdownlint)}`);
  console.log(`  alphanode check, cold               ${ms(bench.cold.wallMs)}${cpu(bench.cold)}  → ${bench.coldVsMarkdownlint.toFixed(2)}× markdownlint-cli2 (target ≤ ${SCALE_TARGETS.coldVsMarkdownlint})`);
  console.log(`  check --cache, filling the cache    ${ms(bench.cacheFill.wallMs)}${cpu(bench.cacheFill)}`);
  console.log(`  check --cache, warm, unchanged      ${ms(bench.warm.wallMs)}${cpu(bench.warm)}  → ${bench.warmVsCold.toFixed(3)}× cold (target ≤ ${SCALE_TARGETS.warmVsCold})`);
  console.log(`  check --cache, one post changed     ${ms(bench.oneChanged.wallMs)}${cpu(bench.oneChanged)}  → ${bench.oneChanged.checked} checked, ${bench.oneChanged.unchanged} from the cache (target: 1 checked)`);
}

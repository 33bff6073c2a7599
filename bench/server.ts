/**
 * The language server's own figures (issue 18 §4), on the built server (dist/server.js --stdio)
 * driven as the editor drives it:
 *
 *  (a) edit → publishDiagnostics latency: 200 incremental edits on a seed-sized post and 30 on
 *      a 1 MB post (break / fix `payload.paragraphs` alternately, each sent once the previous
 *      one's diagnostics arrived), then 30 on the 1 MB post's body (a paragraph's last word);
 *  (b) the server's peak RSS (VmHWM, /proc/<pid>/status) after initialize, after the seed run
 *      and after the 1 MB runs;
 *  (c) 5 MB posts (a huge checklist, a huge body, one 5 MB line): `alphanode check` wall time
 *      per post, and in the editor the time from the last keystroke of a typing burst to the
 *      diagnostics of its version.
 *
 * `node out/bench/server.js` runs it alone; bench/run.ts calls these and judges the targets.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bigPost } from '../test/support/corpus';
import { loadSeed } from '../test/support/fixtures';
import { CLI_JS, LspClient, replaceOnce } from '../test/support/lspClient';
import { mb, percentile, sleep } from './stats';

export const SERVER_TARGETS = {
  seedMedianMs: 3,
  bigMedianMs: 15,
  peakRssMb: 100,
  scanPeakRssMb: 100,
  largeCliMs: 2_000,
  largeEditorMs: 1_000,
};

const SEED_EDITS = 200;
const BIG_EDITS = 30;
const WARMUP_EDITS = 10;
const BIG_BYTES = 1_000_000;
const LARGE_BYTES = 5_000_000;
/** A typing burst on a 5 MB post: keystrokes this far apart, then the wait for its diagnostics. */
const LARGE_KEYS = 8;
const LARGE_KEY_INTERVAL_MS = 40;
const LARGE_BURSTS = 3;

export interface LatencyStats {
  edits: number;
  bytes: number;
  openMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  minMs: number;
}

export interface ServerBench {
  seed: LatencyStats;
  /** Edits of the 1 MB post's front matter (the body is unchanged). */
  big: LatencyStats;
  /** Edits of the 1 MB post's body (the front matter is unchanged). */
  bigBody: LatencyStats;
  peakRssAfterInitMb?: number;
  peakRssAfterSeedMb?: number;
  peakRssMb?: number;
  rssAfterRunsMb?: number;
}

export interface LargePost {
  name: string;
  bytes: number;
  /** `alphanode check --format json <file>`, wall time with startup. */
  cliMs: number;
  cliDiagnostics: number;
  /** didOpen → its diagnostics. */
  openMs: number;
  /** Per typing burst: last keystroke → the diagnostics of its version. */
  afterLastKeyMs: number[];
  peakRssMb?: number;
}

export type LargePostBench = LargePost[];

function stats(samples: number[], bytes: number, openMs: number): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { edits: samples.length, bytes, openMs, medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted[sorted.length - 1], minMs: sorted[0] };
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

/**
 * Times `edits` (after `warmup`) incremental edits of the open post that swap `good` and
 * `bad` alternately, each sent once the previous one's diagnostics arrived, from the
 * didChange to the publish of its version; `bad` must add exactly one diagnostic.
 */
async function timeEdits(client: LspClient, doc: { uri: string; text: string; version: number }, good: string, bad: string, edits: number, warmup: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + edits; i++) {
    const breaking = i % 2 === 0;
    const step = breaking ? replaceOnce(doc.text, good, bad) : replaceOnce(doc.text, bad, good);
    doc.text = step.text;
    const version = ++doc.version;
    const start = performance.now();
    await client.change(doc.uri, version, [step.change]);
    const publish = await client.waitForPublish((p) => p.uri === doc.uri && p.version === version, 30_000, `diagnostics for version ${version}`);
    if (publish.diagnostics.length !== (breaking ? 1 : 0)) throw new Error(`edit ${i}: expected ${breaking ? 1 : 0} diagnostics, got ${publish.diagnostics.map((d) => d.code).join(', ')}`);
    if (i >= warmup) samples.push(publish.at - start);
  }
  return samples;
}

async function openClean(client: LspClient, uri: string, text: string): Promise<{ doc: { uri: string; text: string; version: number }; openMs: number }> {
  const start = performance.now();
  await client.open(uri, text, 1);
  const opened = await client.waitForDiagnostics(uri, 1, 60_000);
  const openMs = performance.now() - start;
  if (opened.length !== 0) throw new Error(`${uri} is not clean on open: ${opened.map((d) => d.code).join(', ')}`);
  return { doc: { uri, text, version: 1 }, openMs };
}

/** `payload.paragraphs: N` ↔ `N + 1`: a front matter edit that adds one paragraph-count diagnostic. */
function paragraphsEdit(text: string): { good: string; bad: string } {
  const declared = /^ {2}paragraphs: (\d+)$/m.exec(text);
  if (!declared) throw new Error('no payload.paragraphs line');
  return { good: `  paragraphs: ${declared[1]}`, bad: `  paragraphs: ${Number(declared[1]) + 1}` };
}

/** The last `(extended note N.)` paragraph ↔ one with a second image: a body edit that adds one diagnostic (an image without a caption). */
function bodyEdit(text: string): { good: string; bad: string } {
  const notes = [...text.matchAll(/\(extended note \d+\.\)/g)];
  const good = notes[notes.length - 1]?.[0];
  if (!good) throw new Error('no extended note paragraph in the body');
  return { good, bad: `${good} ![](https://example.com/x.png)` };
}

export async function benchServer(workspace: string): Promise<ServerBench> {
  const client = await LspClient.start({ workspaceFolder: pathToFileURL(workspace).href });
  try {
    const peakRssAfterInitMb = mb(client.peakRss());
    const seedText = loadSeed('000');
    const seedOpen = await openClean(client, pathToFileURL(join(workspace, 'posts', 'seed.post.md')).href, seedText);
    const seedEdit = paragraphsEdit(seedText);
    const seedSamples = await timeEdits(client, seedOpen.doc, seedEdit.good, seedEdit.bad, SEED_EDITS, WARMUP_EDITS);
    await client.close(seedOpen.doc.uri);
    const peakRssAfterSeedMb = mb(client.peakRss());

    const bigText = bigPost(BIG_BYTES);
    const bigOpen = await openClean(client, pathToFileURL(join(workspace, 'posts', 'big.post.md')).href, bigText);
    const metaEdit = paragraphsEdit(bigText);
    const bigSamples = await timeEdits(client, bigOpen.doc, metaEdit.good, metaEdit.bad, BIG_EDITS, 2);
    const body = bodyEdit(bigOpen.doc.text);
    const bigBodySamples = await timeEdits(client, bigOpen.doc, body.good, body.bad, BIG_EDITS, 2);
    await client.close(bigOpen.doc.uri);
    const bytes = Buffer.byteLength(bigText, 'utf8');
    const result: ServerBench = {
      seed: stats(seedSamples, Buffer.byteLength(seedText, 'utf8'), seedOpen.openMs),
      big: stats(bigSamples, bytes, bigOpen.openMs),
      bigBody: stats(bigBodySamples, bytes, bigOpen.openMs),
      peakRssAfterInitMb,
      peakRssAfterSeedMb,
      peakRssMb: mb(client.peakRss()),
      rssAfterRunsMb: mb(client.currentRss()),
    };
    await client.shutdown();
    return result;
  } finally {
    client.kill();
  }
}

/** The seed post's front matter and body, LF line breaks. */
function seedParts(): { front: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(loadSeed('000').replace(/\r\n?/g, '\n'));
  if (!match) throw new Error('seed 000 has no front matter');
  return { front: match[1], body: match[2] };
}

/** Three 5 MB posts, each with where an author types in it (`at`: a string the keystrokes follow). */
export function largePosts(bytes = LARGE_BYTES): Array<{ name: string; text: string; at: string }> {
  const { front, body } = seedParts();
  const item = (i: number) => `verify step number ${i} of the rollout plan carefully`;
  const itemCount = Math.ceil(bytes / (2 * (item(100_000).length + 4)));
  const items = Array.from({ length: itemCount }, (_, i) => item(i));
  const checklistMeta = front.replace(/^checklist:\n(?: {2}- .*\n)+/m, `checklist:\n${items.map((text) => `  - ${text}`).join('\n')}\n`);
  const checklistBody = body.replace(/(## implementation checklist\n\n)(?:- .*\n)+/, `$1${items.map((text) => `- ${text}`).join('\n')}\n`);
  const paragraph = (i: number) => `paragraph ${i} explains one more careful step of the change, the command used and the metric that improved, so that another developer can repeat it safely.`;
  const paragraphs = Array.from({ length: Math.ceil(bytes / (paragraph(100_000).length + 2)) }, (_, i) => `\n${paragraph(i)}\n`).join('');
  const words = 'one very long line of prose that never breaks '.repeat(Math.ceil(bytes / 46));
  const title = /^summary: .*$/m.exec(front)?.[0];
  if (!title) throw new Error('seed 000 has no summary line');
  return [
    // Typing in the front matter: the huge meta is parsed again on each keystroke.
    { name: '5 MB checklist (typing in the meta)', text: `---\n${checklistMeta}\n---\n${checklistBody}`, at: title },
    { name: '5 MB body (typing in the body)', text: `---\n${front}\n---\n${body}${paragraphs}`, at: paragraph(Math.floor(bytes / 400)) },
    { name: 'one 5 MB line (typing in it)', text: `---\n${front}\n---\n${body}\n${words}last word\n`, at: ' never breaks last word' },
  ];
}

export async function benchLargePosts(workspace: string): Promise<LargePostBench> {
  const folder = join(workspace, 'large');
  mkdirSync(folder, { recursive: true });
  const results: LargePostBench = [];
  for (const [i, post] of largePosts().entries()) {
    const path = join(folder, `large-${i}.post.md`);
    writeFileSync(path, post.text);
    const start = performance.now();
    const run = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', path], { cwd: workspace, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const cliMs = performance.now() - start;
    if (run.error) throw run.error;
    const report = JSON.parse(run.stdout) as { summary: { errors: number; warnings: number; infos?: number } };
    const cliDiagnostics = report.summary.errors + report.summary.warnings + (report.summary.infos ?? 0);

    const client = await LspClient.start({ workspaceFolder: pathToFileURL(workspace).href });
    try {
      const uri = pathToFileURL(path).href;
      const openStart = performance.now();
      await client.open(uri, post.text, 1);
      await client.waitForDiagnostics(uri, 1, 60_000);
      const openMs = performance.now() - openStart;
      let text = post.text;
      let version = 1;
      const afterLastKeyMs: number[] = [];
      for (let burst = 0; burst < LARGE_BURSTS; burst++) {
        let lastKeyAt = 0;
        for (let key = 0; key < LARGE_KEYS; key++) {
          const step = replaceOnce(text, post.at, `${post.at}x`);
          text = step.text;
          post.at = `${post.at}x`;
          lastKeyAt = performance.now();
          await client.change(uri, ++version, [step.change]);
          if (key < LARGE_KEYS - 1) await sleep(LARGE_KEY_INTERVAL_MS);
        }
        const target = version;
        const publish = await client.waitForPublish((p) => p.uri === uri && p.version === target, 60_000, `diagnostics for version ${target}`);
        afterLastKeyMs.push(publish.at - lastKeyAt);
        await sleep(200);
      }
      results.push({ name: post.name, bytes: Buffer.byteLength(post.text, 'utf8'), cliMs, cliDiagnostics, openMs, afterLastKeyMs, peakRssMb: mb(client.peakRss()) });
      await client.shutdown(10_000);
    } finally {
      client.kill();
    }
  }
  return results;
}

export function printServer(r: ServerBench): void {
  const row = (name: string, s: LatencyStats) => `  ${name.padEnd(36)} ${String(s.edits).padStart(4)} edits  ${(s.bytes >= 1e6 ? `${fixed(s.bytes / 1e6, 2)} MB` : `${fixed(s.bytes / 1e3)} kB`).padStart(8)}  open ${fixed(s.openMs).padStart(7)} ms  median ${fixed(s.medianMs, 2).padStart(6)} ms  p95 ${fixed(s.p95Ms, 2).padStart(6)} ms  max ${fixed(s.maxMs, 2).padStart(6)} ms`;
  console.log('\nlanguage server, edit → publishDiagnostics:');
  console.log(row('seed post, front matter edits', r.seed));
  console.log(row('1 MB post, front matter edits', r.big));
  console.log(row('1 MB post, body edits', r.bigBody));
  console.log(`  peak RSS (VmHWM): ${fixed(r.peakRssAfterInitMb)} MB after initialize, ${fixed(r.peakRssAfterSeedMb)} MB after the seed run, ${fixed(r.peakRssMb)} MB after the 1 MB runs (current RSS then ${fixed(r.rssAfterRunsMb)} MB)`);
}

export function printLargePosts(r: LargePostBench): void {
  console.log('\n5 MB posts: `alphanode check` wall time; in the editor, didOpen → diagnostics and last keystroke → diagnostics of its version:');
  for (const post of r) {
    console.log(`  ${post.name.padEnd(38)} ${fixed(post.bytes / 1e6, 2)} MB  CLI ${fixed(post.cliMs, 0).padStart(5)} ms (${post.cliDiagnostics} diagnostics)  open ${fixed(post.openMs, 0).padStart(5)} ms  after last key ${post.afterLastKeyMs.map((ms) => fixed(ms, 0)).join(' / ')} ms  peak RSS ${fixed(post.peakRssMb)} MB`);
  }
}

if (require.main === module) {
  const workspace = mkdtempSync(join(tmpdir(), 'alphanode-bench-server-'));
  const only = process.argv[2];
  (async () => {
    if (only !== 'large') printServer(await benchServer(workspace));
    if (only !== 'edits') printLargePosts(await benchLargePosts(workspace));
  })()
    .catch((error) => console.error(error))
    .finally(() => {
      rmSync(workspace, { recursive: true, force: true });
    });
}

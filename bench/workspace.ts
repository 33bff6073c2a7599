/**
 * Workspace diagnostics under load: 2,000 generated posts in a temporary workspace, served to
 * the real server (dist/server.js --stdio) by a client that answers `alphanode/findFiles` and
 * `alphanode/readFile` from disk (test/support/fileAccess.ts), as the VS Code client does.
 *
 *  (a) background validation: from `initialized` until every post has been published (cold),
 *      and again while the user types (a rescan, triggered by a settings change);
 *  (b) edit-to-diagnostics latency on an open post, idle (scan finished) and during the scan:
 *      typing (bursts of TYPING_BURST keystrokes TYPING_INTERVAL_MS apart, then a THINK_MS
 *      thinking pause, in which the scan runs: the first keystroke after it lands on a running
 *      scan), and back to back (each edit sent as soon as the previous one's diagnostics
 *      arrived, as bench/run.ts does).
 *
 * Target: the typing median during the scan stays within 2× of the idle median.
 * `node out/bench/workspace.js` runs it alone; bench/run.ts can call benchWorkspace().
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generatePosts } from '../test/support/corpus';
import { fsFileAccess } from '../test/support/fileAccess';
import { loadSeed, REPO_ROOT } from '../test/support/fixtures';
import { LspClient, replaceOnce } from '../test/support/lspClient';
import { mb, percentile, sleep } from './stats';

const POSTS = 2_000;
const TYPING_EDITS = 60;
const TYPING_INTERVAL_MS = 100;
const TYPING_BURST = 10;
const THINK_MS = 1_000;
const BURST_EDITS = 60;
/**
 * The fewest typing edits that must land while the scan runs for its median to count. The
 * scan of 2,000 posts now takes 3–4 s, so about 20 of the 60 (a burst of 10 keys, a pause,
 * another burst) overlap it; 15 still give a median.
 */
const MIN_OVERLAPPING_EDITS = 15;
const MAX_RATIO = 2;

interface Latency {
  edits: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface WorkspaceBenchResults {
  posts: number;
  coldScanMs: number;
  coldPostsPerSecond: number;
  scanWhileTypingMs: number;
  progressReports: number;
  idle: { typing: Latency; firstAfterThinking: Latency; burst: Latency };
  duringScan: { typing: Latency; firstAfterThinking: Latency; burst: Latency; typingEditsDuringScan: number; burstEditsDuringScan: number };
  typingRatio: number;
  burstRatio: number;
  peakRssMb?: number;
  rssAfterScanMb?: number;
}

interface Judged {
  errors: string[];
  targets: Array<{ name: string; target: string; value: string; pass: boolean }>;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { edits: samples.length, medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted[sorted.length - 1] };
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

/** Resolves when every URI of `uris` has a publish after `mark` (polling), with the time of the last one. */
async function waitForAll(client: LspClient, uris: Set<string>, mark: number, timeoutMs: number): Promise<number> {
  const seen = new Set<string>();
  let scanned = mark;
  let lastAt = 0;
  const deadline = performance.now() + timeoutMs;
  while (seen.size < uris.size) {
    for (; scanned < client.publishes.length; scanned++) {
      const publish = client.publishes[scanned];
      if (uris.has(publish.uri) && !seen.has(publish.uri)) {
        seen.add(publish.uri);
        lastAt = publish.at;
      }
    }
    if (seen.size === uris.size) break;
    if (performance.now() > deadline) throw new Error(`only ${seen.size} of ${uris.size} posts published within ${timeoutMs} ms`);
    await sleep(10);
  }
  return lastAt;
}

/**
 * Edits `payload.paragraphs` of the open post (break / fix alternately), each timed from
 * the didChange to the publish of its version; `intervalMs` apart (0: back to back), with a
 * `thinkMs` pause after every `burst` edits.
 */
async function edits(client: LspClient, doc: { uri: string; text: string; version: number }, count: number, intervalMs: number, burst = Infinity, thinkMs = 0): Promise<Array<{ startedAt: number; ms: number; afterThinking: boolean }>> {
  const declared = /^ {2}paragraphs: (\d+)$/m.exec(doc.text);
  if (!declared) throw new Error('no payload.paragraphs line');
  const good = `  paragraphs: ${declared[1]}`;
  const bad = `  paragraphs: ${Number(declared[1]) + 1}`;
  const samples: Array<{ startedAt: number; ms: number; afterThinking: boolean }> = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % burst === 0) await sleep(thinkMs);
    const breaking = !doc.text.includes(bad);
    const step = breaking ? replaceOnce(doc.text, good, bad) : replaceOnce(doc.text, bad, good);
    doc.text = step.text;
    const version = ++doc.version;
    const startedAt = performance.now();
    await client.change(doc.uri, version, [step.change]);
    const publish = await client.waitForPublish((p) => p.uri === doc.uri && p.version === version, 30_000, `diagnostics for version ${version}`);
    if (publish.diagnostics.length !== (breaking ? 1 : 0)) throw new Error(`edit ${i}: expected ${breaking ? 1 : 0} diagnostics, got ${publish.diagnostics.map((d) => d.code).join(', ')}`);
    samples.push({ startedAt, ms: publish.at - startedAt, afterThinking: i % burst === 0 });
    const wait = intervalMs - (performance.now() - startedAt);
    if (wait > 0) await sleep(wait);
  }
  return samples;
}

export async function benchWorkspace(judged?: Judged): Promise<WorkspaceBenchResults> {
  const workspace = mkdtempSync(join(tmpdir(), 'alphanode-bench-workspace-'));
  const folderUri = pathToFileURL(workspace).href;
  let client: LspClient | undefined;
  try {
    mkdirSync(join(workspace, 'posts'), { recursive: true });
    const corpus = new Set<string>();
    generatePosts(POSTS, 4_242).forEach((text, i) => {
      const path = join(workspace, 'posts', `${String(i).padStart(4, '0')}.post.md`);
      writeFileSync(path, text);
      corpus.add(pathToFileURL(path).href);
    });
    const openPath = join(workspace, 'open.post.md');
    const openText = loadSeed('000');
    writeFileSync(openPath, openText);
    const doc = { uri: pathToFileURL(openPath).href, text: openText, version: 1 };

    // (a) cold scan, nothing open.
    const access = fsFileAccess();
    const started = performance.now();
    client = await LspClient.start({ workspaceFolder: folderUri, handlers: access.handlers, workDoneProgress: true, startTimeout: 30_000 });
    const coldEnd = await waitForAll(client, corpus, 0, 300_000);
    const coldScanMs = coldEnd - started;
    const progressReports = client.notifications.filter((n) => n.method === '$/progress').length;
    const rssAfterScanMb = mb(client.currentRss());
    await sleep(300);

    // (b) idle latency: the scan is over.
    await client.open(doc.uri, doc.text, 1);
    await client.waitForDiagnostics(doc.uri, 1, 30_000);
    await sleep(200);
    const idleTyping = await edits(client, doc, TYPING_EDITS, TYPING_INTERVAL_MS, TYPING_BURST, THINK_MS);
    const idleBurst = await edits(client, doc, BURST_EDITS, 0);

    // (b) during a scan: a settings change makes the server find and validate every post again.
    const rescanMark = client.publishes.length;
    const rescanStart = performance.now();
    await client.changeSettings(null);
    await client.waitForPublish((p) => p.seq >= rescanMark && corpus.has(p.uri), 30_000, 'the first post of the rescan');
    const scanDone = waitForAll(client, corpus, rescanMark, 600_000);
    let scanEnd = Infinity;
    void scanDone.then((at) => {
      scanEnd = at;
    });
    // Back to back first: it pauses the scan (typing goes first), so the typing series still overlaps it.
    const busyBurst = await edits(client, doc, BURST_EDITS, 0);
    const busyTyping = await edits(client, doc, TYPING_EDITS, TYPING_INTERVAL_MS, TYPING_BURST, THINK_MS);
    const scanWhileTypingMs = (await scanDone) - rescanStart;
    type Sample = { startedAt: number; ms: number; afterThinking: boolean };
    const during = (samples: Sample[]) => samples.filter((sample) => sample.startedAt + sample.ms < scanEnd).map((sample) => sample.ms);
    const typingDuring = during(busyTyping);
    const burstDuring = during(busyBurst);
    const firstAfterThinking = (samples: Sample[]) => latency(samples.filter((sample) => sample.afterThinking && sample.startedAt > 0).map((sample) => sample.ms));
    const firstDuring = busyTyping.filter((sample) => sample.afterThinking && sample.startedAt + sample.ms < scanEnd);

    const idle = { typing: latency(idleTyping.map((s) => s.ms)), firstAfterThinking: firstAfterThinking(idleTyping), burst: latency(idleBurst.map((s) => s.ms)) };
    const duringScan = {
      typing: latency(typingDuring.length > 0 ? typingDuring : busyTyping.map((s) => s.ms)),
      firstAfterThinking: firstAfterThinking(firstDuring.length > 0 ? firstDuring : busyTyping),
      burst: latency(burstDuring.length > 0 ? burstDuring : busyBurst.map((s) => s.ms)),
      typingEditsDuringScan: typingDuring.length,
      burstEditsDuringScan: burstDuring.length,
    };
    const results: WorkspaceBenchResults = {
      posts: POSTS,
      coldScanMs,
      coldPostsPerSecond: POSTS / (coldScanMs / 1000),
      scanWhileTypingMs,
      progressReports,
      idle,
      duringScan,
      typingRatio: duringScan.typing.medianMs / idle.typing.medianMs,
      burstRatio: duringScan.burst.medianMs / idle.burst.medianMs,
      peakRssMb: mb(client.peakRss()),
      rssAfterScanMb,
    };
    await client.shutdown(5_000);
    print(results);
    if (judged) {
      judged.targets.push({
        name: 'workspace scan: typing latency ratio',
        target: `≤ ${MAX_RATIO}× idle`,
        value: `${fixed(results.typingRatio, 2)}×`,
        pass: results.typingRatio <= MAX_RATIO && typingDuring.length >= MIN_OVERLAPPING_EDITS,
      });
      if (typingDuring.length < MIN_OVERLAPPING_EDITS) judged.errors.push(`workspace: only ${typingDuring.length} of ${TYPING_EDITS} typing edits overlapped the scan`);
    }
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench', 'results', 'workspace.json'), `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
    return results;
  } finally {
    client?.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}

function print(r: WorkspaceBenchResults): void {
  const row = (name: string, l: Latency, extra = '') => `  ${name.padEnd(34)} median ${fixed(l.medianMs, 2).padStart(7)} ms   p95 ${fixed(l.p95Ms, 2).padStart(7)} ms   max ${fixed(l.maxMs, 2).padStart(7)} ms   (${l.edits} edits${extra})`;
  console.log(`\nworkspace diagnostics, ${r.posts} generated posts (typing: bursts of ${TYPING_BURST} keys ${TYPING_INTERVAL_MS} ms apart, ${THINK_MS} ms pauses)`);
  console.log(`  background validation, cold:       ${fixed(r.coldScanMs, 0)} ms → ${fixed(r.coldPostsPerSecond, 0)} posts/s (${r.progressReports} $/progress notifications)`);
  console.log(`  background validation while typing: ${fixed(r.scanWhileTypingMs, 0)} ms`);
  console.log(row('idle, typing', r.idle.typing));
  console.log(row('during the scan, typing', r.duringScan.typing, `, ${r.duringScan.typingEditsDuringScan} while it ran`));
  console.log(row('idle, first key after a pause', r.idle.firstAfterThinking));
  console.log(row('during the scan, first key after', r.duringScan.firstAfterThinking));
  console.log(row('idle, back to back', r.idle.burst));
  console.log(row('during the scan, back to back', r.duringScan.burst, `, ${r.duringScan.burstEditsDuringScan} while it ran`));
  console.log(`  ratio during/idle (median): typing ${fixed(r.typingRatio, 2)}×, back to back ${fixed(r.burstRatio, 2)}× (target ≤ ${MAX_RATIO}× for typing)`);
  console.log(`  server RSS after the cold scan ${fixed(r.rssAfterScanMb)} MB, peak (VmHWM) ${fixed(r.peakRssMb)} MB`);
}

if (require.main === module) {
  const judged: Judged = { errors: [], targets: [] };
  benchWorkspace(judged)
    .then(() => {
      for (const target of judged.targets) console.log(`  ${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${target.value} (target ${target.target})`);
      for (const error of judged.errors) console.log(`  ERROR ${error}`);
    })
    .catch((error) => console.error(error))
    .finally(() => {
      process.exitCode = 0;
    });
}

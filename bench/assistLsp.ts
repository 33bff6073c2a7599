/**
 * Editor assists over LSP: `textDocument/completion` and `textDocument/hover` round trips on
 * the built server (dist/server.js --stdio) for a seed-sized post, each request sent once the
 * previous one was answered and timed from send to response (JSON-RPC framing, the server's
 * post check and the assist itself). Positions stride through the front matter (start,
 * middle and end of each line), where the assists do their work; bench/assist.ts measures
 * the same functions in-process.
 *
 * `node out/bench/assistLsp.js` prints the figures; bench/run.ts can call benchAssistLsp().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CompletionItem, CompletionRequest, Hover, HoverRequest, Position } from 'vscode-languageserver-protocol/node';
import { loadSeed } from '../test/support/fixtures';
import { LspClient } from '../test/support/lspClient';
import { percentile } from './stats';

/** The LSP edit → publish target of a seed-sized post (bench/run.ts): a request round trip must not be slower. */
export const ASSIST_LSP_TARGET_MEDIAN_MS = 15;
const REQUESTS = 200;
const WARMUP = 20;

export interface AssistLspBench {
  requests: number;
  bytes: number;
  completionMedianMs: number;
  completionP95Ms: number;
  completionMaxMs: number;
  hoverMedianMs: number;
  hoverP95Ms: number;
  hoverMaxMs: number;
  /** How many of the timed requests had an answer (a check that the positions exercise the assists). */
  completionsWithItems: number;
  hoversWithContent: number;
}

/** Start, middle and end of each front matter line (between the `---` lines). */
function metaPositions(text: string): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  const close = lines.indexOf('---', 1);
  const result: Position[] = [];
  for (let line = 1; line < close; line++) {
    for (const character of new Set([0, Math.floor(lines[line].length / 2), lines[line].length])) result.push({ line, character });
  }
  return result;
}

async function timed<T>(request: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await request();
  return { ms: performance.now() - start, result };
}

export async function benchAssistLsp(requests = REQUESTS): Promise<AssistLspBench> {
  const workspace = mkdtempSync(join(tmpdir(), 'alphanode-bench-assist-'));
  const client = await LspClient.start({ workspaceFolder: pathToFileURL(workspace).href });
  try {
    const text = loadSeed('000');
    const uri = pathToFileURL(join(workspace, 'posts', 'seed.post.md')).href;
    await client.open(uri, text, 1);
    const diagnostics = await client.waitForDiagnostics(uri, 1, 30_000);
    if (diagnostics.length !== 0) throw new Error(`the seed is not clean: ${diagnostics.map((d) => d.code).join(', ')}`);
    const spots = metaPositions(text);
    const at = (i: number) => spots[(i * 7) % spots.length]; // a stride through the meta, not line by line
    const textDocument = { uri };
    const completion = (position: Position) => client.connection.sendRequest(CompletionRequest.type, { textDocument, position }) as Promise<CompletionItem[] | null>;
    const hover = (position: Position) => client.connection.sendRequest(HoverRequest.type, { textDocument, position }) as Promise<Hover | null>;

    for (let i = 0; i < WARMUP; i++) {
      await completion(at(i));
      await hover(at(i));
    }
    const completionMs: number[] = [];
    const hoverMs: number[] = [];
    let completionsWithItems = 0;
    let hoversWithContent = 0;
    for (let i = 0; i < requests; i++) {
      const position = at(WARMUP + i);
      const items = await timed(() => completion(position));
      completionMs.push(items.ms);
      if ((items.result ?? []).length > 0) completionsWithItems++;
      const result = await timed(() => hover(position));
      hoverMs.push(result.ms);
      if (result.result) hoversWithContent++;
    }
    await client.shutdown();
    completionMs.sort((a, b) => a - b);
    hoverMs.sort((a, b) => a - b);
    return {
      requests,
      bytes: Buffer.byteLength(text, 'utf8'),
      completionMedianMs: percentile(completionMs, 0.5),
      completionP95Ms: percentile(completionMs, 0.95),
      completionMaxMs: completionMs[completionMs.length - 1],
      hoverMedianMs: percentile(hoverMs, 0.5),
      hoverP95Ms: percentile(hoverMs, 0.95),
      hoverMaxMs: hoverMs[hoverMs.length - 1],
      completionsWithItems,
      hoversWithContent,
    };
  } finally {
    client.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchAssistLsp().then(
    (result) => {
      const ms = (value: number) => `${value.toFixed(2)} ms`;
      console.log(`LSP round trips on a ${(result.bytes / 1000).toFixed(1)} kB seed post, ${result.requests} requests each, front matter positions:`);
      console.log(`  textDocument/completion: median ${ms(result.completionMedianMs)}, p95 ${ms(result.completionP95Ms)}, max ${ms(result.completionMaxMs)} (${result.completionsWithItems} with items)`);
      console.log(`  textDocument/hover:      median ${ms(result.hoverMedianMs)}, p95 ${ms(result.hoverP95Ms)}, max ${ms(result.hoverMaxMs)} (${result.hoversWithContent} with content)`);
      const pass = result.completionMedianMs <= ASSIST_LSP_TARGET_MEDIAN_MS && result.hoverMedianMs <= ASSIST_LSP_TARGET_MEDIAN_MS;
      console.log(`${pass ? 'PASS' : 'MISS'}  median ≤ ${ASSIST_LSP_TARGET_MEDIAN_MS} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

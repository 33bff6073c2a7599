/**
 * Editor assists in-process: completePost and hoverPost on a parsed seed post, each call
 * timed alone, at positions spread over the whole post (every front matter line at its
 * start, middle and end, the rollback note, and body lines, which answer at once). The
 * post is parsed and validated once, as the server does per document version.
 *
 * `node out/bench/assist.js` prints the figures; bench/run.ts can call benchAssist().
 */
import { performance } from 'node:perf_hooks';
import type { Position } from 'vscode-languageserver-types';
import { completePost, DEFAULT_TEMPLATE, hoverPost, parsePost } from '../server/src/service';
import { loadSeed, TODAY } from '../test/support/fixtures';
import { percentile } from './stats';

export const ASSIST_TARGET_MEDIAN_MS = 10;
const CALLS = 500;
const WARMUP = 50;

export interface AssistBench {
  calls: number;
  completionMedianMs: number;
  completionP95Ms: number;
  hoverMedianMs: number;
  hoverP95Ms: number;
  /** The same, over the calls inside the front matter alone (body positions answer at once and flatter the median). */
  completionMetaMedianMs: number;
  hoverMetaMedianMs: number;
  /** How many of the timed completion calls returned items (a check that the positions exercise something). */
  completionsWithItems: number;
  hoversWithContent: number;
}

/** Start, middle and end of each line: the front matter and the rollback note first, then the body. */
function positions(text: string): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  const result: Position[] = [];
  lines.forEach((line, i) => {
    for (const character of new Set([0, Math.floor(line.length / 2), line.length])) result.push({ line: i, character });
  });
  return result;
}

export function benchAssist(calls = CALLS): AssistBench {
  const text = loadSeed('000');
  const post = parsePost(text);
  const options = { template: DEFAULT_TEMPLATE, today: TODAY };
  const spots = positions(text);
  const at = (i: number) => spots[(i * 7) % spots.length]; // a stride through the post, not line by line

  for (let i = 0; i < WARMUP; i++) {
    completePost(post, at(i), options);
    hoverPost(post, at(i), options);
  }
  const completion: number[] = [];
  const hover: number[] = [];
  const metaCompletion: number[] = [];
  const metaHover: number[] = [];
  const closeLine = post.frontMatter?.closeLine ?? 0;
  let completionsWithItems = 0;
  let hoversWithContent = 0;
  for (let i = 0; i < calls; i++) {
    const position = at(i);
    let start = performance.now();
    const items = completePost(post, position, options);
    completion.push(performance.now() - start);
    start = performance.now();
    const result = hoverPost(post, position, options);
    hover.push(performance.now() - start);
    if (position.line < closeLine) {
      metaCompletion.push(completion[completion.length - 1]);
      metaHover.push(hover[hover.length - 1]);
    }
    if (items.length > 0) completionsWithItems++;
    if (result) hoversWithContent++;
  }
  for (const samples of [completion, hover, metaCompletion, metaHover]) samples.sort((a, b) => a - b);
  return {
    calls,
    completionMedianMs: percentile(completion, 0.5),
    completionP95Ms: percentile(completion, 0.95),
    hoverMedianMs: percentile(hover, 0.5),
    hoverP95Ms: percentile(hover, 0.95),
    completionMetaMedianMs: percentile(metaCompletion, 0.5),
    hoverMetaMedianMs: percentile(metaHover, 0.5),
    completionsWithItems,
    hoversWithContent,
  };
}

if (require.main === module) {
  const result = benchAssist();
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  console.log(`completePost over ${result.calls} calls: median ${ms(result.completionMedianMs)}, p95 ${ms(result.completionP95Ms)} (${result.completionsWithItems} with items)`);
  console.log(`hoverPost over ${result.calls} calls:    median ${ms(result.hoverMedianMs)}, p95 ${ms(result.hoverP95Ms)} (${result.hoversWithContent} with content)`);
  console.log(`front matter positions only: completion median ${ms(result.completionMetaMedianMs)}, hover median ${ms(result.hoverMetaMedianMs)}`);
  const pass = result.completionMedianMs <= ASSIST_TARGET_MEDIAN_MS && result.hoverMedianMs <= ASSIST_TARGET_MEDIAN_MS;
  console.log(`${pass ? 'PASS' : 'MISS'}  median ≤ ${ASSIST_TARGET_MEDIAN_MS} ms`);
}

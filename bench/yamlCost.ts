/**
 * Cost against input size (issue 13, "linear costs"): each case is timed at growing sizes,
 * and the ratio of times is printed next to the ratio of sizes, so linearity shows (a
 * quadratic cost would show a time ratio of the size ratio squared).
 *
 *  - keys: parsePost + validatePost on the seed post with N extra keys in its front matter
 *    (each an unknown key: the worst case, one diagnostic and one suggestion search each);
 *  - checklist: a checklist of N items in the meta and the same N in the body (~5 MB at the
 *    top size);
 *  - body: N prose paragraphs (~5 MB at the top size);
 *  - template: parseTemplate on a template of N checklist presets, and of N unknown keys;
 *  - nesting: a front matter of 3,000 nested lists (refused at the depth cap, fast);
 *  - render: renderMetaBox (the preview, `render --format html`) of the keys case, with its
 *    diagnostics (one per key, each placed on its field); parse and validation not timed.
 *
 * In-process, one run per size after a warm-up. `node out/bench/yamlCost.js` runs it
 * alone; bench/run.ts calls benchYamlCost().
 */
import { performance } from 'node:perf_hooks';
import { parsePost, renderMetaBox, validatePost } from '../server/src/service';
import { parseTemplate } from '../server/src/service/workspace/templateSchema';
import { loadSeed } from '../test/support/fixtures';

export interface CostStep {
  size: number;
  bytes: number;
  ms: number;
  diagnostics: number;
}

export interface CostCase {
  name: string;
  unit: string;
  steps: CostStep[];
}

export type YamlCostBench = CostCase[];

function seedParts(): { front: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(loadSeed('000').replace(/\r\n?/g, '\n'));
  if (!match) throw new Error('seed 000 has no front matter');
  return { front: match[1], body: match[2] };
}

function timePost(text: string): { ms: number; diagnostics: number } {
  const start = performance.now();
  const diagnostics = validatePost(parsePost(text)).length;
  return { ms: performance.now() - start, diagnostics };
}

function timeTemplate(text: string): { ms: number; diagnostics: number } {
  const start = performance.now();
  const diagnostics = parseTemplate(text).diagnostics.length;
  return { ms: performance.now() - start, diagnostics };
}

function timeRender(text: string): { ms: number; diagnostics: number } {
  const post = parsePost(text);
  const diagnostics = validatePost(post);
  const start = performance.now();
  renderMetaBox(post, diagnostics, { today: '2026-01-01', allowRemoteImages: false });
  return { ms: performance.now() - start, diagnostics: diagnostics.length };
}

function run(name: string, unit: string, sizes: number[], build: (size: number) => string, time: (text: string) => { ms: number; diagnostics: number }): CostCase {
  time(build(sizes[0])); // warm-up
  const steps = sizes.map((size) => {
    const text = build(size);
    return { size, bytes: text.length, ...time(text) };
  });
  return { name, unit, steps };
}

export function benchYamlCost(): YamlCostBench {
  const { front, body } = seedParts();
  const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');
  const withChecklist = (count: number) => {
    const items = Array.from({ length: count }, (_, i) => `verify step number ${i} of the rollout plan carefully`);
    const meta = front.replace(/^checklist:\n(?: {2}- .*\n)+/m, `checklist:\n${items.map((item) => `  - ${item}`).join('\n')}\n`);
    const text = body.replace(/(## implementation checklist\n\n)(?:- .*\n)+/, `$1${items.map((item) => `- ${item}`).join('\n')}\n`);
    return `---\n${meta}\n---\n${text}`;
  };
  const withKeys = (n: number) => `---\n${front}\n${lines(n, (i) => `extra_key_${i}: ${i}`)}\n---\n${body}`;
  const cases: CostCase[] = [
    run('validatePost, N extra keys', 'keys', [2_000, 20_000, 100_000], withKeys, timePost),
    run('validatePost, checklist of N items (meta + body)', 'items', [4_250, 42_500], withChecklist, timePost),
    run('validatePost, body of N paragraphs', 'paragraphs', [3_200, 32_000], (n) => `---\n${front}\n---\n${body}\n${lines(n, (i) => `\nparagraph ${i} explains one more careful step of the change, the command used and the metric that improved, so that another developer can repeat it safely.`)}`, timePost),
    run('parseTemplate, N checklist presets', 'presets', [3_000, 30_000], (n) => `checklists:\n${lines(n, (i) => `  preset_${i}: [review the plan, ship it]`)}\n`, timeTemplate),
    run('parseTemplate, N unknown keys', 'keys', [3_000, 30_000], (n) => lines(n, (i) => `unknown_${i}: 1`), timeTemplate),
    run('validatePost, N nested lists (refused at depth 64)', 'levels', [3_000, 30_000], (n) => `---\n${front}\ndeep:\n${'- '.repeat(n)}x\n---\n${body}`, timePost),
    run('renderMetaBox, N extra keys (a diagnostic on each)', 'keys', [2_000, 20_000, 100_000], withKeys, timeRender),
  ];
  print(cases);
  return cases;
}

function print(cases: CostCase[]): void {
  console.log('\ncost against size (each step: ms, and time ratio / size ratio against the previous step; linear ≈ equal ratios):');
  for (const c of cases) {
    console.log(`  ${c.name}`);
    c.steps.forEach((step, i) => {
      const previous = c.steps[i - 1];
      const ratio = previous ? `  ×${(step.ms / previous.ms).toFixed(1)} time for ×${(step.bytes / previous.bytes).toFixed(1)} size` : '';
      console.log(`    ${String(step.size).padStart(7)} ${c.unit.padEnd(10)} ${(step.bytes / 1e6).toFixed(2).padStart(6)} MB ${step.ms.toFixed(0).padStart(7)} ms  ${String(step.diagnostics).padStart(7)} diagnostics${ratio}`);
    });
  }
}

if (require.main === module) benchYamlCost();

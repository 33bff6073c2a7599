/**
 * A deterministic generator of internally consistent source-form posts, for load tests and
 * benchmarks. The five seed fixtures are the templates: their titles, intros, summaries,
 * section layouts, prose paragraphs, checklists, code block and rollback notes are read
 * once (problem, stack and scenario turned into placeholders), then recombined with a
 * seeded PRNG (mulberry32): the same `(count, seed)` always gives the same texts.
 *
 * Every generated post keeps the cross-field rules of spec §2–§4: topic, title, summary,
 * intro, entities and stack list follow the chosen problem/stack/scenario; reference and
 * source_id follow payload.seed; flags follow image_sources; payload.paragraphs counts the
 * prose paragraphs actually written; code blocks use code_language; the meta checklist
 * equals the body's. They validate with zero diagnostics.
 */
import { parse as parseYaml } from 'yaml';
import { loadSeed, seedNames } from './fixtures';

// ---------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary (the seeds' own values first)

interface StackInfo {
  name: string;
  area: string;
  language: string;
  tools: string[];
}

const STACKS: StackInfo[] = [
  { name: 'python services', area: 'backend', language: 'python', tools: ['fastapi', 'pytest', 'uvicorn', 'ruff', 'git', 'logs'] },
  { name: 'django apps', area: 'backend', language: 'python', tools: ['django', 'pytest', 'gunicorn', 'celery', 'git'] },
  { name: 'node.js apis', area: 'backend', language: 'javascript', tools: ['express', 'jest', 'pm2', 'eslint', 'git', 'logs'] },
  { name: 'go microservices', area: 'backend', language: 'go', tools: ['go test', 'golangci-lint', 'docker', 'prometheus', 'git'] },
  { name: 'rails monoliths', area: 'backend', language: 'ruby', tools: ['rspec', 'rubocop', 'puma', 'sidekiq', 'git'] },
  { name: 'wordpress sites', area: 'cms', language: 'php', tools: ['wp-cli', 'phpunit', 'nginx', 'redis', 'git'] },
  { name: 'react frontends', area: 'frontend', language: 'typescript', tools: ['vite', 'vitest', 'eslint', 'playwright', 'git'] },
  { name: 'kubernetes workloads', area: 'platform', language: 'yaml', tools: ['kubectl', 'helm', 'argo cd', 'prometheus', 'git'] },
  { name: 'postgres databases', area: 'data', language: 'sql', tools: ['psql', 'pg_dump', 'pgbouncer', 'explain analyze'] },
];

const EXTRA_PROBLEMS = [
  'rotating database credentials without a restart',
  'trimming slow startup',
  'reducing noisy alerts',
  'tuning cache invalidation',
  'hardening file uploads',
  'splitting a long running job',
  'replacing a deprecated dependency',
  'adding health checks',
  'shrinking container images',
  'making imports idempotent',
];

const EXTRA_SCENARIOS = [
  'after a traffic spike',
  'before the holiday freeze',
  'during an on-call rotation change',
  'with a small team',
  'while moving to a new region',
  'ahead of a security audit',
];

const OWNERS = ['priya.nair', 'marco.bianchi', 'lena.kowalski', 'sam.okafor', 'ana.ribeiro', 'jane.doe', 'tomas.novak', 'mei.chen', 'omar.haddad'];

const CODE: Record<string, string[]> = {
  python: [], // filled from seed 001
  javascript: ["const express = require('express');", 'const app = express();', '', "app.get('/health', (req, res) => res.json({ ok: true }));", 'app.listen(3000);'],
  go: ['package main', '', 'import "net/http"', '', 'func main() {', '\thttp.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })', '\thttp.ListenAndServe(":8080", nil)', '}'],
  ruby: ['class HealthController < ApplicationController', '  def show', '    render json: { ok: true }', '  end', 'end'],
  php: ['<?php', "add_action('rest_api_init', function () {", "    register_rest_route('site/v1', '/health', ['methods' => 'GET', 'callback' => fn () => ['ok' => true]]);", '});'],
  typescript: ["export async function health(): Promise<{ ok: boolean }> {", "  const response = await fetch('/api/health');", '  return { ok: response.ok };', '}'],
  yaml: ['livenessProbe:', '  httpGet:', '    path: /health', '    port: 8080', '  periodSeconds: 10'],
  sql: ['explain analyze', 'select id, status from orders', "where created_at > now() - interval '1 day';"],
};

const MIDDLE_SECTIONS = ['why this matters', 'production checks', 'security and maintenance notes', 'the practical approach'];
const SUFFIXES = [
  ' for this {stack} case, keep the owner, expected result, and rollback note in the same place.',
  ' the alphanode approach is to prefer a small verified change over a broad rewrite.',
];

// ---------------------------------------------------------------------------------------
// Templates read from the seed fixtures

interface RollbackTemplate {
  owner: string;
  expected_result: string;
  rollback: string[];
}

interface SeedTemplate {
  name: string;
  title: string;
  intro: string[];
  summary: string;
  sections: string[];
  finalNotes: string[];
  checklist: string[];
  aiBrief: string;
  recommendedAction: string;
  generator: string;
  notes: string[];
}

interface Templates {
  seeds: SeedTemplate[];
  problems: string[];
  scenarios: string[];
  paragraphs: Map<string, string[]>;
  allParagraphs: string[];
  rollbacks: RollbackTemplate[];
  checklists: string[][];
}

/** The parts of a seed's meta the generator reads. */
interface SeedMeta {
  summary: string;
  ai_brief: string;
  ai_outline: { problem: string; stack: string; recommended_action: string };
  checklist: string[];
  payload: { scenario: string; generator: string };
  notes: string[];
}

let cached: Templates | undefined;

function templates(): Templates {
  if (cached) return cached;
  const seeds: SeedTemplate[] = [];
  const paragraphs = new Map<string, string[]>(MIDDLE_SECTIONS.map((name) => [name, []]));
  const rollbacks: RollbackTemplate[] = [];
  const checklists: string[][] = [];
  const problems: string[] = [];
  const scenarios: string[] = [];
  for (const file of seedNames()) {
    const text = loadSeed(file).replace(/\r\n?/g, '\n');
    const close = text.indexOf('\n---\n', 4);
    const meta = parseYaml(text.slice(4, close)) as SeedMeta;
    const problem: string = meta.ai_outline.problem;
    const stack: string = meta.ai_outline.stack;
    const scenario: string = meta.payload.scenario;
    problems.push(problem);
    scenarios.push(scenario);
    const holes = (value: string) => value.split(problem).join('{problem}').split(scenario).join('{scenario}').split(stack).join('{stack}');
    if (!checklists.some((list) => list.join('\n') === meta.checklist.join('\n'))) checklists.push(meta.checklist);

    const template: SeedTemplate = {
      name: file,
      title: '',
      intro: [],
      summary: holes(meta.summary),
      sections: [],
      finalNotes: [],
      checklist: meta.checklist,
      aiBrief: meta.ai_brief,
      recommendedAction: meta.ai_outline.recommended_action,
      generator: meta.payload.generator,
      notes: meta.notes,
    };
    let section = '';
    const lines = text.slice(close + 5).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') continue;
      if (line.startsWith('```')) {
        const language = line.slice(3).trim();
        const content: string[] = [];
        for (i++; i < lines.length && !lines[i].startsWith('```'); i++) content.push(lines[i]);
        if (language === 'rollback') {
          const note = parseYaml(content.join('\n')) as Record<string, string>;
          rollbacks.push({ owner: note.owner, expected_result: note.expected_result, rollback: note.rollback.trimEnd().split('\n') });
        } else if (language === 'python' && CODE.python.length === 0) {
          CODE.python = content;
        }
        continue;
      }
      if (line.startsWith('# ')) template.title = holes(line.slice(2));
      else if (line.startsWith('## ')) {
        section = line.slice(3).trim();
        if (MIDDLE_SECTIONS.includes(section)) template.sections.push(section);
      } else if (line.startsWith('- ') || line.startsWith('![')) continue;
      else {
        // A prose paragraph (one line in the seeds); strip the stock suffixes, they are re-added at random.
        let paragraph = holes(line);
        for (const suffix of SUFFIXES) paragraph = paragraph.split(suffix).join('');
        if (section === '') template.intro.push(paragraph);
        else if (section === 'final notes') template.finalNotes.push(paragraph);
        else {
          const pool = paragraphs.get(section)!;
          if (!pool.includes(paragraph)) pool.push(paragraph);
        }
      }
    }
    seeds.push(template);
  }
  const allParagraphs = [...paragraphs.values()].flat();
  cached = {
    seeds,
    problems: [...problems, ...EXTRA_PROBLEMS],
    scenarios: [...scenarios, ...EXTRA_SCENARIOS],
    paragraphs,
    allParagraphs,
    rollbacks,
    checklists,
  };
  return cached;
}

// ---------------------------------------------------------------------------------------
// The post model and its rendering

interface Image {
  source: string;
  url: string;
  caption: string;
}

interface SectionModel {
  name: string;
  paragraphs: string[];
  images: Image[];
  code: boolean;
  rollbacks: Array<RollbackTemplate & { rehearsed?: string }>;
}

interface PostModel {
  template: SeedTemplate;
  problem: string;
  stack: StackInfo;
  scenario: string;
  seed: number;
  referenceSuffix: string;
  hash: string;
  difficulty: string;
  readingTime: number;
  viewCount: number;
  score: [number, number, number, number];
  revision: { status: string; version: string; lastReviewed: string };
  flags: { aiGeneratedStyle: number; imageHeavy: number; needsHumanReview: number };
  checklist: string[];
  taskList: '' | '[ ] ' | '[x] ';
  intro: string[];
  introImages: Image[];
  sections: SectionModel[];
  checklistImages: Image[];
  finalNotes: string[];
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const LAST_DAY = Date.UTC(2026, 9, 31); // before the tests' fixed "today" (2026-11-23) and any later run

function pastDate(random: Random): string {
  return new Date(FIRST_DAY + random.int(0, (LAST_DAY - FIRST_DAY) / DAY) * DAY).toISOString().slice(0, 10);
}

function makeModel(random: Random): PostModel {
  const t = templates();
  const template = random.pick(t.seeds);
  const stack = random.chance(0.3) ? STACKS[0] : random.pick(STACKS);
  const problem = random.pick(t.problems);
  const scenario = random.pick(t.scenarios);
  const seed = random.chance(0.1) ? random.int(0, 999) : random.int(0, 999_999);

  // Sections: the template's layout, sometimes shuffled, extended or shortened.
  let names = [...template.sections];
  if (random.chance(0.3)) names = random.shuffle(names);
  if (random.chance(0.25)) {
    const missing = MIDDLE_SECTIONS.filter((name) => !names.includes(name));
    if (missing.length > 0) names.splice(random.int(0, names.length), 0, random.pick(missing));
  }
  if (names.length > 1 && random.chance(0.2)) names.splice(random.int(0, names.length - 1), 1);
  const sections: SectionModel[] = names.map((name) => {
    const pool = random.shuffle(t.paragraphs.get(name)!);
    const count = random.int(1, 5);
    const chosen: string[] = [];
    for (let i = 0; i < count; i++) {
      const base = i < pool.length ? pool[i] : random.pick(t.allParagraphs);
      chosen.push(random.chance(0.35) ? base + random.pick(SUFFIXES) : base);
    }
    return { name, paragraphs: chosen, images: [], code: false, rollbacks: [] };
  });

  const intro = [...template.intro];
  if (random.chance(0.25)) intro.push(random.pick(t.allParagraphs));

  // Code block, rollback notes and images, each at a random place.
  if (random.chance(0.5)) random.pick(sections).code = true;
  const rollbackCount = random.chance(0.6) ? 1 : random.chance(0.75) ? 2 : 3;
  const notes = random.shuffle(t.rollbacks);
  for (let i = 0; i < rollbackCount; i++) {
    const note = { ...notes[i % notes.length], owner: random.chance(0.5) ? notes[i % notes.length].owner : random.pick(OWNERS) };
    random.pick(sections).rollbacks.push(random.chance(0.8) ? { ...note, rehearsed: pastDate(random) } : note);
  }
  const introImages: Image[] = [];
  const checklistImages: Image[] = [];
  const imageCount = random.chance(0.45) ? random.int(1, 3) : 0;
  const seed6 = String(seed).padStart(6, '0');
  for (let k = 1; k <= imageCount; k++) {
    const kind = random.int(0, 2);
    const image: Image = {
      source: ['picsum.photos', 'unsplash', 'loremflickr.com'][kind],
      url: [
        `https://picsum.photos/seed/anp-${seed6}-${k}/1200/630`,
        `https://images.unsplash.com/photo-1515879218367-8466d910aaa4?auto=format&fit=crop&w=1200&q=${70 + k}`,
        `https://loremflickr.com/1200/630/code,developer?lock=${(seed % 1000) + k}`,
      ][kind],
      caption: `${problem} with ${stack.name} visual reference ${k}`,
    };
    const place = random.int(0, 2);
    if (place === 0) introImages.push(image);
    else if (place === 1) checklistImages.push(image);
    else random.pick(sections).images.push(image);
  }

  const checklist = random.chance(0.5) ? template.checklist : random.pick(t.checklists);
  return {
    template,
    problem,
    stack,
    scenario,
    seed,
    referenceSuffix: String(random.int(0, 9999)).padStart(4, '0'),
    hash: random.hex(24),
    difficulty: random.pick(['beginner', 'intermediate', 'advanced']),
    readingTime: random.int(1, 30),
    viewCount: random.int(0, 999_999),
    score: [random.int(0, 100), random.int(0, 100), random.int(0, 100), random.int(0, 100)],
    revision: { status: random.pick(['drafted', 'expanded', 'reviewed', 'published']), version: `${random.int(0, 3)}.${random.int(0, 12)}.${random.int(0, 12)}`, lastReviewed: pastDate(random) },
    flags: { aiGeneratedStyle: random.int(0, 1), imageHeavy: imageCount >= 2 && random.chance(0.5) ? 1 : 0, needsHumanReview: random.int(0, 1) },
    checklist,
    taskList: random.chance(0.8) ? '' : random.pick(['[ ] ', '[x] '] as const),
    intro,
    introImages,
    sections,
    checklistImages,
    finalNotes: template.finalNotes,
  };
}

const PLAIN = /^[a-z][a-z0-9 ,./()'_+-]*$/i;
/** A YAML scalar: plain when that is unambiguous, else a JSON (= YAML double-quoted) string. */
function scalar(value: string): string {
  return PLAIN.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) && !value.endsWith(' ') ? value : JSON.stringify(value);
}

function images(model: PostModel): Image[] {
  return [...model.introImages, ...model.sections.flatMap((section) => section.images), ...model.checklistImages];
}

/** The prose paragraphs the post counts (intro and every section but final notes). */
function paragraphCount(model: PostModel): number {
  return model.intro.length + model.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
}

function render(model: PostModel): string {
  const { problem, scenario, template } = model;
  const stack = model.stack.name;
  const fill = (value: string) => value.split('{problem}').join(problem).split('{scenario}').join(scenario).split('{stack}').join(stack);
  const seed6 = String(model.seed).padStart(6, '0');
  const stackList = [...new Set([stack, model.stack.area, model.stack.language])];
  const allImages = images(model);
  const out: string[] = ['---'];
  const list = (key: string, items: string[]) => {
    out.push(`${key}:`);
    for (const item of items) out.push(`  - ${scalar(item)}`);
  };
  out.push(
    `topic: ${scalar(`${problem} / ${stack}`)}`,
    `summary: ${scalar(fill(template.summary))}`,
    'ai_outline:',
    `  context: ${scalar(scenario)}`,
    `  problem: ${scalar(problem)}`,
    `  stack: ${scalar(stack)}`,
    `  recommended_action: ${scalar(template.recommendedAction)}`,
    `ai_brief: ${JSON.stringify(template.aiBrief)}`,
  );
  list('stack', stackList);
  list('tools', model.stack.tools);
  out.push(
    `code_language: ${model.stack.language}`,
    `difficulty: ${model.difficulty}`,
    `reading_time: ${model.readingTime}`,
    `view_count: ${model.viewCount}`,
    'score:',
    `  quality: ${model.score[0]}`,
    `  freshness: ${model.score[1]}`,
    `  depth: ${model.score[2]}`,
    `  clarity: ${model.score[3]}`,
    'revision:',
    `  status: ${model.revision.status}`,
    `  version: "${model.revision.version}"`,
    `  last_reviewed: "${model.revision.lastReviewed}"`,
    `reference: anp-ref-${seed6}-${model.referenceSuffix}`,
    `hash: "${model.hash}"`,
    'flags:',
    `  ai_generated_style: ${model.flags.aiGeneratedStyle}`,
    `  has_images: ${allImages.length > 0 ? 1 : 0}`,
    `  image_heavy: ${model.flags.imageHeavy}`,
    `  needs_human_review: ${model.flags.needsHumanReview}`,
  );
  list('checklist', model.checklist);
  out.push('entities:', `  - name: ${scalar(stack)}`, '    type: stack', `  - name: ${scalar(model.stack.area)}`, '    type: area', `  - name: ${scalar(problem)}`, '    type: problem');
  if (allImages.length > 0) {
    out.push('image_sources:');
    for (const image of allImages) out.push(`  - source: ${scalar(image.source)}`, `    url: ${scalar(image.url)}`, `    caption: ${scalar(image.caption)}`);
  }
  out.push(
    'payload:',
    `  source_id: alphanode-${seed6}`,
    `  generator: ${scalar(template.generator)}`,
    `  paragraphs: ${paragraphCount(model)}`,
    `  scenario: ${scalar(scenario)}`,
    `  seed: ${model.seed}`,
  );
  list('notes', template.notes);
  out.push('---', '', `# ${fill(template.title)}`, '');

  const image = (img: Image) => out.push(`![${img.caption}](${img.url})`, '');
  for (const paragraph of model.intro) out.push(fill(paragraph), '');
  model.introImages.forEach(image);
  for (const section of model.sections) {
    out.push(`## ${section.name}`, '');
    for (const paragraph of section.paragraphs) out.push(fill(paragraph), '');
    section.images.forEach(image);
    if (section.code) out.push('```' + model.stack.language, ...CODE[model.stack.language], '```', '');
    for (const note of section.rollbacks) {
      out.push('```rollback', `owner: ${scalar(note.owner)}`, `expected_result: ${scalar(note.expected_result)}`, 'rollback: |', ...note.rollback.map((line) => `  ${line}`));
      if (note.rehearsed) out.push(`rehearsed: "${note.rehearsed}"`);
      out.push('```', '');
    }
  }
  out.push('## implementation checklist', '');
  for (const item of model.checklist) out.push(`- ${model.taskList}${item}`);
  out.push('');
  model.checklistImages.forEach(image);
  out.push('## final notes', '');
  for (const paragraph of model.finalNotes) out.push(fill(paragraph), '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// Public API

/** `count` valid posts (source form), the same ones for the same `seed`. */
export function generatePosts(count: number, seed = 1): string[] {
  const random = new Random(mulberry32(seed));
  const posts: string[] = [];
  for (let i = 0; i < count; i++) posts.push(render(makeModel(random)));
  return posts;
}

/**
 * One valid post of about `bytes` bytes (UTF-8; the text is ASCII): a generated post whose
 * middle sections get extra prose paragraphs until it is that long (payload.paragraphs
 * counts them). Within 1% or one paragraph of `bytes`, never shorter.
 */
export function bigPost(bytes: number, seed = 7): string {
  const random = new Random(mulberry32(seed));
  const model = makeModel(random);
  const t = templates();
  let text = render(model);
  let next = 0;
  const addParagraph = () => {
    const paragraph = `${t.allParagraphs[next % t.allParagraphs.length]} (extended note ${next + 1}.)`;
    model.sections[next % model.sections.length].paragraphs.push(paragraph);
    next++;
    return paragraph.length + 2; // the paragraph and its blank line
  };
  // Each paragraph adds exactly its length + 2; only payload.paragraphs' digits come on top.
  let length = text.length;
  while (length < bytes) length += addParagraph();
  text = render(model);
  while (text.length < bytes) {
    addParagraph();
    text = render(model);
  }
  return text;
}

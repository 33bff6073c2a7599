import { parsePost } from '../model/document';
import { matchesFiles } from '../model/isPost';
import { countProseParagraphs } from '../rules/paragraph-count';
import { seedDigits } from '../rules/seed-consistency';
import { rollbackNoteTextLines } from './rollbackNote';
import { CHECKLIST_SECTION, DEFAULT_TEMPLATE, FINAL_SECTION, Template } from '../workspace/template';
import { yamlScalar } from './yamlEdits';

/**
 * A complete new post (spec §2–§4) from three answers: every meta key, the template's
 * sections in order, the default checklist preset in the body and the meta, one rollback
 * note. Pure and deterministic: the host passes today's date, a random seed and the owner.
 * The result validates with zero diagnostics against `template` on `today`.
 */
export interface NewPostInput {
  problem: string;
  stack: string;
  scenario: string;
  /** `YYYY-MM-DD`: `revision.last_reviewed`. Pass the day the validator uses (UTC, `isoToday()`). */
  today: string;
  /** An integer 0..999999 (the host draws it): `payload.seed`, `reference`, `payload.source_id`. */
  seed: number;
  /** The rollback note's owner; "unassigned" when empty. */
  owner?: string;
  template?: Template;
}

export type NewPostField = 'problem' | 'stack' | 'scenario';

/** The questions the editor and the CLI ask, in order. */
export const NEW_POST_QUESTIONS: ReadonlyArray<{ field: NewPostField; prompt: string; placeHolder: string }> = [
  { field: 'problem', prompt: 'The problem the post solves (ai_outline.problem)', placeHolder: 'keeping staging close to production' },
  { field: 'stack', prompt: 'The main stack (ai_outline.stack)', placeHolder: 'python services' },
  { field: 'scenario', prompt: 'The scenario: when the change happens (payload.scenario)', placeHolder: 'before a major migration' },
];

export const MAX_ANSWER_LENGTH = 200;
export const MAX_SEED = 999_999;
const FALLBACK_OWNER = 'unassigned';

/** Trimmed, with runs of white space as one space: how an answer is used. */
export function normalizeAnswer(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Why an answer can't be used (a message for the input box), or undefined when it can. Tabs count as spaces. */
export function checkNewPostAnswer(field: NewPostField, value: string): string | undefined {
  const answer = normalizeAnswer(value);
  if (answer === '') return `The ${field} is required.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(value.trim())) return `The ${field} is one line of text, without control characters.`;
  if (answer.length > MAX_ANSWER_LENGTH) return `The ${field} has at most ${MAX_ANSWER_LENGTH} characters (now ${answer.length}).`;
  return undefined;
}

/** A file name for the post: `<problem-slug>.post.md`. */
export function newPostFileName(problem: string): string {
  const slug = normalizeAnswer(problem)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'new-runbook'}.post.md`;
}

/**
 * Where New Runbook Post proposes to save the post, relative to the folder the post globs are
 * relative to: `<slug>.post.md` in the folder a glob points to (`posts/**\/*.md` → `posts/`), when
 * it matches that glob there; else `posts/<slug>.post.md` (which the default `**\/*.post.md` matches).
 */
export function newPostPath(problem: string, globs: readonly string[]): string {
  const name = newPostFileName(problem);
  for (const glob of globs) {
    const folder = globFolder(glob);
    if (folder && matchesFiles(`${folder}/${name}`, [glob])) return `${folder}/${name}`;
  }
  return `posts/${name}`;
}

/** The leading folders of a glob that hold no glob syntax (`runbooks/ops/**\/*.md` → `runbooks/ops`). */
function globFolder(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}!()]/.test(segment) || segment === '..' || segment === '.') break;
    literal.push(segment);
  }
  return literal.join('/');
}

/** The preset a new post starts with: the template's first, else the default template's first. */
export function defaultChecklistPreset(template: Template = DEFAULT_TEMPLATE): { name: string; items: string[] } {
  for (const source of [template.checklists, DEFAULT_TEMPLATE.checklists]) {
    const entry = Object.entries(source).find(([, items]) => items.length > 0);
    if (entry) return { name: entry[0], items: [...entry[1]] };
  }
  return { name: 'change', items: ['write the final note'] };
}

export function newPost(input: NewPostInput): string {
  const template = input.template ?? DEFAULT_TEMPLATE;
  const problem = normalizeAnswer(input.problem);
  const stack = normalizeAnswer(input.stack);
  const scenario = normalizeAnswer(input.scenario);
  for (const [field, value] of [['problem', input.problem], ['stack', input.stack], ['scenario', input.scenario]] as const) {
    const problemWithAnswer = checkNewPostAnswer(field, value);
    if (problemWithAnswer) throw new RangeError(problemWithAnswer);
  }
  if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > MAX_SEED) throw new RangeError(`The seed is an integer 0..${MAX_SEED} (got ${input.seed}).`);
  const owner = normalizeAnswer(input.owner ?? '') || FALLBACK_OWNER;
  const checklist = defaultChecklistPreset(template);
  const codeLanguage = guessCodeLanguage(`${stack} ${problem}`);

  const body = buildBody({ problem, stack, scenario, owner, checklist: checklist.items, sections: sectionOrder(template) });
  const parsed = parsePost(body);
  const paragraphs = countProseParagraphs(parsed.body);
  const words = body.split(/\s+/).filter(Boolean).length;
  const readingTime = Math.min(120, Math.max(1, Math.ceil(words / 200)));
  const digits = seedDigits(input.seed);
  const hash = contentHash(`${problem}\n${stack}\n${scenario}\n${input.seed}\n${body}`);
  const referenceSuffix = String(parseInt(hash.slice(0, 8), 16) % 10000).padStart(4, '0');
  const allowed = (values: string[], wanted: string) => (values.length === 0 || values.includes(wanted) ? wanted : values[0]);
  const difficulty = allowed(template.values.difficulty, 'intermediate');
  const status = allowed(template.values.status, 'drafted');
  const tools = template.values.tools.length === 0 || template.values.tools.includes('git') ? ['git'] : [];

  const q = yamlScalar;
  const list = (items: string[], indent = '  ') => (items.length === 0 ? ' []' : items.map((item) => `\n${indent}- ${q(item)}`).join(''));
  const meta = [
    `topic: ${q(`${problem} / ${stack}`)}`,
    `summary: ${q(`this runbook explains ${problem} in ${stack} (scenario: ${scenario}): the checks to run, the change to make, its owner, its expected result and its rollback.`)}`,
    'ai_outline:',
    `  context: ${q(scenario)}`,
    `  problem: ${q(problem)}`,
    `  stack: ${q(stack)}`,
    `  recommended_action: ${q('measure first, change carefully, document the result')}`,
    `ai_brief: ${q('a new runbook draft: it names the problem, the stack and the scenario, and keeps the owner, expected result and rollback of the change together. replace the draft text before review.')}`,
    `stack:${list([stack])}`,
    `tools:${list(tools)}`,
    `code_language: ${q(codeLanguage)}`,
    `difficulty: ${q(difficulty)}`,
    `reading_time: ${readingTime}`,
    'view_count: 0',
    'score:',
    '  quality: 0',
    '  freshness: 100',
    '  depth: 0',
    '  clarity: 0',
    'revision:',
    `  status: ${q(status)}`,
    '  version: "0.1.0"',
    `  last_reviewed: "${input.today}"`,
    `reference: anp-ref-${digits}-${referenceSuffix}`,
    `hash: "${hash}"`,
    'flags:',
    '  ai_generated_style: 0',
    '  has_images: 0',
    '  image_heavy: 0',
    '  needs_human_review: 1',
    `checklist:${list(checklist.items)}`,
    'entities:',
    `  - name: ${q(stack)}`,
    '    type: stack',
    `  - name: ${q(problem)}`,
    '    type: problem',
    'payload:',
    `  source_id: alphanode-${digits}`,
    '  generator: alphanode new post',
    `  paragraphs: ${paragraphs}`,
    `  scenario: ${q(scenario)}`,
    `  seed: ${input.seed}`,
    `notes:${list([`created from the ${checklist.name} checklist preset; replace the draft text and scores before review`])}`,
  ];
  return `---\n${meta.join('\n')}\n---\n\n${body}`;
}

/** The template's known sections, with its ordered ones (checklist, final notes) last, in order. */
function sectionOrder(template: Template): string[] {
  const { known, required, order } = template.sections;
  const names = [...known, ...required.filter((name) => !known.includes(name))];
  return [...names.filter((name) => !order.includes(name)), ...order.filter((name) => names.includes(name) || required.includes(name))];
}

interface BodyParts {
  problem: string;
  stack: string;
  scenario: string;
  owner: string;
  checklist: string[];
  sections: string[];
}

/** Where the rollback note goes: this section when the template has it, else the last prose section. */
const NOTE_SECTION = 'the practical approach';

function buildBody(parts: BodyParts): string {
  // Prose is escaped: what a reader (and the rules) see is exactly the answers.
  const problem = escapeMarkdown(parts.problem);
  const stack = escapeMarkdown(parts.stack);
  const scenario = escapeMarkdown(parts.scenario);
  const prose: Record<string, string[]> = {
    '': [
      `this runbook covers ${problem} in ${stack}. the scenario: ${scenario}.`,
      'it lists what to check before the change, how to make it, and who owns it, with the expected result and the rollback kept together in one note.',
    ],
    'why this matters': [`${problem} rarely fails loudly in ${stack}: it shows up as slower releases, surprising incidents and changes nobody can explain later. writing the reasoning down before the change keeps the team aligned.`],
    'production checks': [`before changing anything, capture how ${stack} behaves today: error rates, latency, resource usage and the log lines that matter for this change. these numbers are the baseline the expected result is measured against.`],
    'security and maintenance notes': ['confirm the permissions, secrets and configuration the change touches, and who maintains them. keep security settings next to the code they protect so that future reviewers find them.'],
    [NOTE_SECTION]: [`make the smallest change that addresses ${problem}, verify it on staging, then roll it out while watching the baseline. if the result is not the one the rollback note expects, roll back first and investigate second.`],
    [FINAL_SECTION]: ['once the change has shipped, write down what changed, the commands that were run and the metrics that moved, and replace the draft text of this post with what actually happened.'],
  };
  const noteSection = parts.sections.includes(NOTE_SECTION)
    ? NOTE_SECTION
    : [...parts.sections].reverse().find((name) => name !== CHECKLIST_SECTION && name !== FINAL_SECTION) ?? '';
  const note = [
    ...rollbackNoteTextLines(parts.owner).slice(0, 2),
    `expected_result: ${yamlScalar(`after the change, ${parts.problem} in ${parts.stack} is resolved and the baseline metrics are unchanged or better`)}`,
    'rollback: |',
    '  git revert --no-edit HEAD',
    '```',
  ].join('\n');

  const blocks: string[] = [`# ${title(parts.problem, parts.stack)}`];
  const addSection = (name: string) => {
    if (name !== '') blocks.push(`## ${name}`);
    if (name === CHECKLIST_SECTION) {
      blocks.push(parts.checklist.map((item) => `- [ ] ${item}`).join('\n'));
      return;
    }
    blocks.push(...(prose[name] ?? [`${escapeMarkdown(name)}: notes for ${problem} in ${stack}.`]));
    if (name === noteSection) blocks.push(note);
  };
  addSection('');
  for (const name of parts.sections) addSection(name);
  return `${blocks.join('\n\n')}\n`;
}

/** The title names the problem and the stack as written (the title rule reads the raw heading). */
function title(problem: string, stack: string): string {
  const text = `practical guide to ${problem} with ${stack}`;
  // A trailing ` #…` would be read as the heading's closing sequence and dropped.
  return /(^|\s)#+\s*$/.test(text) ? `${text} (runbook)` : text;
}

/** Backslash-escapes the characters that would start Markdown markup inside a paragraph. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&!#~|]/g, '\\$&');
}

const LANGUAGES: Array<[RegExp, string]> = [
  [/\btype ?script\b|\bts\b|\bdeno\b/i, 'typescript'],
  [/\bjava ?script\b|\bnode(\.?js)?\b|\bjs\b|\breact\b|\bvue\b|\bnext\.?js\b/i, 'javascript'],
  [/\bpython\b|\bdjango\b|\bflask\b|\bfastapi\b/i, 'python'],
  [/\bgo(lang)?\b/i, 'go'],
  [/\brust\b|\bcargo\b/i, 'rust'],
  [/\bjava\b|\bspring\b|\bkotlin\b/i, 'java'],
  [/\bruby\b|\brails\b/i, 'ruby'],
  [/\bphp\b|\blaravel\b/i, 'php'],
  [/\bc#|\.net\b|\bdotnet\b/i, 'csharp'],
  [/\bpostgres(ql)?\b|\bmysql\b|\bsql\b|\bsqlite\b/i, 'sql'],
  [/\bkubernetes\b|\bk8s\b|\bhelm\b|\bansible\b|\byaml\b/i, 'yaml'],
  [/\bterraform\b|\bhcl\b/i, 'hcl'],
];

/** The language of the post's code blocks, from the stack's (or problem's) words; `bash` otherwise. */
export function guessCodeLanguage(text: string): string {
  return LANGUAGES.find(([pattern]) => pattern.test(text))?.[1] ?? 'bash';
}

/** 24 lowercase hex digits (`hash`): three 32-bit FNV-1a hashes of the text with different offsets. */
export function contentHash(text: string): string {
  let out = '';
  for (const offset of [0x811c9dc5, 0x01000193, 0x9e3779b9]) {
    let hash = offset >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}

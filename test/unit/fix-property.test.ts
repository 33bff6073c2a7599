/**
 * Fix property test (issue 13, "fixes never invent and never lose"). Every clean fixture
 * post (no diagnostic at TODAY: the seeds, the samples, the e2e workspace posts and the fix
 * fixtures' `after`s) is mutated by deleting, in turn, each meta key (every key path, nested
 * ones and keys inside list items too) and each line. On each distinct mutant, fixAll (the
 * code `check --fix` and Fix all run) must:
 *
 * (a) introduce no diagnostic: every (rule, message) after the fix was there before, except
 *     a placeholder's own diagnostic — a diagnostic of a rule that offers no fix for it,
 *     pointing at a line the fixes inserted (e.g. `problem: ""`, added for a missing key,
 *     is flagged as empty until the author fills it in);
 * (b) derive no consistency value from an empty source: a value the fixes wrote or changed at
 *     topic, reference, payload.source_id, payload.seed, flags, payload.paragraphs,
 *     payload.scenario, ai_outline.context, ai_outline.stack, stack, entities, checklist is
 *     either a typed placeholder ("" / [] / 0) or agrees with sources that are present and
 *     non-empty (topic = "<problem> / <stack>" with both non-empty, ids = the seed's digits,
 *     has_images never 0 while the body shows images, paragraphs = the body's count, …);
 * (c) reach a fixed point: `converged`, and a second fixAll is a no-op;
 * (d) leave every line it did not edit byte-identical: the passes are replayed with fixPass,
 *     each edit cut to its changed middle (an edit that changes nothing is itself a failure),
 *     and every mutant line outside those edits must be in the result unchanged, in order.
 *
 * A sample of the mutants also goes through the real CLI (`dist/cli.js check --fix`): the
 * file written must be fixAll's text, and a second `--fix` must leave its bytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, Node, Pair } from 'yaml';
import { analyzePost, fixAll, fixPass, metaObject, parsePost, PostDocument } from '../../server/src/service';
import { countProseParagraphs } from '../../server/src/service/model/derived';
import { FIXTURES, REPO_ROOT, TODAY } from '../support/fixtures';

const OPTIONS = { today: TODAY };
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
/** How many mutants the CLI check runs (every n-th one, spread over all posts). */
const CLI_SAMPLE = 40;

/** Folders that hold fixture posts; the clean ones (no diagnostic) are the property's inputs. */
const POST_DIRS = [join(FIXTURES, 'seeds'), join(REPO_ROOT, 'samples', 'posts'), join(REPO_ROOT, 'test', 'e2e', 'workspace', 'posts'), join(FIXTURES, 'fixes')];

function cleanPosts(): Array<{ name: string; text: string }> {
  const seen = new Set<string>();
  const posts: Array<{ name: string; text: string }> = [];
  for (const dir of POST_DIRS) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.post.md')).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (seen.has(text) || analyzePost(parsePost(text), OPTIONS).length > 0) continue;
      seen.add(text);
      posts.push({ name: `${dir.slice(REPO_ROOT.length + 1)}/${file}`, text });
    }
  }
  return posts;
}

// ——— mutations ———

interface Mutant {
  label: string;
  text: string;
}

/** Every key path of the meta, in document order: [topic], [ai_outline], [ai_outline, context], [entities, 0, name], … */
function keyPaths(post: PostDocument): Array<{ path: Array<string | number>; pair: Pair; map: Node }> {
  const found: Array<{ path: Array<string | number>; pair: Pair; map: Node }> = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const childPath = [...path, String(pair.key.value)];
        found.push({ path: childPath, pair, map: node });
        walk(pair.value, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(post.frontMatter?.document.contents, []);
  return found;
}

/**
 * The text without the key's entry: from the key to the next key of its map (so a first key
 * of a list item hands its `- ` to the next one), or, for a map's last key, its whole lines.
 */
function deleteKey(post: PostDocument, pair: Pair, map: Node): string | undefined {
  if (!isMap(map) || map.flow) return undefined;
  const base = post.frontMatter!.sourceStart;
  const keyStart = base + (pair.key as Node).range![0];
  const items = map.items;
  const next = items[items.indexOf(pair) + 1];
  if (next) return post.text.slice(0, keyStart) + post.text.slice(base + (next.key as Node).range![0]);
  const valueNode = pair.value as Node | null;
  let end = base + (valueNode?.range ? valueNode.range[1] : (pair.key as Node).range![1]);
  while (end > keyStart && /\s/.test(post.text[end - 1])) end--;
  const firstLine = post.index.positionAt(keyStart).line;
  const lastLine = post.index.positionAt(end).line;
  const to = lastLine + 1 < post.index.lineCount ? post.index.lineStartOffset(lastLine + 1) : post.text.length;
  return post.text.slice(0, post.index.lineStartOffset(firstLine)) + post.text.slice(to);
}

function mutantsOf(text: string): Mutant[] {
  const post = parsePost(text);
  const mutants: Mutant[] = [];
  for (const { path, pair, map } of keyPaths(post)) {
    const mutated = deleteKey(post, pair, map);
    if (mutated !== undefined) mutants.push({ label: `delete key ${path.join('.')}`, text: mutated });
  }
  for (let line = 0; line < post.index.lineCount; line++) {
    const next = line + 1 < post.index.lineCount ? post.index.lineStartOffset(line + 1) : text.length;
    mutants.push({ label: `delete line ${line + 1} ${JSON.stringify(post.index.lineText(line).slice(0, 40))}`, text: text.slice(0, post.index.lineStartOffset(line)) + text.slice(next) });
  }
  const seen = new Set<string>([text]);
  return mutants.filter((mutant) => !seen.has(mutant.text) && seen.add(mutant.text));
}

// ——— the properties ———

const key = (rule: unknown, message: unknown) => `${String(rule)}: ${String(message)}`;

/** (d) Replays the passes; returns the mutant lines no edit touched, mapped to their line in the result, and the problems found. */
function replayPasses(mutant: string): { problems: string[]; lines: Array<number | 'new'> } {
  const problems: string[] = [];
  let text = mutant;
  // For each current line: the mutant line it is, untouched, or 'new'.
  let origin: Array<number | 'new'> = mutant.split('\n').map((_, i) => i);
  for (let pass = 0; pass < 200; pass++) {
    const result = fixPass(text, OPTIONS);
    if (result.taken === 0) break;
    const offsetOfBom = result.post.hadBom ? 1 : 0;
    const groups = touchedLineGroups(result.post, result.edits, problems);
    const next: Array<number | 'new'> = [];
    let line = 0;
    for (const group of groups) {
      while (line < group.first) next.push(origin[line++]);
      for (let i = 0; i < group.newLines; i++) next.push('new');
      line = group.last + 1;
    }
    while (line < origin.length) next.push(origin[line++]);
    text = result.text;
    origin = next;
    if (origin.length !== text.slice(offsetOfBom).split('\n').length) {
      problems.push(`(d) pass ${pass + 1}: line bookkeeping lost track (${origin.length} vs ${text.split('\n').length})`);
      break;
    }
  }
  return { problems, lines: origin };
}

/** The edits as groups of old lines [first, last] they touch (cut to their changed middle), with how many lines replace each group. */
function touchedLineGroups(post: PostDocument, edits: TextEdit[], problems: string[]): Array<{ first: number; last: number; newLines: number }> {
  const cut = edits.map((edit) => {
    let start = post.index.offsetAt(edit.range.start);
    let end = post.index.offsetAt(edit.range.end);
    let newText = edit.newText;
    while (start < end && newText.length > 0 && post.text[start] === newText[0]) {
      start++;
      newText = newText.slice(1);
    }
    while (end > start && newText.length > 0 && post.text[end - 1] === newText[newText.length - 1]) {
      end--;
      newText = newText.slice(0, -1);
    }
    if (start === end && newText === '') problems.push(`(d) an edit changes nothing: ${JSON.stringify(edit)}`);
    return { start, end, newText };
  }).sort((a, b) => a.start - b.start);
  const groups: Array<{ first: number; last: number; newLines: number }> = [];
  for (const edit of cut) {
    const first = post.index.positionAt(edit.start).line;
    const last = post.index.positionAt(edit.end).line;
    const added = (edit.newText.match(/\n/g) ?? []).length - (post.text.slice(edit.start, edit.end).match(/\n/g) ?? []).length;
    const previous = groups[groups.length - 1];
    if (previous && first <= previous.last) {
      previous.newLines += (Math.max(last, previous.last) - previous.last) + added;
      previous.last = Math.max(last, previous.last);
    } else {
      groups.push({ first, last, newLines: last - first + 1 + added });
    }
  }
  return groups;
}

/** Consistency values whose change by a fix is checked for being derived from present, non-empty sources. */
const CONSISTENCY_PATHS = ['topic', 'reference', 'payload.source_id', 'payload.seed', 'flags.has_images', 'flags.image_heavy', 'payload.paragraphs', 'payload.scenario', 'ai_outline.context', 'ai_outline.stack', 'ai_outline.problem', 'stack', 'entities', 'checklist', 'code_language'];

function at(meta: Record<string, unknown> | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((value, segment) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined), meta);
}

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isPlaceholder = (value: unknown) => value === '' || (Array.isArray(value) && value.length === 0);

/** (b) Problems with the consistency values the fixes wrote. */
function derivedProblems(mutant: PostDocument, fixed: PostDocument): string[] {
  const problems: string[] = [];
  const before = metaObject(mutant);
  const meta = metaObject(fixed);
  if (!meta) return problems;
  const seed = at(meta, 'payload.seed');
  const digits = typeof seed === 'number' ? String(seed).padStart(6, '0') : undefined;
  for (const path of CONSISTENCY_PATHS) {
    const value = at(meta, path);
    if (JSON.stringify(value) === JSON.stringify(at(before, path)) || value === undefined || isPlaceholder(value)) continue;
    const say = (why: string) => problems.push(`(b) ${path} was set to ${JSON.stringify(value)}: ${why}`);
    const problem = at(meta, 'ai_outline.problem');
    const stack = at(meta, 'ai_outline.stack');
    switch (path) {
      case 'topic':
        if (typeof value !== 'string' || value.startsWith(' / ') || value.endsWith(' / ') || value.includes('""') || value.trim() === '/') say('derived from an empty part');
        else if (!filled(problem) || !filled(stack) || value !== `${problem} / ${stack}`) say('not "<problem> / <stack>" of filled-in values');
        break;
      case 'reference':
        if (digits === undefined || !new RegExp(`^anp-ref-${digits}-\\d{4}$`).test(String(value))) say(`not derived from a present seed (${String(seed)})`);
        break;
      case 'payload.source_id':
        if (digits === undefined || value !== `alphanode-${digits}`) say(`not derived from a present seed (${String(seed)})`);
        break;
      case 'payload.seed': {
        const ids = [at(meta, 'payload.source_id'), at(meta, 'reference')].filter(filled);
        if (typeof value !== 'number' || !ids.some((id) => id.includes(String(value).padStart(6, '0')))) say('not the digits of an id present');
        break;
      }
      case 'flags.has_images':
        if (value === 0 && fixed.body.images.length > 0) say('the body shows images');
        if (value === 1 && fixed.body.images.length === 0 && !(Array.isArray(at(meta, 'image_sources')) && (at(meta, 'image_sources') as unknown[]).length > 0)) say('there are no images');
        break;
      case 'payload.paragraphs':
        if (value !== countProseParagraphs(fixed.body)) say(`the body has ${countProseParagraphs(fixed.body)} prose paragraphs`);
        break;
      case 'payload.scenario': case 'ai_outline.context': {
        const other = at(meta, path === 'payload.scenario' ? 'ai_outline.context' : 'payload.scenario');
        if (!filled(value) || value !== other) say('not copied from a filled-in counterpart');
        break;
      }
      case 'ai_outline.stack':
        if (!filled(value) || !(at(meta, 'stack') as unknown[] | undefined)?.includes(value)) say('not from a filled-in stack list');
        break;
      case 'ai_outline.problem': {
        const named = ((at(meta, 'entities') ?? []) as Array<Record<string, unknown> | null>).filter((entity) => entity?.type === 'problem' && filled(entity.name));
        if (!filled(value) || named.length !== 1 || named[0]!.name !== value) say('not the name of the one problem entity');
        break;
      }
      case 'stack':
        if (!Array.isArray(value) || !value.every(filled) || (filled(stack) && !value.includes(stack))) say('an empty stack name');
        break;
      case 'entities': {
        // A name the fixes wrote is a placeholder ("") or the outline's value of its type.
        const old = (at(before, path) ?? []) as Array<Record<string, unknown> | null>;
        (Array.isArray(value) ? value as Array<Record<string, unknown> | null> : []).forEach((entity, i) => {
          const name = entity?.name;
          if (name === old[i]?.name || name === '') return;
          const outline = entity?.type === 'stack' ? stack : entity?.type === 'problem' ? problem : undefined;
          if (!filled(name) || name !== outline) say(`entities[${i}].name is not the filled-in ai_outline value of its type`);
        });
        break;
      }
      case 'checklist':
        if (!Array.isArray(value) || !value.every(filled)) say('an empty checklist item');
        break;
      default:
        if (typeof value === 'string' && !filled(value)) say('empty');
    }
  }
  return problems;
}

interface CaseResult {
  failures: string[];
  fixedText: string;
  applied: number;
}

function checkMutant(mutantText: string): CaseResult {
  const failures: string[] = [];
  const mutant = parsePost(mutantText);
  const result = fixAll(mutantText, OPTIONS);
  // (c)
  if (!result.converged) failures.push(`(c) fixAll did not converge (${result.passes} passes)`);
  // Nothing fixed: the text must be the mutant's, and (a), (b), (d) hold trivially.
  if (result.applied === 0) {
    if (result.text !== mutantText) failures.push('(d) no fix applied but the text changed');
    return { failures, fixedText: result.text, applied: 0 };
  }
  const fixed = parsePost(result.text);
  const again = fixAll(result.text, OPTIONS);
  if (again.text !== result.text || again.applied !== 0) failures.push(`(c) a second fixAll changes the text again (${again.applied} fixes)`);
  // (d)
  const replay = replayPasses(mutantText);
  failures.push(...replay.problems);
  const mutantLines = mutantText.split('\n');
  const fixedLines = result.text.split('\n');
  const newLines = new Set<number>();
  let lastOrigin = -1;
  replay.lines.forEach((origin, line) => {
    if (origin === 'new') return void newLines.add(line);
    if (fixedLines[line] !== mutantLines[origin]) failures.push(`(d) line ${origin + 1} was not edited but changed: ${JSON.stringify(mutantLines[origin])} → ${JSON.stringify(fixedLines[line])}`);
    if (origin <= lastOrigin) failures.push(`(d) line ${origin + 1} moved`);
    lastOrigin = origin;
  });
  // (a)
  const before = new Set(analyzePost(mutant, OPTIONS).map((finding) => key(finding.diagnostic.code, finding.diagnostic.message)));
  for (const finding of analyzePost(fixed, OPTIONS)) {
    if (before.has(key(finding.diagnostic.code, finding.diagnostic.message))) continue;
    const placeholder = finding.fixes.length === 0 && newLines.has(finding.diagnostic.range.start.line);
    if (!placeholder) failures.push(`(a) the fix introduced ${key(finding.diagnostic.code, finding.diagnostic.message)}`);
  }
  // (b)
  failures.push(...derivedProblems(mutant, fixed));
  return { failures, fixedText: result.text, applied: result.applied };
}

// ——— the tests ———

const posts = cleanPosts();
const tmp = mkdtempSync(join(tmpdir(), 'alphanode-fix-property-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('fix property: delete each meta key and each line of every clean fixture post, then fix all', () => {
  it('finds the clean fixture posts: the five seeds and more', () => {
    assert.ok(posts.length >= 10, posts.map((post) => post.name).join(', '));
    for (const seed of readdirSync(join(FIXTURES, 'seeds')).filter((name) => name.endsWith('.post.md'))) {
      assert.ok(posts.some((post) => post.name.endsWith(seed)), `${seed} is clean`);
    }
  });

  const all: Array<{ post: string; mutant: Mutant }> = posts.flatMap((post) => mutantsOf(post.text).map((mutant) => ({ post: post.name, mutant })));
  let total = 0;
  let failed = 0;
  const failedByKind = new Map<string, number>();

  for (const post of posts) {
    it(`${post.name}: no invented value, no new problem, a fixed point, untouched lines kept`, () => {
      const failures: string[] = [];
      for (const { mutant } of all.filter((entry) => entry.post === post.name)) {
        total++;
        const result = checkMutant(mutant.text);
        if (result.failures.length === 0) continue;
        failed++;
        for (const kind of new Set(result.failures.map((failure) => failure.slice(0, 3)))) failedByKind.set(kind, (failedByKind.get(kind) ?? 0) + 1);
        failures.push(`${mutant.label}: ${result.failures.join('; ')}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('ran thousands of cases (key and line deletions over every clean post)', (t) => {
    const keys = all.filter((entry) => entry.mutant.label.startsWith('delete key')).length;
    t.diagnostic(`${posts.length} clean posts, ${total} cases (${keys} key deletions, ${total - keys} line deletions), ${failed} failed ${JSON.stringify(Object.fromEntries(failedByKind))}`);
    assert.equal(total, all.length);
    assert.ok(total >= 1000, `${total} cases`);
  });

  it(`the real CLI (dist/cli.js check --fix) on ${CLI_SAMPLE} of the mutants writes fixAll's text, and a second --fix keeps its bytes`, () => {
    const step = Math.max(1, Math.floor(all.length / CLI_SAMPLE));
    const sample = all.filter((_, i) => i % step === 0).slice(0, CLI_SAMPLE);
    const dir = mkdtempSync(join(tmp, 'cli-'));
    sample.forEach(({ mutant }, i) => writeFileSync(join(dir, `m${String(i).padStart(3, '0')}.post.md`), mutant.text));
    const run = () => spawnSync(process.execPath, [CLI, 'check', '--fix', '--owner', 'Dana Ops', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const first = run();
    assert.ok(first.status === 0 || first.status === 1, `exit ${first.status}: ${first.stderr}`);
    const report = JSON.parse(first.stdout) as { files: Array<{ path: string; fixed?: number }> };
    assert.equal(report.files.length, sample.length);
    sample.forEach(({ mutant }, i) => {
      const name = `m${String(i).padStart(3, '0')}.post.md`;
      // The CLI runs with the real today: so does this fixAll.
      const expected = fixAll(mutant.text, { owner: 'Dana Ops' });
      assert.equal(readFileSync(join(dir, name), 'utf8'), expected.text, `${mutant.label}: the file --fix wrote`);
      assert.equal(report.files.find((file) => file.path === name)?.fixed ?? 0, expected.applied, `${mutant.label}: fixed count`);
    });
    const written = sample.map((_, i) => readFileSync(join(dir, `m${String(i).padStart(3, '0')}.post.md`)));
    const second = run();
    assert.ok(second.status === 0 || second.status === 1, `exit ${second.status}: ${second.stderr}`);
    sample.forEach(({ mutant }, i) => assert.deepEqual(readFileSync(join(dir, `m${String(i).padStart(3, '0')}.post.md`)), written[i], `${mutant.label}: the second --fix changed the file`));
  });
});

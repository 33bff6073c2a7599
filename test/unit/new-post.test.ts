/**
 * `newPost` (the editor's "New Runbook Post…" and `alphanode new`): a complete post that
 * validates clean for any answers, with YAML quoting and Markdown escaping right.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkNewPostAnswer, DEFAULT_TEMPLATE, defaultChecklistPreset, isoToday, newPost, newPostFileName, newPostPath, parsePost } from '../../server/src/service';
import type { NewPostInput, Template } from '../../server/src/service';
import { REPO_ROOT, TODAY, validate } from '../support/fixtures';

/** Answers as people type them: plain, quoted, with colons, non-ASCII, Markdown and YAML look-alikes. */
const ANSWERS: Array<[string, string, string]> = [
  ['keeping staging close to production', 'python services', 'before a major migration'],
  ['fixing "quoted" settings: the hard way', 'node.js: v20', 'after the "big" release: part 2'],
  ["it's Bob's cache", "o'reilly stack", "during Bob's on-call"],
  ['café déjà vu — ünïcode', '日本語 スタック', 'при миграции базы 😀'],
  ['- a leading dash', '? a question mark', '! a bang'],
  ['yes', 'null', '123'],
  ['# not a heading', 'c#', '* not a list'],
  ['tuning *bold* and _italic_ [links](x) <b>html</b> & entities &amp;', '`code` stack', 'a \\ backslash and a `tick`'],
  ['{ flow: map }', '[flow, list]', '&anchor *alias'],
  ['  extra   white   space  ', '\ttabs\tinside ', 'trailing colon:'],
  ['%directive', '@at sign', '| pipe > angle'],
  ['a very long problem '.repeat(9).trim(), 'k8s / helm', 'at 03:00 UTC: during the maintenance window, when traffic is lowest'],
];

function input(problem: string, stack: string, scenario: string, extra: Partial<NewPostInput> = {}): NewPostInput {
  return { problem, stack, scenario, today: TODAY, seed: 38568, owner: 'priya.nair', ...extra };
}

function meta(text: string): Record<string, unknown> {
  return parsePost(text).frontMatter!.value as Record<string, unknown>;
}

const squash = (value: string) => value.trim().replace(/\s+/g, ' ');

describe('new post: validates clean', () => {
  for (const [problem, stack, scenario] of ANSWERS) {
    it(`${JSON.stringify(problem)} / ${JSON.stringify(stack)} / ${JSON.stringify(scenario)}`, () => {
      for (const seed of [0, 7, 38568, 999_999]) {
        const text = newPost(input(problem, stack, scenario, { seed }));
        assert.deepStrictEqual(validate(text), [], `seed ${seed}`);
        assert.deepStrictEqual(validate(text, { matchedByFiles: false }), [], `seed ${seed}, untitled`);
      }
    });
  }

  it('the answers come back exactly from the YAML (quoting) and read exactly in the intro (escaping)', () => {
    for (const [problem, stack, scenario] of ANSWERS) {
      const text = newPost(input(problem, stack, scenario));
      const value = meta(text) as { topic: string; ai_outline: Record<string, string>; payload: Record<string, unknown>; entities: unknown[]; stack: string[] };
      assert.equal(value.ai_outline.problem, squash(problem));
      assert.equal(value.ai_outline.stack, squash(stack));
      assert.equal(value.ai_outline.context, squash(scenario));
      assert.equal(value.payload.scenario, squash(scenario));
      assert.equal(value.topic, `${squash(problem)} / ${squash(stack)}`);
      assert.deepStrictEqual(value.stack, [squash(stack)]);
      assert.deepStrictEqual(value.entities, [{ name: squash(stack), type: 'stack' }, { name: squash(problem), type: 'problem' }]);
      const intro = parsePost(text).body.intro.blocks.find((block) => block.kind === 'paragraph');
      assert.ok(intro?.kind === 'paragraph' && intro.text.includes(`the scenario: ${squash(scenario)}.`), intro && 'text' in intro ? intro.text : '');
    }
  });
});

describe('new post: what it holds', () => {
  const text = newPost(input('keeping staging close to production', 'python services', 'before a major migration'));
  const value = meta(text);

  it('every key of the post meta (image_sources is absent: no images), derived from the answers and the seed', () => {
    assert.deepStrictEqual(Object.keys(value), ['topic', 'summary', 'ai_outline', 'ai_brief', 'stack', 'tools', 'code_language', 'difficulty', 'reading_time', 'view_count', 'score', 'revision', 'reference', 'hash', 'flags', 'checklist', 'entities', 'payload', 'notes']);
    assert.match(value.reference as string, /^anp-ref-038568-\d{4}$/);
    assert.deepStrictEqual(value.payload, { source_id: 'alphanode-038568', generator: 'alphanode new post', paragraphs: 6, scenario: 'before a major migration', seed: 38568 });
    assert.deepStrictEqual(value.revision, { status: 'drafted', version: '0.1.0', last_reviewed: TODAY });
    assert.deepStrictEqual(value.flags, { ai_generated_style: 0, has_images: 0, image_heavy: 0, needs_human_review: 1 });
    assert.equal(value.code_language, 'python');
    assert.match(value.hash as string, /^[0-9a-f]{24}$/);
  });

  it('the template sections in order, the default checklist preset in the body and the meta, one rollback note', () => {
    const post = parsePost(text);
    assert.deepStrictEqual(post.body.titles.map((title) => title.text), ['practical guide to keeping staging close to production with python services']);
    assert.deepStrictEqual(post.body.sections.map((section) => section.name), DEFAULT_TEMPLATE.sections.known);
    const preset = defaultChecklistPreset(DEFAULT_TEMPLATE);
    assert.deepStrictEqual(preset, { name: 'migration', items: DEFAULT_TEMPLATE.checklists.migration });
    assert.deepStrictEqual(value.checklist, preset.items);
    const checklist = post.body.sections.find((section) => section.name === 'implementation checklist')!;
    const list = checklist.blocks.find((block) => block.kind === 'list');
    assert.ok(list?.kind === 'list');
    assert.deepStrictEqual(list.items.map((item) => [item.text, item.checked]), preset.items.map((item) => [item, false]));
    assert.equal(post.rollbackNotes.length, 1);
    assert.deepStrictEqual(post.rollbackNotes[0].value, {
      owner: 'priya.nair',
      expected_result: 'after the change, keeping staging close to production in python services is resolved and the baseline metrics are unchanged or better',
      rollback: 'git revert --no-edit HEAD\n',
    });
    const approach = post.body.sections.find((section) => section.name === 'the practical approach')!;
    assert.ok(approach.blocks.some((block) => block.kind === 'fence' && block.language === 'rollback'));
  });

  it('deterministic for the same inputs; the seed drives the ids', () => {
    const same = newPost(input('keeping staging close to production', 'python services', 'before a major migration'));
    assert.equal(same, text);
    const other = meta(newPost(input('keeping staging close to production', 'python services', 'before a major migration', { seed: 5 })));
    assert.match(other.reference as string, /^anp-ref-000005-\d{4}$/);
    assert.equal((other.payload as { source_id: string }).source_id, 'alphanode-000005');
  });

  it('no owner: "unassigned" (the note still validates)', () => {
    const unowned = newPost(input('a', 'b', 'c', { owner: '  ' }));
    assert.equal((parsePost(unowned).rollbackNotes[0].value as { owner: string }).owner, 'unassigned');
    assert.deepStrictEqual(validate(unowned), []);
  });

  it('an owner YAML would misread is quoted', () => {
    const owned = newPost(input('a', 'b', 'c', { owner: 'Doe, Jane: SRE #2' }));
    assert.equal((parsePost(owned).rollbackNotes[0].value as { owner: string }).owner, 'Doe, Jane: SRE #2');
    assert.deepStrictEqual(validate(owned), []);
  });

  it('a team template: its sections, order, first checklist preset and enum values', () => {
    const template: Template = {
      ...DEFAULT_TEMPLATE,
      sections: { known: ['context', 'implementation checklist', 'the fix', 'final notes'], required: ['implementation checklist', 'final notes'], order: ['implementation checklist', 'final notes'] },
      values: { ...DEFAULT_TEMPLATE.values, difficulty: ['easy', 'hard'], status: ['draft', 'done'] },
      checklists: { deploy: ['build the image', 'roll out to one node', 'roll out everywhere'] },
    };
    const custom = newPost(input('slow deploys', 'kubernetes', 'before the holidays', { template }));
    assert.deepStrictEqual(validate(custom, { template }), []);
    assert.deepStrictEqual(parsePost(custom).body.sections.map((section) => section.name), ['context', 'the fix', 'implementation checklist', 'final notes']);
    assert.deepStrictEqual(meta(custom).checklist, ['build the image', 'roll out to one node', 'roll out everywhere']);
    assert.equal(meta(custom).difficulty, 'easy');
    assert.equal(parsePost(custom).rollbackNotes.length, 1);
  });
});

describe('new post: answers that cannot be used', () => {
  it('input box validation messages', () => {
    assert.equal(checkNewPostAnswer('problem', ''), 'The problem is required.');
    assert.equal(checkNewPostAnswer('stack', '   '), 'The stack is required.');
    assert.equal(checkNewPostAnswer('scenario', 'two\nlines'), 'The scenario is one line of text, without control characters.');
    assert.equal(checkNewPostAnswer('problem', 'a\u0007bell'), 'The problem is one line of text, without control characters.');
    assert.equal(checkNewPostAnswer('problem', 'x'.repeat(201)), 'The problem has at most 200 characters (now 201).');
    assert.equal(checkNewPostAnswer('problem', '  fine, with "quotes": and ü  '), undefined);
  });

  it('newPost refuses them, and a seed out of range', () => {
    assert.throws(() => newPost(input('', 'b', 'c')), /The problem is required/);
    assert.throws(() => newPost(input('a', 'b', 'c', { seed: 1_000_000 })), /seed is an integer 0\.\.999999/);
    assert.throws(() => newPost(input('a', 'b', 'c', { seed: 1.5 })), RangeError);
  });

  it('a file name from the problem', () => {
    assert.equal(newPostFileName('Keeping Staging close to Production!'), 'keeping-staging-close-to-production.post.md');
    assert.equal(newPostFileName('café déjà vu'), 'cafe-deja-vu.post.md');
    assert.equal(newPostFileName('日本語'), 'new-runbook.post.md');
  });

  it('where New Runbook Post proposes to save it: the folder the post globs point to, else posts/', () => {
    assert.equal(newPostPath('Slow builds', ['**/*.post.md']), 'posts/slow-builds.post.md');
    assert.equal(newPostPath('Slow builds', ['posts/**/*.md']), 'posts/slow-builds.post.md');
    assert.equal(newPostPath('Slow builds', ['content/runbooks/**/*.md', 'posts/*.md']), 'content/runbooks/slow-builds.post.md');
    assert.equal(newPostPath('Slow builds', ['runbooks/*.post.md']), 'runbooks/slow-builds.post.md');
    // A glob the proposal would not match there is passed over.
    assert.equal(newPostPath('Slow builds', ['docs/*.markdown', 'ops/**/*.md']), 'ops/slow-builds.post.md');
    assert.equal(newPostPath('Slow builds', ['{a,b}/**/*.md']), 'posts/slow-builds.post.md');
  });
});

describe('alphanode new (CLI)', () => {
  const CLI = join(REPO_ROOT, 'dist', 'cli.js');
  const tmp = mkdtempSync(join(tmpdir(), 'alphanode-new-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, 'new', ...args], { cwd: tmp, encoding: 'utf8', timeout: 10_000 });
    if (result.error) throw result.error;
    return result;
  };
  const ARGS = ['--problem', 'fixing "quoted" settings: the hard way', '--stack', 'node.js', '--scenario', 'après la migration', '--seed', '42', '--owner', 'sam.okafor'];

  it('prints the same post as the editor command (same core), which checks clean', () => {
    const result = run(ARGS);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, newPost({ problem: ARGS[1], stack: ARGS[3], scenario: ARGS[5], seed: 42, owner: 'sam.okafor', today: isoToday() }));
    const file = join(tmp, 'printed.post.md');
    writeFileSync(file, result.stdout);
    const check = spawnSync(process.execPath, [CLI, 'check', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
  });

  it('-o writes the file, refuses to overwrite it, and --force overwrites it', () => {
    const out = join(tmp, 'new.post.md');
    assert.equal(run([...ARGS, '-o', out]).status, 0);
    const first = readFileSync(out, 'utf8');
    writeFileSync(out, 'my edits\n');
    const refused = run([...ARGS, '-o', out]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /already exists; pass --force to overwrite it/);
    assert.equal(readFileSync(out, 'utf8'), 'my edits\n');
    assert.equal(run([...ARGS, '-o', out, '--force']).status, 0);
    assert.equal(readFileSync(out, 'utf8'), first);
  });

  it('a random seed and an owner from git or the OS user when not given', () => {
    const result = run(['--problem', 'p', '--stack', 's', '--scenario', 'c']);
    assert.equal(result.status, 0, result.stderr);
    const value = meta(result.stdout) as { payload: { seed: number } };
    assert.ok(Number.isInteger(value.payload.seed) && value.payload.seed >= 0 && value.payload.seed <= 999_999);
    assert.ok((parsePost(result.stdout).rollbackNotes[0].value as { owner: string }).owner.length > 0);
  });

  it('bad usage: exit 2 with the reason', () => {
    for (const [args, reason] of [
      [['--stack', 's', '--scenario', 'c'], /new needs --problem/],
      [['--problem', '', '--stack', 's', '--scenario', 'c'], /--problem: The problem is required/],
      [['--problem', 'p', '--stack', 's', '--scenario', 'c', '--seed', '-1'], /--seed must be an integer 0\.\.999999/],
      [['--problem', 'p', '--stack', 's', '--scenario', 'c', '--seed', '1000000'], /--seed must be an integer/],
      [['--problem', 'p', '--stack', 's', '--scenario', 'c', 'stray'], /unexpected argument "stray"/],
      [['--problem', 'p', '--stack', 's', '--scenario', 'c', '--bogus'], /unknown option --bogus/],
      [['--problem', 'p', '--stack', 's', '--scenario'], /--scenario needs a value/],
    ] as const) {
      const result = run([...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, reason);
      assert.equal(result.stdout, '');
    }
    assert.equal(existsSync(join(tmp, 'stray')), false);
  });
});

// The parse of the YAML itself, not our parser: what any other tool reading the file would see.
it('new post: the front matter is plain YAML any tool reads', () => {
  const text = newPost(input(...ANSWERS[1]));
  const yaml = text.slice(4, text.indexOf('\n---\n'));
  assert.equal((parse(yaml) as { topic: string }).topic, `${ANSWERS[1][0]} / ${ANSWERS[1][1]}`);
});

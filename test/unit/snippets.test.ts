/**
 * snippets/alphanode.code-snippets: valid JSON, valid snippet syntax (parsed the way VS Code's
 * SnippetParser does), and what the snippets expand to: the whole post validates clean, the
 * pieces fit the post format.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_TEMPLATE, parsePost } from '../../server/src/service';
import { edit, loadSeed, REPO_ROOT, TODAY, validate } from '../support/fixtures';

interface SnippetEntry {
  scope: string;
  prefix: string;
  description: string;
  body: string[];
}

// ---- a snippet parser and expander with VS Code's rules ------------------------------------------

type Format = { text: string } | { group: number; modifier?: string; ifText?: string; elseText?: string };
interface Transform {
  regex: RegExp;
  format: Format[];
}
type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME', 'TM_FILENAME_BASE',
  'TM_DIRECTORY', 'TM_DIRECTORY_BASE', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER',
  'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET', 'CURRENT_TIMEZONE_NAME', 'CURRENT_MILLISECOND', 'CURRENT_MILLISECONDS_UNIX', 'SELECTION', 'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

/** Parses snippet text strictly: where VS Code would silently fall back to literal text (an unclosed `${`, an unknown variable), this throws. */
function parseSnippet(source: string): SnippetNode[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i} in ${JSON.stringify(source)}`);
  };
  const name = () => /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(i))?.[0];
  const int = () => /^\d+/.exec(source.slice(i))?.[0];

  function transform(): Transform {
    // `/` already read: regex (`\/` is a slash, other escapes stay), format (`\\` and `\/` are escapes), flags.
    let regex = '';
    while (source[i] !== '/') {
      if (i >= source.length) fail('unclosed transform');
      if (source[i] === '\\' && source[i + 1] === '/') {
        regex += '/';
        i += 2;
      } else regex += source[i++];
    }
    i++;
    const format: Format[] = [];
    while (source[i] !== '/') {
      if (i >= source.length) fail('unclosed transform format');
      if (source[i] === '\\') {
        const next = source[i + 1];
        format.push({ text: next === '\\' || next === '/' ? next : '\\' });
        i += next === '\\' || next === '/' ? 2 : 1;
        continue;
      }
      const simple = /^\$(\d+)|^\$\{(\d+)\}/.exec(source.slice(i));
      if (simple) {
        format.push({ group: Number(simple[1] ?? simple[2]) });
        i += simple[0].length;
        continue;
      }
      const complex = /^\$\{(\d+):(\/(?:upcase|downcase|capitalize|camelcase|pascalcase)|\+[^}]*|-[^}]*|\?[^:}]*:[^}]*)\}/.exec(source.slice(i));
      if (complex) {
        const [, group, rest] = complex;
        if (rest.startsWith('/')) format.push({ group: Number(group), modifier: rest.slice(1) });
        else if (rest.startsWith('+')) format.push({ group: Number(group), ifText: rest.slice(1), elseText: '' });
        else if (rest.startsWith('-')) format.push({ group: Number(group), elseText: rest.slice(1) });
        else format.push({ group: Number(group), ifText: rest.slice(1, rest.indexOf(':')), elseText: rest.slice(rest.indexOf(':') + 1) });
        i += complex[0].length;
        continue;
      }
      format.push({ text: source[i++] });
    }
    i++;
    const flags = /^[a-z]*/.exec(source.slice(i))![0];
    i += flags.length;
    if (source[i] !== '}') fail('expected } after a transform');
    i++;
    return { regex: new RegExp(regex, flags), format };
  }

  function nodes(inside: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    const text = (value: string) => {
      const last = out[out.length - 1];
      if (last?.kind === 'text') last.value += value;
      else out.push({ kind: 'text', value });
    };
    while (i < source.length) {
      const ch = source[i];
      if (ch === '\\') {
        const next = source[i + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text(next);
          i += 2;
        } else {
          text('\\');
          i++;
        }
        continue;
      }
      if (ch === '}' && inside) return out;
      if (ch !== '$') {
        text(ch);
        i++;
        continue;
      }
      i++;
      if (source[i] !== '{') {
        const index = int();
        const variable = index === undefined ? name() : undefined;
        if (index !== undefined) {
          out.push({ kind: 'tabstop', index: Number(index) });
          i += index.length;
        } else if (variable !== undefined) {
          if (!KNOWN_VARIABLES.has(variable)) fail(`unknown variable $${variable}`);
          out.push({ kind: 'variable', name: variable });
          i += variable.length;
        } else {
          fail('a lone $ (escape it as \\$)');
        }
        continue;
      }
      i++;
      const index = int();
      const variable = index === undefined ? name() : undefined;
      if (index === undefined && variable === undefined) fail('${ without a tab stop number or a variable name');
      i += (index ?? variable)!.length;
      if (variable !== undefined && !KNOWN_VARIABLES.has(variable)) fail(`unknown variable \${${variable}}`);
      const node: SnippetNode = index !== undefined ? { kind: 'tabstop', index: Number(index) } : { kind: 'variable', name: variable! };
      const next = source[i++];
      if (next === '}') {
        // plain
      } else if (next === ':') {
        node.children = nodes(true);
        if (source[i++] !== '}') fail('unclosed placeholder');
      } else if (next === '|' && node.kind === 'tabstop') {
        const choices = [''];
        for (;;) {
          if (i >= source.length) fail('unclosed choice');
          if (source[i] === '\\' && ',|\\'.includes(source[i + 1])) {
            choices[choices.length - 1] += source[i + 1];
            i += 2;
          } else if (source[i] === ',') {
            choices.push('');
            i++;
          } else if (source[i] === '|' && source[i + 1] === '}') {
            i += 2;
            break;
          } else choices[choices.length - 1] += source[i++];
        }
        node.choices = choices;
      } else if (next === '/') {
        node.transform = transform();
      } else {
        fail(`unexpected ${JSON.stringify(next)} in \${…}`);
      }
      out.push(node);
    }
    if (inside) fail('unclosed ${');
    return out;
  }
  return nodes(false);
}

interface Expansion {
  /** What the user typed over a placeholder (index → text); the others keep their defaults. */
  typed?: Record<number, string>;
  variables?: Record<string, string>;
}

/** The text VS Code inserts for `nodes` when the user types `typed` (mirrors and transforms follow). */
function expand(nodes: SnippetNode[], { typed = {}, variables = {} }: Expansion = {}): string {
  const definitions = new Map<number, SnippetNode & { kind: 'tabstop' }>();
  const walk = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && (node.children || node.choices) && !definitions.has(node.index)) definitions.set(node.index, node);
      if (node.kind !== 'text' && node.children) walk(node.children);
    }
  };
  walk(nodes);
  const value = (index: number): string => {
    if (index in typed) return typed[index];
    const definition = definitions.get(index);
    if (!definition) return '';
    return definition.choices ? definition.choices[0] : render(definition.children ?? []);
  };
  const applyTransform = (text: string, transform: Transform | undefined) =>
    transform
      ? text.replace(transform.regex, (...match: unknown[]) =>
          transform.format
            .map((part) => {
              if ('text' in part) return part.text;
              const group = typeof match[part.group] === 'string' ? (match[part.group] as string) : '';
              if (part.modifier === 'upcase') return group.toUpperCase();
              if (part.modifier === 'downcase') return group.toLowerCase();
              if (part.ifText !== undefined || part.elseText !== undefined) return group ? part.ifText ?? group : part.elseText ?? '';
              return group;
            })
            .join(''))
      : text;
  const render = (list: SnippetNode[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'tabstop') return applyTransform(value(node.index), node.transform);
        const resolved = variables[node.name] ?? (node.children ? render(node.children) : '');
        return applyTransform(resolved, node.transform);
      })
      .join('');
  return render(nodes);
}

const [YEAR, MONTH, DAY] = TODAY.split('-');
const VARIABLES = { CURRENT_YEAR: YEAR, CURRENT_MONTH: MONTH, CURRENT_DATE: DAY, CURRENT_SECONDS_UNIX: '1795392000', RANDOM: '012345' };

// ---- the file --------------------------------------------------------------------------------

const FILE = join(REPO_ROOT, 'snippets', 'alphanode.code-snippets');
const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, SnippetEntry>;
const byPrefix = (prefix: string): SnippetEntry => {
  const found = Object.values(snippets).find((snippet) => snippet.prefix === prefix);
  assert.ok(found, `a snippet with prefix ${prefix}`);
  return found;
};
const expandPrefix = (prefix: string, options: Expansion = {}) => expand(parseSnippet(byPrefix(prefix).body.join('\n')), { variables: VARIABLES, ...options });

describe('snippets file', () => {
  it('is strict JSON, contributed for Markdown in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: Array<{ language: string; path: string }> } };
    assert.deepStrictEqual(manifest.contributes.snippets, [{ language: 'markdown', path: './snippets/alphanode.code-snippets' }]);
  });

  it('every snippet: markdown scope, a unique alphanode- prefix, a description, a body of lines in valid snippet syntax', () => {
    const prefixes = new Set<string>();
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.equal(snippet.scope, 'markdown', name);
      assert.match(snippet.prefix, /^alphanode-[a-z-]+$/, name);
      assert.ok(!prefixes.has(snippet.prefix), `duplicate prefix ${snippet.prefix}`);
      prefixes.add(snippet.prefix);
      assert.ok(snippet.description.length > 10, name);
      assert.ok(Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === 'string' && !/[\r\n]/.test(line)), name);
      assert.doesNotThrow(() => parseSnippet(snippet.body.join('\n')), name);
    }
  });

  it('covers the post, the meta, each section, the three checklist presets, a rollback note and an image with caption', () => {
    const prefixes = Object.values(snippets).map((snippet) => snippet.prefix);
    for (const prefix of ['alphanode-post', 'alphanode-meta', 'alphanode-rollback', 'alphanode-image', 'alphanode-image-source']) assert.ok(prefixes.includes(prefix), prefix);
    const sections = Object.values(snippets).filter((snippet) => snippet.prefix.startsWith('alphanode-section-')).map((snippet) => snippet.body[0]);
    assert.deepStrictEqual(new Set(sections), new Set(DEFAULT_TEMPLATE.sections.known.map((name) => `## ${name}`)));
    for (const preset of Object.keys(DEFAULT_TEMPLATE.checklists)) {
      assert.ok(prefixes.includes(`alphanode-checklist-${preset}`), preset);
      assert.ok(prefixes.includes(`alphanode-meta-checklist-${preset}`), preset);
    }
  });

  it('the parser used here rejects what VS Code would insert literally', () => {
    assert.throws(() => parseSnippet('a ${1:b'), /unclosed/);
    assert.throws(() => parseSnippet('$NOT_A_VARIABLE'), /unknown variable/);
    assert.equal(expand(parseSnippet('${1:a} $1 ${1/(a)/[$1]/} ${2|x,y|} \\$ \\}')), 'a a [a] x $ }');
    assert.equal(expand(parseSnippet('"${1/(["\\\\])/\\\\$1/g}"'), { typed: { 1: 'say "hi" \\' } }), '"say \\"hi\\" \\\\"');
  });
});

describe('snippets: what they expand to', () => {
  it('alphanode-post: a whole post that validates clean with its defaults', () => {
    const text = expandPrefix('alphanode-post');
    assert.deepStrictEqual(validate(text), []);
    assert.deepStrictEqual(validate(text, { matchedByFiles: false }), []);
    const value = parsePost(text).frontMatter!.value as { reference: string; payload: { seed: number; source_id: string } };
    // The seed is the last six digits of the Unix time, the same instant for all three copies.
    assert.deepStrictEqual([value.payload.seed, value.payload.source_id, value.reference], [392000, 'alphanode-392000', 'anp-ref-392000-0000']);
  });

  it('alphanode-post: still clean when the answers typed need YAML quoting (quotes, colons, backslashes, non-ASCII)', () => {
    for (const typed of [
      { 1: 'fixing "quoted" settings: the hard way', 2: 'node.js', 3: 'after the 2.0 release: part 1' },
      { 1: 'café déjà vu', 2: '日本語 stack', 3: 'при миграции 😀' },
      { 1: 'a C:\\path problem', 2: 'windows services', 3: 'during the "freeze"' },
    ]) {
      const text = expandPrefix('alphanode-post', { typed });
      assert.deepStrictEqual(validate(text), [], JSON.stringify(typed));
      const meta = parsePost(text).frontMatter!.value as { ai_outline: { problem: string } };
      assert.equal(meta.ai_outline.problem, typed[1]);
    }
  });

  it('alphanode-meta: front matter whose keys, types and cross-field agreements are right', () => {
    const text = `${expandPrefix('alphanode-meta')}\n`;
    const metaRules = ['yaml-syntax', 'meta-required', 'meta-invalid', 'meta-unknown-key', 'meta-duplicate-item', 'topic-format', 'outline-consistency', 'seed-consistency', 'flags-consistency'];
    assert.deepStrictEqual(validate(text).filter((d) => metaRules.includes(String(d.code))), []);
    const typed = { 1: 'fixing "quoted" settings: # not a comment', 2: 'go: 1.22', 3: "on friday's \\ release" };
    assert.deepStrictEqual(validate(`${expandPrefix('alphanode-meta', { typed })}\n`).filter((d) => metaRules.includes(String(d.code))), []);
  });

  it('checklist presets: the body items and the meta list match the template presets, and swap into a post cleanly', () => {
    for (const [preset, items] of Object.entries(DEFAULT_TEMPLATE.checklists)) {
      assert.equal(expandPrefix(`alphanode-checklist-${preset}`), `${items.map((item) => `- [ ] ${item}`).join('\n')}\n`);
      assert.deepStrictEqual(parse(expandPrefix(`alphanode-meta-checklist-${preset}`)), { checklist: items });
    }
    // Seed 002 uses the release checklist: swap in the migration preset with both snippets.
    const seed = loadSeed('002');
    const release = DEFAULT_TEMPLATE.checklists.release;
    let text = edit(seed, `checklist:\n${release.map((item) => `  - ${item}`).join('\n')}`, expandPrefix('alphanode-meta-checklist-migration'));
    text = edit(text, release.map((item) => `- ${item}`).join('\n'), expandPrefix('alphanode-checklist-migration'));
    assert.deepStrictEqual(validate(text), []);
  });

  it('alphanode-rollback: a complete note; in a post without one it clears rollback-missing', () => {
    const seed = loadSeed('000');
    const note = seed.slice(seed.indexOf('```rollback'), seed.indexOf('## implementation checklist'));
    const text = edit(seed, note, `${expandPrefix('alphanode-rollback')}\n\n`);
    assert.deepStrictEqual(validate(text), []);
    assert.deepStrictEqual(parsePost(text).rollbackNotes[0].value, { owner: 'owner', expected_result: 'what is true after the change', rollback: 'git revert --no-edit HEAD\n' });
  });

  it('each section snippet is its heading and one prose paragraph', () => {
    for (const snippet of Object.values(snippets).filter((candidate) => candidate.prefix.startsWith('alphanode-section-'))) {
      const post = parsePost(`# t\n\n${expand(parseSnippet(snippet.body.join('\n')))}\n`);
      assert.equal(post.body.sections.length, 1, snippet.prefix);
      assert.equal(`## ${post.body.sections[0].name}`, snippet.body[0]);
      const kinds = post.body.sections[0].blocks.map((block) => block.kind);
      assert.deepStrictEqual(kinds, [snippet.prefix === 'alphanode-section-checklist' ? 'list' : 'paragraph'], snippet.prefix);
    }
  });

  it('alphanode-image and alphanode-image-source: a captioned body image and its matching meta entry', () => {
    const image = expandPrefix('alphanode-image');
    const post = parsePost(`# t\n\n${image}\n`);
    assert.equal(post.body.images.length, 1);
    const [{ caption, url }] = post.body.images;
    assert.deepStrictEqual(parse(`image_sources:\n${expandPrefix('alphanode-image-source')}`), { image_sources: [{ source: 'picsum.photos', url, caption }] });
    assert.match(url, /^https:\/\//);
  });
});

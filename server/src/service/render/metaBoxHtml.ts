import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { META_BOX_TITLE } from '../export/format';
import { boxLabel as labelOf, boxOrder, orderKeys } from './metaBoxModel';
import { MetaNode, spanOf } from '../model/metaTree';
import { knownKeys } from '../model/schema';
import { DEFAULT_TEMPLATE, Template } from '../workspace/template';
import { attrText, escapeHtml, safeImageUrl, textHtml, valueHtml } from './escape';
import { groupDigits, timeAgo } from './format';
import { META_BOX_CSS } from './styles';

/**
 * The post meta box as the site's frontend renders it, as an HTML fragment and its
 * stylesheet (the editor preview and `alphanode render --format html`).
 *
 * Pure and deterministic: the host passes `today` (for "last reviewed 3 years ago") and
 * whether remote images may load. Every value of the post is HTML-escaped; image URLs
 * are only ever put in `src` when they are `https:` and remote images are allowed.
 * Each value sits in its own `<bdi>` (its direction cannot reorder its neighbours), and
 * bidi controls and invisible characters in values, keys and messages show as markers
 * (`⟨U+202E⟩`) instead of acting on the text (see `textHtml`).
 *
 * Elements that stand for a part of the meta carry `data-range="line:char:line:char"`
 * (0-based, LSP positions) of its source, the value where there is one: a click in the
 * preview selects it in the editor. Diagnostics are shown on the field they point into
 * (the field is marked and lists the messages); a front matter that does not parse shows
 * the YAML error instead of the box.
 */
export interface MetaBoxOptions {
  /** `YYYY-MM-DD`: "how long ago" is counted from this day. */
  today: string;
  /** Load `https:` image URLs; otherwise every image is a placeholder with its caption. */
  allowRemoteImages: boolean;
  /** The post's team template: its difficulty, status and entity type values are the ones drawn as known. Default: the defaults. */
  template?: Template;
}

export interface MetaBoxHtml {
  /** The box: one `<article>` element. */
  html: string;
  /** Its stylesheet (the same for every post): VS Code theme variables with standalone fallbacks. */
  css: string;
}

type Level = 'error' | 'warning' | 'info';

interface Anchor {
  path: Path;
  /** Offsets of the whole entry (key through value), for placing diagnostics. */
  start: number;
  end: number;
  /** What a click selects: the value, or the key when the value is empty. */
  select: Range;
  /** Its rank in document order: of two equally good places for a diagnostic, the first wins. */
  order: number;
  /** The top-level key whose field shows it (and the problems placed on it). */
  field: string;
  /** The entries and items of its value, in source order: inside its span, so `place` walks down. */
  children: Anchor[];
}

interface Shown {
  level: Level;
  message: string;
  rule: string;
  range: Range;
  /** The anchor path (`.score.depth`, `.stack[1]`) it belongs to, when inside one. */
  anchor?: string;
  /** A required top-level key that is missing. */
  missing?: string;
}

const LEVELS: Record<number, Level> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };
const RANK: Record<Level, number> = { error: 3, warning: 2, info: 1 };

/** Neighbours the box shows side by side in one row (the order is the box model's: metaBoxModel.ts). */
const ROWS: Array<{ keys: string[]; group: string }> = [
  { keys: ['stack', 'tools'], group: 'pair' },
  { keys: ['code_language', 'difficulty', 'reading_time', 'view_count'], group: 'stats' },
  { keys: ['reference', 'hash'], group: 'pair' },
];
/** Nesting deeper than this is shown as JSON text (no post needs it; a hostile one gets no stack overflow). */
const MAX_DEPTH = 6;

/** A template value as a CSS class suffix (a team's values may hold spaces or punctuation). */
function classSuffix(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

export function renderMetaBox(post: PostDocument, diagnostics: readonly Diagnostic[], options: MetaBoxOptions): MetaBoxHtml {
  return { html: new BoxWriter(post, diagnostics, options).render(), css: META_BOX_CSS };
}

type Path = string;
const child = (path: Path, key: string | number): Path => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A diagnostic message: escaped, with its `code` spans as code (after escaping, a span cannot hold markup). */
export function messageHtml(message: string): string {
  // A fence named in a message ("a ```rollback block") is the block's name, shown as code too.
  return textHtml(message).replace(/```([\w-]+)/g, '<code>$1</code>').replace(/`([^`\n]+)`/g, '<code>$1</code>');
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

/** Whether `a` is a better place than `b` for a diagnostic inside both: the smaller span, then the deeper path, then the first. */
function innerThan(a: Anchor, b: Anchor): boolean {
  const sizeA = a.end - a.start;
  const sizeB = b.end - b.start;
  if (sizeA !== sizeB) return sizeA < sizeB;
  if (a.path.length !== b.path.length) return a.path.length > b.path.length;
  return a.order < b.order;
}

/** The anchors of `list` (in source order: starts and ends ascending) whose span holds `start..end`. */
function holding(list: readonly Anchor[], start: number, end: number): Anchor[] {
  // The last one starting at or before `start` (binary search), then back while they reach `end`:
  // siblings do not overlap, so only touching ones (an empty range at a boundary) add to one.
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle].start <= start) low = middle + 1;
    else high = middle;
  }
  const found: Anchor[] = [];
  for (let i = low - 1; i >= 0 && list[i].end >= end; i--) found.push(list[i]);
  return found;
}

function rangeAttr(range: Range): string {
  return ` data-range="${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}"`;
}

class BoxWriter {
  private readonly anchors = new Map<Path, Anchor>();
  /** The top-level entries; each holds the anchors inside it (`place` walks down instead of trying all). */
  private readonly roots: Anchor[] = [];
  /** For each range an element selects, the element (the shortest path, then the first). */
  private readonly bySelect = new Map<string, Anchor>();
  private readonly shown: Shown[];
  /** The problems of each field (its own and those of everything inside it), grouped once. */
  private readonly byField = new Map<string, Shown[]>();
  /** The worst level of the problems on exactly each element. */
  private readonly levelAt = new Map<Path, Level>();
  /** The enum values of the post's template (difficulty levels, statuses, entity types). */
  private readonly values: Template['values'];

  constructor(
    private readonly post: PostDocument,
    diagnostics: readonly Diagnostic[],
    private readonly options: MetaBoxOptions,
  ) {
    this.values = (options.template ?? DEFAULT_TEMPLATE).values;
    this.collectAnchors();
    this.shown = diagnostics.map((diagnostic) => this.place(diagnostic));
    for (const problem of this.shown) {
      const anchor = problem.anchor === undefined ? undefined : this.anchors.get(problem.anchor);
      const field = problem.missing ?? anchor?.field;
      if (field !== undefined) {
        const list = this.byField.get(field);
        if (list) list.push(problem);
        else this.byField.set(field, [problem]);
      }
      if (problem.anchor !== undefined) {
        const level = this.levelAt.get(problem.anchor);
        if (!level || RANK[problem.level] > RANK[level]) this.levelAt.set(problem.anchor, problem.level);
      }
    }
  }

  render(): string {
    const frontMatter = this.post.frontMatter;
    let inner: string;
    // The problem the box shows instead of the fields: its diagnostic is not listed again.
    let shownInstead: (problem: Shown) => boolean = () => false;
    const atOpen = (problem: Shown) => frontMatter !== undefined && problem.range.start.line === frontMatter.openLine;
    if (!frontMatter) {
      shownInstead = (problem) => problem.rule === 'meta-missing';
      inner = this.notice('This file has no post meta: a post starts with a `---` line, the YAML meta, and a closing `---`.');
    } else if (frontMatter.closeLine === undefined) {
      // The rules also call the unread meta empty: the notice says why.
      shownInstead = (problem) => problem.rule === 'yaml-syntax' || (problem.rule === 'meta-missing' && atOpen(problem));
      inner = this.notice('The front matter is never closed: add a line `---` after the post meta.', this.post.index.lineRange(frontMatter.openLine));
    } else if (frontMatter.errors.length > 0) {
      shownInstead = (problem) => problem.rule === 'yaml-syntax';
      inner = this.yamlErrors();
    } else if (!isRecord(frontMatter.value)) {
      shownInstead = (problem) => (problem.rule === 'meta-missing' || problem.rule === 'meta-invalid') && atOpen(problem);
      inner = this.notice(
        frontMatter.value === null || frontMatter.value === undefined
          ? 'The post meta is empty: add the keys of the post format (topic, summary, ai_outline, …).'
          : 'The post meta must be a map of keys (`topic: …`), not a list or a single value.',
        this.post.index.lineRange(frontMatter.openLine),
      );
    } else {
      inner = this.fields(frontMatter.value);
    }
    const loose = this.shown.filter((problem) => !problem.anchor && !problem.missing && !shownInstead(problem));
    const general = loose.filter((problem) => this.inFrontMatter(problem.range));
    const body = loose.filter((problem) => !this.inFrontMatter(problem.range));
    return (
      // A line break between blocks keeps the HTML readable (snapshots, `render --format html`); it renders as nothing.
      `<article class="anp-box" aria-label="${META_BOX_TITLE}">\n` +
      `${this.header()}\n` +
      (general.length > 0 ? `${this.problemList(general, 'box-problems')}\n` : '') +
      inner +
      (body.length > 0
        ? `<section class="field field-body-problems"><h2 class="label">problems in the post body</h2>${this.problemList(body, '', true)}</section>\n`
        : '') +
      '</article>'
    );
  }

  // ---- source ranges and diagnostics -------------------------------------------------

  /** Every map entry and list item of the meta, with its source range. */
  private collectAnchors(): void {
    const frontMatter = this.post.frontMatter;
    if (!frontMatter || frontMatter.errors.length > 0 || frontMatter.closeLine === undefined) return;
    const span = (node: MetaNode | undefined) => spanOf(this.post.text, node);
    const add = (into: Anchor[], here: Path, field: string, start: number, end: number, select: [number, number]): Anchor => {
      const anchor: Anchor = { path: here, start, end, select: this.post.index.range(select[0], select[1]), order: this.anchors.size, field, children: [] };
      this.anchors.set(here, anchor);
      into.push(anchor);
      const key = rangeKey(anchor.select);
      const same = this.bySelect.get(key);
      if (!same || here.length < same.path.length) this.bySelect.set(key, anchor);
      return anchor;
    };
    const visit = (node: MetaNode | undefined, path: Path, field: string | undefined, into: Anchor[], depth: number): void => {
      if (depth > MAX_DEPTH) return;
      if (node?.kind === 'map') {
        for (const entry of node.entries) {
          if (entry.key.kind !== 'scalar' || entry.name === undefined) continue;
          const here = child(path, entry.name);
          const key = span(entry.key);
          if (!key || this.anchors.has(here)) continue;
          const value = span(entry.value);
          const select = value && value[1] > value[0] ? value : key;
          const anchor = add(into, here, field ?? entry.name, key[0], Math.max(key[1], value?.[1] ?? 0), select);
          visit(entry.value, here, anchor.field, anchor.children, depth + 1);
        }
      } else if (node?.kind === 'seq') {
        node.items.forEach((item, i) => {
          const here = child(path, i);
          const itemSpan = span(item);
          if (!itemSpan) return;
          // A top-level list is no field (`meta-invalid` shows it): its items belong to none.
          const anchor = add(into, here, field ?? '', itemSpan[0], itemSpan[1], itemSpan);
          visit(item, here, field, anchor.children, depth + 1);
        });
      }
    };
    visit(frontMatter.tree, '', undefined, this.roots, 0);
  }

  /** Which part of the box shows a diagnostic: the innermost entry holding its range. */
  private place(diagnostic: Diagnostic): Shown {
    const shown: Shown = {
      level: LEVELS[diagnostic.severity ?? 1] ?? 'error',
      message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
      rule: diagnostic.code === undefined ? '' : String(diagnostic.code),
      range: diagnostic.range,
    };
    const data = diagnostic.data as { path?: unknown } | undefined;
    if (diagnostic.code === 'meta-required' && Array.isArray(data?.path) && data.path.length > 0) {
      const path = data.path as Array<string | number>;
      if (path.length === 1) {
        shown.missing = String(path[0]);
        return shown;
      }
      const parent = path.slice(0, -1).reduce<Path>((at, key) => child(at, key), '');
      if (this.anchors.has(parent)) {
        shown.anchor = parent;
        return shown;
      }
    }
    // A diagnostic on exactly what an element selects belongs to it (`reference` is a map: the map, not its one entry).
    const exact = this.bySelect.get(rangeKey(diagnostic.range));
    if (exact) {
      shown.anchor = exact.path;
      return shown;
    }
    // Otherwise the innermost entry holding it: an entry holds everything inside it, so only
    // the entries that hold the range are walked down (a few per level, not all of them).
    const start = this.post.index.offsetAt(diagnostic.range.start);
    const end = this.post.index.offsetAt(diagnostic.range.end);
    let best: Anchor | undefined;
    const pending = holding(this.roots, start, end);
    for (let anchor = pending.pop(); anchor; anchor = pending.pop()) {
      if (!best || innerThan(anchor, best)) best = anchor;
      pending.push(...holding(anchor.children, start, end));
    }
    if (best) shown.anchor = best.path;
    return shown;
  }

  private inFrontMatter(range: Range): boolean {
    const frontMatter = this.post.frontMatter;
    if (!frontMatter) return false;
    return range.start.line >= frontMatter.openLine && range.start.line <= (frontMatter.closeLine ?? this.post.index.lineCount);
  }

  /** The problems shown on field `key`: its own and those of everything inside it. */
  private problemsOf(key: string): Shown[] {
    return this.byField.get(key) ?? [];
  }

  private worst(problems: Shown[]): Level | undefined {
    let level: Level | undefined;
    for (const problem of problems) if (!level || RANK[problem.level] > RANK[level]) level = problem.level;
    return level;
  }

  /** ` class="…"` (with a mark when a problem points at exactly this element) and ` data-range="…"` for the element of `path`. */
  private at(path: Path, classes = ''): string {
    const anchor = this.anchors.get(path);
    return this.classes(path, classes) + (anchor ? rangeAttr(anchor.select) : '');
  }

  private markOnly(path: Path): string {
    return this.classes(path, '');
  }

  private classes(path: Path, classes: string): string {
    const level = this.levelAt.get(path);
    const all = [classes, level ? `mark mark-${level}` : ''].filter(Boolean).join(' ');
    return all ? ` class="${all}"` : '';
  }

  // ---- the box --------------------------------------------------------------------------

  private header(): string {
    const count = (level: Level) => this.shown.filter((problem) => problem.level === level).length;
    const parts = (['error', 'warning', 'info'] as Level[])
      .map((level) => [count(level), level] as const)
      .filter(([n]) => n > 0)
      .map(([n, level]) => `${n} ${level === 'info' ? 'note' : level}${n === 1 ? '' : 's'}`);
    const level = this.worst(this.shown) ?? 'ok';
    return (
      '<header class="box-head">' +
      `<h1 class="box-title">${META_BOX_TITLE}</h1>` +
      `<span class="box-status status-${level}">${parts.length > 0 ? parts.join(' · ') : 'no problems'}</span>` +
      '</header>'
    );
  }

  private notice(message: string, range?: Range): string {
    return `<div class="notice"${range ? rangeAttr(range) : ''}><p>${messageHtml(message)}</p></div>\n`;
  }

  private yamlErrors(): string {
    const frontMatter = this.post.frontMatter;
    if (!frontMatter) return '';
    const index = this.post.index;
    const items = frontMatter.errors.map((error) => {
      const range = index.range(error.start, error.end);
      const line = range.start.line;
      const lineStart = index.lineStartOffset(line);
      const lineEnd = index.lineEndOffset(line);
      const markEnd = Math.min(Math.max(error.end, error.start), lineEnd);
      const text = this.post.text;
      const excerpt =
        (line > frontMatter.openLine + 1 ? `<span class="yaml-context">${textHtml(index.lineText(line - 1))}</span>\n` : '') +
        textHtml(text.slice(lineStart, error.start)) +
        `<mark>${textHtml(text.slice(error.start, markEnd)) || ' '}</mark>` +
        textHtml(text.slice(markEnd, lineEnd));
      return (
        `<li class="yaml-error"${rangeAttr(range)}>` +
        `<p class="problem problem-error"><span class="problem-level">error</span><span class="problem-message">${messageHtml(error.message)}</span>` +
        `<span class="problem-where">line ${line + 1}, column ${range.start.character + 1}</span></p>` +
        `<pre class="yaml-excerpt"><code>${excerpt}</code></pre></li>`
      );
    });
    return (
      '<section class="field field-yaml-error field-error">' +
      '<h2 class="label">the post meta is not valid YAML</h2>' +
      '<p class="prose">The box cannot be shown until the front matter parses. Fix this first:</p>' +
      `<ul class="yaml-errors">${items.join('')}</ul></section>\n`
    );
  }

  private problemList(problems: Shown[], extraClass: string, withLine = false): string {
    const items = problems.map(
      (problem) =>
        `<li class="problem problem-${problem.level}"${rangeAttr(problem.range)}>` +
        `<span class="problem-level">${problem.level === 'info' ? 'note' : problem.level}</span>` +
        `<span class="problem-message">${withLine ? `<span class="problem-where">line ${problem.range.start.line + 1}</span> ` : ''}${messageHtml(problem.message)}</span>` +
        (problem.rule ? `<span class="problem-rule">${escapeHtml(problem.rule)}</span>` : '') +
        '</li>',
    );
    return `<ul class="problems${extraClass ? ` ${extraClass}` : ''}">${items.join('')}</ul>`;
  }

  private fields(meta: Record<string, unknown>): string {
    let out = '';
    const done = new Set<string>();
    const team = Object.keys((this.options.template ?? DEFAULT_TEMPLATE).fields);
    // Every known key (a missing required one shows as missing), then the post's own keys; the team's fields come last, grouped.
    for (const key of orderKeys([...knownKeys()[''], ...Object.keys(meta)].filter((key) => !team.includes(key)), knownKeys()[''])) {
      if (done.has(key)) continue;
      done.add(key);
      const row = ROWS.find((candidate) => candidate.keys.includes(key));
      if (!row) {
        out += this.field(key, meta, true);
        continue;
      }
      for (const member of row.keys) done.add(member);
      // Fields side by side are narrow: their problems go under the row, full width.
      const cells = row.keys.map((member) => this.field(member, meta, false)).filter((cell) => cell !== '');
      if (cells.length === 0) continue;
      const problems = row.keys.flatMap((member) => (this.shows(member, meta) ? this.problemsOf(member) : []));
      out += `<div class="row row-${row.group}">\n${cells.join('')}${problems.length > 0 ? `<div class="row-problems">${this.problemList(problems, '')}</div>\n` : ''}</div>\n`;
    }
    // The team template's own fields, in its order, as one group after the post format's.
    const teamCells = team.map((key) => this.field(key, meta, true)).join('');
    if (teamCells !== '') out += `<div class="group group-team-fields">\n<h2 class="group-label">team fields</h2>\n${teamCells}</div>\n`;
    return out;
  }

  /** Whether field `key` is in the box: it is there, or it is a required key that is missing. */
  private shows(key: string, meta: Record<string, unknown>): boolean {
    return this.present(key, meta) || this.byField.get(key)?.some((problem) => problem.missing === key) === true;
  }

  private present(key: string, meta: Record<string, unknown>): boolean {
    return Object.prototype.hasOwnProperty.call(meta, key) && meta[key] !== undefined;
  }

  /** One field: its label, its value as the site shows it, and (unless its row lists them) its problems. */
  private field(key: string, meta: Record<string, unknown>, withProblems: boolean): string {
    if (!this.shows(key, meta)) return '';
    const problems = this.problemsOf(key);
    const present = this.present(key, meta);
    const path = child('', key);
    const known = knownKeys()[''].includes(key);
    const level = this.worst(problems);
    const team = !known && Object.prototype.hasOwnProperty.call((this.options.template ?? DEFAULT_TEMPLATE).fields, key);
    const classes = ['field', known ? `field-${key}` : team ? 'field-team' : 'field-unknown', level ? `field-${level}` : '', present ? '' : 'field-missing'].filter(Boolean).join(' ');
    const anchor = this.anchors.get(path);
    const content = present ? this.value(key, meta[key], path) : '<p class="missing">missing</p>';
    return (
      `<section class="${classes}" data-key="${attrText(key)}"${anchor ? rangeAttr(anchor.select) : ''}>` +
      `<h2 class="label">${textHtml(labelOf(key))}</h2>${content}` +
      (withProblems && problems.length > 0 ? this.problemList(problems, '') : '') +
      '</section>\n'
    );
  }

  private value(key: string, value: unknown, path: Path): string {
    const special = this.special(key, value, path);
    return special ?? `<div class="value">${this.generic(value, path, 0)}</div>`;
  }

  /** The site's rendering of a known field, or undefined when the value has another shape than expected. */
  private special(key: string, value: unknown, path: Path): string | undefined {
    switch (key) {
      case 'topic':
        return typeof value === 'string' ? `<p class="topic">${valueHtml(value)}</p>` : undefined;
      case 'summary':
      case 'ai_brief':
        return typeof value === 'string' ? `<p class="prose">${valueHtml(value)}</p>` : undefined;
      case 'ai_outline':
      case 'payload':
        return isRecord(value) ? this.pairs(value, path, knownKeys()[key]) : undefined;
      case 'stack':
      case 'tools':
        return Array.isArray(value) ? this.chips(value, path) : undefined;
      case 'code_language':
        return typeof value === 'string' ? `<p class="stat"><code class="mono">${valueHtml(value)}</code></p>` : undefined;
      case 'difficulty':
        return typeof value === 'string' ? this.difficulty(value) : undefined;
      case 'reading_time':
        return typeof value === 'number' && Number.isInteger(value) ? `<p class="stat">${value}<span class="unit"> min read</span></p>` : undefined;
      case 'view_count':
        return typeof value === 'number' && Number.isInteger(value) ? `<p class="stat">${groupDigits(value)}<span class="unit"> views</span></p>` : undefined;
      case 'score':
        return isRecord(value) ? this.scores(value, path) : undefined;
      case 'revision':
        return isRecord(value) ? this.revision(value, path) : undefined;
      case 'reference':
      case 'hash':
        return typeof value === 'string' ? `<p class="ident"><code class="mono">${valueHtml(value)}</code></p>` : undefined;
      case 'flags':
        return isRecord(value) ? this.flags(value, path) : undefined;
      case 'checklist':
        return Array.isArray(value) ? this.list(value, path, 'checklist', 'ol') : undefined;
      case 'notes':
        return Array.isArray(value) ? this.list(value, path, 'notes', 'ul') : undefined;
      case 'entities':
        return Array.isArray(value) ? this.entities(value, path) : undefined;
      case 'image_sources':
        return Array.isArray(value) ? this.images(value, path) : undefined;
      default:
        return undefined;
    }
  }

  /** Any value: text, a list (arrays render as lists), or key/value pairs. */
  private generic(value: unknown, path: Path, depth: number): string {
    if (depth > MAX_DEPTH) return `<code class="mono">${valueHtml(JSON.stringify(value) ?? '')}</code>`;
    if (Array.isArray(value)) {
      if (value.length === 0) return '<span class="empty">empty list</span>';
      return `<ul class="list">${value.map((item, i) => `<li${this.at(child(path, i))}>${this.generic(item, child(path, i), depth + 1)}</li>`).join('')}</ul>`;
    }
    if (isRecord(value)) return this.pairs(value, path, undefined, depth);
    return this.scalar(value);
  }

  private scalar(value: unknown): string {
    if (value === null || value === undefined) return '<span class="empty">empty</span>';
    if (typeof value === 'string') return value.trim() === '' ? '<span class="empty">empty</span>' : valueHtml(value);
    if (typeof value === 'object') return `<code class="mono">${valueHtml(JSON.stringify(value) ?? '')}</code>`;
    return escapeHtml(String(value));
  }

  /** A map as label/value rows; known keys that are absent show as missing. */
  private pairs(map: Record<string, unknown>, path: Path, known: readonly string[] | undefined, depth = 0): string {
    const keys = boxOrder(map, known);
    const absent = (known ?? []).filter((key) => !(key in map));
    if (keys.length === 0 && absent.length === 0) return '<span class="empty">empty map</span>';
    const rows = keys.map((key) => {
      const here = child(path, key);
      const anchor = this.anchors.get(here);
      return `<div class="kv-row"${anchor ? rangeAttr(anchor.select) : ''}><dt>${textHtml(labelOf(key))}</dt><dd${this.markOnly(here)}>${this.generic(map[key], here, depth + 1)}</dd></div>`;
    });
    for (const key of absent) rows.push(`<div class="kv-row"><dt>${textHtml(labelOf(key))}</dt><dd class="missing">missing</dd></div>`);
    return `<dl class="kv">${rows.join('')}</dl>`;
  }

  private chips(list: unknown[], path: Path): string {
    if (list.length === 0) return '<p class="empty">none</p>';
    return `<ul class="chips">${list.map((item, i) => `<li${this.at(child(path, i), 'chip')}>${this.generic(item, child(path, i), 1)}</li>`).join('')}</ul>`;
  }

  private list(list: unknown[], path: Path, kind: string, tag: 'ol' | 'ul'): string {
    if (list.length === 0) return '<p class="empty">none</p>';
    return `<${tag} class="${kind}">${list.map((item, i) => `<li${this.at(child(path, i))}>${this.generic(item, child(path, i), 1)}</li>`).join('')}</${tag}>`;
  }

  private difficulty(value: string): string {
    // The template's levels, easiest first: a team's own scale gets as many dots as it has levels.
    const levels = this.values.difficulty;
    const level = levels.indexOf(value);
    const dots = level < 0 ? '' : `<span class="dots" aria-hidden="true">${levels.map((_, i) => `<span class="dot${i <= level ? ' dot-on' : ''}"></span>`).join('')}</span>`;
    return `<p class="stat difficulty${level < 0 ? '' : ` difficulty-${classSuffix(value)}`}">${dots}${valueHtml(value)}</p>`;
  }

  private scores(map: Record<string, unknown>, path: Path): string {
    const known = knownKeys().score;
    const keys = [...known, ...boxOrder(map, known).filter((key) => !known.includes(key))];
    const rows = keys.map((key) => {
      const value = map[key];
      const here = child(path, key);
      const name = `<span class="score-name">${textHtml(labelOf(key))}</span>`;
      if (!(key in map)) return `<div class="score">${name}<span class="meter meter-empty"></span><span class="score-value missing">missing</span></div>`;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
        return `<div${this.at(here, 'score')}>${name}<span class="meter meter-empty"></span><span class="score-value">${this.generic(value, here, 2)}</span></div>`;
      }
      const level = value >= 75 ? 'high' : value >= 50 ? 'mid' : 'low';
      return (
        `<div${this.at(here, 'score')}>${name}` +
        `<span class="meter" role="meter" aria-label="${attrText(labelOf(key))}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${value}"><span class="meter-fill pct-${value} level-${level}"></span></span>` +
        `<span class="score-value">${value}</span></div>`
      );
    });
    return `<div class="scores">${rows.join('')}</div>`;
  }

  private revision(map: Record<string, unknown>, path: Path): string {
    const parts: string[] = [];
    const { status, version, last_reviewed: reviewed } = map;
    if ('status' in map) {
      const known = typeof status === 'string' && this.values.status.includes(status);
      parts.push(`<span${this.at(child(path, 'status'), `badge status status-${known ? classSuffix(status) : 'other'}`)}>${this.scalar(status)}</span>`);
    } else {
      parts.push('<span class="badge status status-other missing">status missing</span>');
    }
    if ('version' in map) {
      const text = typeof version === 'string' && /^\d/.test(version) ? `v${valueHtml(version)}` : this.scalar(version);
      parts.push(`<span${this.at(child(path, 'version'), 'version mono')}>${text}</span>`);
    } else {
      parts.push('<span class="version missing">version missing</span>');
    }
    if ('last_reviewed' in map) {
      const ago = typeof reviewed === 'string' ? timeAgo(reviewed, this.options.today) : undefined;
      const date = typeof reviewed === 'string' ? `<time datetime="${attrText(reviewed)}">${valueHtml(reviewed)}</time>` : this.scalar(reviewed);
      parts.push(`<span${this.at(child(path, 'last_reviewed'), 'reviewed')}>last reviewed ${date}${ago ? ` <span class="ago">(${ago})</span>` : ''}</span>`);
    } else {
      parts.push('<span class="reviewed missing">last reviewed missing</span>');
    }
    const others = boxOrder(map, knownKeys().revision).filter((key) => !knownKeys().revision.includes(key));
    const extra = others.length > 0 ? this.pairs(Object.fromEntries(others.map((key) => [key, map[key]])), path, undefined) : '';
    return `<div class="revision">${parts.join('')}</div>${extra}`;
  }

  private flags(map: Record<string, unknown>, path: Path): string {
    const keys = [...knownKeys().flags, ...boxOrder(map, knownKeys().flags).filter((key) => !knownKeys().flags.includes(key))];
    const items = keys.map((key) => {
      const value = map[key];
      const name = `<span class="flag-name">${textHtml(labelOf(key))}</span>`;
      if (!(key in map)) return `<li class="flag flag-bad">${name}<span class="flag-state">missing</span></li>`;
      const state = value === 1 ? 'on' : value === 0 ? 'off' : undefined;
      return `<li${this.at(child(path, key), `flag flag-${state ?? 'bad'}`)}>${name}<span class="flag-state">${state ?? this.scalar(value)}</span></li>`;
    });
    return `<ul class="flags">${items.join('')}</ul>`;
  }

  private entities(list: unknown[], path: Path): string {
    if (list.length === 0) return '<p class="empty">none</p>';
    const items = list.map((item, i) => {
      const here = child(path, i);
      if (!isRecord(item) || typeof item.name !== 'string' || typeof item.type !== 'string' || Object.keys(item).some((key) => key !== 'name' && key !== 'type')) {
        return `<li${this.at(here, 'entity entity-other')}>${this.generic(item, here, 1)}</li>`;
      }
      return (
        `<li${this.at(here, 'entity')}>` +
        `<span${this.at(child(here, 'type'), `entity-type${this.values.entity_type.includes(item.type) ? ` entity-type-${classSuffix(item.type)}` : ''}`)}>${valueHtml(item.type)}</span>` +
        `<span${this.at(child(here, 'name'), 'entity-name')}>${valueHtml(item.name)}</span></li>`
      );
    });
    return `<ul class="entities">${items.join('')}</ul>`;
  }

  private images(list: unknown[], path: Path): string {
    if (list.length === 0) return '<p class="empty">none</p>';
    const figures = list.map((item, i) => {
      const here = child(path, i);
      if (!isRecord(item)) return `<div${this.at(here, 'image')}>${this.generic(item, here, 1)}</div>`;
      const caption = typeof item.caption === 'string' ? item.caption : '';
      const url = safeImageUrl(item.url);
      const media =
        url && this.options.allowRemoteImages
          ? `<img class="image-media" src="${escapeHtml(url)}" alt="${attrText(caption)}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
          : `<div class="image-media image-placeholder" role="img" aria-label="${attrText(caption)}">` +
            '<span class="placeholder-icon" aria-hidden="true"></span>' +
            `<span class="placeholder-caption">${valueHtml(caption)}</span>` +
            `<span class="placeholder-note">${url ? 'remote images are off' : 'not loaded: not an https URL'}</span></div>`;
      const source = 'source' in item ? `<span${this.at(child(here, 'source'), 'image-source')}>image source: ${this.scalar(item.source)}</span>` : '';
      const link = 'url' in item ? `<span${this.at(child(here, 'url'), 'image-url mono')}>${this.scalar(item.url)}</span>` : '';
      const others = Object.keys(item).filter((key) => !knownKeys()['image_sources[]'].includes(key));
      const extra = others.length > 0 ? this.pairs(Object.fromEntries(others.map((key) => [key, item[key]])), here, undefined, 1) : '';
      return (
        `<figure${this.at(here, 'image')}>${media}<figcaption>` +
        `<span${this.at(child(here, 'caption'), 'image-caption')}>${caption ? valueHtml(caption) : this.scalar(item.caption)}</span>` +
        `${source}${link}${extra}</figcaption></figure>`
      );
    });
    return `<div class="images">${figures.join('')}</div>`;
  }
}

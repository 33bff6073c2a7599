import { commonmark, type Token } from '../model/markdown';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isMap, isScalar, Node } from 'yaml';
import { META_BOX_TITLE } from '../export/format';
import { codeLines, imageSourceFor } from '../export/renderText';
import type { BodyImage } from '../model/body';
import { metaObject, PostDocument } from '../model/document';
import { ROLLBACK_LANGUAGE } from '../model/rollback';
import { attrText, escapeHtml, pageTextHtml, safeImageUrl } from './escape';
import { metaBoxModel, MetaBoxEntry, MetaBoxField } from './metaBoxModel';
import { PAGE_CSS } from './pageStyles';

/**
 * The whole post as the site renders it (the post preview and `alphanode render --format
 * page`): title, intro, sections with their prose, lists, code and images, then the meta box
 * from the box model (metaBoxModel.ts). It walks the same markdown-it tokens the same way as
 * the text export (export/renderText.ts), so the page's visible text is the export's text
 * (test/unit/page-html.test.ts checks it for every seed and test post).
 *
 * Reviewers see more than readers, and all of it is marked `data-review` (the text
 * comparison leaves it out): the problem summary at the top, each diagnostic under the block
 * it points into (marker, message, rule id linking to its docs), and the rollback notes the
 * site strips, in a "not published: rollback note" box where they stand, with a toggle that
 * hides them (a checkbox and CSS: it works without scripts, in the standalone page too).
 *
 * Every block carries `data-line` (its first source line, 0-based) and `data-range` (that
 * line), for scroll sync and click-to-reveal. Every value of the post is escaped; images
 * load only when allowed and `https:`; hidden characters show as markers (`⟨U+202E⟩`,
 * drawn by the stylesheet, not part of the text).
 */
export interface PageOptions {
  /** Load `https:` images; otherwise each image is a placeholder above its caption. */
  allowRemoteImages: boolean;
}

export interface PageHtml {
  /** The page: one `<article class="anp-page">` whose children are its blocks. */
  html: string;
  /** Its stylesheet (the same for every post). */
  css: string;
}

type Level = 'error' | 'warning' | 'info';
const LEVELS: Record<number, Level> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };
const RANK: Record<Level, number> = { error: 3, warning: 2, info: 1 };
/** The id of the rollback toggle (the stylesheet hides the notes while it is checked). */
export const ROLLBACK_TOGGLE_ID = 'anp-hide-rollback';

interface Block {
  kind: string;
  line: number;
  endLine: number;
  html: string;
}

interface Problem {
  level: Level;
  message: string;
  rule: string;
  href: string | undefined;
  line: number;
  character: number;
}

export function renderPage(post: PostDocument, diagnostics: readonly Diagnostic[], options: PageOptions): PageHtml {
  return { html: new PageWriter(post, diagnostics, options).render(), css: PAGE_CSS };
}

class PageWriter {
  private readonly problems: Problem[];
  private problemCount = 0;
  private rollbackCount = 0;

  constructor(
    private readonly post: PostDocument,
    diagnostics: readonly Diagnostic[],
    private readonly options: PageOptions,
  ) {
    this.problems = diagnostics.map((diagnostic) => ({
      level: LEVELS[diagnostic.severity ?? 1] ?? 'error',
      message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
      rule: typeof diagnostic.code === 'string' || typeof diagnostic.code === 'number' ? String(diagnostic.code) : '',
      href: safeImageUrl(diagnostic.codeDescription?.href),
      line: diagnostic.range.start.line,
      character: diagnostic.range.start.character,
    }));
    // Document order: the summary's link goes to the first one on the page.
    this.problems.sort((a, b) => a.line - b.line || a.character - b.character);
  }

  render(): string {
    const blocks = this.bodyBlocks();
    // Blocks come in source order: each problem finds its block by binary search.
    const bodyStart = this.post.body.startLine;
    // Each problem goes under the block it points into (or the last one before it); the meta's under its row.
    const blockLines = blocks.map((block) => block.line);
    const byBlock = new Map<Block, Problem[]>();
    const metaProblems: Problem[] = [];
    for (const problem of this.problems) {
      if (problem.line < bodyStart || blocks.length === 0) {
        metaProblems.push(problem);
        continue;
      }
      const target = blocks[Math.max(0, lastAtOrBefore(blockLines, problem.line))];
      const list = byBlock.get(target);
      if (list) list.push(problem);
      else byBlock.set(target, [problem]);
    }
    let out = '';
    for (const block of blocks) out += this.wrap(block, byBlock.get(block) ?? []);
    out += this.metaBox(metaProblems);
    return (
      '<article class="anp-page">\n' +
      (this.rollbackCount > 0 ? `<input type="checkbox" id="${ROLLBACK_TOGGLE_ID}" class="rollback-toggle" data-review>\n` : '') +
      this.summary() +
      out +
      '</article>'
    );
  }

  // ---- review chrome ------------------------------------------------------------------------

  private summary(): string {
    const count = (level: Level) => this.problems.filter((problem) => problem.level === level).length;
    const parts = (['error', 'warning', 'info'] as Level[])
      .map((level) => [count(level), level] as const)
      .filter(([n]) => n > 0)
      .map(([n, level]) => `${n} ${level === 'info' ? 'note' : level}${n === 1 ? '' : 's'}`);
    const worst = this.worst(this.problems) ?? 'ok';
    const status =
      parts.length > 0
        ? `<a class="page-summary status-${worst}" href="#anp-problem-1" title="Go to the first problem">${parts.join(' · ')}</a>`
        : '<span class="page-summary status-ok">no problems</span>';
    const toggle =
      this.rollbackCount > 0
        ? `<label class="rollback-switch" for="${ROLLBACK_TOGGLE_ID}">hide rollback notes (${this.rollbackCount})</label>`
        : '';
    return `<nav class="page-review" data-review aria-label="review">${status}${toggle}</nav>\n`;
  }

  private worst(problems: readonly Problem[]): Level | undefined {
    let level: Level | undefined;
    for (const problem of problems) if (!level || RANK[problem.level] > RANK[level]) level = problem.level;
    return level;
  }

  private problemList(problems: readonly Problem[]): string {
    if (problems.length === 0) return '';
    const items = problems.map((problem) => {
      const id = ++this.problemCount;
      const rule = problem.rule
        ? problem.href
          ? `<a class="problem-rule" href="${escapeHtml(problem.href)}" title="The rule's documentation">${escapeHtml(problem.rule)}</a>`
          : `<span class="problem-rule">${escapeHtml(problem.rule)}</span>`
        : '';
      return (
        `<li class="problem problem-${problem.level}" id="anp-problem-${id}" data-range="${problem.line}:${problem.character}:${problem.line}:${problem.character}">` +
        `<span class="problem-level">${problem.level === 'info' ? 'note' : problem.level}</span>` +
        `<span class="problem-message">${pageTextHtml(problem.message).replace(/`([^`\n]+)`/g, '<code>$1</code>')}</span>${rule}</li>`
      );
    });
    return `<ul class="problems" data-review>${items.join('')}</ul>`;
  }

  /** A block in its wrapper: source line attributes, a mark when it has problems, and their list. */
  private wrap(block: Block, problems: readonly Problem[]): string {
    const level = this.worst(problems);
    return `<div class="blk blk-${block.kind}${level ? ` blk-${level}` : ''}" data-line="${block.line}" data-range="${block.line}:0:${block.line}:0">${block.html}${this.problemList(problems)}</div>\n`;
  }

  // ---- the body: the same walk as the text export (renderText.ts) --------------------------------

  private bodyBlocks(): Block[] {
    const { body, index } = this.post;
    if (body.startLine >= index.lineCount) return [];
    const sourceOf = imageSourceFor(metaObject(this.post));
    const tokens = commonmark().parse(index.text.slice(index.lineStartOffset(body.startLine)), {});
    const blocks: Block[] = [];
    const imageLines = body.images.map((image) => image.line);
    const at = (token: Token) => ({ line: (token.map?.[0] ?? 0) + body.startLine, endLine: (token.map?.[1] ?? 0) + body.startLine });
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const { line, endLine } = at(token);
      switch (token.type) {
        case 'heading_open': {
          const tag = /^h[1-6]$/.test(token.tag) ? token.tag : 'h2';
          const kind = tag === 'h1' ? 'title' : 'heading';
          blocks.push({ kind, line, endLine, html: `<${tag} class="page-${kind}">${inlineHtml(tokens[i + 1]?.children ?? null)}</${tag}>` });
          break;
        }
        case 'paragraph_open': {
          // Images come in source order too: those of this paragraph by binary search, not a scan per paragraph.
          const images = body.images.slice(lastAtOrBefore(imageLines, line - 1) + 1, lastAtOrBefore(imageLines, endLine - 1) + 1);
          blocks.push({ line, endLine, ...this.paragraph(tokens[i + 1], images, sourceOf) });
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const [html, close] = this.list(tokens, i);
          blocks.push({ kind: 'list', line, endLine, html });
          i = close;
          break;
        }
        case 'fence':
          blocks.push(this.isRollback(token) ? { kind: 'rollback', line, endLine, html: this.rollbackNote(token) } : { kind: 'code', line, endLine, html: codeHtml(token.content) });
          break;
        case 'code_block':
          blocks.push({ kind: 'code', line, endLine, html: codeHtml(token.content) });
          break;
        case 'html_block':
          // Comments are invisible on the page; other HTML shows as its text (the export prints its lines).
          if (!/^\s*<!--[\s\S]*-->\s*$/.test(token.content)) blocks.push({ kind: 'raw', line, endLine, html: `<div class="raw-html">${codeLines(token.content).map(pageTextHtml).join('<br>')}</div>` });
          break;
        case 'hr':
          blocks.push({ kind: 'rule', line, endLine, html: '<hr>' });
          break;
        // Blockquotes render their paragraphs (visited next).
      }
    }
    return blocks;
  }

  private isRollback(token: Token): boolean {
    return token.info.trim().split(/\s+/)[0] === ROLLBACK_LANGUAGE;
  }

  private rollbackNote(token: Token): string {
    this.rollbackCount++;
    return (
      '<aside class="rollback-note" data-review aria-label="not published: rollback note">' +
      '<p class="rollback-title">not published: rollback note</p>' +
      `<pre><code>${codeLines(token.content).map(pageTextHtml).join('\n')}</code></pre></aside>`
    );
  }

  /** A paragraph of text, or for an image-only paragraph, a figure per image. */
  private paragraph(inline: Token | undefined, images: BodyImage[], sourceOf: (image: BodyImage) => string | undefined): { kind: string; html: string } {
    const children = inline?.children ?? [];
    const imageOnly = images.length > 0 && children.every((child) => child.type === 'image' || child.type === 'softbreak' || (child.type === 'text' && child.content.trim() === ''));
    if (!imageOnly) return { kind: 'text', html: `<p>${inlineHtml(children)}</p>` };
    return { kind: 'images', html: images.map((image) => this.figure(image, sourceOf(image))).join('') };
  }

  private figure(image: BodyImage, source: string | undefined): string {
    const url = safeImageUrl(image.url);
    const media =
      url && this.options.allowRemoteImages
        ? `<img class="image-media" src="${escapeHtml(url)}" alt="${attrText(image.caption)}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
        : `<div class="image-media image-placeholder ${url ? 'image-off' : 'image-bad'}" role="img" aria-label="${attrText(image.caption)}"><span class="placeholder-icon" aria-hidden="true"></span></div>`;
    // The site prints the caption, then the caption with its source (the export's two image lines: two blocks).
    const credit = source === undefined ? '' : `<div class="image-credit">${pageTextHtml(`${image.caption}. image source: ${source}`)}</div>`;
    return `<figure class="page-image">${media}<figcaption><div class="image-caption">${pageTextHtml(image.caption)}</div>${credit}</figcaption></figure>`;
  }

  /** A whole list, nested lists included, with its markers as text (`• `, `1. `). Returns the HTML and the index of its close token. */
  private list(tokens: Token[], open: number): [string, number] {
    let out = '';
    let depth = -1;
    let i = open;
    // Per open item: whether its first line (marker and first paragraph) is complete.
    const started: boolean[] = [];
    for (; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        depth++;
        out += token.type === 'bullet_list_open' ? '<ul class="list">' : '<ol class="list">';
      } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
        out += token.type === 'bullet_list_close' ? '</ul>' : '</ol>';
        if (--depth < 0) break;
      } else if (token.type === 'list_item_open') {
        const marker = token.info ? `${token.info}${token.markup}` : '•';
        out += `<li><span class="marker">${escapeHtml(marker)} </span>`;
        started.push(false);
      } else if (token.type === 'list_item_close') {
        out += '</li>';
        started.pop();
      } else if (token.type === 'inline') {
        // The first paragraph of an item completes its line; later ones get lines of their own.
        const last = started.length - 1;
        if (last >= 0 && !started[last]) {
          out += inlineHtml(token.children);
          started[last] = true;
        } else {
          out += `<div class="item-more">${inlineHtml(token.children)}</div>`;
        }
      } else if (token.type === 'fence' || token.type === 'code_block') {
        if (started.length > 0) started[started.length - 1] = true;
        out += token.type === 'fence' && this.isRollback(token) ? this.rollbackNote(token) : codeHtml(token.content);
      }
    }
    return [out, i];
  }

  // ---- the meta box: the box model, as the site prints it --------------------------------------

  private metaBox(problems: readonly Problem[]): string {
    const entries = metaBoxModel(metaObject(this.post));
    const frontMatter = this.post.frontMatter;
    const openLine = frontMatter?.openLine ?? 0;
    // The source line of each top-level key: a row's problems are those from its line to the next row's.
    const keyLines = this.keyLines();
    const lines = entries.map((entry) => keyLines.get(entry.key) ?? openLine);
    const rowProblems = entries.map(() => [] as Problem[]);
    const headProblems: Problem[] = [];
    // The rows in source order (the box's order is another), to find each problem's row by binary search.
    const bySource = entries.map((_, r) => r).filter((r) => lines[r] > openLine).sort((a, b) => lines[a] - lines[b]);
    const sourceLines = bySource.map((r) => lines[r]);
    for (const problem of problems) {
      const at = lastAtOrBefore(sourceLines, problem.line);
      if (at < 0) headProblems.push(problem);
      else rowProblems[bySource[at]].push(problem);
    }
    const rows = entries.map((entry, r) => {
      const level = this.worst(rowProblems[r]);
      return (
        `<div class="meta-row meta-${entry.kind}${level ? ` blk-${level}` : ''}" data-line="${lines[r]}" data-range="${lines[r]}:0:${lines[r]}:0">` +
        `${entryHtml(entry)}${this.problemList(rowProblems[r])}</div>`
      );
    });
    const html = `<section class="page-meta" aria-label="${META_BOX_TITLE}"><h2 class="meta-title">${META_BOX_TITLE}</h2>${this.problemList(headProblems)}${rows.join('')}</section>`;
    return `<div class="blk blk-meta${this.worst(headProblems) ? ` blk-${this.worst(headProblems)}` : ''}" data-line="${openLine}" data-range="${openLine}:0:${openLine}:0">${html}</div>\n`;
  }

  /** The source line of each top-level key (the first of duplicates), read once. */
  private keyLines(): Map<string, number> {
    const lines = new Map<string, number>();
    const frontMatter = this.post.frontMatter;
    const contents = frontMatter?.errors.length === 0 ? frontMatter.document.contents : undefined;
    if (!frontMatter || !isMap(contents)) return lines;
    for (const pair of contents.items) {
      const key = pair.key as Node | null;
      const start = key?.range?.[0];
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name !== undefined && start !== undefined && !lines.has(name)) lines.set(name, this.post.index.positionAt(frontMatter.sourceStart + start).line);
    }
    return lines;
  }
}

/** The index of the last of the ascending `lines` that is ≤ `line`, or -1. */
function lastAtOrBefore(lines: readonly number[], line: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle] <= line) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function entryHtml(entry: MetaBoxEntry): string {
  const label = `<span class="meta-label">${pageTextHtml(entry.label)}</span>`;
  // Label and value are inline neighbours: the site's text glues them (`view count157046`), the stylesheet spaces them.
  if (entry.kind === 'value') return `${label}<span class="meta-value">${pageTextHtml(entry.text)}</span>`;
  if (entry.kind === 'map') return `<div>${label}</div>${fieldsHtml(entry.fields, 'meta-items')}`;
  const items = entry.items.map((item) => (item.kind === 'map' ? `<li class="meta-group">${fieldsHtml(item.fields, 'meta-items nested')}</li>` : `<li><span class="marker">• </span>${pageTextHtml(item.text)}</li>`));
  return `<div>${label}</div><ul class="meta-items">${items.join('')}</ul>`;
}

function fieldsHtml(fields: readonly MetaBoxField[], classes: string): string {
  return `<ul class="${classes}">${fields.map((field) => `<li><span class="marker">• </span>${pageTextHtml(`${field.label}: ${field.text}`)}</li>`).join('')}</ul>`;
}

function codeHtml(content: string): string {
  return `<pre class="code"><code>${codeLines(content).map(pageTextHtml).join('\n')}</code></pre>`;
}

/** Inline tokens as HTML, with the same text as the export's `tokensText` (markup styled, inline HTML not shown). */
function inlineHtml(children: readonly Token[] | null): string {
  let out = '';
  for (const child of children ?? []) {
    switch (child.type) {
      case 'text':
      case 'text_special':
        out += pageTextHtml(child.content);
        break;
      case 'code_inline':
        out += `<code>${pageTextHtml(child.content)}</code>`;
        break;
      case 'softbreak':
        out += ' ';
        break;
      case 'hardbreak':
        out += '<br>';
        break;
      case 'image':
        out += `<span class="inline-image" title="${attrText(child.attrGet('src') ?? '')}">${inlineHtml(child.children)}</span>`;
        break;
      case 'em_open':
        out += '<em>';
        break;
      case 'em_close':
        out += '</em>';
        break;
      case 'strong_open':
        out += '<strong>';
        break;
      case 'strong_close':
        out += '</strong>';
        break;
      // A link is styled, never followed: the preview navigates nowhere.
      case 'link_open':
        out += `<span class="link" title="${attrText(child.attrGet('href') ?? '')}">`;
        break;
      case 'link_close':
        out += '</span>';
        break;
      // Inline HTML is not text (as in the export).
    }
  }
  return out;
}

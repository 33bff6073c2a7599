import { commonmark, type Token } from './markdown';
import type { Range } from 'vscode-languageserver-types';
import type { LineIndex } from './text';

/** An image written as `![caption](url)`. */
export interface BodyImage {
  caption: string;
  /** The URL exactly as written in the source (markdown-it percent-encodes its own copy). */
  url: string;
  line: number;
  /** The whole `![caption](url)`. */
  range: Range;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
  /** The heading text, without the `#` markers. */
  textRange: Range;
}

export interface Paragraph {
  kind: 'paragraph';
  line: number;
  endLine: number;
  images: BodyImage[];
  /** False for a paragraph that holds only images: images and captions are not prose. */
  prose: boolean;
  /** The text as a reader sees it: Markdown markup removed, line breaks as spaces. */
  text: string;
  range: Range;
}

export interface ListItem {
  text: string;
  /** `true`/`false` for `- [x]`/`- [ ]` task items, undefined for plain items. */
  checked: boolean | undefined;
  line: number;
  /** The item text, without the bullet and checkbox. */
  textRange: Range;
}

export interface ListBlock {
  kind: 'list';
  line: number;
  endLine: number;
  items: ListItem[];
  range: Range;
}

export interface Fence {
  kind: 'fence';
  /** The first word of the info string (`python` in ```` ```python title=x ````). */
  language: string;
  line: number;
  /** Line after the last line of the block (exclusive). */
  endLine: number;
  /** True when a closing fence was found before the end of its container. */
  closed: boolean;
  /** The opening fence line's text range. */
  openRange: Range;
  /** Offsets of the raw content (between the fences) in the post text. */
  contentStart: number;
  contentEnd: number;
}

export type Block = Paragraph | ListBlock | Fence;

export interface Section {
  /** Undefined for the intro (everything before the first `## `). */
  heading: Heading | undefined;
  /** Lower-cased heading text, '' for the intro. */
  name: string;
  blocks: Block[];
}

export interface Body {
  /** The first line of the body in the post. */
  startLine: number;
  titles: Heading[];
  intro: Section;
  sections: Section[];
  images: BodyImage[];
  fences: Fence[];
}

/**
 * Builds the body model from markdown-it's block tokens. Only line maps come from
 * markdown-it; columns are found in the original text so CRLF files keep exact ranges.
 */
export function parseBody(index: LineIndex, startLine: number): Body {
  const bodyText = index.text.slice(index.lineStartOffset(startLine));
  const tokens = startLine < index.lineCount ? commonmark().parse(bodyText, {}) : [];
  const intro: Section = { heading: undefined, name: '', blocks: [] };
  const body: Body = { startLine, titles: [], intro, sections: [], images: [], fences: [] };
  let section = intro;
  const at = (map: [number, number] | null) => ({ line: (map?.[0] ?? 0) + startLine, endLine: (map?.[1] ?? 0) + startLine });

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      const heading = toHeading(index, token, tokens[i + 1], at(token.map).line);
      if (heading.level === 1) body.titles.push(heading);
      if (heading.level === 2) {
        section = { heading, name: normalizeName(heading.text), blocks: [] };
        body.sections.push(section);
      }
      continue;
    }
    if (token.type === 'inline') {
      const { line, endLine } = at(token.map);
      const images = findImages(index, token, line, endLine);
      body.images.push(...images);
      if (tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 1].level === 0) {
        section.blocks.push({ kind: 'paragraph', line, endLine, images, prose: !isImageOnly(token), text: plainText(token), range: blockRange(index, line, endLine) });
      }
      continue;
    }
    if ((token.type === 'bullet_list_open' || token.type === 'ordered_list_open') && token.level === 0) {
      const { line, endLine } = at(token.map);
      const list: ListBlock = { kind: 'list', line, endLine, items: [], range: blockRange(index, line, endLine) };
      section.blocks.push(list);
      // Read the items ahead, then keep walking the list's tokens: images and fences inside items still count.
      collectListItems(index, tokens, i, list, startLine);
      continue;
    }
    if (token.type === 'fence') {
      const fence = toFence(index, token, at(token.map).line, at(token.map).endLine);
      body.fences.push(fence);
      if (token.level === 0) section.blocks.push(fence);
    }
  }
  return body;
}

export function normalizeName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function blockRange(index: LineIndex, line: number, endLine: number): Range {
  let last = Math.max(line, endLine - 1);
  // markdown-it's map of a list takes in the blank line after it.
  while (last > line && index.lineText(last).trim() === '') last--;
  return { start: index.trimmedLineRange(line).start, end: index.trimmedLineRange(last).end };
}

function toHeading(index: LineIndex, open: Token, inline: Token | undefined, line: number): Heading {
  const text = inline?.content ?? '';
  const lineText = index.lineText(line);
  const column = text ? lineText.indexOf(text) : -1;
  const start = index.lineStartOffset(line);
  const textRange = column >= 0 ? index.range(start + column, start + column + text.length) : index.trimmedLineRange(line);
  return { level: Number(open.tag.slice(1)), text, line, textRange };
}

function plainText(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => (child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : child.type === 'text' || child.type === 'code_inline' || child.type === 'image' ? child.content : ''))
    .join('');
}

function isImageOnly(inline: Token): boolean {
  const children = inline.children ?? [];
  let images = 0;
  for (const child of children) {
    if (child.type === 'image') images++;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') continue;
    else if (child.type === 'text' && child.content.trim() === '') continue;
    else return false;
  }
  return images > 0;
}

/** Finds each image's `![caption](url)` in the source lines of its inline token. */
function findImages(index: LineIndex, inline: Token, line: number, endLine: number): BodyImage[] {
  const children = (inline.children ?? []).filter((child) => child.type === 'image');
  if (children.length === 0) return [];
  const start = index.lineStartOffset(line);
  const source = index.text.slice(start, index.lineEndOffset(Math.max(line, endLine - 1)));
  const images: BodyImage[] = [];
  let cursor = 0;
  for (const child of children) {
    const opener = `![${child.content}](`;
    const at = source.indexOf(opener, cursor);
    if (at < 0) continue; // reference-style image: no inline URL to point at
    const url = readLinkDestination(source, at + opener.length);
    const end = source.indexOf(')', url.end);
    const imageEnd = end < 0 ? url.end : end + 1;
    const range = index.range(start + at, start + imageEnd);
    images.push({ caption: child.content, url: url.text, line: range.start.line, range });
    cursor = imageEnd;
  }
  return images;
}

function readLinkDestination(source: string, from: number): { text: string; end: number } {
  let i = from;
  while (source[i] === ' ' || source[i] === '\t') i++;
  if (source[i] === '<') {
    const close = source.indexOf('>', i);
    return close < 0 ? { text: source.slice(i + 1), end: source.length } : { text: source.slice(i + 1, close), end: close + 1 };
  }
  let depth = 0;
  const begin = i;
  for (; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (/\s/.test(ch)) break;
  }
  return { text: source.slice(begin, i), end: i };
}

function collectListItems(index: LineIndex, tokens: Token[], openAt: number, list: ListBlock, startLine: number): void {
  const level = tokens[openAt].level;
  let i = openAt + 1;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if ((token.type === 'bullet_list_close' || token.type === 'ordered_list_close') && token.level === level) break;
    if (token.type !== 'list_item_open' || token.level !== level + 1) continue;
    const line = (token.map?.[0] ?? 0) + startLine;
    const inline = tokens[i + 2]?.type === 'inline' && tokens[i + 1]?.type === 'paragraph_open' ? tokens[i + 2] : undefined;
    list.items.push(toListItem(index, inline?.content ?? '', line));
  }
}

const TASK = /^\[([ xX])\](?:\s+|$)/;

function toListItem(index: LineIndex, rawFirstLine: string, line: number): ListItem {
  // markdown-it gives the item's whole paragraph; an item is one line in a checklist.
  const raw = rawFirstLine.split('\n')[0];
  const task = TASK.exec(raw);
  const text = task ? raw.slice(task[0].length) : raw;
  const lineText = index.lineText(line);
  const marker = /^\s*(?:[-*+]|\d+[.)])\s*(?:\[[ xX]\]\s*)?/.exec(lineText);
  const boxInMarker = marker !== null && /\[[ xX]\]\s*$/.test(marker[0]);
  // The box belongs to the marker only when this item is a task item: `- [x]` text is text otherwise.
  const afterMarker = marker ? (task || !boxInMarker ? marker[0].length : /^\s*(?:[-*+]|\d+[.)])\s*/.exec(lineText)![0].length) : 0;
  const column = text ? lineText.indexOf(text, afterMarker) : -1;
  const lineStart = index.lineStartOffset(line);
  const textRange = column >= 0
    ? index.range(lineStart + column, lineStart + column + text.length)
    : index.range(lineStart + afterMarker, index.lineEndOffset(line));
  return { text: text.trim(), checked: task ? task[1] !== ' ' : undefined, line, textRange };
}

function toFence(index: LineIndex, token: Token, line: number, endLine: number): Fence {
  const lastLine = endLine - 1;
  const closingText = index.lineText(lastLine).trim();
  const closed = lastLine > line && closingText.startsWith(token.markup) && closingText.replace(/[`~]/g, '') === '';
  const end = index.text.length;
  let contentEnd = end;
  if (closed) contentEnd = index.lineStartOffset(lastLine);
  else if (endLine < index.lineCount) contentEnd = index.lineStartOffset(endLine);
  const contentStart = line + 1 < index.lineCount ? index.lineStartOffset(line + 1) : end;
  return {
    kind: 'fence',
    language: token.info.trim().split(/\s+/)[0] ?? '',
    line,
    endLine,
    closed,
    openRange: index.trimmedLineRange(line),
    contentStart,
    contentEnd: Math.max(contentEnd, contentStart),
  };
}

/**
 * The same body moved `lines` lines and `offset` characters down the post (the front matter
 * above it grew or shrank): what parseBody would give for the same body text at its new
 * place, without parsing it again. Objects shared between the lists (a fence in `fences`
 * and in its section's blocks, an image in `images` and in its paragraph) stay shared.
 */
export function shiftBody(body: Body, lines: number, offset: number): Body {
  if (lines === 0 && offset === 0) return body;
  const range = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  const images = new Map<BodyImage, BodyImage>();
  const image = (i: BodyImage) => images.get(i) ?? images.set(i, { ...i, line: i.line + lines, range: range(i.range) }).get(i)!;
  const headings = new Map<Heading, Heading>();
  const heading = (h: Heading) => headings.get(h) ?? headings.set(h, { ...h, line: h.line + lines, textRange: range(h.textRange) }).get(h)!;
  const fences = new Map<Fence, Fence>();
  const fence = (f: Fence) => fences.get(f) ?? fences.set(f, { ...f, line: f.line + lines, endLine: f.endLine + lines, openRange: range(f.openRange), contentStart: f.contentStart + offset, contentEnd: f.contentEnd + offset }).get(f)!;
  const block = (b: Block): Block => {
    if (b.kind === 'fence') return fence(b);
    if (b.kind === 'paragraph') return { ...b, line: b.line + lines, endLine: b.endLine + lines, images: b.images.map(image), range: range(b.range) };
    return { ...b, line: b.line + lines, endLine: b.endLine + lines, range: range(b.range), items: b.items.map((item) => ({ ...item, line: item.line + lines, textRange: range(item.textRange) })) };
  };
  const section = (s: Section): Section => ({ heading: s.heading && heading(s.heading), name: s.name, blocks: s.blocks.map(block) });
  return {
    startLine: body.startLine + lines,
    titles: body.titles.map(heading),
    intro: section(body.intro),
    sections: body.sections.map(section),
    images: body.images.map(image),
    fences: body.fences.map(fence),
  };
}

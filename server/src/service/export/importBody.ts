import { normalizeName } from '../model/body';
import { imageSourceOf, LIST_ITEM, pushAll } from './format';
import { fenceMarker, headingMarkdown, imageMarkdown, listItemMarkdown, paragraphMarkdown } from './markdownText';
import type { ImportWarning } from './types';

/**
 * The body of an export → the Markdown body of the source form. The export has lost the
 * markup, so each run of lines between blank lines is classified by what it looks like:
 *
 * - a known section name of the template on its own line → `## ` heading;
 * - `  • ` / `  1. ` lines → a list (the export puts no blank line between a list and what
 *   follows it, seed 003, so a run is first cut into list lines, image pairs and the rest);
 * - a caption line followed by `<caption>. image source: <source>` → `![caption](url)`,
 *   the URL from the meta box's `image sources`;
 * - one line that reads as a sentence → a prose paragraph (the site prints a paragraph on
 *   one line);
 * - several lines that are not all sentences → code. Code may hold blank lines, so code
 *   runs that follow each other merge, and so do lone non-sentence lines next to them
 *   (`package main`, blank, `import "net/http"`, blank, `func main() {…`).
 *
 * A lone line that is none of these (a heading unknown to the template?) is kept as a
 * paragraph with a warning. Nothing is dropped.
 */
export interface ImageSource {
  source: string;
  url: string;
  caption: string;
}

export interface BodyContext {
  /** Section names of the template (known, required, ordered). */
  sections: readonly string[];
  /** The meta's `code_language`, the tag of every code fence. */
  codeLanguage: string | undefined;
  imageSources: readonly ImageSource[];
}

type Kind = 'heading' | 'prose' | 'list' | 'images' | 'code' | 'loose';

interface Block {
  kind: Kind;
  /** 0-based index of the first line, and one past the last. */
  start: number;
  end: number;
}

export function importBody(lines: readonly string[], from: number, to: number, context: BodyContext): { markdown: string[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const sections = new Set(context.sections.map(normalizeName));
  // Most lines are long prose: skip normalizing those that cannot be a section name.
  const longest = Math.max(0, ...[...sections].map((name) => name.length));
  const isSection = (line: string) => line.length <= 2 * longest + 8 && sections.has(normalizeName(line));
  const markdown: string[] = [];

  let first = from;
  while (first < to && lines[first].trim() === '') first++;
  if (first < to && !isSection(lines[first]) && !LIST_ITEM.test(lines[first])) {
    markdown.push(`# ${headingMarkdown(lines[first].trim())}`, '');
    first++;
  } else if (first < to) {
    warnings.push({ line: first + 1, message: 'no title line before the first section: the source has no `# ` title' });
  }

  const blocks = mergeCode(classify(lines, first, to, isSection));
  const state: Conversion = { context, unusedSources: [...context.imageSources], warnedLanguage: false, warnings };
  for (const block of blocks) {
    for (const paragraph of blockMarkdown(lines.slice(block.start, block.end), block, state)) {
      pushAll(markdown, paragraph);
      markdown.push('');
    }
  }
  // Blocks are separated by one blank line; none at the very end.
  while (markdown.length > 0 && markdown[markdown.length - 1] === '') markdown.pop();
  return { markdown, warnings };
}

interface Conversion {
  context: BodyContext;
  /** Image sources not yet given to a body image: each entry serves one image. */
  unusedSources: ImageSource[];
  warnedLanguage: boolean;
  warnings: ImportWarning[];
}

/** The Markdown of one block: usually one group of lines, more when images stay text. */
function blockMarkdown(text: string[], block: Block, state: Conversion): string[][] {
  switch (block.kind) {
    case 'heading':
      return [[`## ${headingMarkdown(text[0].trim())}`]];
    case 'list':
      return [listMarkdown(text)];
    case 'images':
      return imagesMarkdown(text, block.start, state);
    case 'code':
      if (!state.context.codeLanguage && !state.warnedLanguage) {
        state.warnings.push({ line: block.start + 1, message: 'code without a `code language` in the meta box: fenced without a language tag' });
        state.warnedLanguage = true;
      }
      return [fenced(text, state.context.codeLanguage ?? '')];
    case 'loose':
      state.warnings.push({ line: block.start + 1, message: `${JSON.stringify(text[0].trim())} is not a sentence, a section of the template, a list, an image or code: kept as a paragraph` });
      return [proseMarkdown(text)];
    case 'prose':
      return [proseMarkdown(text)];
  }
}

/** Image pairs → `![caption](url)` lines; a pair without a URL in the meta stays its two lines of text. */
function imagesMarkdown(text: string[], start: number, state: Conversion): string[][] {
  const groups: string[][] = [[]];
  for (let i = 0; i < text.length; i += 2) {
    const image = imageMarkdownFor(text[i], text[i + 1], state.unusedSources);
    if (image) {
      groups[groups.length - 1].push(image);
      continue;
    }
    state.warnings.push({ line: start + i + 1, message: `image ${JSON.stringify(text[i])} has no entry with this caption and source in \`image sources\`: kept as text` });
    groups.push(proseMarkdown([text[i], text[i + 1]]), []);
  }
  return groups.filter((group) => group.length > 0);
}

/** Cuts the lines into blocks; see the module comment for the rules. */
function classify(lines: readonly string[], from: number, to: number, isSection: (line: string) => boolean): Block[] {
  const blocks: Block[] = [];
  let i = from;
  while (i < to) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    let end = i;
    while (end < to && lines[end].trim() !== '') end++;
    pushAll(blocks, pieces(lines, i, end, isSection));
    i = end;
  }
  return blocks;
}

/**
 * One run of non-blank lines → headings, lists, images and other pieces, in order. A
 * section name is a heading even when a blank line around it went missing: no sentence
 * or code line is just `final notes`.
 */
function pieces(lines: readonly string[], start: number, end: number, isSection: (line: string) => boolean): Block[] {
  const out: Block[] = [];
  let other = -1;
  const flushOther = (at: number) => {
    if (other < 0) return;
    const texts = lines.slice(other, at);
    const kind: Kind = texts.every(readsAsProse) ? 'prose' : texts.length > 1 ? 'code' : 'loose';
    out.push({ kind, start: other, end: at });
    other = -1;
  };
  let i = start;
  while (i < end) {
    if (isSection(lines[i])) {
      flushOther(i);
      out.push({ kind: 'heading', start: i, end: i + 1 });
      i++;
    } else if (LIST_ITEM.test(lines[i])) {
      flushOther(i);
      const first = i;
      while (i < end && LIST_ITEM.test(lines[i])) i++;
      out.push({ kind: 'list', start: first, end: i });
    } else if (i + 1 < end && imageSourceOf(lines[i], lines[i + 1]) !== undefined) {
      flushOther(i);
      const first = i;
      while (i + 1 < end && imageSourceOf(lines[i], lines[i + 1]) !== undefined) i += 2;
      out.push({ kind: 'images', start: first, end: i });
    } else {
      if (other < 0) other = i;
      i++;
    }
  }
  flushOther(end);
  return out;
}

/** A line as the site prints a prose paragraph: words, ending like a sentence. */
function readsAsProse(line: string): boolean {
  return !/^\s/.test(line) && /\s/.test(line.trim()) && /[.!?…]["'”’)\]]*\s*$/.test(line);
}

/** Lone non-sentence lines next to code are code too; then adjacent code blocks become one. */
function mergeCode(blocks: Block[]): Block[] {
  for (let i = 1; i < blocks.length; i++) if (blocks[i].kind === 'loose' && blocks[i - 1].kind === 'code') blocks[i].kind = 'code';
  for (let i = blocks.length - 2; i >= 0; i--) if (blocks[i].kind === 'loose' && blocks[i + 1].kind === 'code') blocks[i].kind = 'code';
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    if (block.kind === 'code' && previous?.kind === 'code') previous.end = block.end;
    else merged.push({ ...block });
  }
  return merged;
}

function proseMarkdown(texts: readonly string[]): string[] {
  // Several sentence lines were a paragraph with line breaks: keep them as hard breaks.
  return texts.map((text, i) => {
    const line = i === 0 ? paragraphMarkdown(text.trim()) : continuationMarkdown(text.trim());
    return i < texts.length - 1 ? `${line}\\` : line;
  });
}

/** A later line of a paragraph: `- x`, `# x` or `===` there would start a list, a heading or underline the paragraph. */
function continuationMarkdown(text: string): string {
  const line = paragraphMarkdown(text);
  if (line.startsWith('\\')) return line;
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[0].length)}`;
  return /^[#>=+*_~`<-]/.test(line) ? `\\${line}` : line;
}

function listMarkdown(texts: readonly string[]): string[] {
  // Markdown indents a nested item by the width of its parent's marker (`- ` 2, `1. ` 3).
  const widths: number[] = [];
  return texts.map((text) => {
    const [, indent, marker, content] = LIST_ITEM.exec(text)!;
    const depth = Math.min(Math.floor((indent.length - 2) / 2), widths.length);
    const bullet = marker === '•' ? '-' : marker;
    widths.length = depth;
    const lead = ' '.repeat(widths.reduce((sum, width) => sum + width, 0));
    widths.push(bullet.length + 1);
    return `${lead}${bullet} ${listItemMarkdown(content.trim())}`.trimEnd();
  });
}

/** `![caption](url)` for an image pair, taking the first unused meta entry with its caption and source. */
function imageMarkdownFor(caption: string, second: string, unused: ImageSource[]): string | undefined {
  const source = imageSourceOf(caption, second);
  const at = unused.findIndex((entry) => entry.caption === caption && entry.source === source);
  if (at < 0) return undefined;
  const [entry] = unused.splice(at, 1);
  return imageMarkdown(caption, entry.url);
}

function fenced(texts: readonly string[], language: string): string[] {
  const marker = fenceMarker(texts);
  return [`${marker}${language}`, ...texts, marker];
}

import { commonmark, type Token } from '../model/markdown';

/**
 * Markdown ↔ plain text for single lines. The site renders Markdown to HTML and the export
 * is that page's text, so markup disappears (`*a*` → `a`); the importer must write plain
 * text back so that it renders to the same words. It writes the text unchanged whenever
 * that already renders to itself (the usual case, and what the checklist and image rules
 * compare against, since they read the raw source), and backslash-escapes it otherwise.
 */

/** The text a reader sees for inline tokens (markup gone, soft breaks as spaces). */
export function tokensText(children: readonly Token[] | null): string {
  let out = '';
  for (const child of children ?? []) {
    if (child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak') out += ' ';
    else if (child.type === 'hardbreak') out += '\n';
    else if (child.type === 'image') out += tokensText(child.children);
    // Tags (em, strong, links, inline HTML) are not text.
  }
  return out;
}

/** Characters that can start inline markup; text without them renders as itself. */
const INLINE_SPECIAL = /[\\`*_[\]<>&!]/;
/** Line starts that can turn a line into something other than a paragraph. */
const BLOCK_SPECIAL = /^(?:[#>=+*_~`<|-]|\d{1,9}[.)]|\s)/;

/** Markdown for one paragraph line that renders to exactly `text` (which must not start or end with white space). */
export function paragraphMarkdown(text: string): string {
  if (!INLINE_SPECIAL.test(text) && !BLOCK_SPECIAL.test(text)) return text;
  if (rendersAsParagraph(text, text)) return text;
  return escapeBlockStart(escapeInline(text));
}

/** The content of a list item (after `- `) that renders to `text`; a leading task box stays a task box. */
export function listItemMarkdown(text: string): string {
  const task = /^\[[ xX]\] /.exec(text);
  return task ? task[0] + paragraphMarkdown(text.slice(task[0].length)) : paragraphMarkdown(text);
}

/** `![caption](url)`, with the caption written raw when it renders as itself (the image rule reads it raw). */
export function imageMarkdown(caption: string, url: string): string {
  // `<…>` keeps a URL with spaces or parentheses one destination, and leaves it unescaped.
  const destination = /[\s()<>]/.test(url) && !/[<>\n]/.test(url) ? `<${url}>` : url;
  const raw = `![${caption}](${destination})`;
  const image = commonmark().parseInline(raw, {})[0]?.children;
  if (image?.length === 1 && image[0].type === 'image' && tokensText(image[0].children) === caption) return raw;
  return `![${escapeInline(caption)}](${destination})`;
}

/** A heading's text as Markdown after `## `. */
export function headingMarkdown(text: string): string {
  if (!INLINE_SPECIAL.test(text) && !text.endsWith('#')) return text;
  const escaped = escapeInline(text);
  // A trailing run of `#` would be read as the heading's closing sequence.
  return escaped.endsWith('#') ? `${escaped.slice(0, -1)}\\#` : escaped;
}

/** A fence longer than any backtick run in the code, so the code cannot close it. */
export function fenceMarker(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function rendersAsParagraph(source: string, text: string): boolean {
  const tokens = commonmark().parse(source, {});
  return tokens.length === 3 && tokens[0].type === 'paragraph_open' && tokensText(tokens[1].children) === text;
}

function escapeInline(text: string): string {
  return text
    .replace(/[\\`*[\]<>]/g, (ch) => `\\${ch}`)
    // `_` emphasises only at a word boundary, `&` only starts an entity like `&amp;`, `!` only an image.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

function escapeBlockStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])/.exec(text);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${text.slice(ordered[0].length)}`;
  return /^[#>=+\-~|]/.test(text) ? `\\${text}` : text;
}

/**
 * The visible text of the page preview's HTML without a browser: a strict reading of the
 * renderer's small, regular HTML (tags with double-quoted attributes, escaped text; anything
 * else throws), and innerText's block rules over it (block elements and `<br>` break lines,
 * `<pre>` keeps its white space, elsewhere runs of white space collapse, `data-review`
 * elements — reviewer-only chrome the site does not show — and `<input>` add nothing).
 */
import { findHiddenRuns } from '../../server/src/service/model/hiddenChars';

export interface Tag {
  name: string;
  closing: boolean;
  attributes: Array<[string, string]>;
}

const VOID = new Set(['br', 'img', 'input', 'hr', 'meta', 'link']);
const BLOCK = new Set(['article', 'section', 'nav', 'aside', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'figure', 'figcaption', 'header', 'hr']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);
}

/** The HTML as tags and text, in order; throws on anything the renderer never writes. */
export function readHtml(html: string): Array<Tag | string> {
  const parts: Array<Tag | string> = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunk = html.slice(i, lt < 0 ? html.length : lt);
    if (/>/.test(chunk)) throw new Error(`raw > in text near ${JSON.stringify(html.slice(i, i + 80))}`);
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(chunk)) throw new Error(`raw & in text near ${JSON.stringify(chunk.slice(0, 80))}`);
    if (chunk) parts.push(decode(chunk));
    if (lt < 0) break;
    const match = /^<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+(?:="[^"<>]*")?)*)>/.exec(html.slice(lt));
    if (!match) throw new Error(`not a tag the renderer writes: ${JSON.stringify(html.slice(lt, lt + 80))}`);
    const attributes: Array<[string, string]> = [];
    for (const attribute of match[3].matchAll(/ ([a-z-]+)(?:="([^"]*)")?/g)) attributes.push([attribute[1], decode(attribute[2] ?? '')]);
    parts.push({ name: match[2], closing: match[1] === '/', attributes });
    i = lt + match[0].length;
  }
  return parts;
}

/** The text a browser's innerText gives for the page, with reviewer-only (`data-review`) elements hidden. */
export function pageText(html: string): string {
  const parts = readHtml(html);
  let out = '';
  const stack: Array<{ name: string; hidden: boolean; pre: boolean }> = [];
  const hidden = () => stack.length > 0 && stack[stack.length - 1].hidden;
  const pre = () => stack.length > 0 && stack[stack.length - 1].pre;
  for (const part of parts) {
    if (typeof part === 'string') {
      if (!hidden()) out += pre() ? part : part.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    if (part.closing) {
      const open = stack.pop();
      if (open?.name !== part.name) throw new Error(`</${part.name}> closes <${open?.name}>`);
      if (!open.hidden && BLOCK.has(part.name)) out += '\n';
      continue;
    }
    const isHidden = hidden() || part.attributes.some(([name]) => name === 'data-review' || name === 'hidden');
    if (!isHidden && (BLOCK.has(part.name) || part.name === 'br')) out += '\n';
    if (!VOID.has(part.name)) stack.push({ name: part.name, hidden: isHidden, pre: pre() || part.name === 'pre' });
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return out;
}

/** Text for comparing: hidden characters out (the page shows them as markers), lines trimmed, white space runs as one space, no empty lines. */
export function normalizeText(text: string): string[] {
  let visible = '';
  let at = 0;
  for (const run of findHiddenRuns(text)) {
    visible += text.slice(at, run.start);
    at = run.end;
  }
  visible += text.slice(at);
  return visible
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t\f]+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** The export text less its page chrome: the first line (`|`, `| |`) and the last (`Similar Posts`). */
export function exportContent(text: string): string {
  const lines = text.split('\n');
  return lines.slice(1, -1).join('\n');
}

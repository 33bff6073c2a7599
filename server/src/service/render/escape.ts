import { characterLabel, codePointId, findHiddenRuns } from '../model/hiddenChars';

/**
 * HTML escaping for the meta box renderer. Every value that comes from a post goes
 * through `escapeHtml` (text and attribute values alike: attributes are always written
 * in double quotes), so no post can add markup, attributes or scripts to the box.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * The URL when it is an absolute `https:` URL the box may load as an image, normalized by
 * the URL parser; undefined for anything else (`javascript:`, `data:`, `http:`, relative
 * paths, text with spaces or quotes).
 */
export function safeImageUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^https:\/\/[^\s"'<>\\`]+$/i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text from a post as HTML: escaped, and each hidden character (bidi control, invisible
 * format character; see hiddenChars.ts) replaced by a visible marker naming it, so the box
 * never shows a reordered or silently joined value ("Trojan Source").
 */
export function textHtml(value: string): string {
  return withHiddenShown(value, (codePoint) => `<span class="hidden-char" title="${characterLabel(codePoint)}">⟨${codePointId(codePoint)}⟩</span>`);
}

/**
 * A value from a post: `textHtml` inside `<bdi>`, so a right-to-left value cannot reorder
 * the labels, numbers and punctuation around it (nor they it).
 */
export function valueHtml(value: string): string {
  return `<bdi>${textHtml(value)}</bdi>`;
}

/** Text from a post for an attribute that is shown or read aloud (alt, aria-label): escaped, hidden characters as `⟨U+202E⟩`. */
export function attrText(value: string): string {
  return withHiddenShown(value, (codePoint) => `⟨${codePointId(codePoint)}⟩`);
}

/**
 * Text from a post for the page preview: escaped, each hidden character replaced by a marker
 * whose label (`⟨U+202E⟩`) is drawn by the stylesheet from `data-char`, so it is seen but is
 * not part of the page's text (which stays the site's text, less the hidden characters).
 */
export function pageTextHtml(value: string): string {
  return withHiddenShown(value, (codePoint) => `<span class="hidden-char" data-char="${codePointId(codePoint)}" title="${characterLabel(codePoint)}"></span>`);
}

function withHiddenShown(value: string, marker: (codePoint: number) => string): string {
  let out = '';
  let at = 0;
  for (const run of findHiddenRuns(value)) {
    out += escapeHtml(value.slice(at, run.start)) + run.codePoints.map(marker).join('');
    at = run.end;
  }
  return out + escapeHtml(value.slice(at));
}

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

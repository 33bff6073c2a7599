/**
 * The vocabulary of the rendered export (spec §1.2, the seeds' `*.txt`), shared by the
 * importer and the text renderer so that the two directions cannot drift apart.
 */

/** The line that opens the meta box. */
export const META_BOX_TITLE = 'alphanode post meta';
/** The export's last line (the site lists related posts under it; the seeds end there). */
export const SIMILAR_POSTS = 'Similar Posts';
/** Joins an image's caption to its source on the export's second image line. */
export const IMAGE_SOURCE_JOIN = '. image source: ';

/** The first line of every seed: `|` or `| |`, page chrome rather than content. */
export const DECORATION = /^\|[| ]*$/;

/** A list item: two spaces, then two more per nesting level, then `• ` or `N. `. */
export const LIST_ITEM = /^( {2,})(•|\d{1,9}[.)]) (.*)$/;
/** A meta box entry of a map (`  • key: value`) or a plain list item (`  • value`). */
export const META_ITEM = /^ {2}• (.*)$/;
/** An entry of a map inside a list of maps (`    • key: value`). */
export const META_NESTED_ITEM = /^ {4}• (.*)$/;

/** The box label of a meta key: `reading_time` → `reading time`. */
export function labelOf(key: string): string {
  return key.replace(/_/g, ' ');
}

/** The meta key of a box label: `reading time` → `reading_time`. */
export function keyOf(label: string): string {
  return label.trim().replace(/\s+/g, '_');
}

/** The two export lines of an image: its caption, then the caption with its source. */
export function imageLines(caption: string, source: string): [string, string] {
  return [caption, `${caption}${IMAGE_SOURCE_JOIN}${source}`];
}

/** The source named by an image's second line, when `second` is that line for `caption`. */
export function imageSourceOf(caption: string, second: string): string | undefined {
  const prefix = `${caption}${IMAGE_SOURCE_JOIN}`;
  return second.startsWith(prefix) ? second.slice(prefix.length) : undefined;
}

/**
 * Appends `items` to `target`. `target.push(...items)` passes every item as an argument,
 * and past about 100,000 items (a long list or code block) that overflows the stack.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

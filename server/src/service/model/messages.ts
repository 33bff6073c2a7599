/**
 * Size caps for diagnostic messages. A message echoes what the author wrote (a heading, a
 * key, a value) and what the template allows (a list of values); both are unbounded, and a
 * 2 MB message freezes the Problems panel and bloats JSON and SARIF reports. Lengths are in
 * UTF-16 units, the unit of LSP and of JavaScript strings.
 */

/** The most of an echoed value a message keeps: enough to recognise it. */
export const MAX_ECHOED = 80;
/** The most values of a list a message names before "… and N more". */
export const MAX_LISTED = 10;
/** The most any message may hold, whatever built it. */
export const MAX_MESSAGE = 1000;

/**
 * `text` itself when it has at most `max` units, else its start and `…`, `max` units in
 * all. A cut never splits a surrogate pair (an emoji stays whole or goes).
 */
export function elide(text: string, max = MAX_ECHOED): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A string value as a message quotes it: JSON-quoted, its text elided. */
export function quoted(text: string, max = MAX_ECHOED): string {
  return JSON.stringify(elide(text, max));
}

/**
 * `a, b, c`: the first `max` values (each elided), then "… and N more" for the rest.
 * `format` writes one value (e.g. quotes it).
 */
export function listValues(values: readonly string[], options: { max?: number; separator?: string; format?: (value: string) => string } = {}): string {
  const { max = MAX_LISTED, separator = ', ', format = (value: string) => value } = options;
  const shown = values.slice(0, max).map((value) => format(elide(value)));
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(separator)} … and ${rest} more` : shown.join(separator);
}

/** The last-resort cap on any message: at most MAX_MESSAGE units, elided with `…`. */
export function capMessage(message: string): string {
  return elide(message, MAX_MESSAGE);
}

import { Body, parseBody, shiftBody } from './body';
import { FrontMatter, locateFrontMatter, parseFrontMatter } from './frontMatter';
import { parseRollbackNote, RollbackNote, ROLLBACK_LANGUAGE } from './rollback';
import { LineIndex } from './text';

/**
 * One parse of a post: every rule, fix and renderer reads this, so a document is parsed
 * once per version. Positions are LSP positions over `text` (UTF-16, BOM removed).
 */
export interface PostDocument {
  /** The post text without a leading byte order mark (VS Code never shows one either). */
  text: string;
  hadBom: boolean;
  index: LineIndex;
  frontMatter: FrontMatter | undefined;
  body: Body;
  rollbackNotes: RollbackNote[];
  /**
   * Why the post could not be read (a parser crashed on hostile input), or undefined. Then
   * the front matter and body are left empty and validation reports only this.
   */
  unreadable?: string;
}

/**
 * Posts longer than this (UTF-16 code units, about 10 MB of text) are reported, not read:
 * every cost is linear, but no author writes a post this size and an editor or CI run must
 * not stall on a generated or binary file that happens to end in `.md`.
 */
export const MAX_POST_LENGTH = 10 * 1024 * 1024;

/**
 * Parses a post. Never throws: a crash of a parser on hostile input gives a post with
 * `unreadable` set (reported as one `internal-error`), so one bad file never stops a CI run
 * or the server.
 *
 * `previous`, the parse of an earlier version of the same document (the editor passes it on
 * each edit), lets an edit of the body keep the front matter's parse and an edit of the
 * front matter keep the body's: the result is the same as a parse from scratch.
 */
export function parsePost(rawText: string, previous?: PostDocument): PostDocument {
  // Adapters pass strings; a client that sends something else gets an empty post, not a crash.
  const source = typeof rawText === 'string' ? rawText : '';
  const hadBom = source.charCodeAt(0) === 0xfeff;
  const text = hadBom ? source.slice(1) : source;
  const index = new LineIndex(text);
  if (text.length > MAX_POST_LENGTH) {
    return unreadablePost(text, hadBom, index, tooLarge(text.length));
  }
  try {
    return readPost(text, hadBom, index, previous?.unreadable === undefined ? previous : undefined);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply to read' : `reading it failed (${error instanceof Error ? error.message : String(error)})`;
    return unreadablePost(text, hadBom, index, reason);
  }
}

function readPost(text: string, hadBom: boolean, index: LineIndex, previous: PostDocument | undefined): PostDocument {
  const located = locateFrontMatter((line) => index.lineText(line), index.lineCount);
  // An unclosed front matter swallows the whole file: there is no body to read then.
  const bodyStartLine = located === undefined ? 0 : located.closeLine === undefined ? index.lineCount : located.closeLine + 1;
  const bodyStart = bodyStartOffset(index, bodyStartLine);
  // The text is split at the body's first line: a part whose text is the previous version's keeps its parse.
  const previousBodyStart = previous ? bodyStartOffset(previous.index, previous.body.startLine) : 0;
  const sameMeta = previous !== undefined && bodyStart === previousBodyStart && text.slice(0, bodyStart) === previous.text.slice(0, bodyStart);
  const frontMatter = sameMeta ? previous.frontMatter : parseFrontMatter(text, (line) => index.lineStartOffset(line), (line) => index.lineText(line), index.lineCount, located);
  const sameBody = previous !== undefined && text.length - bodyStart === previous.text.length - previousBodyStart && text.slice(bodyStart) === previous.text.slice(previousBodyStart);
  if (sameBody && bodyStart === previousBodyStart && bodyStartLine === previous.body.startLine) {
    return { text, hadBom, index, frontMatter, body: previous.body, rollbackNotes: previous.rollbackNotes };
  }
  const body = sameBody ? shiftBody(previous.body, bodyStartLine - previous.body.startLine, bodyStart - previousBodyStart) : parseBody(index, bodyStartLine);
  const rollbackNotes = body.fences.filter((fence) => fence.language === ROLLBACK_LANGUAGE).map((fence) => parseRollbackNote(text, fence));
  return { text, hadBom, index, frontMatter, body, rollbackNotes };
}

/** The offset of the body's first line (the text's length when the body is empty). */
function bodyStartOffset(index: LineIndex, startLine: number): number {
  return startLine < index.lineCount ? index.lineStartOffset(startLine) : index.text.length;
}

/**
 * A stand-in for a file too large to read (`size`: its length in bytes or UTF-16 units):
 * `head`, its beginning, is enough to tell whether it is a post by its front matter.
 */
export function oversizedPost(size: number, head: string): PostDocument {
  const post = parsePost(head);
  return { ...post, unreadable: tooLarge(size) };
}

function tooLarge(size: number): string {
  return `it is ${describeLength(size)}, more than the ${describeLength(MAX_POST_LENGTH)} a post may have`;
}

function unreadablePost(text: string, hadBom: boolean, index: LineIndex, reason: string): PostDocument {
  return { text, hadBom, index, frontMatter: undefined, body: parseBody(new LineIndex(''), 0), rollbackNotes: [], unreadable: reason };
}

/** Megabytes with one decimal, rounded up: a file just over the limit never reads as "10 MB, more than 10 MB". */
function describeLength(length: number): string {
  return `${(Math.ceil((length / (1024 * 1024)) * 10) / 10).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The post meta as a plain object, or undefined when it is missing, broken or not a map. */
export function metaObject(post: PostDocument): Record<string, unknown> | undefined {
  const value = post.frontMatter?.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

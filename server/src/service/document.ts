import { Body, parseBody } from './body';
import { FrontMatter, parseFrontMatter } from './frontMatter';
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
}

export function parsePost(rawText: string): PostDocument {
  const hadBom = rawText.charCodeAt(0) === 0xfeff;
  const text = hadBom ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  const frontMatter = parseFrontMatter(text, (line) => index.lineStartOffset(line), (line) => index.lineText(line), index.lineCount);
  // An unclosed front matter swallows the whole file: there is no body to read then.
  const bodyStartLine = frontMatter === undefined ? 0 : frontMatter.closeLine === undefined ? index.lineCount : frontMatter.closeLine + 1;
  const body = parseBody(index, bodyStartLine);
  const rollbackNotes = body.fences.filter((fence) => fence.language === ROLLBACK_LANGUAGE).map((fence) => parseRollbackNote(text, fence));
  return { text, hadBom, index, frontMatter, body, rollbackNotes };
}

/** The post meta as a plain object, or undefined when it is missing, broken or not a map. */
export function metaObject(post: PostDocument): Record<string, unknown> | undefined {
  const value = post.frontMatter?.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

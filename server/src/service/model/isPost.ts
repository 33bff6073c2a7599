import { Minimatch } from 'minimatch';
import type { PostDocument } from './document';
import { DEFAULT_TEMPLATE } from '../workspace/template';

export const SOURCE_ID_PREFIX = 'alphanode-';
/** The post globs when no team opts in to more (a template's `files`, the `alphanode.files` setting). */
export const DEFAULT_POST_GLOBS: readonly string[] = DEFAULT_TEMPLATE.files;
/**
 * Top-level front matter keys that only our format has. Two of them, one being `ai_outline`
 * or `ai_brief`, make a Markdown file a post (README "What is a post").
 */
export const DISTINCTIVE_KEYS: readonly string[] = Object.freeze(['ai_outline', 'ai_brief', 'payload', 'checklist']);
const OWN_KEYS = new Set(['ai_outline', 'ai_brief']);

export interface PostClassification {
  isPost: boolean;
  /** The path matched a `files` glob (then a missing front matter is itself a problem). */
  matchedByFiles: boolean;
}

const compiledGlobs = new Map<string, Minimatch>();

/** Globs compile once: a CLI run or a workspace scan matches thousands of paths. */
function compiled(glob: string): Minimatch {
  let matcher = compiledGlobs.get(glob);
  if (!matcher) {
    matcher = new Minimatch(glob, { dot: true });
    compiledGlobs.set(glob, matcher);
  }
  return matcher;
}

/** True when the workspace-relative path (forward slashes) matches one of the globs. */
export function matchesFiles(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\/+/, '');
  return globs.some((glob) => compiled(glob).match(path));
}

/**
 * Spec §1: a Markdown file is a post when its path matches the post globs, or its front
 * matter says so (`frontMatterSaysPost`). `relativePath` is undefined for documents without
 * a path (untitled): they are posts only by their front matter.
 */
export function classifyPost(relativePath: string | undefined, post: PostDocument, globs: readonly string[]): PostClassification {
  return classifyText(relativePath, post.text, globs);
}

/** classifyPost on the raw text, without parsing it (the workspace scan's cheap look): the same answer by construction. */
export function classifyText(relativePath: string | undefined, text: string, globs: readonly string[]): PostClassification {
  const matchedByFiles = relativePath !== undefined && matchesFiles(relativePath, globs);
  if (matchedByFiles) return { isPost: true, matchedByFiles };
  const source = frontMatterSource(text);
  return { isPost: source !== undefined && frontMatterSaysPost(source), matchedByFiles: false };
}

/**
 * Whether the YAML source of a front matter identifies one of our posts. Read line by line,
 * not parsed, so that a half-written post with a YAML error is still checked:
 * - a line (not a comment) sets `source_id` to a value starting with `alphanode-`, or
 * - at least two of DISTINCTIVE_KEYS are top-level keys (at column 0), one of them
 *   `ai_outline` or `ai_brief` (no other format uses those names).
 * Other teams' front matter (`title`, `weight`, `summary`, `tools`, `difficulty`, …) says nothing.
 */
export function frontMatterSaysPost(source: string): boolean {
  const keys = new Set<string>();
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (/^\s*#/.test(line)) continue;
    if (/(?:^|[\s{,])["']?source_id["']?[ \t]*:[ \t]*["']?alphanode-/.test(line)) return true;
    const key = /^["']?([A-Za-z_][\w-]*)["']?[ \t]*:(?:[ \t]|$)/.exec(line)?.[1];
    if (key !== undefined && DISTINCTIVE_KEYS.includes(key)) keys.add(key);
  }
  return keys.size >= 2 && [...keys].some((key) => OWN_KEYS.has(key));
}

/**
 * The YAML source of the front matter as the post parser delimits it (frontMatter.ts): the
 * first line is `---`, the block ends at the next `---` or `...` line (or the end of the
 * file when it never closes). Undefined when the text has no front matter.
 */
export function frontMatterSource(rawText: string): string | undefined {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const breaks = /\r\n|\r|\n/g;
  let lineBreak = breaks.exec(text);
  if (!/^---[ \t]*$/.test(text.slice(0, lineBreak ? lineBreak.index : text.length))) return undefined;
  if (!lineBreak) return '';
  const start = breaks.lastIndex;
  for (let lineStart = start; ; lineStart = breaks.lastIndex) {
    lineBreak = breaks.exec(text);
    const lineEnd = lineBreak ? lineBreak.index : text.length;
    const first = text[lineStart];
    if ((first === '-' || first === '.') && /^(---|\.\.\.)[ \t]*$/.test(text.slice(lineStart, lineEnd))) return text.slice(start, lineStart);
    if (!lineBreak) return text.slice(start);
  }
}

import { Minimatch } from 'minimatch';
import { metaObject, PostDocument } from './document';

export const SOURCE_ID_PREFIX = 'alphanode-';

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

/** Spec §1: a Markdown file is a post when it matches `files` or its meta has an `alphanode-` source id. */
export function classifyPost(relativePath: string | undefined, post: PostDocument, globs: readonly string[]): PostClassification {
  const matchedByFiles = relativePath !== undefined && matchesFiles(relativePath, globs);
  if (matchedByFiles) return { isPost: true, matchedByFiles };
  const payload = metaObject(post)?.payload as { source_id?: unknown } | undefined;
  const sourceId = payload && typeof payload === 'object' ? payload.source_id : undefined;
  return { isPost: typeof sourceId === 'string' && sourceId.startsWith(SOURCE_ID_PREFIX), matchedByFiles: false };
}

import ignore, { Ignore } from 'ignore';

/**
 * `.alphanodeignore`: paths the workspace scan and `alphanode check FOLDER` skip, in the
 * spirit of `.gitignore`. One glob per line; `#` starts a comment line; `!` re-includes; a
 * trailing `/` matches folders only; a pattern without a `/` (other than a trailing one)
 * matches at any depth, one with a `/` is relative to the folder holding the file. A
 * matched folder ignores everything below it. Later lines win over earlier ones, and a
 * deeper `.alphanodeignore` over a shallower one.
 */
export const IGNORE_FILE = '.alphanodeignore';

export interface IgnoreRules {
  /** The folder holding the ignore file, relative to the root ('' for the root itself; forward slashes, no trailing slash). */
  base: string;
  /** The file's lines, matched by the `ignore` package (`.gitignore` syntax and semantics, as git has them). */
  matcher: Ignore;
}

export function parseIgnore(text: string, base = ''): IgnoreRules {
  // Case-sensitive as git is on Linux; a lone \r ends a line too, as everywhere in the core.
  const matcher = ignore({ ignorecase: false }).add(text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/));
  return { base: base.replace(/^\/+|\/+$/g, ''), matcher };
}

/**
 * Whether `relativePath` (from the root, forward slashes) is ignored by the rules, which
 * come shallowest first. `isDirectory` says the path itself is a folder.
 */
export function isIgnored(relativePath: string, rules: readonly IgnoreRules[], isDirectory = false): boolean {
  if (rules.length === 0) return false;
  const path = relativePath.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  const segments = path.split('/');
  // A folder that is ignored hides what is inside it.
  for (let i = 1; i < segments.length; i++) {
    if (decide(segments.slice(0, i).join('/'), true, rules)) return true;
  }
  return decide(path, isDirectory, rules);
}

function decide(path: string, isDirectory: boolean, rules: readonly IgnoreRules[]): boolean {
  let ignored = false;
  for (const { base, matcher } of rules) {
    let local: string;
    if (base === '') local = path;
    else if (path.startsWith(`${base}/`)) local = path.slice(base.length + 1);
    else continue;
    // A trailing slash tells the package the path is a folder (for `drafts/`-style lines).
    const candidate = isDirectory ? `${local}/` : local;
    // The package throws on paths it cannot take ('', `./x`, `../x`): those match nothing.
    if (!ignore.isPathValid(candidate)) continue;
    // The deepest file with a line about the path decides; in one file, its last such line.
    const { ignored: hit, unignored } = matcher.test(candidate);
    if (hit) ignored = true;
    else if (unignored) ignored = false;
  }
  return ignored;
}

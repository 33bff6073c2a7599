import { Minimatch } from 'minimatch';

/**
 * `.alphanodeignore`: paths the workspace scan and `alphanode check FOLDER` skip, in the
 * spirit of `.gitignore`. One glob per line; `#` starts a comment line; `!` re-includes; a
 * trailing `/` matches folders only; a pattern without a `/` (other than a trailing one)
 * matches at any depth, one with a `/` is relative to the folder holding the file. A
 * matched folder ignores everything below it. Later lines win over earlier ones, and a
 * deeper `.alphanodeignore` over a shallower one.
 */
export const IGNORE_FILE = '.alphanodeignore';

interface IgnorePattern {
  matcher: Minimatch;
  negate: boolean;
  directoryOnly: boolean;
}

export interface IgnoreRules {
  /** The folder holding the ignore file, relative to the root ('' for the root itself; forward slashes, no trailing slash). */
  base: string;
  patterns: IgnorePattern[];
}

export function parseIgnore(text: string, base = ''): IgnoreRules {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    line = line.replace(/^\\([#!])/, '$1');
    const directoryOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    const glob = anchored ? line.replace(/^\/+/, '') : `**/${line}`;
    patterns.push({ matcher: new Minimatch(glob, { dot: true }), negate, directoryOnly });
  }
  return { base: base.replace(/^\/+|\/+$/g, ''), patterns };
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
  for (const { base, patterns } of rules) {
    let local: string;
    if (base === '') local = path;
    else if (path.startsWith(`${base}/`)) local = path.slice(base.length + 1);
    else continue;
    for (const pattern of patterns) {
      if (pattern.directoryOnly && !isDirectory) continue;
      if (pattern.matcher.match(local)) ignored = !pattern.negate;
    }
  }
  return ignored;
}

import { URI, Utils } from 'vscode-uri';

/**
 * URI arithmetic for the resolver, over vscode-uri (the parser VS Code itself uses), so that
 * the editor's URIs, the CLI's and the tests' are split the same way: scheme and authority
 * compared as parts, paths compared decoded, never by slicing strings.
 */

/** `uri` parsed, or undefined when it has no absolute path (`untitled:Untitled-1`, garbage). */
export function parseUri(uri: string): URI | undefined {
  try {
    const parsed = URI.parse(uri, true);
    return parsed.path.startsWith('/') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The path of `uri` without trailing slashes ('' for the root). */
function folderPath(uri: URI): string {
  return uri.path.replace(/\/+$/, '');
}

/** Whether `uri` is `folder` or lies below it (same scheme and authority). */
export function isWithin(uri: URI, folder: URI): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  const base = folderPath(folder);
  const path = folderPath(uri);
  return path === base || path.startsWith(`${base}/`);
}

/** The decoded path of `uri` below `folder` (forward slashes, no leading slash; '' for the folder itself). */
export function relativePath(uri: URI, folder: URI): string {
  return folderPath(uri).slice(folderPath(folder).length).replace(/^\/+/, '');
}

/** The file system root of `uri`'s scheme and authority (`file://`): where a file outside every root looks up to. */
export function fileSystemRoot(uri: URI): URI {
  return uri.with({ path: '', query: '', fragment: '' });
}

/** The folder holding `uri`. */
export function parentOf(uri: URI): URI {
  return Utils.dirname(uri);
}

/** `uri` with `name` appended as one more path segment. */
export function childOf(uri: URI, name: string): URI {
  return uri.with({ path: `${folderPath(uri)}/${name}` });
}

/** Whether `uri` is the root of its file system (no folder above it). */
export function isTopFolder(uri: URI): boolean {
  return folderPath(uri) === '';
}

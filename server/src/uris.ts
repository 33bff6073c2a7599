/**
 * The path of `uri` relative to the workspace folder that contains it (forward slashes),
 * or the whole path without its leading slash when no folder does: `**`-globs still match.
 * Undefined for documents without a path (untitled), which are posts only by their meta.
 */
export function relativePathIn(uri: string, folderUris: readonly string[]): string | undefined {
  if (uri.startsWith('untitled:')) return undefined;
  const path = pathOf(uri);
  if (path === undefined) return undefined;
  const folders = folderUris.map(pathOf).filter((folder): folder is string => folder !== undefined).sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path.replace(/^\/+/, '');
}

function pathOf(uri: string): string | undefined {
  const match = /^[a-zA-Z][\w+.-]*:(?:\/\/[^/]*)?(\/[^?#]*)/.exec(uri);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

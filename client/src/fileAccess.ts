import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FIND_FILES_REQUEST, FindFilesParams, FindFilesResult, READ_FILE_REQUEST, ReadFileParams, ReadFileResult } from '../../server/src/protocol';
import { FolderEntry, walkFiles } from './walk';

/** Files larger than this are not sent to the server (no post is anywhere near it). */
const MAX_BYTES = 8 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Answers the server's file requests with VS Code's workspace API, so the server never
 * touches the file system itself (it works the same on a remote or virtual workspace, and in
 * the browser). Handlers can be registered before the client starts.
 */
export function registerFileAccess(client: BaseLanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    client.onRequest(FIND_FILES_REQUEST, async (params: FindFilesParams): Promise<FindFilesResult> => {
      const folder = vscode.Uri.parse(params.folderUri);
      if (!(await hasFileSearch(folder))) {
        // A virtual file system without file search (`memfs:`): walk it with workspace.fs.
        const found = await walkFiles((relative) => readFolder(folder, relative), params.include, params.exclude, { maxResults: params.maxResults });
        return found.map((relative) => vscode.Uri.joinPath(folder, ...relative.split('/')).toString());
      }
      const include = params.include.length === 1 ? params.include[0] : `{${params.include.join(',')}}`;
      const exclude = params.exclude ? new vscode.RelativePattern(folder, params.exclude) : undefined;
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), exclude, params.maxResults);
      return found.map((uri) => uri.toString());
    }),
    client.onRequest(READ_FILE_REQUEST, async (params: ReadFileParams): Promise<ReadFileResult> => {
      try {
        const uri = vscode.Uri.parse(params.uri);
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory || stat.size > MAX_BYTES) return null;
        return utf8.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return null; // gone, unreadable, or not UTF-8 text
      }
    }),
  );
}

/** Per folder: whether VS Code can search it (disk and remote folders, and virtual ones with a search provider). */
const searchable = new Map<string, Promise<boolean>>();

/**
 * `workspace.findFiles` finds nothing, without an error, in a file system that has no search
 * provider. So a folder that search finds nothing in but that has entries is walked instead.
 */
function hasFileSearch(folder: vscode.Uri): Promise<boolean> {
  if (folder.scheme === 'file' || folder.scheme === 'vscode-remote') return Promise.resolve(true);
  let known = searchable.get(folder.toString());
  if (!known) {
    known = (async () => {
      if ((await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), undefined, 1)).length > 0) return true;
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(() => []);
      return entries.length === 0;
    })();
    searchable.set(folder.toString(), known);
    // Asked again next time if it failed (the provider may register later).
    known.catch(() => searchable.delete(folder.toString()));
  }
  return known;
}

async function readFolder(folder: vscode.Uri, relative: string): Promise<FolderEntry[]> {
  const uri = relative ? vscode.Uri.joinPath(folder, ...relative.split('/')) : folder;
  const entries = await vscode.workspace.fs.readDirectory(uri);
  return entries.map(([name, type]) => [name, type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other'] as const);
}

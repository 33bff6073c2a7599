import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FIND_FILES_REQUEST, FindFilesParams, FindFilesResult, READ_FILE_REQUEST, ReadFileParams, ReadFileResult } from '../../server/src/protocol';

/** Files larger than this are not sent to the server (no post is anywhere near it). */
const MAX_BYTES = 8 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Answers the server's file requests with VS Code's workspace API, so the server never
 * touches the file system itself (it works the same on a remote or virtual workspace and,
 * later, in the browser). Handlers can be registered before the client starts.
 */
export function registerFileAccess(client: BaseLanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    client.onRequest(FIND_FILES_REQUEST, async (params: FindFilesParams): Promise<FindFilesResult> => {
      const folder = vscode.Uri.parse(params.folderUri);
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

import * as vscode from 'vscode';

/** Where the owner comes from when the setting is empty (the Node entry: git, then the OS user). */
export type OwnerFallback = (uri: vscode.Uri | undefined) => Promise<string | undefined>;

/**
 * The owner a new rollback note is pre-filled with: the `alphanode.owner` setting, else what
 * `fallback` finds (on the desktop: the repository's `git config user.name`, else the OS user
 * name; in the browser there is none). Undefined when nothing gives a name: the snippet then
 * leaves a tab stop for it.
 */
export async function resolveOwner(uri: vscode.Uri | undefined, fallback?: OwnerFallback): Promise<string | undefined> {
  const setting = vscode.workspace.getConfiguration('alphanode', uri).get<string>('owner');
  if (typeof setting === 'string' && setting.trim() !== '') return setting.trim();
  return fallback?.(uri);
}

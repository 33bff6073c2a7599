import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** Everything the authoring commands need from the extension. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  /** The running language client, if started. */
  client: () => BaseLanguageClient | undefined;
  output: vscode.LogOutputChannel;
  /** The owner a new rollback note is filled in with (the setting, else the entry's fallback), or undefined: a tab stop. */
  owner: (uri: vscode.Uri | undefined) => Promise<string | undefined>;
}

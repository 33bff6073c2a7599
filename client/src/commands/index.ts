import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerImportCommand } from './importPost';
import { registerNewPostCommand } from './newPost';
import { registerRollbackCommands } from './rollback';
import { registerPreview } from '../preview';

/** Everything the authoring commands need from the extension. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  /** The running language client, if started. */
  client: () => LanguageClient | undefined;
  output: vscode.LogOutputChannel;
}

/** Registers the authoring commands (rollback notes, new post, …); each lives in its own module. */
export function registerAuthoringCommands(context: CommandContext): vscode.Disposable[] {
  return [...registerRollbackCommands(context), ...registerNewPostCommand(context), ...registerPreview(context), ...registerImportCommand(context)];
}

import type * as vscode from 'vscode';
import type { CommandContext } from './context';
import { registerCompareCommand } from './compare';
import { registerEffectiveTemplateCommand } from './effectiveTemplate';
import { registerImportCommand } from './importPost';
import { registerNewPostCommand } from './newPost';
import { registerRollbackCommands } from './rollback';
import { registerPreview } from '../preview';

/** Registers the authoring commands (rollback notes, new post, …); each lives in its own module. */
export function registerAuthoringCommands(context: CommandContext): vscode.Disposable[] {
  return [...registerRollbackCommands(context), ...registerNewPostCommand(context), ...registerPreview(context), ...registerImportCommand(context), ...registerCompareCommand(context), ...registerEffectiveTemplateCommand(context)];
}

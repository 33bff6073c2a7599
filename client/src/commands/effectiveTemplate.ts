import * as vscode from 'vscode';
import { EFFECTIVE_TEMPLATE_REQUEST, EffectiveTemplateParams, EffectiveTemplateResult, SHOW_EFFECTIVE_TEMPLATE_COMMAND } from '../../../server/src/protocol';
import type { CommandContext } from './context';

/**
 * `Alphanode: Show Effective Template`: the team template that applies to the active post
 * (or template file), extends chains resolved, each value commented with the file it came
 * from, in a new read-only-in-spirit YAML editor (the `alphanode config` output). Tests may
 * pass a URI. Returns the opened document's text.
 */
export function registerEffectiveTemplateCommand(context: CommandContext): vscode.Disposable[] {
  return [vscode.commands.registerCommand(SHOW_EFFECTIVE_TEMPLATE_COMMAND, async (target?: vscode.Uri) => {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    const client = context.client();
    if (!uri || !client) {
      void vscode.window.showErrorMessage(!uri ? 'Open a runbook post to see its effective team template.' : 'The Alphanode language server is not running.');
      return undefined;
    }
    const params: EffectiveTemplateParams = { uri: uri.toString() };
    const result = await client.sendRequest<EffectiveTemplateResult | null>(EFFECTIVE_TEMPLATE_REQUEST, params);
    if (!result) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.text });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return result.text;
  })];
}

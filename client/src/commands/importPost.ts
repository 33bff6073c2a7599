import * as vscode from 'vscode';
import { IMPORT_EXPORT_REQUEST, ImportExportParams, ImportExportResult } from '../../../server/src/protocol';
import type { CommandContext } from './context';

export const IMPORT_COMMAND = 'alphanode.importRenderedPost';

/**
 * `Alphanode: Import Rendered Post…`: turns a rendered export (`.txt`) into a source post,
 * opened as a new unsaved `<name>.post.md` editor beside the export, so nothing on disk is
 * overwritten. Tests and other commands may pass the export's URI to skip the file dialog.
 */
export function registerImportCommand(context: CommandContext): vscode.Disposable[] {
  return [vscode.commands.registerCommand(IMPORT_COMMAND, async (exportUri?: vscode.Uri) => {
    const source = exportUri ?? (await pickExport());
    if (!source) return undefined;
    const client = context.client();
    if (!client) {
      void vscode.window.showErrorMessage('The Alphanode language server is not running.');
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(source));
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(source)}: ${error instanceof TypeError ? 'it is not UTF-8 text' : String(error)}`);
      return undefined;
    }
    const params: ImportExportParams = { text, uri: source.toString() };
    const result = await client.sendRequest<ImportExportResult>(IMPORT_EXPORT_REQUEST, params);
    if (!result.ok) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(source)} is not a rendered alphanode export: ${result.error}`);
      return undefined;
    }
    const target = source.with({ scheme: 'untitled', path: source.path.replace(/(\.[^./]*)?$/, '.post.md') });
    const document = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), result.source));
    editor.options = { tabSize: 2, insertSpaces: true }; // the post meta's YAML indentation, not what an empty editor guessed
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    reportWarnings(context, source, result.warnings);
    const name = vscode.workspace.asRelativePath(source);
    // Exports never carry the rollback notes: say so, instead of leaving the rollback-missing warning unexplained.
    void vscode.window.showInformationMessage(`Imported ${name}. Rendered exports carry no rollback note: add one with Alphanode: Insert Rollback Note before you save.`);
    return document.uri;
  })];
}

async function pickExport(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import a rendered alphanode post',
    openLabel: 'Import',
    canSelectMany: false,
    filters: { 'Rendered exports (.txt)': ['txt'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

function reportWarnings(context: CommandContext, source: vscode.Uri, warnings: Array<{ line: number; message: string }>): void {
  if (warnings.length === 0) return;
  const name = vscode.workspace.asRelativePath(source);
  for (const warning of warnings) context.output.warn(`${name}:${warning.line}: ${warning.message}`);
  void vscode.window.showWarningMessage(`Imported ${name} with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}: lines it could not classify were kept as they are.`, 'Show Warnings').then((choice) => {
    if (choice) context.output.show(true);
  });
}

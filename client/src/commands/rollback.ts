import * as vscode from 'vscode';
import { parsePost } from '../../../server/src/service/document';
import { rollbackNoteInsertion, RollbackNoteMode } from '../../../server/src/service/rollbackNote';
import { INSERT_ROLLBACK_NOTE, INSERT_ROLLBACK_NOTE_FOR_SECTION } from '../../../server/src/service/rules/rollback-missing';
import type { CommandContext } from './index';

/** A position as VS Code passes it, or as JSON from an LSP command (`{ line, character }`). */
type PositionArgument = vscode.Position | { line: number; character: number } | null | undefined;
type UriArgument = vscode.Uri | string | null | undefined;

/**
 * `Alphanode: Insert Rollback Note` (at the cursor) and `… for This Section` (at the end of the
 * `## ` section around the cursor). Both insert one snippet (one undo step): `owner` filled in,
 * tab stops on `expected_result` and `rollback`. The quick fixes of rollback-missing call them
 * with `(uri, position)`; a `null` uri means the active editor, a `null` position its cursor.
 */
export function registerRollbackCommands(context: CommandContext): vscode.Disposable[] {
  const run = (mode: RollbackNoteMode) => (uri?: UriArgument, position?: PositionArgument) =>
    insertRollbackNote(mode, uri, position, context.owner).catch((error: unknown) => {
      context.output.error(`Insert rollback note failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Could not insert a rollback note: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    });
  return [
    vscode.commands.registerCommand(INSERT_ROLLBACK_NOTE, run('cursor')),
    vscode.commands.registerCommand(INSERT_ROLLBACK_NOTE_FOR_SECTION, run('section')),
  ];
}

/** Inserts the note; resolves to whether the editor took the snippet. */
export async function insertRollbackNote(mode: RollbackNoteMode, uri: UriArgument, position: PositionArgument, resolveOwner: CommandContext['owner']): Promise<boolean> {
  const editor = await editorFor(uri);
  if (!editor) {
    void vscode.window.showInformationMessage('Open a Markdown post to insert a rollback note.');
    return false;
  }
  const owner = await resolveOwner(editor.document.uri);
  // Read the text after the owner lookup: the place is computed on what the editor holds now.
  const cursor = position ? new vscode.Position(position.line, position.character) : editor.selection.active;
  const insertion = rollbackNoteInsertion(parsePost(editor.document.getText()), { line: cursor.line, character: cursor.character }, mode, owner);
  const at = new vscode.Position(insertion.position.line, insertion.position.character);
  // keepWhitespace (VS Code 1.9x+, ignored before): the note's lines are YAML, so the editor must
  // not re-indent them (to the cursor line's indentation, or to tabs).
  const options = { undoStopBefore: true, undoStopAfter: true, keepWhitespace: true };
  const inserted = await editor.insertSnippet(new vscode.SnippetString(insertion.snippet), at, options);
  if (inserted) editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return inserted;
}

async function editorFor(uri: UriArgument): Promise<vscode.TextEditor | undefined> {
  if (!uri) return vscode.window.activeTextEditor;
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.toString() === target.toString()) return active;
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === target.toString());
  if (visible) return vscode.window.showTextDocument(visible.document, visible.viewColumn);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
}

import * as vscode from 'vscode';
import { INSERT_ROLLBACK_NOTE_COMMAND, INSERT_ROLLBACK_NOTE_FOR_SECTION_COMMAND, ROLLBACK_NOTE_REQUEST, RollbackNoteParams, RollbackNoteResult } from '../../../server/src/protocol';
import type { CommandContext } from './context';

type RollbackNoteMode = RollbackNoteParams['mode'];
/** How often the place is asked for while the editor keeps changing under the request. */
const MAX_ATTEMPTS = 3;

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
    insertRollbackNote(mode, uri, position, context).catch((error: unknown) => {
      context.output.error(`Insert rollback note failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Could not insert a rollback note: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    });
  return [
    vscode.commands.registerCommand(INSERT_ROLLBACK_NOTE_COMMAND, run('cursor')),
    vscode.commands.registerCommand(INSERT_ROLLBACK_NOTE_FOR_SECTION_COMMAND, run('section')),
  ];
}

/** Inserts the note (its place and text come from the server); resolves to whether the editor took the snippet. */
export async function insertRollbackNote(mode: RollbackNoteMode, uri: UriArgument, position: PositionArgument, context: Pick<CommandContext, 'client' | 'owner'>): Promise<boolean> {
  const editor = await editorFor(uri);
  if (!editor) {
    void vscode.window.showInformationMessage('Open a Markdown post to insert a rollback note.');
    return false;
  }
  const client = context.client();
  if (!client) throw new Error('the Alphanode language server is not running');
  const owner = await context.owner(editor.document.uri);
  // Read the text after the owner lookup: the place is computed on what the editor holds now.
  const cursor = position ? new vscode.Position(position.line, position.character) : editor.selection.active;
  let insertion: RollbackNoteResult;
  for (let attempt = 1; ; attempt++) {
    const version = editor.document.version;
    const params: RollbackNoteParams = { text: editor.document.getText(), position: { line: cursor.line, character: cursor.character }, mode, ...(owner === undefined ? {} : { owner }) };
    insertion = await client.sendRequest<RollbackNoteResult>(ROLLBACK_NOTE_REQUEST, params);
    // Typed into while the server answered: the place may be off, so it is asked again.
    if (editor.document.version === version || attempt === MAX_ATTEMPTS) break;
  }
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

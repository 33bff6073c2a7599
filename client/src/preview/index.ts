import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { META_BOX_VIEW_TYPE } from '../../../server/src/protocol';
import { MetaBoxPreview, PreviewState } from './panel';

export const OPEN_PREVIEW_COMMAND = 'alphanode.openMetaBoxPreview';
/** Test-only (not in the palette): the panel's last posted HTML and version, and edit-to-repaint times. */
export const DEBUG_STATE_COMMAND = 'alphanode.preview.debugState';
/** Test-only: handle a `reveal` message as if the webview had sent it. */
export const DEBUG_REVEAL_COMMAND = 'alphanode.preview.debugReveal';

/** The meta box preview: its command, the panel serializer and the test hooks. */
export function registerPreview({ extension, client, output }: CommandContext): vscode.Disposable[] {
  const preview = new MetaBoxPreview(extension, client, output);
  return [
    preview,
    vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: unknown) => preview.open(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(META_BOX_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => preview.restore(panel, state as PreviewState | undefined),
    }),
    vscode.commands.registerCommand(DEBUG_STATE_COMMAND, () => preview.debugState()),
    vscode.commands.registerCommand(DEBUG_REVEAL_COMMAND, (uri: string, range: [number, number, number, number]) =>
      preview.handleMessage({ type: 'reveal', uri, range }),
    ),
  ];
}

import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { META_BOX_VIEW_TYPE, POST_PREVIEW_VIEW_TYPE } from '../../../server/src/protocol';
import { MetaBoxPreview, POST_PAGE_KIND, PreviewState } from './panel';

export const OPEN_PREVIEW_COMMAND = 'alphanode.openMetaBoxPreview';
export const OPEN_POST_PREVIEW_COMMAND = 'alphanode.openPostPreview';
/** Test-only: the post preview's state and measurements, and its webview's visible text. */
export const POST_DEBUG_STATE_COMMAND = 'alphanode.postPreview.debugState';
export const POST_DEBUG_TEXT_COMMAND = 'alphanode.postPreview.debugText';
/** Test-only (not in the palette): the panel's last posted HTML and version, and edit-to-repaint times. */
export const DEBUG_STATE_COMMAND = 'alphanode.preview.debugState';
/** Test-only: handle a `reveal` message as if the webview had sent it. */
export const DEBUG_REVEAL_COMMAND = 'alphanode.preview.debugReveal';

/** The meta box preview and the post preview: their commands, panel serializers and test hooks. */
export function registerPreview({ extension, client, output }: CommandContext): vscode.Disposable[] {
  const preview = new MetaBoxPreview(extension, client, output);
  const page = new MetaBoxPreview(extension, client, output, POST_PAGE_KIND);
  return [
    preview,
    page,
    vscode.commands.registerCommand(OPEN_POST_PREVIEW_COMMAND, (uri?: unknown) => page.open(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(POST_PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => page.restore(panel, state as PreviewState | undefined),
    }),
    vscode.commands.registerCommand(POST_DEBUG_STATE_COMMAND, () => page.debugState()),
    vscode.commands.registerCommand(POST_DEBUG_TEXT_COMMAND, () => page.debugText()),
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

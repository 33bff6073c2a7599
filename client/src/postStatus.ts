import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { IS_POST_CONTEXT_KEY, POST_STATUS_NOTIFICATION, PostStatusParams } from '../../server/src/protocol';

/**
 * The `alphanode.isPost` context key: true while the active editor holds a post, as the server
 * classifies it (README "What is a post"; it tells us with `alphanode/postStatus`). The preview
 * button in the editor title shows only then.
 */
export function trackPostStatus(client: BaseLanguageClient): vscode.Disposable {
  const posts = new Map<string, boolean>();
  let shown: boolean | undefined;
  const update = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const isPost = uri !== undefined && posts.get(uri) === true;
    if (isPost === shown) return;
    shown = isPost;
    void vscode.commands.executeCommand('setContext', IS_POST_CONTEXT_KEY, isPost);
  };
  update();
  return vscode.Disposable.from(
    client.onNotification(POST_STATUS_NOTIFICATION, (params: PostStatusParams) => {
      if (typeof params?.uri !== 'string') return;
      posts.set(params.uri, params.isPost === true);
      update();
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidCloseTextDocument((document) => {
      posts.delete(document.uri.toString());
      update();
    }),
  );
}


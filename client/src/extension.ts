import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NAME, SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { activateClient, deactivateClient } from './common';
import { gitOrOsUser } from './ownerNode';
import { gitRevisions } from './revisionsNode';

// The desktop (and remote) entry, package.json `main`: the language server runs in a Node
// process of its own (dist/server.js) over IPC. Everything else is in common.ts, shared with
// the browser entry (browser.ts).
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
  };
  return activateClient(context, {
    kind: 'node',
    createClient: (options) => new LanguageClient('alphanode', SERVER_NAME, serverOptions, options),
    ownerFallback: gitOrOsUser,
    revisions: gitRevisions,
    restart: (client) => (client as LanguageClient).restart(),
    serverPid: (client) => (client as LanguageClient).serverProcess?.pid,
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}

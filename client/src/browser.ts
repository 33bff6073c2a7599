import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, MessageTransports } from 'vscode-languageclient/browser';
import { SERVER_NAME } from '../../server/src/protocol';
import { activateClient, deactivateClient } from './common';

/** The extension host's web worker (the client's lib settings have no DOM types). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker & ConstructorParameters<typeof BrowserMessageReader>[0];

let worker: ServerWorker | undefined;

// The browser entry, package.json `browser` (vscode.dev, github.dev): the language server runs in
// a web worker (dist/web/server.js, from server/src/browser.ts). No git or OS user here: the
// rollback note owner is the `alphanode.owner` setting, else a tab stop.
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true);
  // A new worker for each start (a restart included); the one before it, stopped by then, is ended.
  // The transports are made here: VS Code's extension host wraps `Worker`, so the client's own
  // `instanceof Worker` test can fail on what the constructor returns.
  const startWorker = (): Promise<MessageTransports> => {
    worker?.terminate();
    const started = new Worker(serverMain, { name: 'alphanode-language-server' });
    worker = started;
    return Promise.resolve({ reader: new BrowserMessageReader(started), writer: new BrowserMessageWriter(started) });
  };
  return activateClient(context, {
    kind: 'browser',
    createClient: (options) => new LanguageClient('alphanode', SERVER_NAME, startWorker, options),
  });
}

export async function deactivate(): Promise<void> {
  await deactivateClient();
  worker?.terminate();
  worker = undefined;
}

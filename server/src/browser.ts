import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from './server';

/** The worker's global scope (`DedicatedWorkerGlobalScope`); the server's lib settings have no DOM types. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & { close(): void };
declare const console: { error(...values: unknown[]): void };

// As in node.ts: an error no handler caught is logged, not the end of the server.
const keepServing = (event: { preventDefault(): void; error?: unknown; reason?: unknown }) => {
  console.error('alphanode: uncaught error (the server keeps running):', event.error ?? event.reason);
  event.preventDefault();
};
const scope = self as unknown as { addEventListener(type: 'error' | 'unhandledrejection', listener: typeof keepServing): void };
scope.addEventListener('error', keepServing);
scope.addEventListener('unhandledrejection', keepServing);

// The web worker entry (dist/web/server.js, started by client/src/browser.ts on vscode.dev and
// github.dev): the same startServer as the Node entry (node.ts), over the worker's message port.
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
// Node's entry ends its process on `exit`; a worker ends itself.
connection.onExit(() => self.close());
startServer(connection);

import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { State } from 'vscode-languageclient';
import { CONFIG_SECTION, InitializationOptions, LANGUAGE_ID, SERVER_NAME } from '../../server/src/protocol';
import { registerAuthoringCommands } from './commands';
import { registerFileAccess } from './fileAccess';
import { OwnerFallback, resolveOwner } from './owner';
import { trackPostStatus } from './postStatus';
import type { RevisionSource } from './commands/context';

/**
 * Everything the extension does but creating the language client, shared by the two entries:
 * extension.ts (desktop and remote: the server in a Node process over IPC) and browser.ts
 * (vscode.dev, github.dev: the server in a web worker). Nothing here may need Node: the
 * browser bundle (dist/web/client.js) is built from it with esbuild's browser platform.
 */
export interface ClientHost {
  /** Where the server runs: `node` (a process of its own) or `browser` (a web worker). */
  kind: 'node' | 'browser';
  /** Creates the language client (not started) with these options. */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** The rollback note owner after the `alphanode.owner` setting (desktop: git user.name, then the OS user). */
  ownerFallback?: OwnerFallback;
  /** Restarts the server (default: stop, then start). */
  restart?(client: BaseLanguageClient): Promise<void>;
  /** The server's process id, where it runs in a process of its own (the Node entry). */
  serverPid?(client: BaseLanguageClient): number | undefined;
  /** A post's text at a git revision (the Node entry); absent in the browser, which has no git. */
  revisions?: RevisionSource;
}

/**
 * The URI schemes whose Markdown documents the server is sent: files on disk, untitled editors,
 * and the virtual file systems of VS Code for the web (github.dev and vscode.dev: `vscode-vfs`;
 * in-memory: `memfs`; @vscode/test-web: `vscode-test-web`).
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'memfs', 'vscode-test-web'];
/** Team template files (`.alphanode.yaml`) and base templates named like them (`org/base.alphanode.yaml`). */
const TEMPLATE_PATTERNS = ['**/.alphanode.yaml', '**/*.alphanode.yaml'];

/** What `alphanode.serverInfo` returns (tests and support). */
export interface ServerInfo {
  state: string;
  /** Undefined in the browser: the server is a web worker, not a process. */
  pid: number | undefined;
  /** `node` (a process) or `browser` (a web worker). */
  host: 'node' | 'browser';
  /** When activate() began (`Date.now()`). */
  startedAt: number;
  /** ms from the start of activate() to the client's start (the server answered `initialize`). */
  activationMs: number | undefined;
}

let client: BaseLanguageClient | undefined;

export async function activateClient(context: vscode.ExtensionContext, host: ClientHost): Promise<void> {
  const activationStart = Date.now();
  let activationMs: number | undefined = undefined; // set once the client has started
  const output = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(output);

  // The server's fixes name the same owner as Insert Rollback Note: the `alphanode.owner`
  // setting (the server reads it per document), else this fallback (git, then the OS user).
  const initializationOptions: InitializationOptions = { ownerFallback: await host.ownerFallback?.(undefined) };
  const clientOptions: LanguageClientOptions = {
    initializationOptions,
    // Every Markdown file is offered; the server decides which ones are posts (spec §1).
    // Team templates and their bases too: hover on `extends`, and edits that apply as typed.
    documentSelector: DOCUMENT_SCHEMES.flatMap((scheme) => [{ language: LANGUAGE_ID, scheme }, ...TEMPLATE_PATTERNS.map((pattern) => ({ scheme, pattern }))]),
    synchronize: { configurationSection: CONFIG_SECTION },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = host.createClient(clientOptions);
  context.subscriptions.push(registerFileAccess(client), trackPostStatus(client)); // the server reads workspace files through these requests

  context.subscriptions.push(
    vscode.commands.registerCommand('alphanode.restartServer', async () => {
      if (!client) return;
      output.info('Restarting the language server on request.');
      if (host.restart) await host.restart(client);
      else {
        await client.stop();
        await client.start();
      }
      vscode.window.setStatusBarMessage('$(check) Alphanode language server restarted', 3000);
    }),
    vscode.commands.registerCommand('alphanode.showOutput', () => output.show(true)),
    // For tests and support: which server is running now, and how long activation took.
    vscode.commands.registerCommand('alphanode.serverInfo', (): ServerInfo => ({
      state: client ? State[client.state] : 'Stopped',
      pid: client ? host.serverPid?.(client) : undefined,
      host: host.kind,
      startedAt: activationStart,
      activationMs,
    })),
    ...registerAuthoringCommands({ extension: context, client: () => client, output, owner: (uri) => resolveOwner(uri, host.ownerFallback), revisions: host.revisions }),
  );

  await client.start();
  activationMs = Date.now() - activationStart;
  output.info(`Language server started (${host.kind}) ${activationMs} ms after activation began.`);
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}

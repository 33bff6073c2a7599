import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGE_ID, SERVER_NAME } from '../../server/src/protocol';
import { registerAuthoringCommands } from './commands';
import { registerFileAccess } from './fileAccess';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every Markdown file is offered; the server decides which ones are posts (spec §1).
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('alphanode', SERVER_NAME, serverOptions, clientOptions);
  context.subscriptions.push(registerFileAccess(client)); // the server reads workspace files through these requests

  context.subscriptions.push(
    vscode.commands.registerCommand('alphanode.restartServer', async () => {
      if (!client) return;
      output.info('Restarting the language server on request.');
      await client.restart();
      vscode.window.setStatusBarMessage('$(check) Alphanode language server restarted', 3000);
    }),
    vscode.commands.registerCommand('alphanode.showOutput', () => output.show(true)),
    // For tests and support: which server process is running now.
    vscode.commands.registerCommand('alphanode.serverInfo', () => ({ state: client ? State[client.state] : 'Stopped', pid: serverPid() })),
    ...registerAuthoringCommands({ extension: context, client: () => client, output }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function serverPid(): number | undefined {
  return client?.serverProcess?.pid;
}

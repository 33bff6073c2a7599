import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, waitFor, workspaceFile } from './helpers';

// A team template that extends an organisation's base, written into the workspace at run time
// (and removed after): the team's own field is completed, with its enum values, and its hover
// shows the description, through the real client and server.

const write = (relative: string, text: string) => vscode.workspace.fs.writeFile(workspaceFile(relative), new TextEncoder().encode(text));
const remove = (relative: string) => Promise.resolve(vscode.workspace.fs.delete(workspaceFile(relative), { recursive: true })).catch(() => undefined);
const BASE = 'fields:\n  service:\n    type: string\n    required: true\n    enum: [payments, search, identity]\n    description: The service this runbook operates.\n';
const POST = 'teams/payments/svc.post.md';

suite('team fields in a real VS Code', () => {
  suiteSetup(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove('teams');
  });

  test('completion offers a team field of the base template and its enum values; hover shows its description', async () => {
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('posts/staging-parity.post.md')));
    await write('teams/org/base.alphanode.yaml', BASE);
    await write('teams/payments/.alphanode.yaml', 'extends: ../org/base.alphanode.yaml\n');
    await write(POST, source);
    const uri = workspaceFile(POST);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The base applies: the required field is missing.
    await waitFor('meta-required for service', () => {
      const missing = vscode.languages.getDiagnostics(uri).find((d) => d.source === 'alphanode' && codeOf(d) === 'meta-required');
      return missing?.message === 'Missing required key "service".' ? missing : undefined;
    }, 20000, () => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [codeOf(d), d.message])));

    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('reference:'));
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'serv\n'));
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 4));
    const service = keys.items.find((item) => item.label === 'service');
    assert.ok(service, `no service in ${keys.items.map((item) => String(item.label)).join(', ')}`);
    assert.strictEqual(service.detail, 'team field: string');
    assert.strictEqual((service.documentation as vscode.MarkdownString).value, 'The service this runbook operates. (team field: required string, one of payments, search, identity)');

    await editor.edit((edit) => edit.replace(new vscode.Range(line, 0, line, 4), 'service: '));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 9));
    // Ours only: the host adds its word-based items (kind Text) to what executeCompletionItemProvider returns.
    assert.deepStrictEqual(values.items.filter((item) => item.kind !== vscode.CompletionItemKind.Text).map((item) => item.label), ['payments', 'search', 'identity']);

    await editor.edit((edit) => edit.insert(new vscode.Position(line, 9), 'search'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 3));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*service\*\*\n\nThe service this runbook operates\. \(team field: required string, one of payments, search, identity\)/);
    // And the post is clean of meta problems about it now.
    await waitFor('service accepted', () => (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'alphanode' && /service/.test(d.message)) ? undefined : true), 10000);
  });
});

// The language features through VS Code's own command API, with the server in a web worker:
// completion, hover and a quick fix on the defects post of the (virtual) workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, DEFECTS, diagnosticsOf, EXPECTED_DEFECTS, EXTENSION_ID, open, revertAndCloseAll } from '../suite/helpers';

function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  const line = document.getText().split(/\r?\n/).findIndex((text) => pattern.test(text));
  assert.ok(line >= 0, `no line matches ${pattern}`);
  return line;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

suite('web: completion, hover and quick fixes', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  teardown(revertAndCloseAll);

  test('completion: the allowed values of difficulty', async () => {
    const editor = await open(DEFECTS);
    await diagnosticsOf(editor.document.uri, (d) => d.length === EXPECTED_DEFECTS.length, 10000, 'the server has the post');
    const line = lineOf(editor.document, /^difficulty: /);
    const position = new vscode.Position(line, 'difficulty: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const value of ['beginner', 'intermediate', 'advanced']) assert.ok(labels.includes(value), `${value} in ${labels.join(', ')}`);
  });

  test('completion: a partly typed key offers the missing meta keys', async () => {
    const editor = await open(DEFECTS);
    const line = lineOf(editor.document, /^view_count: /);
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, 'vie'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, 3));
    const item = list.items.find((candidate) => candidate.label === 'view_count');
    assert.ok(item, list.items.map((candidate) => String(candidate.label)).join(', '));
    assert.strictEqual(item.kind, vscode.CompletionItemKind.Property);
  });

  test('hover: a meta key shows its documentation and what the body has', async () => {
    const editor = await open(DEFECTS);
    const line = lineOf(editor.document, /^ {2}paragraphs: \d+$/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 4));
    const text = hoverText(hovers);
    assert.ok(text.includes('**payload.paragraphs**'), text);
    assert.ok(text.includes('The body has 5 prose paragraphs now.'), text);
  });

  test('quick fix: "Set payload.paragraphs to 5" fixes the paragraph count', async () => {
    const editor = await open(DEFECTS);
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'paragraph-count'), 10000, 'paragraph-count');
    const paragraphs = diagnostics.find((d) => codeOf(d) === 'paragraph-count')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, paragraphs.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    const fix = actions.find((action) => action.title === 'Set payload.paragraphs to 5');
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(editor.document.lineAt(paragraphs.range.start.line).text, '  paragraphs: 5');
    const after = await diagnosticsOf(uri, (d) => !d.some((x) => codeOf(x) === 'paragraph-count'), 5000, 'no paragraph-count after the fix');
    assert.deepStrictEqual(after.map(codeOf), ['meta-invalid', 'meta-unknown-key']);
  });
});

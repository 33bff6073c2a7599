import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, DEFECTS, EXPECTED_DEFECTS, ours, summary, workspaceFile } from './helpers';

/** Waits until the diagnostics of `uri` satisfy `done`, or fails after `timeoutMs`. */
async function waitFor(uri: vscode.Uri, done: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs: number, what: string): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = ours(uri);
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      assert.fail(`${what}: gave up after ${timeoutMs} ms; diagnostics now: ${JSON.stringify(diagnostics.map((d) => [codeOf(d), d.range.start.line]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document);
}

/** Opens the defects post and waits for its diagnostics: proof the server has answered. */
async function serverAnswered(timeoutMs = 10000): Promise<void> {
  await open(DEFECTS);
  await waitFor(workspaceFile(DEFECTS), (d) => d.length === EXPECTED_DEFECTS.length, timeoutMs, 'defects post diagnostics');
}


/** Edits the defects post's paragraph count and waits for a diagnostic saying so: proof a live server validated it. */
async function provesLiveServer(count: number): Promise<void> {
  const editor = await open(DEFECTS);
  const line = editor.document.getText().split('\n').findIndex((text) => /^ {2}paragraphs: \d+$/.test(text));
  await editor.edit((edit) => edit.replace(new vscode.Range(line, 14, line, editor.document.lineAt(line).text.length), String(count)));
  const expected = `payload.paragraphs is ${count} but the body has 5 prose paragraphs.`;
  const diagnostics = await waitFor(workspaceFile(DEFECTS), (d) => d.some((x) => x.message === expected), 10000, `a fresh paragraph-count diagnostic (${count})`);
  assert.deepStrictEqual(summary(diagnostics), EXPECTED_DEFECTS);
}

suite('diagnostics in a real VS Code', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a post with known defects: codes, ranges and source within 2 s of opening', async () => {
    // Warm the server once so the 2 s budget measures validation, not process start-up.
    await open('posts/staging-parity.post.md');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const started = Date.now();
    await open(DEFECTS);
    const diagnostics = await waitFor(workspaceFile(DEFECTS), (d) => d.length >= EXPECTED_DEFECTS.length, 2000, 'defects within 2 s');
    assert.deepStrictEqual(summary(diagnostics), EXPECTED_DEFECTS);
    assert.ok(diagnostics.every((d) => d.source === 'alphanode'));
    const paragraphs = diagnostics.find((d) => codeOf(d) === 'paragraph-count');
    assert.strictEqual(paragraphs?.message, 'payload.paragraphs is 6 but the body has 5 prose paragraphs.');
    assert.strictEqual(paragraphs?.severity, vscode.DiagnosticSeverity.Error);
    const code = paragraphs?.code as { value: string; target: vscode.Uri };
    assert.ok(code.target.toString().endsWith('rules.md#paragraph-count'), code.target.toString());
    console.log(`defects post: diagnostics after ${Date.now() - started} ms`);
  });

  test('the seed posts have no problems', async () => {
    for (const name of ['posts/staging-parity.post.md', 'posts/production-defaults.post.md']) await open(name);
    // The server handles documents in order: once the defects post has its diagnostics, the seeds have theirs.
    await serverAnswered();
    for (const name of ['posts/staging-parity.post.md', 'posts/production-defaults.post.md']) {
      assert.deepStrictEqual(summary(ours(workspaceFile(name))), [], name);
    }
  });

  test('a Markdown file that is not a post gets no diagnostics', async () => {
    await open('notes.md');
    await serverAnswered();
    assert.deepStrictEqual(vscode.languages.getDiagnostics(workspaceFile('notes.md')), []);
  });

  test('typing an edit that breaks a rule, then one that fixes it', async () => {
    const editor = await open('posts/staging-parity.post.md');
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex((text) => text === '  paragraphs: 5');
    assert.ok(line > 0);
    const digit = new vscode.Range(line, 14, line, 15);
    await editor.edit((edit) => edit.replace(digit, '9'));
    const broken = await waitFor(uri, (d) => d.length === 1, 5000, 'paragraph-count after the breaking edit');
    assert.deepStrictEqual(summary(broken), [{ code: 'paragraph-count', range: [line, 14, line, 15] }]);
    assert.strictEqual(broken[0].message, 'payload.paragraphs is 9 but the body has 5 prose paragraphs.');
    await editor.edit((edit) => edit.replace(digit, '5'));
    await waitFor(uri, (d) => d.length === 0, 5000, 'no diagnostics after the fixing edit');
  });

  test('Alphanode: Restart Language Server brings the diagnostics back', async () => {
    await serverAnswered();
    const before = (await vscode.commands.executeCommand('alphanode.serverInfo')) as { pid: number; state: string };
    await vscode.commands.executeCommand('alphanode.restartServer');
    const after = (await vscode.commands.executeCommand('alphanode.serverInfo')) as { pid: number; state: string };
    assert.strictEqual(after.state, 'Running');
    // In the browser (test/e2e/run-web.mjs) the server is a web worker: no process id to compare.
    if (before.pid !== undefined) assert.notStrictEqual(after.pid, before.pid, 'a new server process');
    await provesLiveServer(7);
  });

  test('a killed server is restarted by the client and diagnostics come back', async function () {
    await serverAnswered();
    const before = (await vscode.commands.executeCommand('alphanode.serverInfo')) as { pid: number };
    if (before.pid === undefined) this.skip(); // a web worker (the browser entry): no process to kill
    assert.ok(before.pid > 0);
    process.kill(before.pid, 'SIGKILL');
    const deadline = Date.now() + 15000;
    let after = before;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await vscode.commands.executeCommand('alphanode.serverInfo')) as { pid: number; state: string } & typeof before;
      if (after.pid && after.pid !== before.pid && (after as { state?: string }).state === 'Running') break;
    }
    assert.notStrictEqual(after.pid, before.pid, 'the client started a new server process');
    await provesLiveServer(8);
  });
});

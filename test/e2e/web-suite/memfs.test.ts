// Posts on an in-memory file system (`memfs:`, the scheme of VS Code's own samples): a file system
// with no search provider, registered here by the test. The client offers its documents to the
// server like any other (client/src/common.ts DOCUMENT_SCHEMES); diagnostics and quick fixes come
// back for them. (The workspace folder itself is virtual too: vscode-test-web://, see activation.test.ts.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, DEFECTS, diagnosticsOf, EXPECTED_DEFECTS, EXTENSION_ID, revertAndCloseAll, summary, workspaceFile } from '../suite/helpers';

class MemFs implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: data.byteLength };
    if ([...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = `${uri.path.replace(/\/$/, '')}/`;
    const names = new Map<string, vscode.FileType>();
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...rest] = path.slice(prefix.length).split('/');
      names.set(name, rest.length > 0 ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...names];
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const created = !this.files.has(uri.path);
    this.files.set(uri.path, content);
    this.emitter.fire([{ type: created ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed, uri }]);
  }

  createDirectory(): void {}

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(from: vscode.Uri, to: vscode.Uri): void {
    this.writeFile(to, this.readFile(from));
    this.delete(from);
  }
}

suite('web: posts on memfs: (a virtual file system without search)', () => {
  let registration: vscode.Disposable | undefined;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    registration = vscode.workspace.registerFileSystemProvider('memfs', new MemFs(), { isCaseSensitive: true });
  });

  suiteTeardown(async () => {
    await revertAndCloseAll();
    registration?.dispose();
  });

  test('a post on memfs: gets its diagnostics and quick fixes', async () => {
    const uri = vscode.Uri.parse('memfs:/runbooks/posts/defects.post.md');
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(workspaceFile(DEFECTS)));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.strictEqual(editor.document.languageId, 'markdown');
    const diagnostics = await diagnosticsOf(uri, (d) => d.length === EXPECTED_DEFECTS.length, 10000, 'diagnostics of the memfs: post');
    assert.deepStrictEqual(summary(diagnostics), EXPECTED_DEFECTS);
    const paragraphs = diagnostics.find((d) => codeOf(d) === 'paragraph-count')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, paragraphs.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((action) => action.title === 'Set payload.paragraphs to 5'), actions.map((action) => action.title).join(' | '));
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

suite('smoke', () => {
  test('the extension is installed', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
  });

  test('the tested copy is the packaged VSIX, not the source folder (offline runner only)', function () {
    // test/e2e/run.mjs installs the VSIX into a fresh extensions dir and says where through this variable;
    // @vscode/test-electron runs the source folder (extensionDevelopmentPath) instead.
    const extensionsDir = process.env.ALPHANODE_E2E_EXTENSIONS_DIR;
    if (!extensionsDir) this.skip();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.ok(
      ext.extensionUri.fsPath.startsWith(extensionsDir + '/'),
      `expected the extension to run from ${extensionsDir}, it runs from ${ext.extensionUri.fsPath}`,
    );
  });

  test('the extension activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });
});

/**
 * Issue 13 item 1 over the protocol: a post nested 3,000 levels deep used to crash the
 * built server (and crash it again after every restart). Now it gets its one yaml-syntax
 * diagnostic, and hover, symbols and completion on it answer; the server stays up.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { NESTING_MESSAGE } from '../../server/src/service/model/yamlParse';
import { edit, loadSeed } from '../support/fixtures';
import { LspClient } from '../support/lspClient';

const workspaceDir = mkdtempSync(join(tmpdir(), 'alphanode-lsp-deep-'));
const workspace = pathToFileURL(workspaceDir).href;
after(() => rmSync(workspaceDir, { recursive: true, force: true }));

describe('language server: a post nested 3,000 levels deep', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace });
  });
  after(() => client?.kill());

  for (const [shape, yaml] of [
    ['block lists on one line', `deep:\n${'- '.repeat(3_000)}x\n`],
    ['block lists, one per indented line', `deep:\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}-`).join('\n')} x\n`],
    ['flow maps', `deep: ${'{a: '.repeat(3_000)}1${'}'.repeat(3_000)}\n`],
  ] as const) {
    it(`${shape}: one yaml-syntax diagnostic; hover, symbols and completion answer; a clean post still validates`, async () => {
      const uri = `${workspace}/${shape.replace(/\W+/g, '-')}.post.md`;
      const text = edit(loadSeed('000'), 'notes:\n', `${yaml}notes:\n`);
      await client.open(uri, text, 1);
      const diagnostics = await client.waitForDiagnostics(uri, 1, 10_000);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['yaml-syntax', `The post meta is not valid YAML: ${NESTING_MESSAGE}`]]);
      const deepLine = text.split('\n').indexOf('deep:');
      const position = { line: deepLine + 1, character: 1 };
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      await client.close(uri);

      const clean = `${workspace}/clean-after-${shape.replace(/\W+/g, '-')}.post.md`;
      await client.open(clean, loadSeed('000'), 1);
      assert.deepEqual(await client.waitForDiagnostics(clean, 1, 10_000), []);
      await client.close(clean);
    });
  }
});

/**
 * Team templates that extend an organisation's base, on the real server (dist/server.js
 * --stdio, issue 17): the server reads the base through the client, watches it, and saving
 * (or editing) the base revalidates the open and closed posts of every template that
 * extends it; hover on `extends`, the effective template request, a base that cannot be read.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { EFFECTIVE_TEMPLATE_REQUEST, EffectiveTemplateResult } from '../../server/src/protocol';
import { edit, loadSeed } from '../support/fixtures';
import { fsFileAccess } from '../support/fileAccess';
import { LspClient, Publish, shutDownCleanly } from '../support/lspClient';

const seed = edit(loadSeed('000'), 'reference: anp-ref-038568-1612\n', 'service: payments\nreference: anp-ref-038568-1612\n');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const BASE = 'fields:\n  service:\n    type: string\n    required: true\n    enum: [payments, search]\n    description: The service this runbook operates.\n';

const root = mkdtempSync(join(tmpdir(), 'alphanode-teams-lsp-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return pathToFileURL(path).href;
}

describe('templates extending a base (protocol)', () => {
  // The base lives outside the workspace folder: the server reads it through the client.
  const ws = join(root, 'ws');
  const uri = (relative: string) => pathToFileURL(join(root, relative)).href;
  const baseUri = uri('org/base.alphanode.yaml');
  const openUri = uri('ws/team/open.post.md');
  let client: LspClient;

  const publishAfter = (mark: number, target: string, what: string, test: (p: Publish) => boolean = () => true): Promise<Publish> =>
    client.waitForPublish((p) => p.seq >= mark && p.uri === target && test(p), 5_000, what);

  before(async () => {
    write('org/base.alphanode.yaml', BASE);
    write('ws/team/.alphanode.yaml', 'extends: ../../org/base.alphanode.yaml\nrules:\n  summary-mentions: off\n');
    write('ws/other/.alphanode.yaml', 'extends: [../../org/base.alphanode.yaml]\n');
    write('ws/team/open.post.md', seed);
    write('ws/other/closed.post.md', seed);
    client = await LspClient.start({ workspaceFolder: pathToFileURL(ws).href, handlers: fsFileAccess().handlers });
    await client.open(openUri, seed, 1);
  });
  after(() => shutDownCleanly(client));

  it('an open post of a team template: the base\'s field applies', async () => {
    assert.deepEqual(codes(await client.waitForDiagnostics(openUri, 1)), []);
  });

  it('watches the base by its own folder (it is outside the workspace)', async () => {
    await client.settle(200);
    const registrations = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    const watchers = registrations.flatMap((r) => (r.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.map((w) => w.globPattern));
    assert.deepEqual(watchers.filter((pattern) => typeof pattern !== 'string'), [{ baseUri: uri('org'), pattern: 'base.alphanode.yaml' }]);
  });

  it('saving the base revalidates the open post and the closed posts of every template extending it', async () => {
    write('org/base.alphanode.yaml', edit(BASE, 'enum: [payments, search]', 'enum: [search, identity]'));
    const mark = client.publishes.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: baseUri, type: FileChangeType.Changed }] });
    const open = await publishAfter(mark, openUri, 'the open post after the base was saved');
    assert.equal(open.version, 1);
    assert.deepEqual(open.diagnostics.map((d) => [d.code, d.range, d.message]), [['meta-invalid', { start: { line: 33, character: 9 }, end: { line: 33, character: 17 } }, 'service is "payments": expected one of search, identity.']]);
    const closed = await publishAfter(mark, uri('ws/other/closed.post.md'), 'the closed post of the other team', (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(closed.diagnostics), ['meta-invalid']);
  });

  it('editing the base in the editor applies before it is saved; closing it goes back to the disk', async () => {
    let mark = client.publishes.length;
    await client.open(baseUri, BASE, 1, 'yaml');
    assert.deepEqual((await publishAfter(mark, openUri, 'the open post after the base was opened', (p) => p.diagnostics.length === 0)).diagnostics, []);
    mark = client.publishes.length;
    await client.change(baseUri, 2, [{ text: `${BASE}  tier:\n    type: integer\n    required: true\n` }]);
    const edited = await publishAfter(mark, openUri, 'the open post after the base was edited', (p) => p.diagnostics.length > 0);
    assert.deepEqual(edited.diagnostics.map((d) => d.message), ['Missing required key "tier".']);
    mark = client.publishes.length;
    await client.close(baseUri);
    const closed = await publishAfter(mark, openUri, 'the open post after the base was closed', (p) => codes(p.diagnostics).join() === 'meta-invalid');
    assert.equal(closed.version, 1);
  });

  it('hover on extends shows the resolved chain; the effective template names each value\'s file', async () => {
    const templateUri = uri('ws/team/.alphanode.yaml');
    await client.open(templateUri, 'extends: ../../org/base.alphanode.yaml\nrules:\n  summary-mentions: off\n', 1, 'yaml');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: templateUri }, position: { line: 0, character: 12 } });
    assert.match((hover?.contents as { value: string }).value, /Resolved chain:\n\n1\. `[^`]*org\/base\.alphanode\.yaml`\n2\. `team\/\.alphanode\.yaml` \(this file\)$/);
    const effective = await client.connection.sendRequest<EffectiveTemplateResult | null>(EFFECTIVE_TEMPLATE_REQUEST, { uri: openUri });
    assert.match(effective?.text ?? '', /^# Effective template of team\/\.alphanode\.yaml\n/);
    assert.match(effective?.text ?? '', /\n {2}summary-mentions: off # from team\/\.alphanode\.yaml\n/);
    assert.match(effective?.text ?? '', /\n {2}service: \{ type: string, required: true, enum: \[ search, identity \], description: The service this runbook operates\. \} # from [^\n]*org\/base\.alphanode\.yaml\n/);
    // The open template is no post: no diagnostics of the post rules are published for it.
    assert.ok(client.publishesFor(templateUri).every((p) => p.diagnostics.every((d) => String(d.code).startsWith('template-'))));
    await client.close(templateUri);
  });

  it('a base the client cannot read: the template says so on its extends value, its posts fall back', async () => {
    const templateUri = write('ws/team/.alphanode.yaml', 'extends: ../../org/gone.alphanode.yaml\n');
    const mark = client.publishes.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: templateUri, type: FileChangeType.Changed }] });
    const own = await publishAfter(mark, templateUri, 'the template with a missing base', (p) => p.diagnostics.length > 0);
    assert.deepEqual(own.diagnostics.map((d) => [d.code, d.range]), [['template-extends', { start: { line: 0, character: 9 }, end: { line: 0, character: 38 } }]]);
    assert.match(String(own.diagnostics[0].message), /^"extends": cannot read the base template .*org\/gone\.alphanode\.yaml \(chain team\/\.alphanode\.yaml → .*org\/gone\.alphanode\.yaml\): no such file, or the editor cannot read it\.$/);
    const post = await publishAfter(mark, openUri, 'the open post falling back', (p) => codes(p.diagnostics).includes('template-fallback'));
    // The defaults know no `service` field.
    assert.deepEqual(codes(post.diagnostics), ['template-fallback', 'meta-unknown-key']);
  });
});

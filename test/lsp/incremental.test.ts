/**
 * The real server re-parses only the part of a post an edit changed (front matter or body):
 * over the wire, the diagnostics of each version are exactly a fresh validation's, with the
 * body's ranges moved when the front matter's line count changes. And a post slow to parse
 * (megabytes) is validated once typing pauses, still ending on the newest version.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { parsePost, validatePost } from '../../server/src/service';
import { edit, loadSeed } from '../support/fixtures';
import { LspClient, replaceOnce, shutDownCleanly } from '../support/lspClient';

const workspaceDir = mkdtempSync(join(tmpdir(), 'alphanode-lsp-incremental-'));
const workspace = pathToFileURL(workspaceDir).href;

/** Seed 000 with one meta problem (a misspelt key) and one body problem (an untagged code block). */
const POST = edit(edit(loadSeed('000'), 'reading_time: 7', 'reading_tme: 7'), '## implementation checklist', '```\nnpm test\n```\n\n## implementation checklist');
const lineOf = (text: string, exact: string) => {
  const line = text.split('\n').indexOf(exact);
  assert.ok(line >= 0, `no line ${JSON.stringify(exact)}`);
  return line;
};
const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const byRule = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ code: d.code, range: d.range }));
/** A fresh in-process validation of `text`, as it looks after a JSON round trip. */
const fresh = (text: string) => JSON.parse(JSON.stringify(validatePost(parsePost(text)))) as Diagnostic[];

after(() => rmSync(workspaceDir, { recursive: true, force: true }));

describe('incremental re-parse over the wire (dist/server.js --stdio)', () => {
  let client: LspClient;
  const uri = `${workspace}/posts/incremental.post.md`;
  let text = POST;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace });
  });
  after(() => shutDownCleanly(client));

  it('version 1: the meta problem and the body problem', async () => {
    await client.open(uri, text, 1);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    const fence = lineOf(text, 'npm test') - 1;
    const reading = lineOf(text, 'reading_tme: 7');
    assert.deepEqual(byRule(diagnostics), [{ code: 'meta-required', range: range(reading, 0, 11) }, { code: 'code-language', range: range(fence, 0, 3) }]);
    assert.deepEqual(diagnostics, fresh(text));
  });

  it('two lines added to the meta: the body problem moves two lines down, exactly', async () => {
    const step = replaceOnce(text, 'difficulty: advanced\n', 'difficulty: advanced\n# a comment\n# another one\n');
    text = step.text;
    await client.change(uri, 2, [step.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 2);
    const fence = lineOf(text, 'npm test') - 1;
    assert.equal(fence, lineOf(POST, 'npm test') + 1);
    assert.deepEqual(byRule(diagnostics), [{ code: 'meta-required', range: range(lineOf(text, 'reading_tme: 7'), 0, 11) }, { code: 'code-language', range: range(fence, 0, 3) }]);
    assert.deepEqual(diagnostics, fresh(text));
  });

  it('the two meta lines removed again: the body problem moves back up, exactly', async () => {
    const step = replaceOnce(text, '# a comment\n# another one\n', '');
    text = step.text;
    await client.change(uri, 3, [step.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 3);
    const fence = lineOf(text, 'npm test') - 1;
    assert.equal(fence, lineOf(POST, 'npm test') - 1);
    assert.deepEqual(diagnostics.find((d) => d.code === 'code-language')?.range, range(fence, 0, 3));
    assert.deepEqual(diagnostics, fresh(text));
  });

  it('a body-only edit: the meta problem is still there, the fixed body problem gone', async () => {
    const step = replaceOnce(text, '```\nnpm test', '```python\nnpm test');
    text = step.text;
    await client.change(uri, 4, [step.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 4);
    const reading = lineOf(text, 'reading_tme: 7');
    assert.deepEqual(byRule(diagnostics), [{ code: 'meta-required', range: range(reading, 0, 11) }]);
    assert.deepEqual(diagnostics, fresh(text));
  });

  it('the meta fixed, then the body broken again: each version as a fresh validation', async () => {
    const fixMeta = replaceOnce(text, 'reading_tme: 7', 'reading_time: 7');
    text = fixMeta.text;
    await client.change(uri, 5, [fixMeta.change]);
    assert.deepEqual(await client.waitForDiagnostics(uri, 5), fresh(text));
    const breakBody = replaceOnce(text, '```python\nnpm test', '```\nnpm test');
    text = breakBody.text;
    await client.change(uri, 6, [breakBody.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 6);
    assert.deepEqual(byRule(diagnostics), [{ code: 'code-language', range: range(lineOf(text, 'npm test') - 1, 0, 3) }]);
    assert.deepEqual(diagnostics, fresh(text));
  });
});

describe('a post of several megabytes, typed in quickly', () => {
  let client: LspClient;
  const uri = `${workspace}/posts/large.post.md`;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace });
  });
  after(() => shutDownCleanly(client));

  it('the last version is published, with a fresh validation\'s diagnostics, and no version goes back', async () => {
    const paragraph = (i: number) => `paragraph ${i} explains one more careful step of the change, the command used and the metric that improved.`;
    let text = `${loadSeed('000')}\n${Array.from({ length: 30_000 }, (_, i) => `${paragraph(i)}\n`).join('\n')}`;
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, 1, 60_000);
    let at = paragraph(20_000);
    // Five keystrokes in the body, then one in the front matter.
    for (let version = 2; version <= 6; version++) {
      const step = replaceOnce(text, at, `${at}x`);
      text = step.text;
      at = `${at}x`;
      void client.change(uri, version, [step.change]);
    }
    const meta = replaceOnce(text, 'view_count: 157046', 'view_count: -1');
    text = meta.text;
    void client.change(uri, 7, [meta.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 7, 60_000);
    assert.deepEqual(byRule(diagnostics), [{ code: 'meta-invalid', range: range(lineOf(text, 'view_count: -1'), 12, 14) }]);
    assert.deepEqual(diagnostics, fresh(text));
    const versions = client.publishesFor(uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions published: ${versions.join(', ')}`);
  });
});

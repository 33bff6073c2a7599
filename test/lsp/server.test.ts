/**
 * The real built language server (dist/server.js, and `alphanode lsp --stdio`) over
 * JSON-RPC: document sync, versioned push diagnostics, settings, positions on the wire.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { parsePost, RULE_DOCS_URL, validatePost } from '../../server/src/service';
import { edit, loadSeed } from '../support/fixtures';
import { CLI_JS, LspClient, replaceAt, replaceOnce, shutDownCleanly } from '../support/lspClient';

const workspaceDir = mkdtempSync(join(tmpdir(), 'alphanode-lsp-'));
const workspace = pathToFileURL(workspaceDir).href;
const uriOf = (relative: string) => `${workspace}/${relative}`;

const seed = loadSeed('000');
const lines = (text: string) => text.split(/\r\n|\r|\n/);
const lineOf = (text: string, exact: string) => {
  const line = lines(text).indexOf(exact);
  assert.ok(line >= 0, `no line ${JSON.stringify(exact)}`);
  return line;
};
const rules = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
/** The diagnostics the service computes in-process, as they look after a JSON round trip. */
const expectedWire = (text: string) => JSON.parse(JSON.stringify(validatePost(parsePost(text)))) as Diagnostic[];

/** Versions of the versioned publishes for `uri` never go back. */
function assertMonotonic(client: LspClient, uri: string): void {
  const versions = client.publishesFor(uri).map((p) => p.version).filter((v): v is number => v !== undefined);
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i] >= versions[i - 1], `publish for version ${versions[i]} arrived after one for version ${versions[i - 1]} (all: ${versions.join(', ')})`);
  }
}

after(() => rmSync(workspaceDir, { recursive: true, force: true }));

describe('language server (dist/server.js --stdio), default settings', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace });
  });
  after(async () => {
    const rss = client?.peakRss();
    await shutDownCleanly(client);
    assert.ok(rss === undefined || rss > 0);
    assert.equal(client?.exitStatus?.code ?? 0, 0);
  });

  it('announces incremental sync', () => {
    const sync = client.initializeResult?.capabilities.textDocumentSync;
    assert.ok(sync && typeof sync === 'object', 'textDocumentSync options');
    assert.equal(sync.change, 2);
    assert.equal(sync.openClose, true);
  });

  describe('one post edited through versions 1 → n', () => {
    const uri = uriOf('posts/x.post.md');
    let text = seed;
    const paragraphsLine = lineOf(seed, '  paragraphs: 5');

    it('a seed opened as posts/x.post.md publishes [] for version 1', async () => {
      await client.open(uri, text, 1);
      assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);
    });

    it('the settings were pulled from workspace/configuration, section alphanode, scoped to the document', () => {
      assert.ok(client.configurationRequests.some((item) => item.section === 'alphanode' && item.scopeUri === uri), JSON.stringify(client.configurationRequests));
    });

    it('an incremental change to `paragraphs: 6` publishes exactly the paragraph-count error for version 2', async () => {
      const step = replaceOnce(text, 'paragraphs: 5', 'paragraphs: 6');
      assert.deepEqual(step.change.range, { start: { line: paragraphsLine, character: 2 }, end: { line: paragraphsLine, character: 15 } });
      text = step.text;
      await client.change(uri, 2, [step.change]);
      const diagnostics = await client.waitForDiagnostics(uri, 2);
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      const [diagnostic] = diagnostics;
      assert.deepEqual(diagnostic.range, { start: { line: paragraphsLine, character: 14 }, end: { line: paragraphsLine, character: 15 } });
      assert.equal(diagnostic.code, 'paragraph-count');
      assert.equal(diagnostic.source, 'alphanode');
      assert.equal(diagnostic.severity, 1);
      assert.equal(diagnostic.message, 'payload.paragraphs is 6 but the body has 5 prose paragraphs.');
      assert.ok(diagnostic.codeDescription?.href.endsWith('#paragraph-count'), diagnostic.codeDescription?.href);
      assert.equal(diagnostic.codeDescription?.href, `${RULE_DOCS_URL}#paragraph-count`);
      // Everything else (data for the quick fix included) is what the service computes in-process.
      assert.deepEqual(diagnostics, expectedWire(text));
    });

    it('a change that fixes it publishes [] for version 3', async () => {
      const step = replaceOnce(text, 'paragraphs: 6', 'paragraphs: 5');
      text = step.text;
      await client.change(uri, 3, [step.change]);
      assert.deepEqual(await client.waitForDiagnostics(uri, 3), []);
    });

    it('a burst of rapid changes: the last publish is for the newest version and no publish goes back in versions', async () => {
      let version = 3;
      // 24 edits, alternating break / fix, sent without waiting; the last one breaks.
      for (let i = 0; i < 24; i++) {
        const step = i % 2 === 0 ? replaceOnce(text, 'paragraphs: 5', 'paragraphs: 7') : replaceOnce(text, 'paragraphs: 7', 'paragraphs: 5');
        text = step.text;
        void client.change(uri, ++version, [step.change]);
      }
      const lastBreak = replaceOnce(text, 'paragraphs: 5', 'paragraphs: 9');
      text = lastBreak.text;
      await client.change(uri, ++version, [lastBreak.change]);
      const diagnostics = await client.waitForDiagnostics(uri, version);
      assert.deepEqual(rules(diagnostics), ['paragraph-count']);
      assert.equal(diagnostics[0].message, 'payload.paragraphs is 9 but the body has 5 prose paragraphs.');
      await client.settle(200);
      const published = client.publishesFor(uri);
      assert.equal(published[published.length - 1].version, version, 'the last publish is for the newest version');
      assertMonotonic(client, uri);
    });

    it('several content changes in one didChange are applied in order', async () => {
      // Two edits in one notification: the second one's range is in the text after the first.
      const first = replaceOnce(text, 'paragraphs: 9', 'paragraphs: 5');
      const second = replaceOnce(first.text, 'view_count: 157046', 'view_count: -1');
      text = second.text;
      await client.change(uri, 100, [first.change, second.change]);
      const diagnostics = await client.waitForDiagnostics(uri, 100);
      assert.deepEqual(rules(diagnostics), ['meta-invalid']);
      const line = lineOf(text, 'view_count: -1');
      assert.deepEqual(diagnostics[0].range, { start: { line, character: 12 }, end: { line, character: 14 } });
    });

    it('close publishes [] (unversioned)', async () => {
      await client.close(uri);
      assert.deepEqual(await client.waitForDiagnostics(uri, null), []);
      assertMonotonic(client, uri);
    });
  });

  it('a Markdown file that is not a post (notes.md, no front matter) gets []', async () => {
    const uri = uriOf('notes.md');
    await client.open(uri, '# Notes\n\nJust some notes, not a runbook post.\n\n- one\n- two\n');
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);
  });

  it('a file outside the globs whose payload.source_id is alphanode-… IS validated', async () => {
    const uri = uriOf('imported/thing.md');
    const text = edit(seed, 'paragraphs: 5', 'paragraphs: 6');
    await client.open(uri, text);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri, 1)), ['paragraph-count']);
  });

  it('the same file with another source id is still a post by its keys (ai_outline with payload or checklist): the id is reported', async () => {
    const uri = uriOf('imported/other.md');
    const text = edit(edit(seed, 'paragraphs: 5', 'paragraphs: 6'), 'source_id: alphanode-038568', 'source_id: elsewhere-038568');
    await client.open(uri, text);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri, 1)), ['meta-invalid', 'paragraph-count']);
  });

  it('… and without the source id and without ai_outline and ai_brief it is not a post', async () => {
    const uri = uriOf('imported/foreign.md');
    const text = edit(seed, 'source_id: alphanode-038568', 'source_id: elsewhere-038568').replace(/^ai_outline:\n( {2}.*\n)+/m, '').replace(/^ai_brief: .*\n/m, '');
    assert.ok(!/^ai_(outline|brief):/m.test(text) && /^payload:/m.test(text) && /^checklist:/m.test(text));
    await client.open(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);
  });

  it('a CRLF document: clean on open, then exact ranges for incremental edits over CRLF lines', async () => {
    const uri = uriOf('posts/crlf.post.md');
    let text = seed.replace(/\r?\n/g, '\r\n');
    await client.open(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);

    const line = lineOf(text, '  paragraphs: 5');
    const step = replaceOnce(text, 'paragraphs: 5', 'paragraphs: 6');
    text = step.text;
    await client.change(uri, 2, [step.change]);
    const broken = await client.waitForDiagnostics(uri, 2);
    assert.deepEqual(rules(broken), ['paragraph-count']);
    assert.deepEqual(broken[0].range, { start: { line, character: 14 }, end: { line, character: 15 } });

    // Insert a sixth prose paragraph (with CRLF breaks) after the intro: the count matches again.
    const introEnd = text.indexOf('before a major migration.\r\n') + 'before a major migration.'.length;
    const insert = replaceAt(text, introEnd, introEnd, '\r\n\r\nan extra paragraph typed on windows.');
    text = insert.text;
    await client.change(uri, 3, [insert.change]);
    assert.deepEqual(await client.waitForDiagnostics(uri, 3), []);

    // A range after the inserted lines is still exact (line numbers moved by two).
    const step4 = replaceOnce(text, 'view_count: 157046', 'view_count: -5');
    text = step4.text;
    await client.change(uri, 4, [step4.change]);
    const invalid = await client.waitForDiagnostics(uri, 4);
    const vcLine = lineOf(text, 'view_count: -5');
    assert.deepEqual(invalid.map((d) => [d.code, d.range]), [['meta-invalid', { start: { line: vcLine, character: 12 }, end: { line: vcLine, character: 14 } }]]);
    assert.deepEqual(invalid, expectedWire(text));
  });

  it('emoji: edits and diagnostic ranges after an astral character are in UTF-16 code units', async () => {
    const uri = uriOf('posts/emoji.post.md');
    const toolsBlock = 'tools:\n  - fastapi\n  - pytest\n  - uvicorn\n  - ruff\n  - git\n  - logs\n';
    let text = edit(seed, toolsBlock, 'tools: [🚀 fastapi, pytest, uvicorn]\n');
    await client.open(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);

    const line = lineOf(text, 'tools: [🚀 fastapi, pytest, uvicorn]');
    // `uvicorn` starts at UTF-16 column 28 (the rocket is two code units; 27 in code points).
    const at = text.indexOf('uvicorn]');
    const step = replaceAt(text, at, at + 'uvicorn'.length, 'pytest');
    assert.deepEqual(step.change.range, { start: { line, character: 28 }, end: { line, character: 35 } });
    text = step.text;
    assert.ok(text.includes('tools: [🚀 fastapi, pytest, pytest]\n'));
    await client.change(uri, 2, [step.change]);
    const diagnostics = await client.waitForDiagnostics(uri, 2);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['meta-duplicate-item', { start: { line, character: 28 }, end: { line, character: 34 } }]]);
    assert.match(String(diagnostics[0].message), /pytest/);
    assert.deepEqual(diagnostics, expectedWire(text));

    // An emoji typed into the title moves nothing else; deleting `production` after it is a title warning.
    const titleLine = lineOf(text, '# practical guide to keeping staging close to production with python services');
    const typed = replaceAt(text, text.indexOf('# practical') + 2, text.indexOf('# practical') + 2, '🚀 ');
    assert.deepEqual(typed.change.range, { start: { line: titleLine, character: 2 }, end: { line: titleLine, character: 2 } });
    text = typed.text;
    await client.change(uri, 3, [typed.change]);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri, 3)), ['meta-duplicate-item']);
    const titleText = '🚀 practical guide to keeping staging close to production with python services';
    const cut = text.indexOf(' production with python services', text.indexOf('# 🚀 practical'));
    const deleted = replaceAt(text, cut, cut + ' production'.length, '');
    assert.equal(deleted.change.range.start.character, 2 + titleText.indexOf(' production'));
    text = deleted.text;
    await client.change(uri, 4, [deleted.change]);
    const title = (await client.waitForDiagnostics(uri, 4)).filter((d) => d.code === 'title');
    assert.equal(title.length, 1);
    assert.deepEqual(title[0].range, { start: { line: titleLine, character: 2 }, end: { line: titleLine, character: 2 + titleText.length - ' production'.length } });
  });

  it('open, change and close in one burst: the last publish is the close\'s [] (nothing stale after it)', async () => {
    const uri = uriOf('posts/burst.post.md');
    const text = edit(seed, 'paragraphs: 5', 'paragraphs: 6');
    void client.open(uri, text);
    const step = replaceOnce(text, 'paragraphs: 6', 'paragraphs: 3');
    void client.change(uri, 2, [step.change]);
    await client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, null), []);
    await client.settle(200);
    const published = client.publishesFor(uri);
    assert.deepEqual(published[published.length - 1], { ...published[published.length - 1], version: undefined, diagnostics: [] });
  });

  it('an untitled document is a post only by its meta', async () => {
    const post = 'untitled:Untitled-1';
    await client.open(post, edit(seed, 'paragraphs: 5', 'paragraphs: 6'));
    assert.deepEqual(rules(await client.waitForDiagnostics(post, 1)), ['paragraph-count']);
    const plain = 'untitled:Untitled-2';
    await client.open(plain, '# scratch\n\nnothing here\n');
    assert.deepEqual(await client.waitForDiagnostics(plain, 1), []);
  });
});

describe('language server, settings from workspace/configuration', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace, settings: { files: ['drafts/*.md'] } });
  });
  after(() => shutDownCleanly(client));

  it('files: [drafts/*.md] makes drafts/a.md a post (meta-missing without front matter)', async () => {
    const uri = uriOf('drafts/a.md');
    await client.open(uri, '# a draft\n\nno front matter yet.\n');
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(rules(diagnostics), ['meta-missing']);
    assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
  });

  it('… and posts/x.post.md without a source id is no post then', async () => {
    const uri = uriOf('posts/x.post.md');
    await client.open(uri, '# just a file\n\nno front matter.\n');
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), []);
  });

  it('… while a post with an alphanode- source id outside the globs still is one', async () => {
    const uri = uriOf('posts/y.post.md');
    await client.open(uri, edit(seed, 'paragraphs: 5', 'paragraphs: 4'));
    assert.deepEqual(rules(await client.waitForDiagnostics(uri, 1)), ['paragraph-count']);
  });

  it('a configuration change re-pulls the settings and revalidates open documents', async () => {
    const uri = uriOf('posts/x.post.md');
    const draft = uriOf('drafts/a.md');
    const mark = client.publishes.length;
    await client.changeSettings({ files: ['posts/**/*.md'] });
    const publish = await client.waitForPublish((p) => p.uri === uri && p.seq >= mark, 5_000, 'a revalidation of posts/x.post.md');
    assert.deepEqual(rules(publish.diagnostics), ['meta-missing']);
    assert.equal(publish.version, 1);
    const draftPublish = await client.waitForPublish((p) => p.uri === draft && p.seq >= mark, 5_000, 'a revalidation of drafts/a.md');
    assert.deepEqual(draftPublish.diagnostics, []);
  });
});

describe('language server, slow and reordered workspace/configuration answers', () => {
  let client: LspClient;
  let answer: (item: { scopeUri?: string }) => Promise<unknown> = async () => null;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: workspace, settings: (item: { scopeUri?: string }) => answer(item) });
  });
  after(async () => {
    answer = async () => null;
    await shutDownCleanly(client);
  });
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('edits typed while the settings are still being fetched: one publish for the newest version, none older after it', async () => {
    answer = async () => {
      await delay(150);
      return null;
    };
    const uri = uriOf('posts/slow.post.md');
    let text = seed;
    await client.open(uri, text);
    let version = 1;
    for (let i = 0; i < 10; i++) {
      const step = i % 2 === 0 ? replaceOnce(text, 'paragraphs: 5', 'paragraphs: 8') : replaceOnce(text, 'paragraphs: 8', 'paragraphs: 5');
      text = step.text;
      await client.change(uri, ++version, [step.change]);
    }
    // 10 edits: the last one (i = 9) fixed the count again.
    assert.deepEqual(await client.waitForDiagnostics(uri, version), []);
    await client.settle(300);
    const published = client.publishesFor(uri);
    assert.equal(published[published.length - 1].version, version);
    assertMonotonic(client, uri);
  });

  it('a settings change while an older settings answer is still pending: the newest settings win', async () => {
    // The first answer (files: drafts only, so posts/z.post.md is no post) is slow; the
    // settings then change to posts/** and that answer comes back at once.
    let calls = 0;
    answer = async (item) => {
      if (item.scopeUri !== uriOf('posts/z.post.md')) return null;
      calls++;
      if (calls === 1) {
        await delay(300);
        return { files: ['drafts/*.md'] };
      }
      return { files: ['posts/**/*.md'] };
    };
    const uri = uriOf('posts/z.post.md');
    await client.open(uri, 'no front matter here\n');
    await delay(30);
    await client.changeSettings(null);
    const first = await client.waitForPublish((p) => p.uri === uri, 5_000, 'a publish for posts/z.post.md');
    assert.deepEqual(rules(first.diagnostics), ['meta-missing']);
    await client.settle(500);
    const published = client.publishesFor(uri);
    assert.deepEqual(rules(published[published.length - 1].diagnostics), ['meta-missing'], `publishes: ${JSON.stringify(published.map((p) => [p.version, rules(p.diagnostics)]))}`);
  });
});

describe('`alphanode lsp --stdio` (dist/cli.js)', () => {
  it('speaks the same protocol: open → versioned diagnostics, then a clean exit', async () => {
    const client = await LspClient.start({ workspaceFolder: workspace, command: [process.execPath, CLI_JS, 'lsp', '--stdio'] });
    try {
      const uri = uriOf('posts/cli.post.md');
      const text = edit(seed, 'paragraphs: 5', 'paragraphs: 6');
      await client.open(uri, text, 7);
      const diagnostics = await client.waitForDiagnostics(uri, 7);
      assert.deepEqual(diagnostics, expectedWire(text));
      assert.deepEqual(rules(diagnostics), ['paragraph-count']);
      await client.shutdown();
    } finally {
      client.kill();
    }
  });
});

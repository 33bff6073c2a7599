/**
 * Non-posts get no post treatment (issue 15, item 7), over the real server (dist/server.js):
 * `alphanode/postStatus` tells the client which open documents are posts (its `alphanode.isPost`
 * context key shows the preview button), and the meta box of a non-post is the neutral
 * "This file is not a post" panel, with no status badge.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { META_BOX_REQUEST, MetaBoxResult, POST_STATUS_NOTIFICATION } from '../../server/src/protocol';
import { loadSeed } from '../support/fixtures';
import { LspClient, shutDownCleanly } from '../support/lspClient';

const root = mkdtempSync(join(tmpdir(), 'alphanode-post-status-'));
after(() => rmSync(root, { recursive: true, force: true }));
const uri = (name: string) => `${pathToFileURL(root).href}/${name}`;

describe('alphanode/postStatus and the preview of a non-post', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolder: pathToFileURL(root).href });
  });
  after(() => shutDownCleanly(client));

  const statuses = (target: string) => client.notifications.filter((n) => n.method === POST_STATUS_NOTIFICATION && (n.params as { uri: string }).uri === target).map((n) => (n.params as { isPost: boolean }).isPost);
  async function statusOf(target: string, count: number): Promise<boolean[]> {
    const deadline = Date.now() + 5_000;
    while (statuses(target).length < count && Date.now() < deadline) await client.settle(20);
    return statuses(target);
  }

  it('a post and a plain note: one status each; the status is sent again only when it changes', async () => {
    const post = uri('posts/a.post.md');
    const note = uri('notes.md');
    await client.open(post, loadSeed('000'));
    await client.open(note, '# notes\n\nplain Markdown with `code`\n');
    assert.deepEqual(await statusOf(post, 1), [true]);
    assert.deepEqual(await statusOf(note, 1), [false]);
    // Edits that keep it a note say nothing; front matter that identifies a post flips it.
    await client.change(note, 2, [{ text: '# notes, edited\n' }]);
    await client.waitForDiagnostics(note, 2);
    assert.deepEqual(statuses(note), [false]);
    await client.change(note, 3, [{ text: '---\npayload:\n  source_id: alphanode-000001\n---\n# now a post\n' }]);
    assert.deepEqual(await statusOf(note, 2), [false, true]);
  });

  it('alphanode/metaBox of a non-post: the neutral panel, why and how, inline code as <code>, no badge', async () => {
    const plain = uri('README.md');
    await client.open(plain, '---\ntitle: Readme\n---\n# readme\n');
    await client.waitForDiagnostics(plain, 1);
    const box = (await client.connection.sendRequest(META_BOX_REQUEST, { uri: plain, allowRemoteImages: false })) as MetaBoxResult;
    assert.equal(box.isPost, false);
    assert.match(box.html, /^<article class="anp-box anp-not-post">\n<header class="box-head"><h1 class="box-title">This file is not a post<\/h1><\/header>/);
    assert.ok(box.html.includes('its path matches none of the post globs (<code>**/*.post.md</code>)'), box.html);
    assert.ok(box.html.includes('name it <code>*.post.md</code>'), box.html);
    assert.ok(!box.html.includes('`'), 'no literal backticks');
    assert.ok(!box.html.includes('box-status') && !box.html.includes('no problems'), 'no status badge');
    assert.ok(box.css.includes('.anp-box'), 'with the stylesheet');
    const post = (await client.connection.sendRequest(META_BOX_REQUEST, { uri: uri('posts/a.post.md'), allowRemoteImages: false })) as MetaBoxResult;
    assert.equal(post.isPost, true);
    assert.match(post.html, /box-status status-ok">no problems</);
  });
});

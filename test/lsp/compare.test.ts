/**
 * `alphanode/comparePosts` (features/compare.ts) on the real built server: the diff the
 * Compare Post with Revision command shows is exactly the core's, and bad params are an
 * empty diff, never a crash.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { COMPARE_POSTS_REQUEST, ComparePostsResult } from '../../server/src/protocol';
import { comparePosts } from '../../server/src/service';
import { edit, loadSeed } from '../support/fixtures';
import { LspClient, shutDownCleanly } from '../support/lspClient';

const root = mkdtempSync(join(tmpdir(), 'alphanode-compare-lsp-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('alphanode/comparePosts (features/compare.ts)', () => {
  let client: LspClient;
  const request = (params: unknown) => client.connection.sendRequest(COMPARE_POSTS_REQUEST, params) as Promise<ComparePostsResult>;

  before(async () => {
    client = await LspClient.start({ workspaceFolder: pathToFileURL(root).href });
  });
  after(() => shutDownCleanly(client));

  it('the core diff, exactly: a changed meta value with its line', async () => {
    const seed = loadSeed('000');
    const after = edit(seed, 'difficulty: advanced', 'difficulty: beginner');
    const diff = await request({ oldText: seed, newText: after });
    assert.deepEqual(diff, comparePosts(seed, after));
    assert.deepEqual(diff.changes, [{ area: 'meta', kind: 'changed', path: 'difficulty', old: 'advanced', new: 'beginner', line: 21 }]);
  });

  it('oldText null: a post new since the revision', async () => {
    assert.deepEqual(await request({ oldText: null, newText: loadSeed('001') }), { status: 'added', changes: [], notes: [] });
  });

  it('bad params: an empty diff, and the server keeps answering', async () => {
    assert.deepEqual(await request({ oldText: 42, newText: ['x'] }), { status: 'added', changes: [], notes: [] });
    assert.deepEqual(await request(null), { status: 'added', changes: [], notes: [] });
    assert.deepEqual(await request({ oldText: 'a', newText: 'a' }), { status: 'unchanged', changes: [], notes: [] });
  });
});

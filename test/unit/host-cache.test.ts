/**
 * The test VS Code hosts (~1.4 GB) are installed once per machine (scripts/lib/hostCache.mjs):
 * the order in which their folder is chosen, as README "Quick start" documents it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../support/fixtures';

interface HostCache {
  hostsRoot(env?: NodeJS.ProcessEnv): string;
  hostFolder(name: string, where: { override?: string; legacy: string; env?: NodeJS.ProcessEnv }): string;
}
const load = () => import(pathToFileURL(join(REPO_ROOT, 'scripts', 'lib', 'hostCache.mjs')).href) as Promise<HostCache>;

const tmp = mkdtempSync(join(tmpdir(), 'alphanode-hosts-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const missing = join(tmp, 'no-such-clone', 'test', 'e2e', '.vscode-host');

describe('test host cache folder', () => {
  it('default: ~/.cache/alphanode-runbooks/vscode-hosts/<name>, or under $XDG_CACHE_HOME', async () => {
    const { hostFolder } = await load();
    assert.equal(hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: missing, env: {} }), join(homedir(), '.cache', 'alphanode-runbooks', 'vscode-hosts', 'desktop'));
    assert.equal(hostFolder('web', { legacy: missing, env: { XDG_CACHE_HOME: '/xdg' } }), '/xdg/alphanode-runbooks/vscode-hosts/web');
    // A relative XDG_CACHE_HOME is invalid by the XDG spec: ignored.
    assert.equal(hostFolder('web', { legacy: missing, env: { XDG_CACHE_HOME: 'rel' } }), join(homedir(), '.cache', 'alphanode-runbooks', 'vscode-hosts', 'web'));
  });

  it('ALPHANODE_VSCODE_HOSTS moves all hosts; E2E_HOST_DIR moves one; both win over the default', async () => {
    const { hostFolder } = await load();
    const env = { ALPHANODE_VSCODE_HOSTS: '/big/disk/hosts', XDG_CACHE_HOME: '/xdg' };
    assert.equal(hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: missing, env }), '/big/disk/hosts/desktop');
    assert.equal(hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: missing, env: { ...env, E2E_HOST_DIR: '/one/host' } }), '/one/host');
  });

  it('a clone that already holds its hosts (test/e2e/.vscode-host) keeps using them', async () => {
    const { hostFolder } = await load();
    assert.equal(hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: tmp, env: { ALPHANODE_VSCODE_HOSTS: '/big/disk/hosts' } }), tmp);
    assert.equal(hostFolder('desktop', { override: 'E2E_HOST_DIR', legacy: tmp, env: { E2E_HOST_DIR: '/one/host' } }), '/one/host');
  });
});

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as vscode from 'vscode';
import type { CompareOutcome } from '../../../client/src/commands/compare';
import { open, workspaceFile } from './helpers';

/** Git in the workspace copy, with a fixed identity and none of the machine's configuration. */
function git(cwd: string, ...args: string[]): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env });
  assert.strictEqual(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
}

suite('compare a post with a git revision (desktop)', function () {
  // git runs as child processes of a loaded extension host: give it time.
  this.timeout(90_000);
  suiteSetup(() => {
    // The runners open a plain copy of test/e2e/workspace: make it a repository with one commit.
    const root = workspaceFile('.').fsPath;
    git(root, 'init', '-q');
    git(root, 'add', 'posts/staging-parity.post.md');
    git(root, 'commit', '-q', '-m', 'staging parity');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an unsaved edit against HEAD: the semantic diff, in a panel beside the post', async () => {
    const editor = await open('posts/staging-parity.post.md');
    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('difficulty: '));
    await editor.edit((edit) => edit.replace(new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length), 'difficulty: beginner'));
    const outcome = await vscode.commands.executeCommand<CompareOutcome>('alphanode.compareWithRevision', editor.document.uri, 'HEAD');
    assert.deepStrictEqual(outcome, {
      revision: 'HEAD',
      diff: { status: 'modified', changes: [{ area: 'meta', kind: 'changed', path: 'difficulty', old: 'advanced', new: 'beginner', line }], notes: [] },
    });
    // The tab model catches up with a new webview panel a moment later.
    let tabs: vscode.Tab[] = [];
    let panel: vscode.Tab | undefined;
    for (const deadline = Date.now() + 10_000; !panel && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
      tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      panel = tabs.find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Changes: staging-parity.post.md');
    }
    assert.ok(panel, `the compare panel is open (tabs: ${tabs.map((tab) => tab.label).join(', ')})`);
    assert.notStrictEqual(panel.group.viewColumn, editor.viewColumn, 'beside the post');
  });

  test('a post not in the revision is new since then', async () => {
    const editor = await open('posts/production-defaults.post.md');
    const outcome = await vscode.commands.executeCommand<CompareOutcome>('alphanode.compareWithRevision', editor.document.uri, 'HEAD');
    assert.deepStrictEqual(outcome.diff, { status: 'added', changes: [], notes: [] });
  });
});

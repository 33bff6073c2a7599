/**
 * Parity of the editor and CI: the real language server (dist/server.js --stdio, its workspace
 * scan reading files through the test client's `alphanode/findFiles`/`alphanode/readFile`)
 * and the real CLI (`dist/cli.js check --format json .`, run in each workspace folder) give
 * every file of test/fixtures/parity the same diagnostics: rule id, range and severity. The
 * tree has two workspace folders, nested templates, ignore files that exclude folders and
 * re-include files, and broken templates (see its README). The core resolver over an
 * in-memory copy of the tree is held to the same answers (the third host, as in tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { parsePost } from '../../server/src/service';
import { MemoryHost, WorkspaceResolver } from '../../server/src/service/workspace';
import { fsFileAccess } from '../support/fileAccess';
import { FIXTURES } from '../support/fixtures';
import { CLI_JS, LspClient } from '../support/lspClient';

const PARITY = join(FIXTURES, 'parity');
const FOLDERS = ['one', 'two'];
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

interface CliDiagnostic {
  rule: string;
  severity: string;
  range: Diagnostic['range'];
}

/** What both sides are compared on, one line per diagnostic. */
const key = (rule: string, severity: number | undefined, range: Diagnostic['range']) =>
  `${rule} ${severity} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** The Markdown files and templates of a folder (the files either side may report), relative, sorted. */
function reportable(folder: string): string[] {
  return (readdirSync(join(PARITY, folder), { recursive: true }) as string[])
    .map((path) => path.split(sep).join('/'))
    .filter((path) => /\.(md|markdown)$/.test(path) || path.endsWith('.alphanode.yaml'))
    .sort();
}

/** `alphanode check --format json .` in the folder: path (relative to it) → diagnostic keys. */
function cliReport(folder: string): Map<string, string[]> {
  const result = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', '.'], { cwd: join(PARITY, folder), encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: CliDiagnostic[] }> };
  return new Map(report.files.map((file) => [file.path, file.diagnostics.map((d) => key(d.rule, SEVERITY[d.severity], d.range))]));
}

describe('parity: the workspace scan over LSP and alphanode check give the same diagnostics', () => {
  const cli = new Map<string, string[]>();
  const uriOf = (folder: string, path: string) => `${pathToFileURL(join(PARITY, folder)).href}/${path}`;
  let client: LspClient;

  before(async () => {
    for (const folder of FOLDERS) for (const [path, keys] of cliReport(folder)) cli.set(`${folder}/${path}`, keys);
    client = await LspClient.start({ workspaceFolder: pathToFileURL(join(PARITY, FOLDERS[0])).href, handlers: fsFileAccess().handlers });
    // The second workspace folder arrives as VS Code adds one: the server reloads and scans again.
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: pathToFileURL(join(PARITY, FOLDERS[1])).href, name: FOLDERS[1] }], removed: [] },
    });
    // Every post gets a publish from the scan (clean ones too); then the scan has settled.
    for (const file of cli.keys()) {
      const [folder, ...rest] = file.split('/');
      const uri = uriOf(folder, rest.join('/'));
      await client.waitForPublish((p) => p.uri === uri, 10_000, `a publish for ${file}`);
    }
    await client.settle(1_000);
  });
  after(() => client?.kill());

  it('the CLI reports the posts and broken templates the fixture means (not ignored files, not other Markdown)', () => {
    assert.deepEqual([...cli.keys()].sort(), [
      'one/broken/.alphanode.yaml',
      'one/broken/p.post.md',
      'one/ours.md',
      'one/posts/a.post.md',
      'one/posts/b.post.md',
      'one/posts/clean.post.md',
      'one/posts/keep.tmp.md',
      'one/team/handbook/page.md',
      'one/team/handbook/runbook.md',
      'one/team/t.post.md',
      'two/half.md',
      'two/p.post.md',
      'two/sub/.alphanode.yaml',
      'two/sub/s.post.md',
    ]);
    // The templates do apply: one severity each, and the fallback under a broken one.
    assert.ok(cli.get('one/posts/b.post.md')!.some((line) => line.startsWith('rollback-missing 1 ')));
    assert.ok(cli.get('one/team/handbook/runbook.md')!.some((line) => line.startsWith('rollback-missing 3 ')));
    assert.ok(cli.get('one/broken/p.post.md')![0].startsWith('template-fallback 3 '));
    assert.ok(cli.get('two/sub/s.post.md')![0].startsWith('template-fallback 3 '));
    assert.deepEqual(cli.get('one/posts/clean.post.md'), []);
  });

  for (const folder of FOLDERS) {
    for (const path of reportable(folder)) {
      it(`${folder}/${path}`, () => {
        const published = client.publishesFor(uriOf(folder, path)).at(-1);
        const lsp = (published?.diagnostics ?? []).map((d) => key(String(d.code), d.severity, d.range));
        assert.deepEqual(lsp, cli.get(`${folder}/${path}`) ?? []);
        // A post is published by the scan exactly when the CLI reports it (clean posts too).
        if (path.endsWith('.md') || path.endsWith('.markdown')) assert.equal(published !== undefined, cli.has(`${folder}/${path}`));
      });
    }
  }

  it('the core resolver over an in-memory copy of the tree (as the web build and tests see a workspace) agrees too', () => {
    const host = new MemoryHost();
    for (const folder of FOLDERS) for (const path of reportable(folder).concat(ignoreFiles(folder))) host.set(uriOf(folder, path), readFileSync(join(PARITY, folder, path), 'utf8'));
    const resolver = new WorkspaceResolver(host, { roots: () => FOLDERS.map((folder) => pathToFileURL(join(PARITY, folder)).href) });
    for (const folder of FOLDERS) {
      const root = pathToFileURL(join(PARITY, folder)).href;
      const walked = resolver.markdownFiles(root);
      const problems = new Map(resolver.templateProblems(walked).map((file) => [file.uri, file.diagnostics]));
      for (const path of reportable(folder)) {
        const uri = uriOf(folder, path);
        const diagnostics = path.endsWith('.alphanode.yaml')
          ? problems.get(uri) ?? []
          : walked.includes(uri) ? resolver.analyze(uri, parsePost(host.readFile(uri)!)).map((finding) => finding.diagnostic) : [];
        assert.deepEqual(diagnostics.map((d) => key(String(d.code), d.severity, d.range)), cli.get(`${folder}/${path}`) ?? [], `${folder}/${path}`);
      }
    }
  });
});

function ignoreFiles(folder: string): string[] {
  return (readdirSync(join(PARITY, folder), { recursive: true }) as string[]).map((path) => path.split(sep).join('/')).filter((path) => path.endsWith('.alphanodeignore'));
}

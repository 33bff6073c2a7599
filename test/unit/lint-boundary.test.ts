/**
 * The core's boundary (eslint.config.mjs): server/src/service/ imports no Node built-in, no
 * `vscode*` package but the two pure LSP data libraries, and nothing outside its own folder.
 * Probe sources are linted with the project's real config as if they sat in the core, and every
 * forbidden import must draw exactly one `no-restricted-imports` error naming the reason.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..', '..');
const RULE = 'no-restricted-imports';
const NODE = 'no Node built-ins';
const VSCODE = 'may use only vscode-languageserver-types, vscode-languageserver-textdocument and vscode-uri';
const DEEP = "Adapters import the core through server/src/service/index.ts or a group's index";
const OUTSIDE = 'imports nothing outside server/src/service/';

let eslint: ESLint | undefined;
async function lint(code: string, file: string): Promise<ESLint.LintResult> {
  eslint ??= new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.mjs') });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result;
}

/** Lints one side-effect import per line and checks each line's errors: exactly one, of RULE, saying `why`. */
async function assertForbidden(file: string, imports: Array<[source: string, why: string]>): Promise<void> {
  const code = imports.map(([source]) => `import '${source}';\n`).join('');
  const result = await lint(code, file);
  assert.equal(result.messages.length, imports.length, `${file}: ${JSON.stringify(result.messages.map((m) => `${m.line}: ${m.message}`), null, 1)}`);
  imports.forEach(([source, why], index) => {
    const onLine = result.messages.filter((message) => message.line === index + 1);
    assert.equal(onLine.length, 1, `${file}: import '${source}' should draw exactly one error`);
    assert.equal(onLine[0].ruleId, RULE, `${file}: import '${source}'`);
    assert.equal(onLine[0].severity, 2);
    assert.ok(onLine[0].message.startsWith(`'${source}' import is restricted from being used`), onLine[0].message);
    assert.ok(onLine[0].message.includes(why), `${file}: import '${source}': ${onLine[0].message}`);
  });
}

async function assertAllowed(file: string, sources: string[]): Promise<void> {
  const result = await lint(sources.map((source) => `import '${source}';\n`).join(''), file);
  assert.deepEqual(result.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`), []);
}

const NODE_BUILTINS: Array<[string, string]> = [
  ['fs', NODE], ['node:fs', NODE], ['fs/promises', NODE], ['path', NODE], ['node:path', NODE], ['os', NODE], ['url', NODE],
  ['util', NODE], ['crypto', NODE], ['child_process', NODE], ['worker_threads', NODE], ['net', NODE], ['http', NODE],
  ['https', NODE], ['events', NODE], ['stream', NODE], ['buffer', NODE], ['node:test', NODE],
];
const VSCODE_PACKAGES: Array<[string, string]> = [
  ['vscode', VSCODE], ['vscode-languageserver', VSCODE], ['vscode-languageserver/node', VSCODE], ['vscode-languageserver/browser', VSCODE],
  ['vscode-languageclient', VSCODE], ['vscode-languageclient/node', VSCODE], ['vscode-jsonrpc', VSCODE],
  ['vscode-languageserver-protocol', VSCODE],
];

describe('lint boundary of the core (server/src/service)', () => {
  it('forbids every Node built-in, bare or node:, in a core file', async () => {
    await assertForbidden('server/src/service/probe.ts', NODE_BUILTINS);
  });

  it('forbids every vscode* package but the types and the text document, also in a nested core file', async () => {
    await assertForbidden('server/src/service/probe.ts', VSCODE_PACKAGES);
    await assertForbidden('server/src/service/rules/probe.ts', [...VSCODE_PACKAGES, ['fs', NODE], ['node:worker_threads', NODE]]);
  });

  it('forbids relative imports that leave server/src/service/ at the top of the core', async () => {
    await assertForbidden('server/src/service/probe.ts', [
      ['../templates', OUTSIDE], ['../protocol', OUTSIDE], ['../context', OUTSIDE], ['../server', OUTSIDE], ['../cli/check', OUTSIDE],
      ['..', OUTSIDE], ['../', OUTSIDE], ['./../walk', OUTSIDE], ['./rules/../../walk', OUTSIDE],
    ]);
  });

  it('forbids relative imports that leave server/src/service/ from one and two folders down', async () => {
    await assertForbidden('server/src/service/rules/probe.ts', [
      ['../../templates', OUTSIDE], ['../../protocol', OUTSIDE], ['../../context', OUTSIDE], ['../../../package.json', OUTSIDE],
      ['../..', OUTSIDE], ['./../../walk', OUTSIDE], ['../rules/../../walk', OUTSIDE],
    ]);
    await assertForbidden('server/src/service/workspace/probe.ts', [['../../templates', OUTSIDE], ['../../walk', OUTSIDE]]);
    await assertForbidden('server/src/service/model/meta/probe.ts', [['../../../templates', OUTSIDE], ['../../../protocol', OUTSIDE]]);
  });

  it('also catches type-only imports and re-exports', async () => {
    const result = await lint(
      "import type { Connection } from 'vscode-languageserver';\nexport type { Connection };\nexport * from '../../protocol';\nexport { readFileSync } from 'node:fs';\n",
      'server/src/service/rules/probe.ts',
    );
    assert.deepEqual(result.messages.map((m) => [m.line, m.ruleId, m.message.includes(m.line === 1 ? VSCODE : m.line === 3 ? OUTSIDE : NODE)]), [
      [1, RULE, true], [3, RULE, true], [4, RULE, true],
    ]);
  });

  it('allows the core its own modules and the pure libraries', async () => {
    await assertAllowed('server/src/service/probe.ts', ['vscode-languageserver-types', 'vscode-languageserver-textdocument', 'vscode-uri', 'yaml', 'markdown-it', './document', './rules/util', '.']);
    await assertAllowed('server/src/service/rules/probe.ts', ['../document', './util', '..', '../workspace/ignore', 'vscode-languageserver-types']);
    await assertAllowed('server/src/service/model/meta/probe.ts', ['../../document', '../../rules', '../tree']);
  });
});

describe('lint boundary of the web bundles (server/src outside the core)', () => {
  it('still forbids Node built-ins and the Node LSP entry points in server/src', async () => {
    const result = await lint("import 'fs';\nimport 'node:path';\nimport 'vscode-languageserver/node';\nimport './service';\n", 'server/src/probe.ts');
    assert.deepEqual(result.messages.map((m) => [m.line, m.ruleId]), [[1, RULE], [2, RULE], [3, RULE]]);
  });

  it('leaves the Node-only CLI alone', async () => {
    await assertAllowed('server/src/cli/probe.ts', ['node:fs', 'fs', 'node:worker_threads', '../service', '../service/workspace']);
  });

  it("lets adapters reach the core only through its index or a group's index", async () => {
    await assertForbidden('server/src/probe.ts', [['./service/workspace/templateSchema', DEEP], ['./service/model/yamlParse', DEEP], ['./service/rules/title', DEEP]]);
    await assertForbidden('server/src/features/probe.ts', [['../service/assist/hover', DEEP]]);
    await assertForbidden('server/src/cli/probe.ts', [['../service/check/suppression', DEEP]]);
    await assertAllowed('server/src/probe.ts', ['./service', './service/workspace', './service/check', './protocol']);
  });
});

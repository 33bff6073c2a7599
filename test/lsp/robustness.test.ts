/**
 * The real server (dist/server.js over stdio) against bad LSP input: malformed messages a
 * client library would never send (spoken byte by byte through RawLsp), the hostile corpus,
 * and a bounded mutation fuzz of a few hundred documents. The server never exits on input:
 * bad params are ignored with a log line or answered with an LSP error, and every document
 * version still gets diagnostics whose ranges lie inside its text.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadSeed, seedNames } from '../support/fixtures';
import { hostileCorpus } from '../support/hostile';
import { LspClient } from '../support/lspClient';
import { applyMutations, LINE_POOL, Mutation, rangesOutside } from '../support/mutate';
import { RawLsp } from '../support/rawLsp';

const BROKEN_POST = '---\ntopic: [\n---\n# t\n';

/** After each bad message the server still answers, and still validates a post. */
async function assertServing(server: RawLsp, tag: string): Promise<void> {
  const uri = `file:///robustness/${tag}.post.md`;
  server.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: BROKEN_POST } } });
  const publish = await server.waitFor((message) => message.method === 'textDocument/publishDiagnostics' && message.params?.uri === uri, 5_000, `diagnostics for ${uri}`);
  const codes = (publish.params!.diagnostics as Array<{ code: string }>).map((diagnostic) => diagnostic.code);
  assert.ok(codes.includes('yaml-syntax'), codes.join(', '));
  assert.equal(server.exitStatus, undefined, 'the server is still running');
}

describe('malformed LSP messages', () => {
  let server: RawLsp;
  after(() => server?.kill());

  it('starts', async () => {
    server = await RawLsp.start();
  });

  const badSync: Array<[string, object, string]> = [
    ['didOpen with text null', { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.post.md', languageId: 'markdown', version: 1, text: null } } }, 'ignored a textDocument/didOpen with bad params: `textDocument.text` is not a string.'],
    ['didOpen with a number as text', { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.post.md', languageId: 'markdown', version: 1, text: 42 } } }, 'ignored a textDocument/didOpen with bad params: `textDocument.text` is not a string.'],
    ['didOpen without text', { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.post.md', languageId: 'markdown', version: 1 } } }, 'ignored a textDocument/didOpen with bad params: `textDocument.text` is not a string.'],
    ['didOpen without a textDocument', { method: 'textDocument/didOpen', params: {} }, 'ignored a textDocument/didOpen with bad params: `textDocument` is missing.'],
    ['didOpen with params null', { method: 'textDocument/didOpen', params: null }, 'ignored a textDocument/didOpen with bad params: `textDocument` is missing.'],
    ['didOpen with a version that is not a number', { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.post.md', languageId: 'markdown', version: 'x', text: '' } } }, 'ignored a textDocument/didOpen with bad params: `textDocument.version` is not an integer.'],
    ['didChange whose contentChanges is not an array', { method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///robustness/sync.post.md', version: 2 }, contentChanges: 'x' } }, 'ignored a textDocument/didChange with bad params: `contentChanges` is not an array.'],
    ['didChange with a change without text', { method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///robustness/sync.post.md', version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] } }, 'ignored a textDocument/didChange with bad params: a content change has no text string.'],
    ['didChange with a negative position', { method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///robustness/sync.post.md', version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] } }, 'ignored a textDocument/didChange with bad params: a content change has a malformed range.'],
    ['didChange without a version', { method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///robustness/sync.post.md' }, contentChanges: [{ text: 'x' }] } }, 'ignored a textDocument/didChange with bad params: `textDocument.version` is not an integer.'],
    ['didClose without a uri', { method: 'textDocument/didClose', params: { textDocument: {} } }, 'ignored a textDocument/didClose with bad params: `textDocument.uri` is not a string.'],
  ];
  for (const [what, message, log] of badSync) {
    it(`${what}: ignored with a log line, nothing published, the server keeps serving`, async () => {
      const before = server.messages.length;
      server.send({ jsonrpc: '2.0', ...message });
      await server.waitFor((m) => m.method === 'window/logMessage' && String(m.params?.message) === `alphanode: ${log}` && server.messages.indexOf(m) >= before, 5_000, `the log line "${log}"`);
      assert.ok(!server.messages.slice(before).some((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === 'file:///a.post.md'));
      await assertServing(server, `after-${server.messages.length}`);
    });
  }

  it('a change far past the end of the text is applied at the end (clamped), not a crash', async () => {
    const uri = 'file:///robustness/clamped.post.md';
    server.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: BROKEN_POST } } });
    server.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 999, character: 999 }, end: { line: 9999, character: 0 } }, text: '\n## final notes\n' }] } });
    const publish = await server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && m.params?.version === 2, 5_000, 'version 2');
    assert.ok(!(publish.params!.diagnostics as Array<{ code: string }>).some((d) => d.code === 'section-required'), 'the appended section is there');
  });

  it('a request for an unknown method gets MethodNotFound (-32601)', async () => {
    server.send({ jsonrpc: '2.0', id: 'unknown', method: 'alphanode/noSuchThing', params: {} });
    const response = await server.response('unknown');
    assert.equal(response.error?.code, -32601);
  });

  it('a request whose params have the wrong type gets an error response, not a crash', async () => {
    for (const [id, method] of [['hover', 'textDocument/hover'], ['completion', 'textDocument/completion'], ['symbols', 'textDocument/documentSymbol'], ['actions', 'textDocument/codeAction'], ['box', 'alphanode/metaBox']] as const) {
      server.send({ jsonrpc: '2.0', id, method, params: 5 });
      const response = await server.response(id);
      assert.ok(response.error !== undefined || response.result === null || Array.isArray(response.result), `${method}: ${JSON.stringify(response)}`);
    }
    await assertServing(server, 'after-bad-request-params');
  });

  it('a request about a document that is not open is answered (null or empty), not a crash', async () => {
    server.send({ jsonrpc: '2.0', id: 'closed-hover', method: 'textDocument/hover', params: { textDocument: { uri: 'file:///never-opened.post.md' }, position: { line: 0, character: 0 } } });
    const response = await server.response('closed-hover');
    assert.equal(response.error, undefined);
    assert.equal(response.result, null);
  });

  it('unknown notifications, stray responses, and bodies that are not JSON-RPC objects are ignored', async () => {
    server.send({ jsonrpc: '2.0', method: 'alphanode/noSuchNotification', params: { x: 1 } });
    server.send({ jsonrpc: '2.0', id: 987654, result: { unexpected: true } });
    server.send('[1, 2, 3]');
    server.send('"a string"');
    server.send('42');
    server.send('null');
    await assertServing(server, 'after-stray-messages');
  });

  it('a body that is not valid JSON (framing intact) is skipped, and the next message is read', async () => {
    server.send('{"jsonrpc":"2.0","id":"broken","method":');
    server.send(Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString('latin1'));
    await assertServing(server, 'after-broken-json');
  });

  it('shuts down cleanly (exit code 0) after all of that', async () => {
    assert.equal(await server.shutdown(), 0);
  });
});

describe('broken framing', () => {
  it('a header without Content-Length: the stream cannot be resynchronised, so the server waits (no exit, no spin) and exits when the client closes the pipe', async () => {
    const server = await RawLsp.start();
    try {
      server.write('Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(server.exitStatus, undefined, 'still running');
      server.process.stdin!.end();
      const deadline = Date.now() + 5_000;
      while (server.exitStatus === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.notEqual(server.exitStatus, undefined, 'the server exits once its input is closed');
    } finally {
      server.kill();
    }
  });
});

describe('the hostile corpus over LSP', () => {
  it('every hostile post gets diagnostics with ranges inside its text, on one server, which keeps serving; a restarted server reads the deep ones again', async () => {
    const corpus = hostileCorpus();
    let results: string[] = [];
    for (let round = 0; round < 2; round++) {
      const client = await LspClient.start({ workspaceFolder: 'file:///hostile' });
      try {
        const seen: string[] = [];
        // The restart (round 1) re-opens the posts that used to crash the server: no crash loop.
        for (const { name, text } of round === 0 ? corpus : corpus.filter((post) => post.name.startsWith('deep-'))) {
          const uri = `file:///hostile/${name}`;
          await client.open(uri, text);
          const diagnostics = await client.waitForDiagnostics(uri, 1, 30_000);
          assert.deepEqual(rangesOutside(text.replace(/^\ufeff/, ''), diagnostics), [], name);
          assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === 'internal-error'), `${name}: ${diagnostics.map((d) => d.message).join(' | ')}`);
          seen.push(`${name}: ${diagnostics.map((diagnostic) => diagnostic.code).join(',')}`);
        }
        await client.shutdown(5_000);
        if (round === 0) results = seen;
        else assert.deepEqual(seen, results.filter((line) => line.startsWith('deep-')), 'the same answers after a restart');
      } finally {
        client.kill();
      }
    }
  });
});

describe('mutation fuzz over LSP', () => {
  it('300 mutated posts (opened, then edited): every version gets diagnostics inside its text; the server never exits', async () => {
    const seeds = seedNames().map(loadSeed);
    const pool = fc.constantFrom(...LINE_POOL, '🚀', '\u202e', '\0', '\ud800', '- '.repeat(200), '['.repeat(100));
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insertLine' as const), at: fc.nat(), line: pool }),
      fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('deleteChar' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insertChar' as const), at: fc.nat(), text: pool }),
    );
    const cases = fc.sample(fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.array(mutation, { minLength: 1, maxLength: 4 })), { numRuns: 300, seed: 1313 });
    const client = await LspClient.start({ workspaceFolder: 'file:///fuzz' });
    try {
      for (const [index, [seedIndex, opening, edits]] of cases.entries()) {
        const uri = `file:///fuzz/case-${index}.post.md`;
        const opened = applyMutations(seeds[seedIndex], opening);
        await client.open(uri, opened);
        assert.deepEqual(rangesOutside(opened, await client.waitForDiagnostics(uri, 1, 10_000)), [], `case ${index}, opened`);
        // The edit replaces the whole text (full sync is allowed in an incremental change).
        const edited = applyMutations(opened, edits);
        await client.change(uri, 2, [{ text: edited }]);
        assert.deepEqual(rangesOutside(edited, await client.waitForDiagnostics(uri, 2, 10_000)), [], `case ${index}, edited`);
        await client.close(uri);
      }
      assert.equal(client.exitStatus, undefined);
      await client.shutdown(5_000);
    } finally {
      client.kill();
    }
  });
});

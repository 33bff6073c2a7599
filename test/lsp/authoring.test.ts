/**
 * The requests behind the editor's authoring commands, on the real built server
 * (dist/server.js --stdio): `alphanode/rollbackNote`, `alphanode/newPostQuestions`,
 * `alphanode/checkNewPostAnswer`, `alphanode/newPost` and `alphanode/metaBoxStyles`
 * (features/authoring.ts). The clients carry none of the core, so these answers are
 * exactly what the core computes, and bad params are errors, never a crash.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import {
  CHECK_NEW_POST_ANSWER_REQUEST,
  INSERT_ROLLBACK_NOTE_COMMAND,
  INSERT_ROLLBACK_NOTE_FOR_SECTION_COMMAND,
  META_BOX_STYLES_REQUEST,
  NEW_POST_QUESTIONS_REQUEST,
  NEW_POST_REQUEST,
  NewPostResult,
  ROLLBACK_NOTE_REQUEST,
  RollbackNoteResult,
} from '../../server/src/protocol';
import { INSERT_ROLLBACK_NOTE, INSERT_ROLLBACK_NOTE_FOR_SECTION, isoToday, NEW_POST_QUESTIONS, newPost, parsePost, renderMetaBox, rollbackNoteInsertion, validatePost } from '../../server/src/service';
import { LspClient, shutDownCleanly } from '../support/lspClient';

const root = mkdtempSync(join(tmpdir(), 'alphanode-authoring-lsp-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A post with an intro, two sections (the second after a blank-line run) and a list. */
const POST = ['---', 'topic: x', '---', '', '# title', '', 'intro paragraph', 'goes on', '', '## first', '', '- a', '- b', '', '', '## second', 'text'].join('\n');

describe('authoring requests (features/authoring.ts)', () => {
  let client: LspClient;
  const request = <T>(method: string, params?: unknown) => client.connection.sendRequest(method, params) as Promise<T>;
  const rejection = async (method: string, params: unknown): Promise<ResponseError<unknown>> => {
    const error = await request(method, params).then(() => undefined, (reason: unknown) => reason);
    assert.ok(error instanceof ResponseError, `${method} answered instead of failing`);
    return error;
  };

  before(async () => {
    client = await LspClient.start({ workspaceFolder: pathToFileURL(root).href });
  });
  after(() => shutDownCleanly(client));

  it('the command ids in protocol.ts are the ones the rollback-missing quick fixes call', () => {
    assert.equal(INSERT_ROLLBACK_NOTE_COMMAND, INSERT_ROLLBACK_NOTE);
    assert.equal(INSERT_ROLLBACK_NOTE_FOR_SECTION_COMMAND, INSERT_ROLLBACK_NOTE_FOR_SECTION);
  });

  it('alphanode/rollbackNote: the place and the snippet, exactly', async () => {
    // Cursor inside the list of `## first`: after the list, in the run of blank lines below it (none added).
    assert.deepEqual(await request<RollbackNoteResult>(ROLLBACK_NOTE_REQUEST, { text: POST, position: { line: 11, character: 1 }, mode: 'cursor', owner: 'Dana $ {x}' }), {
      position: { line: 14, character: 0 },
      snippet: '```rollback\nowner: Dana \\$ {x\\}\nexpected_result: ${1:what is true once the change worked}\nrollback: |\n  ${2:the commands that undo the change}\n```\n',
    });
    // The intro (the section around the cursor), no owner: the owner is tab stop 1; a blank line is added above.
    assert.deepEqual(await request<RollbackNoteResult>(ROLLBACK_NOTE_REQUEST, { text: POST, position: { line: 6, character: 0 }, mode: 'section' }), {
      position: { line: 8, character: 0 },
      snippet: '\n```rollback\nowner: ${1:your name}\nexpected_result: ${2:what is true once the change worked}\nrollback: |\n  ${3:the commands that undo the change}\n```\n',
    });
  });

  it('alphanode/rollbackNote: the same answer as the core for every line and mode, CRLF text included', async () => {
    for (const text of [POST, POST.replace(/\n/g, '\r\n'), '', 'no front matter\nat all']) {
      const post = parsePost(text);
      for (let line = 0; line <= post.index.lineCount; line++) {
        for (const mode of ['cursor', 'section'] as const) {
          const expected = rollbackNoteInsertion(post, { line, character: 0 }, mode, 'ops');
          const answer = await request<RollbackNoteResult>(ROLLBACK_NOTE_REQUEST, { text, position: { line, character: 0 }, mode, owner: 'ops' });
          assert.deepEqual(answer, { position: expected.position, snippet: expected.snippet }, `${JSON.stringify(text.slice(0, 20))} line ${line} ${mode}`);
        }
      }
    }
  });

  it('alphanode/rollbackNote: malformed params are InvalidParams errors and the server keeps answering', async () => {
    const bad = [
      { position: { line: 0, character: 0 }, mode: 'cursor' },
      { text: POST, position: { line: -1, character: 0 }, mode: 'cursor' },
      { text: POST, position: { line: 0.5, character: 0 }, mode: 'cursor' },
      { text: POST, position: { line: 0, character: 0 }, mode: 'middle' },
      null,
    ];
    for (const params of bad) assert.equal((await rejection(ROLLBACK_NOTE_REQUEST, params)).code, ErrorCodes.InvalidParams, JSON.stringify(params));
    const answer = await request<RollbackNoteResult>(ROLLBACK_NOTE_REQUEST, { text: POST, position: { line: 0, character: 0 }, mode: 'cursor', owner: 42 });
    assert.equal(answer.snippet.split('\n').find((line) => line.startsWith('owner:')), 'owner: ${1:your name}', 'a non-string owner is no owner');
  });

  it('alphanode/newPostQuestions: the core\'s questions, in order', async () => {
    assert.deepEqual(await request(NEW_POST_QUESTIONS_REQUEST), NEW_POST_QUESTIONS.map(({ field, prompt, placeHolder }) => ({ field, prompt, placeHolder })));
  });

  it('alphanode/checkNewPostAnswer: the input box message, or null', async () => {
    assert.equal(await request(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'problem', value: 'slow builds' }), null);
    assert.equal(await request(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'stack', value: '  \t ' }), 'The stack is required.');
    assert.equal(await request(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'scenario', value: 'a\nb' }), 'The scenario is one line of text, without control characters.');
    assert.equal(await request(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'problem', value: 'x'.repeat(201) }), 'The problem has at most 200 characters (now 201).');
    assert.equal(await request(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'problem', value: 7 }), 'The problem is required.');
    assert.equal((await rejection(CHECK_NEW_POST_ANSWER_REQUEST, { field: 'owner', value: 'x' })).code, ErrorCodes.InvalidParams);
  });

  it('alphanode/newPost: the core\'s text for the answers, today, seed and owner; it validates clean', async () => {
    const answers = { problem: 'slow  builds', stack: 'python services', scenario: 'before a release' };
    const result = await request<NewPostResult>(NEW_POST_REQUEST, { answers, owner: 'Dana', today: '2026-03-04', seed: 4242 });
    const expected = newPost({ ...answers, today: '2026-03-04', seed: 4242, owner: 'Dana' });
    assert.deepEqual(result, { ok: true, text: expected });
    assert.ok(expected.includes('\nowner: Dana\n'));
    assert.deepEqual(validatePost(parsePost(expected), { today: '2026-03-04' }), []);
    // No owner: "unassigned"; no today: the server's UTC day; no seed: a random one in range.
    const drawn = await request<NewPostResult>(NEW_POST_REQUEST, { answers });
    assert.ok(drawn.ok);
    const seed = Number(/\n {2}seed: (\d+)\n/.exec(drawn.text)?.[1]);
    assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 999_999, `seed ${seed}`);
    assert.equal(drawn.text, newPost({ ...answers, today: isoToday(), seed }));
    assert.ok(drawn.text.includes('\nowner: unassigned\n'));
  });

  it('alphanode/newPost with a folderUri: proposes <slug>.post.md where the post globs point (default: posts/)', async () => {
    const answers = { problem: 'Slow  Builds!', stack: 'python services', scenario: 'before a release' };
    const folderUri = pathToFileURL(root).href;
    const result = await request<NewPostResult>(NEW_POST_REQUEST, { answers, today: '2026-03-04', seed: 1, folderUri });
    assert.deepEqual(result, { ok: true, text: newPost({ ...answers, today: '2026-03-04', seed: 1 }), proposedUri: `${folderUri}/posts/slow-builds.post.md` });
    // A folderUri that is not a URI proposes nothing.
    assert.deepEqual(Object.keys(await request<NewPostResult>(NEW_POST_REQUEST, { answers, folderUri: 42 })), ['ok', 'text']);
  });

  it('alphanode/newPost: the first answer that can\'t be used, or a bad today or seed, is the error', async () => {
    const answers = { problem: 'p', stack: ' ', scenario: '' };
    assert.deepEqual(await request(NEW_POST_REQUEST, { answers }), { ok: false, error: 'The stack is required.' });
    assert.deepEqual(await request(NEW_POST_REQUEST, { answers: { problem: 'p', stack: 's' } }), { ok: false, error: 'The scenario is required.' });
    assert.deepEqual(await request(NEW_POST_REQUEST, {}), { ok: false, error: 'The problem is required.' });
    const good = { problem: 'p', stack: 's', scenario: 'c' };
    assert.deepEqual(await request(NEW_POST_REQUEST, { answers: good, today: '4 March' }), { ok: false, error: '`today` is a date YYYY-MM-DD.' });
    assert.deepEqual(await request(NEW_POST_REQUEST, { answers: good, today: '2026-03-04', seed: 1_000_000 }), { ok: false, error: 'The seed is an integer 0..999999.' });
    assert.deepEqual(await request(NEW_POST_REQUEST, { answers: good, today: '2026-03-04', seed: 1.5 }), { ok: false, error: 'The seed is an integer 0..999999.' });
  });

  it('alphanode/metaBoxStyles: the stylesheet the rendered boxes carry', async () => {
    const css = await request<string>(META_BOX_STYLES_REQUEST);
    assert.equal(css, renderMetaBox(parsePost(POST), [], { today: '2026-03-04', allowRemoteImages: false }).css);
    assert.ok(css.includes('.anp-box'), 'the box class is styled');
  });
});

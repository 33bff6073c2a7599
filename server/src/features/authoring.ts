import { ErrorCodes, RequestType, RequestType0, ResponseError } from 'vscode-languageserver';
import type { Feature } from '../context';
import { field, isPosition } from '../lspInput';
import {
  CHECK_NEW_POST_ANSWER_REQUEST,
  CheckNewPostAnswerParams,
  CheckNewPostAnswerResult,
  META_BOX_STYLES_REQUEST,
  MetaBoxStylesResult,
  NEW_POST_QUESTIONS_REQUEST,
  NEW_POST_REQUEST,
  NewPostParams,
  NewPostQuestionsResult,
  NewPostResult,
  ROLLBACK_NOTE_REQUEST,
  RollbackNoteParams,
  RollbackNoteResult,
} from '../protocol';
import { checkNewPostAnswer, isoToday, MAX_SEED, NEW_POST_QUESTIONS, newPost, NewPostField, newPostFileName, newPostPath, parsePost, renderMetaBox, rollbackNoteInsertion } from '../service';

const ROLLBACK_NOTE = new RequestType<RollbackNoteParams, RollbackNoteResult, void>(ROLLBACK_NOTE_REQUEST);
const NEW_POST_QUESTIONS_TYPE = new RequestType0<NewPostQuestionsResult, void>(NEW_POST_QUESTIONS_REQUEST);
const CHECK_NEW_POST_ANSWER = new RequestType<CheckNewPostAnswerParams, CheckNewPostAnswerResult, void>(CHECK_NEW_POST_ANSWER_REQUEST);
const NEW_POST = new RequestType<NewPostParams, NewPostResult, void>(NEW_POST_REQUEST);
const META_BOX_STYLES = new RequestType0<MetaBoxStylesResult, void>(META_BOX_STYLES_REQUEST);

/**
 * The editor commands' work, done here so that the clients carry no part of the core (no
 * yaml, no markdown-it): the rollback note's place and snippet, the new post's questions,
 * answer checks and text, and the preview's stylesheet. Params come from any client, so
 * malformed ones are an InvalidParams error, never a crash.
 */
export const authoring: Feature = {
  capabilities: {},
  register({ connection, templates, settingsFor }) {
    connection.onRequest(ROLLBACK_NOTE, (params: unknown): RollbackNoteResult => {
      const text = field(params, 'text');
      const position = field(params, 'position');
      const mode = field(params, 'mode');
      const owner = field(params, 'owner');
      if (typeof text !== 'string') throw invalid('`text` is not a string');
      if (!isPosition(position)) throw invalid('`position` is not a position');
      if (mode !== 'cursor' && mode !== 'section') throw invalid('`mode` is neither "cursor" nor "section"');
      const insertion = rollbackNoteInsertion(parsePost(text), position, mode, typeof owner === 'string' ? owner : undefined);
      return { position: insertion.position, snippet: insertion.snippet };
    });

    connection.onRequest(NEW_POST_QUESTIONS_TYPE, () => NEW_POST_QUESTIONS.map(({ field: name, prompt, placeHolder }) => ({ field: name, prompt, placeHolder })));

    connection.onRequest(CHECK_NEW_POST_ANSWER, (params: unknown): CheckNewPostAnswerResult => {
      const name = questionField(field(params, 'field'));
      const value = field(params, 'value');
      if (!name) throw invalid('`field` is not a question of the new post');
      return checkNewPostAnswer(name, typeof value === 'string' ? value : '') ?? null;
    });

    connection.onRequest(NEW_POST, async (params: unknown): Promise<NewPostResult> => {
      const answers = field(params, 'answers');
      const owner = field(params, 'owner');
      const today = field(params, 'today') ?? isoToday();
      const seed = field(params, 'seed') ?? randomSeed();
      const given: Partial<Record<NewPostField, string>> = {};
      // The first answer that can't be used, in the order the questions are asked.
      for (const { field: name } of NEW_POST_QUESTIONS) {
        const value = field(answers, name);
        const answer = typeof value === 'string' ? value : '';
        const problem = checkNewPostAnswer(name, answer);
        if (problem) return { ok: false, error: problem };
        given[name] = answer;
      }
      if (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return { ok: false, error: '`today` is a date YYYY-MM-DD.' };
      if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return { ok: false, error: `The seed is an integer 0..${MAX_SEED}.` };
      const text = newPost({ problem: given.problem!, stack: given.stack!, scenario: given.scenario!, today, seed, owner: typeof owner === 'string' ? owner : undefined });
      const folder = field(params, 'folderUri');
      if (typeof folder !== 'string' || !/^[a-z][\w+.-]*:/i.test(folder)) return { ok: true, text };
      // Probe a file in the folder itself: its template (if it sets `files`) or the setting gives the globs and their base.
      const root = folder.replace(/\/+$/, '');
      const { globs, base } = templates.globsAt(`${root}/${newPostFileName(given.problem!)}`, (await settingsFor(root)).files);
      return { ok: true, text, proposedUri: `${base}/${newPostPath(given.problem!, globs).split('/').map(encodeURIComponent).join('/')}` };
    });

    // The stylesheet does not depend on the post: the box of an empty text carries it.
    let styles: string | undefined;
    connection.onRequest(META_BOX_STYLES, () => (styles ??= renderMetaBox(parsePost(''), [], { today: isoToday(), allowRemoteImages: false }).css));
  },
};

/** A seed 0..MAX_SEED for `payload.seed` and the reference (not a secret: Math.random is enough). */
function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

function questionField(value: unknown): NewPostField | undefined {
  return NEW_POST_QUESTIONS.find((question) => question.field === value)?.field;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `alphanode: ${message}.`);
}

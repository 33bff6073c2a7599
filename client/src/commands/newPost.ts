import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CHECK_NEW_POST_ANSWER_REQUEST,
  CheckNewPostAnswerParams,
  CheckNewPostAnswerResult,
  NEW_POST_QUESTIONS_REQUEST,
  NEW_POST_REQUEST,
  NewPostParams,
  NewPostQuestion,
  NewPostQuestionsResult,
  NewPostResult,
} from '../../../server/src/protocol';
import type { CommandContext } from './context';

export const NEW_POST_COMMAND = 'alphanode.newPost';

/** One answer per question field (`problem`, `stack`, `scenario`). */
export type NewPostAnswers = Record<string, string>;

/**
 * `Alphanode: New Runbook Post…`: asks for the problem, the stack and the scenario (or takes
 * them as the argument `{ problem, stack, scenario }`, which skips the prompts), then opens
 * the complete post in a new untitled Markdown editor. Resolves to the new document's URI,
 * or undefined when a prompt was cancelled. The questions, the checks and the text are the
 * server's (features/authoring.ts).
 */
export function registerNewPostCommand(context: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(NEW_POST_COMMAND, (answers?: Partial<NewPostAnswers>) =>
      createNewPost(answers, context).catch((error: unknown) => {
        context.output.error(`New runbook post failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Could not create the post: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      })),
  ];
}

export async function createNewPost(given: Partial<NewPostAnswers> | undefined, context: Pick<CommandContext, 'client' | 'owner'>): Promise<vscode.Uri | undefined> {
  const client = context.client();
  if (!client) throw new Error('the Alphanode language server is not running');
  const questions = await client.sendRequest<NewPostQuestionsResult>(NEW_POST_QUESTIONS_REQUEST);
  const complete = given && typeof given === 'object' && questions.every(({ field }) => typeof given[field] === 'string');
  const answers = complete ? (given as NewPostAnswers) : await ask(client, questions, given);
  if (!answers) return undefined;
  const anchor = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const owner = await context.owner(anchor);
  const folder = (anchor && vscode.workspace.getWorkspaceFolder(anchor)) ?? vscode.workspace.workspaceFolders?.[0];
  const params: NewPostParams = {
    answers: Object.fromEntries(questions.map(({ field }) => [field, answers[field]])),
    ...(owner === undefined ? {} : { owner }),
    ...(folder ? { folderUri: folder.uri.toString() } : {}),
  };
  const result = await client.sendRequest<NewPostResult>(NEW_POST_REQUEST, params);
  if (!result.ok) throw new Error(result.error);
  if (!result.proposedUri) {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
    await vscode.window.showTextDocument(document);
    return document.uri;
  }
  // An untitled editor named after the post, where the globs make it a post: Save writes it there.
  const target = await unusedName(vscode.Uri.parse(result.proposedUri));
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), result.text));
  editor.options = { tabSize: 2, insertSpaces: true }; // the YAML's indentation, whatever the editor guessed for an empty file
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  return document.uri;
}

/** `uri`, or `<name>-2.post.md`, `-3`… when a file of that name exists already (nothing is overwritten). */
async function unusedName(uri: vscode.Uri): Promise<vscode.Uri> {
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? uri : uri.with({ path: uri.path.replace(/\.post\.md$/, `-${n}.post.md`) });
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
  return uri;
}

/** The input boxes, each checked by the server as you type; undefined when one is cancelled. */
async function ask(client: BaseLanguageClient, questions: NewPostQuestion[], given: Partial<NewPostAnswers> | undefined): Promise<NewPostAnswers | undefined> {
  const answers: NewPostAnswers = {};
  for (const [i, { field, prompt, placeHolder }] of questions.entries()) {
    const value = await vscode.window.showInputBox({
      title: `New Runbook Post (${i + 1}/${questions.length})`,
      prompt,
      placeHolder,
      value: typeof given?.[field] === 'string' ? given[field] : undefined,
      ignoreFocusOut: true,
      validateInput: async (text) => {
        const params: CheckNewPostAnswerParams = { field, value: text };
        return (await client.sendRequest<CheckNewPostAnswerResult>(CHECK_NEW_POST_ANSWER_REQUEST, params)) ?? undefined;
      },
    });
    if (value === undefined) return undefined;
    answers[field] = value;
  }
  return answers;
}

import * as vscode from 'vscode';
import { isoToday } from '../../../server/src/service/dates';
import { checkNewPostAnswer, MAX_SEED, NEW_POST_QUESTIONS, newPost, NewPostField } from '../../../server/src/service/newPost';
import type { CommandContext } from './index';

export const NEW_POST_COMMAND = 'alphanode.newPost';

export type NewPostAnswers = Record<NewPostField, string>;

/**
 * `Alphanode: New Runbook Post…`: asks for the problem, the stack and the scenario (or takes
 * them as the argument `{ problem, stack, scenario }`, which skips the prompts), then opens
 * the complete post in a new untitled Markdown editor. Resolves to the new document's URI,
 * or undefined when a prompt was cancelled.
 */
export function registerNewPostCommand(context: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(NEW_POST_COMMAND, (answers?: Partial<NewPostAnswers>) =>
      createNewPost(answers, context.owner).catch((error: unknown) => {
        context.output.error(`New runbook post failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Could not create the post: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      })),
  ];
}

export async function createNewPost(given: Partial<NewPostAnswers> | undefined, resolveOwner: CommandContext['owner']): Promise<vscode.Uri | undefined> {
  const answers = given && typeof given === 'object' && NEW_POST_QUESTIONS.every(({ field }) => typeof given[field] === 'string') ? (given as NewPostAnswers) : await ask(given);
  if (!answers) return undefined;
  for (const { field } of NEW_POST_QUESTIONS) {
    const problem = checkNewPostAnswer(field, answers[field]);
    if (problem) throw new Error(problem);
  }
  const anchor = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const text = newPost({ ...answers, today: isoToday(), seed: randomSeed(), owner: await resolveOwner(anchor) });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document);
  return document.uri;
}

/** A seed from 0 to MAX_SEED (Web Crypto: the same in Node and in the browser). */
function randomSeed(): number {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return value % (MAX_SEED + 1);
}

/** The three input boxes, each checked as you type; undefined when one is cancelled. */
async function ask(given: Partial<NewPostAnswers> | undefined): Promise<NewPostAnswers | undefined> {
  const answers: Partial<NewPostAnswers> = {};
  for (const [i, { field, prompt, placeHolder }] of NEW_POST_QUESTIONS.entries()) {
    const value = await vscode.window.showInputBox({
      title: `New Runbook Post (${i + 1}/${NEW_POST_QUESTIONS.length})`,
      prompt,
      placeHolder,
      value: typeof given?.[field] === 'string' ? given[field] : undefined,
      ignoreFocusOut: true,
      validateInput: (text) => checkNewPostAnswer(field, text),
    });
    if (value === undefined) return undefined;
    answers[field] = value;
  }
  return answers as NewPostAnswers;
}

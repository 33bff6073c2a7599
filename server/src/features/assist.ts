import { CodeLens, CompletionItem, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context';
import { COMPLETION_TRIGGER_CHARACTERS, completePost, documentSymbols, foldingRanges, hoverPost, hoverTemplate, isoToday, markReviewed, reviewedToday, reviewedVersion } from '../service';

export const MARK_REVIEWED_COMMAND = 'alphanode.markReviewed';

/**
 * Authoring assistance over the parse of the current version: completion, hover, outline,
 * folding, and "mark reviewed" (a code lens, shown only when marking would change something,
 * and an LSP command applied as one edit, so one undo reverts it, that says what it did).
 * Only posts get them: the findings of other Markdown are empty, and so are these.
 */
export const assist: Feature = {
  capabilities: {
    completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS] },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Alphanode post' },
    foldingRangeProvider: true,
    codeLensProvider: { resolveProvider: false },
    executeCommandProvider: { commands: [MARK_REVIEWED_COMMAND] },
  },
  register(context) {
    const { connection, documents } = context;

    connection.onCompletion(async (params): Promise<CompletionItem[]> => {
      const post = await postIfPost(context, params.textDocument.uri);
      return post ? completePost(post, params.position, { template: context.templates.templateFor(params.textDocument.uri), today: isoToday() }) : [];
    });

    connection.onHover(async (params): Promise<Hover | null> => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      if (context.templates.isTemplateDocument(document.uri)) {
        await context.templates.settled();
        return hoverTemplate(document.getText(), params.position, context.templates.resolvedTemplate(document.uri));
      }
      if (!(await context.isPostDocument(document))) return null;
      return hoverPost(context.postOf(document), params.position, { template: context.templates.templateFor(document.uri), today: isoToday() });
    });

    connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[]> => {
      const post = await postIfPost(context, params.textDocument.uri);
      return post ? documentSymbols(post) : [];
    });

    connection.onFoldingRanges(async (params): Promise<FoldingRange[]> => {
      const post = await postIfPost(context, params.textDocument.uri);
      return post ? foldingRanges(post) : [];
    });

    connection.onCodeLens(async (params): Promise<CodeLens[]> => {
      const post = await postIfPost(context, params.textDocument.uri);
      const today = isoToday();
      // Only when marking would change something: a post reviewed today would only get its version bumped again.
      if (!post?.frontMatter || reviewedToday(post, today) || !markReviewed(post, today)) return [];
      const range = post.index.lineRange(post.frontMatter.openLine);
      return [{ range, command: { title: 'Mark post reviewed', command: MARK_REVIEWED_COMMAND, arguments: [params.textDocument.uri] } }];
    });

    connection.onExecuteCommand(async (params) => {
      if (params.command !== MARK_REVIEWED_COMMAND) return;
      const uri = String(params.arguments?.[0] ?? '');
      const document = documents.get(uri);
      if (!document) return;
      const post = context.postOf(document);
      const today = isoToday();
      const done = reviewedToday(post, today);
      if (done) {
        void connection.window.showInformationMessage(`Already reviewed today: version ${done.version}, last reviewed ${today}. Nothing changed.`);
        return;
      }
      const edits = markReviewed(post, today);
      if (!edits) {
        void connection.window.showWarningMessage('This post has no revision map to mark reviewed.');
        return;
      }
      const version = reviewedVersion(post);
      // One workspace edit: VS Code applies it as one step, so one undo reverts it.
      const result = await connection.workspace.applyEdit({ label: 'Mark post reviewed', edit: { documentChanges: [{ textDocument: { uri, version: document.version }, edits }] } });
      if (!result.applied) {
        void connection.window.showWarningMessage(`Could not mark the post reviewed${result.failureReason ? `: ${result.failureReason}` : ''}.`);
        return;
      }
      void connection.window.showInformationMessage(`Marked reviewed: version ${version ?? '(unchanged)'}, last reviewed ${today}`);
    });
  },
};

/** The parse of the document's current version when it is a post. */
async function postIfPost(context: ServerContext, uri: string) {
  const document = context.documents.get(uri);
  if (!document || !(await context.isPostDocument(document))) return undefined;
  return context.postOf(document);
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, CodeActionParams, Command, Range } from 'vscode-languageserver';
import type { Feature } from '../context';
import { DIAGNOSTIC_SOURCE, Finding, fixAll, minimalEdit, PostDocument, Template } from '../service';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.alphanode`;

/** Quick fixes for our diagnostics and `source.fixAll.alphanode` (works with editor.codeActionsOnSave). */
export const codeActions: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } },
  register({ connection, documents, findingsOf, isCurrent, ownerFor, postOf, templates }) {
    /** The document version last warned about, so one stuck fix-all warns once, not on every request. */
    const warned = new Map<string, number>();
    documents.onDidClose((event) => warned.delete(event.document.uri));
    connection.onCodeAction(async (params): Promise<CodeAction[]> => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const pending = findingsOf(document);
      const findings = await pending;
      // The same owner as the findings' fixes (settings are cached per document).
      const owner = await ownerFor(document.uri);
      if (!isCurrent(document.uri, pending)) return [];
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(document, findings, params));
      if (wants(FIX_ALL_KIND) && findings.some((finding) => finding.fixes.some((fix) => fix.preferred && !fix.command))) {
        // The document's team template decides which rules (and so which fixes) apply, as in `check --fix`.
        const { action, converged } = fixAllActionFor(document, postOf(document), templates.templateFor(document.uri), owner);
        if (action) actions.push(action);
        // Asked for explicitly (the Fix all command, or on save), not for a light bulb: then say it could not finish.
        if (!converged && only !== undefined && warned.get(document.uri) !== document.version) {
          warned.set(document.uri, document.version);
          void connection.window.showWarningMessage(FIX_ALL_NOT_CONVERGED);
        }
      }
      return actions;
    });
  },
};

/** Shown when fix-all stops without a fixed point (its fixes undo each other, or the pass bound is hit). */
export const FIX_ALL_NOT_CONVERGED = 'alphanode: Fix all could not finish: its fixes keep changing the post (they undo each other). The fixes it made are applied; please check the problems left and report this with the post.';

function fixAllActionFor(document: TextDocument, post: PostDocument, template: Template, owner: string | undefined): { action: CodeAction | undefined; converged: boolean } {
  const fixed = fixAll(document.getText(), { template, owner });
  const edit = minimalEdit(post, fixed.text.replace(/^\ufeff/, ''));
  const action = edit ? { title: 'Fix all auto-fixable alphanode problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [edit] } } } : undefined;
  return { action, converged: fixed.converged };
}

/** Quick fixes for the findings that the client's diagnostics in the requested range name. */
function quickFixes(document: TextDocument, findings: Finding[], params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const requested of params.context.diagnostics) {
    if (requested.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findings.find((candidate) => candidate.diagnostic.code === requested.code && sameRange(candidate.diagnostic.range, requested.range));
    for (const fix of finding?.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [requested],
        isPreferred: fix.preferred,
        ...(fix.edits.length > 0 ? { edit: { changes: { [document.uri]: fix.edits } } } : {}),
        ...(fix.command ? { command: withDocument(fix.command, document.uri) } : {}),
      });
    }
  }
  return actions;
}

/** Rules do not know the document's URI: a command's leading `null` argument stands for it. */
function withDocument(command: Command, uri: string): Command {
  const [first, ...rest] = command.arguments ?? [];
  return first === null ? { ...command, arguments: [uri, ...rest] } : command;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, CodeActionParams, Connection, Range, DidChangeConfigurationNotification, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { CONFIG_SECTION } from './protocol';
import { parseSettings, Settings } from './settings';
import { analyzePost, classifyPost, DIAGNOSTIC_SOURCE, Finding, fixAll, minimalEdit, parsePost, PostDocument } from './service';
import { relativePathIn } from './uris';

/**
 * Wires the language service to an LSP connection. Transport entries (node.ts, the CLI's
 * `lsp` command) create the connection and call this; nothing here touches the file system.
 */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.alphanode`;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Promise<Settings>>();
  const parsed = new Map<string, { version: number; post: PostDocument; findings?: Promise<Finding[]> }>();
  const pending = new Map<string, NodeJS.Immediate>();
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'alphanode-runbooks' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION });
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
      revalidateAll();
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    revalidateAll();
  });

  function settingsFor(uri: string): Promise<Settings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = canPullConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIG_SECTION }).then(parseSettings, () => parseSettings(undefined))
        : Promise.resolve(parseSettings(undefined));
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** One parse per document version, shared by every feature that reads the post. */
  function parsedOf(document: TextDocument) {
    let cached = parsed.get(document.uri);
    if (cached?.version !== document.version) {
      cached = { version: document.version, post: parsePost(document.getText()) };
      parsed.set(document.uri, cached);
    }
    return cached;
  }

  /** The findings of this version (empty for Markdown that is not a post), computed once. */
  function findingsOf(document: TextDocument): Promise<Finding[]> {
    const entry = parsedOf(document);
    entry.findings ??= settingsFor(document.uri).then((settings) => {
      const classification = classifyPost(relativePathIn(document.uri, workspaceFolders), entry.post, settings.files);
      return classification.isPost ? analyzePost(entry.post, { matchedByFiles: classification.matchedByFiles }) : [];
    });
    return entry.findings;
  }

  function schedule(document: TextDocument): void {
    // Coalesce a burst of changes into one validation of the newest version.
    const previous = pending.get(document.uri);
    if (previous) clearImmediate(previous);
    pending.set(document.uri, setImmediate(() => {
      pending.delete(document.uri);
      void validate(document.uri);
    }));
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const pending = findingsOf(document);
    const findings = await pending;
    // A newer version, or new settings, arrived while settings were fetched: that run publishes.
    if (parsed.get(uri)?.findings !== pending) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((finding) => finding.diagnostic) });
  }

  function revalidateAll(): void {
    parsed.clear();
    for (const document of documents.all()) schedule(document);
  }

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const pending = findingsOf(document);
    const findings = await pending;
    if (parsed.get(document.uri)?.findings !== pending) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(document, findings, params));
    if (wants(FIX_ALL_KIND) && findings.some((finding) => finding.fixes.some((fix) => fix.preferred && !fix.command))) {
      const fixAllAction = fixAllActionFor(document);
      if (fixAllAction) actions.push(fixAllAction);
    }
    return actions;
  });

  function fixAllActionFor(document: TextDocument): CodeAction | undefined {
    const entry = parsedOf(document);
    const fixed = fixAll(document.getText());
    const edit = minimalEdit(entry.post, fixed.text.replace(/^\ufeff/, ''));
    if (!edit) return undefined;
    return { title: 'Fix all auto-fixable alphanode problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [edit] } } };
  }

  documents.onDidOpen((event) => schedule(event.document));
  documents.onDidChangeContent((event) => schedule(event.document));
  documents.onDidClose((event) => {
    const timer = pending.get(event.document.uri);
    if (timer) clearImmediate(timer);
    pending.delete(event.document.uri);
    parsed.delete(event.document.uri);
    settingsCache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
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
        ...(fix.command ? { command: fix.command } : {}),
      });
    }
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

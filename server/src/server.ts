import { TextDocument } from 'vscode-languageserver-textdocument';
import { Connection, Diagnostic, DidChangeConfigurationNotification, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { CONFIG_SECTION } from './protocol';
import { parseSettings, Settings } from './settings';
import { classifyPost, parsePost, PostDocument, validatePost } from './service';
import { relativePathIn } from './uris';

/**
 * Wires the language service to an LSP connection. Transport entries (node.ts, the CLI's
 * `lsp` command) create the connection and call this; nothing here touches the file system.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Promise<Settings>>();
  const parsed = new Map<string, { version: number; post: PostDocument }>();
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
  function postOf(document: TextDocument): PostDocument {
    const cached = parsed.get(document.uri);
    if (cached?.version === document.version) return cached.post;
    const post = parsePost(document.getText());
    parsed.set(document.uri, { version: document.version, post });
    return post;
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
    const settings = await settingsFor(uri);
    // A newer version arrived while settings were fetched: its own run will publish.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    const post = postOf(current);
    const classification = classifyPost(relativePathIn(uri, workspaceFolders), post, settings.files);
    const diagnostics: Diagnostic[] = classification.isPost ? validatePost(post, { matchedByFiles: classification.matchedByFiles }) : [];
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document);
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

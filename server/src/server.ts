import { TextDocument } from 'vscode-languageserver-textdocument';
import { Connection, DidChangeConfigurationNotification, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import type { Feature, ServerContext } from './context';
import { assist } from './features/assist';
import { authoring } from './features/authoring';
import { codeActions } from './features/codeActions';
import { convert } from './features/convert';
import { effectiveTemplateFeature } from './features/effectiveTemplate';
import { preview } from './features/preview';
import { workspaceDiagnostics } from './features/workspaceDiagnostics';
import { checkedDocumentSync, field } from './lspInput';
import { CONFIG_SECTION, POST_STATUS_NOTIFICATION, PostStatusParams } from './protocol';
import { runAfter, Scheduled } from './schedule';
import { Finding, parsePost, PostDocument } from './service';
import { parseSettings, Settings } from './settings';
import { TemplateStore } from './templates';

/**
 * A post whose last validation took longer than this (a post of several megabytes) is
 * validated once typing pauses: each validation blocks the server, and one per keystroke
 * would queue up behind each other, so the diagnostics of the last keystroke would come late.
 */
const SLOW_VALIDATION_MS = 150;
/** The pause that counts as the end of a burst of typing, for those posts. */
const SLOW_POST_DEBOUNCE_MS = 200;

/** The language features beyond diagnostics, each in its own module under features/. */
const FEATURES: Feature[] = [codeActions, preview, workspaceDiagnostics, convert, assist, authoring, effectiveTemplateFeature];

/**
 * Wires the language service to an LSP connection. Transport entries (node.ts, the CLI's
 * `lsp` command, browser.ts in a web worker) create the connection and call this; nothing
 * here touches the file system or needs Node (the web worker bundle runs it unchanged).
 */
export function startServer(connection: Connection, hostFeatures: Feature[] = []): void {
  const features = [...FEATURES, ...hostFeatures];
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Promise<Settings>>();
  const parsed = new Map<string, { version: number; post: PostDocument; findings?: Promise<Finding[]> }>();
  const pending = new Map<string, Scheduled>();
  const templates = new TemplateStore(connection);
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  /** The owner after the `alphanode.owner` setting, from the client (InitializationOptions). */
  let ownerFallback: string | undefined;
  /** A background job failed: say so in the output channel, and keep serving. */
  const logFailure = (what: string) => (error: unknown) => connection.console.error(`alphanode: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    const fallback = field(params.initializationOptions, 'ownerFallback');
    ownerFallback = typeof fallback === 'string' && fallback.trim() !== '' ? fallback : undefined;
    templates.clientCapabilities = params.capabilities;
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...Object.assign({}, ...features.map((feature) => feature.capabilities)),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'alphanode-runbooks' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch(logFailure('registering for settings changes'));
    // Team templates and ignore files, read through the client; their changes revalidate everything.
    templates.start(() => workspaceFolders);
    templates.onDidChange(() => revalidateAll());
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
      templates.reload().catch(logFailure('reloading the templates'));
      revalidateAll();
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    templates.reload().catch(logFailure('reloading the templates')); // the workspace scan starts over with the new settings
    revalidateAll();
  });

  /** The owner fixes write: the document's `alphanode.owner` setting, else the client's fallback. */
  function ownerOf(settings: Settings): string | undefined {
    return settings.owner.trim() || ownerFallback;
  }

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

  /**
   * One parse per document version, shared by every feature that reads the post. Only the
   * newest version's parse is kept; it is the base of the next one's (an edit of the body
   * keeps the front matter's parse, and the other way round).
   */
  function parsedOf(document: TextDocument): { version: number; post: PostDocument; findings?: Promise<Finding[]> } {
    let cached = parsed.get(document.uri);
    if (cached?.version !== document.version) {
      cached = { version: document.version, post: parsePost(document.getText(), cached?.post) };
      parsed.set(document.uri, cached);
    }
    return cached;
  }
  /** How long the last validation of each open document took (ms): a slow one waits for a pause in typing. */
  const validationCost = new Map<string, number>();

  /** The findings of this version (empty for Markdown that is not a post), computed once. */
  function findingsOf(document: TextDocument): Promise<Finding[]> {
    const entry = parsedOf(document);
    // The document's team template decides the post globs, the rules and their severities.
    entry.findings ??= settingsFor(document.uri).then((settings) => templates.findingsFor(document.uri, entry.post, settings.files, ownerOf(settings)));
    return entry.findings;
  }

  function schedule(document: TextDocument): void {
    // Coalesce a burst of changes into one validation of the newest version.
    const previous = pending.get(document.uri);
    previous?.cancel();
    const delay = (validationCost.get(document.uri) ?? 0) > SLOW_VALIDATION_MS ? SLOW_POST_DEBOUNCE_MS : 0;
    pending.set(document.uri, runAfter(delay, () => {
      pending.delete(document.uri);
      validate(document.uri).catch(logFailure(`validating ${document.uri}`));
    }));
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const started = Date.now();
    const pending = findingsOf(document);
    const findings = await pending;
    // Parse and rules; the first validation also waits for the settings and templates.
    validationCost.set(uri, Date.now() - started);
    // A newer version, or new settings, arrived while settings were fetched: that run publishes.
    if (!context.isCurrent(uri, pending)) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((finding) => finding.diagnostic) });
    // The client's `alphanode.isPost` context key (the preview button): told on the first validation and on each change.
    const isPost = await context.isPostDocument(document);
    if (postStatus.get(uri) !== isPost && documents.get(uri)) {
      postStatus.set(uri, isPost);
      const params: PostStatusParams = { uri, isPost };
      await connection.sendNotification(POST_STATUS_NOTIFICATION, params);
    }
  }
  const postStatus = new Map<string, boolean>();

  function revalidateAll(): void {
    parsed.clear();
    for (const document of documents.all()) schedule(document);
  }

  // Team templates and their bases open in the editor: their text applies as it is typed
  // (the posts that use them are validated again); they are not posts themselves.
  documents.onDidOpen((event) => (templates.isTemplateDocument(event.document.uri) ? templates.setEditorText(event.document.uri, event.document.getText()) : schedule(event.document)));
  documents.onDidChangeContent((event) => (templates.isTemplateDocument(event.document.uri) ? templates.setEditorText(event.document.uri, event.document.getText()) : schedule(event.document)));
  documents.onDidClose((event) => {
    if (templates.isTemplateDocument(event.document.uri)) {
      templates.setEditorText(event.document.uri, null);
      return; // its diagnostics are the template's own, published by the store
    }
    pending.get(event.document.uri)?.cancel();
    pending.delete(event.document.uri);
    parsed.delete(event.document.uri);
    validationCost.delete(event.document.uri);
    settingsCache.delete(event.document.uri);
    postStatus.delete(event.document.uri);
    connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch(logFailure('clearing diagnostics'));
  });

  const context: ServerContext = {
    connection,
    documents,
    postOf: (document) => parsedOf(document).post,
    findingsOf,
    isPostDocument: async (document) => {
      if (templates.isTemplateDocument(document.uri)) return false;
      const settings = await settingsFor(document.uri);
      return (await templates.classifyAfterLoad(document.uri, parsedOf(document).post, settings.files)).isPost;
    },
    isCurrent: (uri, findings) => parsed.get(uri)?.findings === findings,
    settingsFor,
    ownerFor: async (uri) => ownerOf(await settingsFor(uri)),
    templates,
    revalidateAll,
  };
  for (const feature of features) feature.register(context);

  // Sync notifications with bad params (a `didOpen` without text…) are dropped with a log line.
  documents.listen(checkedDocumentSync(connection, (message) => connection.console.warn(message)));
  connection.listen();
}

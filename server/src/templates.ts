import {
  ClientCapabilities,
  Connection,
  DidChangeWatchedFilesNotification,
  Disposable,
  Emitter,
  Event,
  FileChangeType,
  FileEvent,
} from 'vscode-languageserver';
import { FIND_FILES_REQUEST, FindFilesParams, FindFilesResult, READ_FILE_REQUEST, ReadFileParams, ReadFileResult, WATCHED_FILES } from './protocol';
import { DEFAULT_TEMPLATE, Finding, PostClassification, PostDocument, Template } from './service';
import { MAX_EXTENDS_DEPTH } from './service/workspace';
import type { ParsedTemplate } from './service/workspace';
import { TEMPLATE_FILE } from './service/workspace';
import { IGNORE_FILE, MemoryHost, TemplateFile, WorkspaceResolver } from './service/workspace';

/** Folders no scan or template search enters (as in `alphanode check`). */
export const SKIPPED_FOLDERS_GLOB = '**/{node_modules,.git,.hg,.svn}/**';
const SKIPPED_SEGMENT = /\/(node_modules|\.git|\.hg|\.svn)\//;
/** Diagnostics wait this long at most for the first load of the templates, then use what is known. */
const READY_TIMEOUT_MS = 3_000;

/**
 * The team templates (`.alphanode.yaml`) and ignore files (`.alphanodeignore`) of the
 * workspace folders, read through the client (`alphanode/findFiles`, `alphanode/readFile`:
 * the server never touches the file system) into an in-memory host, and kept up to date from
 * `workspace/didChangeWatchedFiles`. What applies to a file is the core's WorkspaceResolver's
 * answer over that host, the same as `alphanode check`'s over the disk. A broken template
 * publishes its own diagnostics. Clients that do not answer the custom requests (other
 * editors) get the defaults.
 */
export class TemplateStore {
  /** Set from `initialize`: decides whether file watchers are registered dynamically. */
  clientCapabilities: ClientCapabilities = {};
  private folders: () => readonly string[] = () => [];
  /** The templates and ignore files read through the client, by URI. */
  private readonly files = new MemoryHost();
  private readonly resolver = new WorkspaceResolver(this.files, { roots: () => this.folders() });
  private loaded: Promise<void> = Promise.resolve();
  /** Template and ignore-file changes are applied one after another. */
  private queue: Promise<void> = Promise.resolve();
  private readonly changeEmitter = new Emitter<void>();
  private readonly loadEmitter = new Emitter<void>();
  private readonly filesEmitter = new Emitter<FileEvent[]>();
  private clientAnswers = true;
  /** What the loaded files said, to tell a reload that changed something from one that did not. */
  private signature = '';
  /** Base templates (`extends`) read through the client, and those it could not read. */
  private readonly bases = new Set<string>();
  private readonly unreadableBases = new Set<string>();
  /** Template and base files open in the editor: their text wins over the disk's. */
  private readonly openTexts = new Map<string, string>();
  private baseWatchers: Promise<Disposable> | undefined;
  private watchedBases = '';

  /** Templates or ignore files changed: every post must be validated again. */
  readonly onDidChange: Event<void> = this.changeEmitter.event;
  /** A (re)load of every template and ignore file finished, changed or not (the workspace scan starts then). */
  readonly onDidLoad: Event<void> = this.loadEmitter.event;
  /** Markdown files changed on disk (created, changed, deleted), outside node_modules and VCS folders. */
  readonly onDidChangeFiles: Event<FileEvent[]> = this.filesEmitter.event;

  constructor(private readonly connection?: Connection) {}

  /**
   * Call once the client is initialized: registers the file watchers, handles their events
   * and loads the templates of `folders()` (read again on every reload).
   */
  start(folders: () => readonly string[]): void {
    this.folders = folders;
    const connection = this.connection;
    if (!connection) return;
    connection.onDidChangeWatchedFiles((params) => this.handleFileEvents(params.changes));
    if (this.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
    }
    this.reload().catch((error: unknown) => this.logFailure('loading the templates', error));
  }

  /** A failed load is logged; the defaults apply meanwhile, and the server keeps serving. */
  private logFailure(what: string, error: unknown): void {
    this.connection?.console.error(`alphanode: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  /** Resolves once the first load is done (or has taken too long: then the defaults apply until it is). */
  get ready(): Promise<void> {
    return this.loaded;
  }

  /** Whether the client answers `alphanode/findFiles` (false for editors without the extension's client). */
  get hasFileAccess(): boolean {
    return this.clientAnswers;
  }

  /** Loads every template and ignore file of the workspace folders again (start, folders changed). */
  reload(): Promise<void> {
    const load = this.enqueue(() => this.loadAll());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, READY_TIMEOUT_MS);
    });
    this.loaded = Promise.race([load, timeout]).finally(() => clearTimeout(timer));
    return load;
  }

  /** The template that applies to the document at `uri` (the defaults when none does, or it is broken). */
  templateFor(uri: string): Template {
    return this.templateFileFor(uri)?.template ?? DEFAULT_TEMPLATE;
  }

  /** The nearest known `.alphanode.yaml` between the document's folder and its workspace folder's root. */
  templateFileFor(uri: string): TemplateFile | undefined {
    return this.resolver.templateFileFor(uri);
  }

  /** The post globs that apply at `uri` and the folder they are relative to (README "Which globs apply when"). */
  globsAt(uri: string, settingsFiles: readonly string[]): { globs: readonly string[]; base: string } {
    const { globs, globPath } = this.resolver.resolve(uri, settingsFiles);
    return { globs, base: globPath === undefined ? uri.slice(0, uri.lastIndexOf('/')) : uri.slice(0, uri.length - globPath.length - 1) };
  }

  /** Whether an `.alphanodeignore` of the document's workspace folder ignores it. */
  isIgnored(uri: string): boolean {
    return this.resolver.isIgnored(uri, false);
  }

  /** The findings of a post as the document's template says (after the first load), [] for Markdown that is not a post. */
  async findingsFor(uri: string, post: PostDocument, settingsFiles: readonly string[], owner?: string): Promise<Finding[]> {
    await this.loaded;
    return this.analyze(uri, post, settingsFiles, owner);
  }

  /** Whether the document is a post under its template's globs (and not ignored), after the first load. */
  async classifyAfterLoad(uri: string, post: PostDocument, settingsFiles: readonly string[]): Promise<PostClassification> {
    await this.loaded;
    return this.classify(uri, post, settingsFiles);
  }

  /** Whether the document is a post (README "What is a post"): its template's `files` (or the setting's), its front matter, `.alphanodeignore`. */
  classify(uri: string, post: PostDocument, settingsFiles: readonly string[]): PostClassification {
    return this.resolver.classify(uri, post, settingsFiles);
  }

  /** findingsFor without waiting for the first load (the workspace scan starts after it). */
  analyze(uri: string, post: PostDocument, settingsFiles: readonly string[], owner?: string): Finding[] {
    return this.resolver.analyze(uri, post, settingsFiles, owner);
  }

  /** A cheap look before parsing a file of the workspace scan: the classification's answer, from the text. */
  mayBePost(uri: string, text: string, settingsFiles: readonly string[]): boolean {
    return this.resolver.mayBePost(uri, text, settingsFiles);
  }

  /** The workspace folders' URIs, as the server knows them now. */
  workspaceFolders(): readonly string[] {
    return this.folders();
  }

  /** The workspace folder holding `uri` (the longest match), if any. */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders()) {
      const root = trimSlash(folder);
      if ((uri.startsWith(`${root}/`) || uri === root) && (best === undefined || root.length > best.length)) best = root;
    }
    return best;
  }

  /** `alphanode/findFiles` through the client; [] when it does not answer it. */
  async findFiles(folderUri: string, include: string[], exclude: string | undefined = SKIPPED_FOLDERS_GLOB): Promise<string[]> {
    if (!this.connection) return [];
    try {
      const params: FindFilesParams = { folderUri, include, ...(exclude ? { exclude } : {}) };
      const result = await this.connection.sendRequest<FindFilesResult | null>(FIND_FILES_REQUEST, params);
      if (!Array.isArray(result)) return [];
      return result.filter((uri): uri is string => typeof uri === 'string' && !SKIPPED_SEGMENT.test(uri));
    } catch {
      this.clientAnswers = false;
      return [];
    }
  }

  /** `alphanode/readFile` through the client; null when the file can't be read (or the client can't read files). */
  async readFile(uri: string): Promise<string | null> {
    if (!this.connection) return null;
    try {
      const params: ReadFileParams = { uri };
      const text = await this.connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, params);
      return typeof text === 'string' ? text : null;
    } catch {
      return null;
    }
  }

  private async loadAll(): Promise<void> {
    const found = (await Promise.all(this.folders().map((folder) => this.findFiles(folder, [`**/${TEMPLATE_FILE}`, `**/${IGNORE_FILE}`])))).flat();
    const texts = await Promise.all(found.map(async (uri) => ({ uri, text: await this.readFile(uri) })));
    const previous = this.files.uris().filter(isTemplateUri);
    this.files.clear();
    this.resolver.forget();
    for (const { uri, text } of texts) if (text !== null) this.files.set(uri, text);
    for (const [uri, text] of this.openTexts) this.files.set(uri, text);
    this.bases.clear();
    this.unreadableBases.clear();
    await this.loadBases();
    for (const uri of previous) if (this.files.readFile(uri) === undefined) this.publish(uri, []);
    this.publishTemplates();
    if (this.updateSignature()) this.changeEmitter.fire();
    this.loadEmitter.fire();
  }

  private handleFileEvents(changes: FileEvent[]): void {
    const configChanges = changes.filter((change) => isTemplateUri(change.uri) || isIgnoreUri(change.uri) || this.bases.has(change.uri));
    const markdown = changes.filter((change) => /\.(md|markdown)$/i.test(change.uri) && !SKIPPED_SEGMENT.test(change.uri));
    if (configChanges.length > 0) {
      this.enqueue(async () => {
        for (const change of configChanges) {
          if (this.openTexts.has(change.uri)) continue; // the editor's text wins until it is closed
          const text = change.type === FileChangeType.Deleted ? null : await this.readFile(change.uri);
          if (text === null) this.files.delete(change.uri);
          else this.files.set(change.uri, text);
          this.unreadableBases.delete(change.uri);
          this.resolver.forget(change.uri);
          if (isTemplateUri(change.uri) && text === null) this.publish(change.uri, []);
        }
        await this.loadBases();
        this.publishTemplates();
        if (this.updateSignature()) this.changeEmitter.fire();
      }).catch((error: unknown) => this.logFailure('reading a changed template or ignore file', error));
    }
    if (markdown.length > 0) this.filesEmitter.fire(markdown);
  }

  /** Whether `uri` is a template or a base template the server knows (their documents are no posts). */
  isTemplateDocument(uri: string): boolean {
    return isTemplateUri(uri) || this.bases.has(uri) || /\.alphanode\.ya?ml$/.test(uri);
  }

  /**
   * A template or base file open in the editor changed (or was opened): its text applies at
   * once, so editing a base revalidates the posts of every template that extends it. `null`:
   * closed, the disk's text applies again.
   */
  setEditorText(uri: string, text: string | null): void {
    this.enqueue(async () => {
      if (text === null) {
        this.openTexts.delete(uri);
        const disk = await this.readFile(uri);
        if (disk === null) this.files.delete(uri);
        else this.files.set(uri, disk);
      } else {
        this.openTexts.set(uri, text);
        this.files.set(uri, text);
      }
      this.unreadableBases.delete(uri);
      this.resolver.forget(uri);
      await this.loadBases();
      this.publishTemplates();
      if (this.updateSignature()) this.changeEmitter.fire();
    }).catch((error: unknown) => this.logFailure('applying an edited template', error));
  }

  /** Resolves once the template changes queued so far (edits, file events, loads) are applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The template file at `uri` as resolved (its `extends` chain), for hover and the effective template. */
  resolvedTemplate(uri: string): TemplateFile | undefined {
    return this.resolver.templateAt(uri);
  }

  /** How a template's URI reads in messages (relative to its workspace folder). */
  label(uri: string): string {
    return this.resolver.label(uri);
  }

  /**
   * Reads the base templates the loaded templates extend through the client (they may be
   * anywhere the client can read, inside the workspace or not), chain by chain, and watches
   * them. A base the client cannot read stays missing: its template reports that.
   */
  private async loadBases(): Promise<void> {
    for (let round = 0; round <= MAX_EXTENDS_DEPTH; round++) {
      const wanted = new Set<string>();
      for (const uri of this.files.uris().filter(isTemplateUri)) {
        for (const base of this.resolver.templateAt(uri)?.bases ?? []) wanted.add(base);
      }
      const missing = [...wanted].filter((uri) => !this.bases.has(uri) && !this.unreadableBases.has(uri) && this.files.readFile(uri) === undefined);
      for (const uri of wanted) this.bases.add(uri);
      if (missing.length === 0) break;
      const texts = await Promise.all(missing.map(async (uri) => ({ uri, text: await this.readFile(uri) })));
      for (const { uri, text } of texts) {
        if (text === null) this.unreadableBases.add(uri);
        else this.files.set(uri, text);
        this.resolver.forget(uri);
      }
    }
    this.watchBases();
  }

  /** Watches the base templates by their own folder (a workspace glob misses bases outside it). */
  private watchBases(): void {
    const connection = this.connection;
    const key = [...this.bases].sort().join('\n');
    if (!connection || key === this.watchedBases || !this.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    this.watchedBases = key;
    const previous = this.baseWatchers;
    const watchers = [...this.bases].map((uri) => ({ globPattern: { baseUri: uri.slice(0, uri.lastIndexOf('/')), pattern: uri.slice(uri.lastIndexOf('/') + 1) } }));
    this.baseWatchers = watchers.length === 0 ? undefined : connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.baseWatchers?.catch(() => undefined);
    void previous?.then((registration) => registration.dispose()).catch(() => undefined);
  }

  private publishTemplates(): void {
    for (const uri of this.files.uris().filter(isTemplateUri)) this.publish(uri, this.resolver.templateAt(uri)?.diagnostics ?? []);
  }

  /** Recomputes what the loaded files say; true when it differs from before. */
  private updateSignature(): boolean {
    const uris = this.files.uris();
    const signature = uris.length === 0 ? '' : JSON.stringify(uris.map((uri) => [uri, this.files.readFile(uri)]));
    const changed = signature !== this.signature;
    this.signature = signature;
    return changed;
  }

  private publish(uri: string, diagnostics: ParsedTemplate['diagnostics']): void {
    void this.connection?.sendDiagnostics({ uri, diagnostics });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function isTemplateUri(uri: string): boolean {
  return uri.endsWith(`/${TEMPLATE_FILE}`);
}

function isIgnoreUri(uri: string): boolean {
  return uri.endsWith(`/${IGNORE_FILE}`);
}

function trimSlash(uri: string): string {
  return uri.replace(/\/+$/, '');
}

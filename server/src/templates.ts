import {
  ClientCapabilities,
  Connection,
  DidChangeWatchedFilesNotification,
  Emitter,
  Event,
  FileChangeType,
  FileEvent,
} from 'vscode-languageserver';
import { FIND_FILES_REQUEST, FindFilesParams, FindFilesResult, READ_FILE_REQUEST, ReadFileParams, ReadFileResult, WATCHED_FILES } from './protocol';
import { analyzePost, classifyPost, DEFAULT_TEMPLATE, Finding, matchesFiles, PostClassification, PostDocument, Template } from './service';
import { IGNORE_FILE, IgnoreRules, isIgnored, parseIgnore } from './service/ignore';
import { fallbackDiagnostic, ParsedTemplate, parseTemplate, TEMPLATE_FILE, templateCandidates } from './service/templateSchema';
import { relativePathIn } from './uris';

/** Folders no scan or template search enters (as in `alphanode check`). */
export const SKIPPED_FOLDERS_GLOB = '**/{node_modules,.git,.hg,.svn}/**';
const SKIPPED_SEGMENT = /\/(node_modules|\.git|\.hg|\.svn)\//;
/** Diagnostics wait this long at most for the first load of the templates, then use what is known. */
const READY_TIMEOUT_MS = 3_000;

interface LoadedTemplate extends ParsedTemplate {
  uri: string;
  text: string;
  /** The folder holding the file (its URI without `/.alphanode.yaml`). */
  dir: string;
}

/**
 * The team templates (`.alphanode.yaml`) and ignore files (`.alphanodeignore`) of the
 * workspace folders, read through the client (`alphanode/findFiles`, `alphanode/readFile`:
 * the server never touches the file system) and kept up to date from
 * `workspace/didChangeWatchedFiles`. A post gets the nearest template between its folder
 * and its workspace folder's root; a broken template publishes its own diagnostics and its
 * posts fall back to the defaults with one info diagnostic saying so. Clients that do not
 * answer the custom requests (other editors) get the defaults.
 */
export class TemplateStore {
  /** Set from `initialize`: decides whether file watchers are registered dynamically. */
  clientCapabilities: ClientCapabilities = {};
  private folders: () => readonly string[] = () => [];
  private readonly templates = new Map<string, LoadedTemplate>();
  /** Ignore files by URI: their folder and rules (base '' relative to that folder). */
  private readonly ignores = new Map<string, { dir: string; rules: IgnoreRules; text: string }>();
  private loaded: Promise<void> = Promise.resolve();
  /** Template and ignore-file changes are applied one after another. */
  private queue: Promise<void> = Promise.resolve();
  private readonly changeEmitter = new Emitter<void>();
  private readonly loadEmitter = new Emitter<void>();
  private readonly filesEmitter = new Emitter<FileEvent[]>();
  private clientAnswers = true;
  /** What the loaded files said, to tell a reload that changed something from one that did not. */
  private signature = '';

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
    void this.reload();
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
  templateFileFor(uri: string): LoadedTemplate | undefined {
    if (this.templates.size === 0) return undefined;
    const root = this.folderOf(uri);
    if (root === undefined) return undefined;
    for (const candidate of templateCandidates(uri, root)) {
      const found = this.templates.get(candidate);
      if (found) return found;
    }
    return undefined;
  }

  /** Whether an `.alphanodeignore` of the document's workspace folder ignores it. */
  isIgnored(uri: string): boolean {
    if (this.ignores.size === 0) return false;
    const root = this.folderOf(uri);
    if (root === undefined) return false;
    const relative = uri.slice(trimSlash(root).length + 1);
    const rules: IgnoreRules[] = [];
    for (const { dir, rules: own } of [...this.ignores.values()].sort((a, b) => a.dir.length - b.dir.length)) {
      if (dir !== trimSlash(root) && !dir.startsWith(`${trimSlash(root)}/`)) continue;
      rules.push({ ...own, base: decode(dir.slice(trimSlash(root).length + 1)) });
    }
    return isIgnored(decode(relative), rules);
  }

  /** The findings of a post as the document's template says (after the first load), [] for Markdown that is not a post. */
  async findingsFor(uri: string, post: PostDocument, settingsFiles: readonly string[]): Promise<Finding[]> {
    await this.loaded;
    return this.analyze(uri, post, settingsFiles);
  }

  /** Whether the document is a post under its template's globs (and not ignored), after the first load. */
  async classifyAfterLoad(uri: string, post: PostDocument, settingsFiles: readonly string[]): Promise<PostClassification> {
    await this.loaded;
    return this.classify(uri, post, settingsFiles);
  }

  /** Spec §1 with the template's `files` (or the setting's) and the folder's `.alphanodeignore`. */
  classify(uri: string, post: PostDocument, settingsFiles: readonly string[]): PostClassification {
    if (this.isIgnored(uri)) return { isPost: false, matchedByFiles: false };
    const { files, path } = this.postGlobs(uri, this.templateFileFor(uri), settingsFiles);
    return classifyPost(path, post, files);
  }

  /** findingsFor without waiting for the first load (the workspace scan starts after it). */
  analyze(uri: string, post: PostDocument, settingsFiles: readonly string[]): Finding[] {
    const classification = this.classify(uri, post, settingsFiles);
    if (!classification.isPost) return [];
    const file = this.templateFileFor(uri);
    const findings = analyzePost(post, { template: file?.template ?? DEFAULT_TEMPLATE, matchedByFiles: classification.matchedByFiles });
    if (file?.broken) {
      const label = relativePathIn(file.uri, this.folders()) ?? TEMPLATE_FILE;
      findings.unshift({ diagnostic: fallbackDiagnostic(post.index.trimmedLineRange(0), label, file.uri, file.diagnostics[0]), fixes: [] });
    }
    return findings;
  }

  /**
   * A cheap look before parsing a file of the workspace scan: false when it can't be a post
   * (not matched by the globs, and no front matter with an `alphanode-` source id).
   */
  mayBePost(uri: string, text: string, settingsFiles: readonly string[]): boolean {
    if (this.isIgnored(uri)) return false;
    const { files, path } = this.postGlobs(uri, this.templateFileFor(uri), settingsFiles);
    if (path !== undefined && matchesFiles(path, files)) return true;
    return /^(\ufeff)?---[ \t]*(\r\n|\r|\n)/.test(text) && text.includes('alphanode-');
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

  private postGlobs(uri: string, file: LoadedTemplate | undefined, settingsFiles: readonly string[]): { files: readonly string[]; path: string | undefined } {
    if (file && file.hasFiles && !file.broken) return { files: file.template.files, path: relativePathIn(uri, [file.dir]) };
    return { files: settingsFiles, path: relativePathIn(uri, this.folders()) };
  }

  private async loadAll(): Promise<void> {
    const found = (await Promise.all(this.folders().map((folder) => this.findFiles(folder, [`**/${TEMPLATE_FILE}`, `**/${IGNORE_FILE}`])))).flat();
    const texts = await Promise.all(found.map(async (uri) => ({ uri, text: await this.readFile(uri) })));
    const previous = [...this.templates.keys()];
    this.templates.clear();
    this.ignores.clear();
    for (const { uri, text } of texts) if (text !== null) this.store(uri, text);
    for (const uri of previous) if (!this.templates.has(uri)) this.publish(uri, []);
    for (const template of this.templates.values()) this.publish(template.uri, template.diagnostics);
    if (this.updateSignature()) this.changeEmitter.fire();
    this.loadEmitter.fire();
  }

  private handleFileEvents(changes: FileEvent[]): void {
    const configChanges = changes.filter((change) => isTemplateUri(change.uri) || isIgnoreUri(change.uri));
    const markdown = changes.filter((change) => /\.(md|markdown)$/i.test(change.uri) && !SKIPPED_SEGMENT.test(change.uri));
    if (configChanges.length > 0) {
      void this.enqueue(async () => {
        for (const change of configChanges) {
          const text = change.type === FileChangeType.Deleted ? null : await this.readFile(change.uri);
          this.templates.delete(change.uri);
          this.ignores.delete(change.uri);
          if (text !== null) this.store(change.uri, text);
          if (isTemplateUri(change.uri)) this.publish(change.uri, this.templates.get(change.uri)?.diagnostics ?? []);
        }
        if (this.updateSignature()) this.changeEmitter.fire();
      });
    }
    if (markdown.length > 0) this.filesEmitter.fire(markdown);
  }

  private store(uri: string, text: string): void {
    const dir = uri.slice(0, uri.lastIndexOf('/'));
    if (isTemplateUri(uri)) this.templates.set(uri, { ...parseTemplate(text), uri, dir, text });
    else if (isIgnoreUri(uri)) this.ignores.set(uri, { dir, rules: parseIgnore(text), text });
  }

  /** Recomputes what the loaded files say; true when it differs from before. */
  private updateSignature(): boolean {
    const entries = [...this.templates.values(), ...this.ignores.entries()].map((entry) => (Array.isArray(entry) ? [entry[0], entry[1].text] : [entry.uri, entry.text]));
    const signature = entries.length === 0 ? '' : JSON.stringify(entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
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

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

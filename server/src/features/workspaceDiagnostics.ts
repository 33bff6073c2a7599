import type { Diagnostic, FileEvent, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context';
import { nextTurn } from '../schedule';
import { parsePost } from '../service';

/** The Markdown files of a workspace folder that the scan reads (posts are found among them). */
const MARKDOWN_GLOBS = ['**/*.md', '**/*.markdown'];
/**
 * After a change to an open document the scan waits at least this long: typing goes first.
 * While the user types at a steady rhythm the pause follows it (1.5 × the average gap between
 * edits, up to MAX_TYPING_PAUSE_MS), so the scan runs in the pauses between bursts of typing.
 */
export const TYPING_PAUSE_MS = 50;
const MAX_TYPING_PAUSE_MS = 600;
/** A gap longer than this between two edits ends a burst of typing. */
const TYPING_BURST_GAP_MS = 1_000;
/** Files read ahead of the one being validated (reads go through the client). */
const READ_AHEAD = 8;
/** A progress indicator is shown for scans of at least this many files. */
const PROGRESS_MIN_FILES = 50;
/** Progress reports at most this often. */
const PROGRESS_INTERVAL_MS = 200;

/**
 * Problems of every post of the workspace, not only the open ones: once the templates are
 * loaded, the Markdown files of the workspace folders are read through the client and
 * validated in the background, in short slices between turns of the event loop, pausing
 * while the user types; results are pushed with `textDocument/publishDiagnostics` (unversioned). Open
 * documents are left to the server's own validation. Files changed, created or deleted on
 * disk, closed documents, and template or ignore-file changes are validated again.
 */
export const workspaceDiagnostics: Feature = {
  capabilities: {},
  register(context) {
    const scanner = new WorkspaceScanner(context);
    // A timer, not at once: the open documents' revalidation (scheduled with runSoon) goes first.
    const rescan = () => setTimeout(() => scanner.rescan().catch((error: unknown) => scanner.logFailure('the workspace scan', error)), 0);
    context.templates.onDidLoad(rescan);
    context.templates.onDidChange(rescan);
    context.templates.onDidChangeFiles((events) => scanner.filesChanged(events));
    context.documents.onDidChangeContent(() => scanner.typed());
    context.documents.onDidClose((event) => scanner.closed(event.document.uri));
  },
};

class WorkspaceScanner {
  /** Markdown files of the workspace folders, as last found. */
  private known = new Set<string>();
  /** Files whose last publish from the scan had diagnostics: they must be cleared when that changes. */
  private readonly withProblems = new Set<string>();
  private queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly reads = new Map<string, Promise<string | null>>();
  private running = false;
  private lastTypedAt = 0;
  /** Moving average of the gaps between edits of the current burst of typing (0: none yet). */
  private typingGap = 0;
  private generation = 0;
  private progress: { reporter: Promise<WorkDoneProgressServerReporter>; done: number; reportedAt: number } | undefined;

  constructor(private readonly context: ServerContext) {}

  typed(): void {
    const now = Date.now();
    const gap = now - this.lastTypedAt;
    this.typingGap = gap >= TYPING_BURST_GAP_MS ? 0 : this.typingGap === 0 ? gap : 0.7 * this.typingGap + 0.3 * gap;
    this.lastTypedAt = now;
  }

  private pauseMs(): number {
    return Math.min(MAX_TYPING_PAUSE_MS, Math.max(TYPING_PAUSE_MS, 1.5 * this.typingGap));
  }

  /** Finds the Markdown files of every workspace folder again and validates them all. */
  async rescan(): Promise<void> {
    const generation = ++this.generation;
    const { templates } = this.context;
    const folders = this.folders();
    const found = (await Promise.all(folders.map((folder) => templates.findFiles(folder, MARKDOWN_GLOBS)))).flat();
    if (generation !== this.generation) return; // a newer rescan started meanwhile
    const files = new Set(found);
    for (const uri of this.known) if (!files.has(uri)) this.clear(uri);
    this.known = files;
    this.queue = [];
    this.queued.clear();
    this.reads.clear();
    this.enqueue([...files].sort(), false);
    this.run();
  }

  filesChanged(events: FileEvent[]): void {
    const changed: string[] = [];
    for (const event of events) {
      if (event.type === FileChangeType.Deleted) {
        this.known.delete(event.uri);
        this.dequeue(event.uri);
        this.clear(event.uri);
      } else if (this.context.templates.folderOf(event.uri) !== undefined) {
        this.known.add(event.uri);
        this.reads.delete(event.uri);
        changed.push(event.uri);
      }
    }
    this.enqueue(changed, true);
    this.run();
  }

  /** A closed document shows its state on disk again (the server cleared its diagnostics on close). */
  closed(uri: string): void {
    if (!this.known.has(uri)) return;
    this.reads.delete(uri);
    this.enqueue([uri], true);
    this.run();
  }

  /** A failed step is logged and the scan goes on: one bad file never stops it (or the server). */
  logFailure(what: string, error: unknown): void {
    this.context.connection.console.error(`alphanode: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  private folders(): readonly string[] {
    return this.context.templates.workspaceFolders();
  }

  /** Adds files to the queue: at its end, or `first` (changed on disk, just closed) at its head. */
  private enqueue(uris: string[], first: boolean): void {
    if (first) {
      const moved = new Set(uris);
      this.queue = [...moved, ...this.queue.filter((uri) => !moved.has(uri))];
    } else {
      this.queue.push(...uris.filter((uri) => !this.queued.has(uri)));
    }
    for (const uri of uris) this.queued.add(uri);
  }

  private dequeue(uri: string): void {
    if (!this.queued.delete(uri)) return;
    this.queue = this.queue.filter((queued) => queued !== uri);
    this.reads.delete(uri);
  }

  private run(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    this.loop().catch((error: unknown) => this.logFailure('the workspace scan', error)).finally(() => {
      this.running = false;
      this.endProgress();
      if (this.queue.length > 0) this.run();
    });
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      await this.whileTyping();
      if (this.queue.length === 0) break;
      this.startProgress();
      this.readAhead();
      const uri = this.queue.shift()!;
      this.queued.delete(uri);
      const read = this.reads.get(uri) ?? this.context.templates.readFile(uri);
      this.reads.delete(uri);
      const text = await read;
      try {
        await this.validate(uri, text);
      } catch (error) {
        this.logFailure(`workspace validation of ${uri}`, error);
      }
      this.reportProgress();
    }
  }

  /** Resolves once no open document changed for the typing pause (at once when none did). */
  private async whileTyping(): Promise<void> {
    for (let waited = Date.now() - this.lastTypedAt; waited < this.pauseMs(); waited = Date.now() - this.lastTypedAt) {
      await sleep(this.pauseMs() - waited);
    }
  }

  /**
   * A turn of the event loop for the client's messages, then the typing pause: each file is
   * validated in two short slices (parse | rules and publish) so that an edit never waits
   * for more than one of them.
   */
  private async yieldToEdits(): Promise<void> {
    await nextTurn();
    await this.whileTyping();
  }

  private readAhead(): void {
    for (const uri of this.queue.slice(0, READ_AHEAD)) {
      if (!this.reads.has(uri)) this.reads.set(uri, this.context.templates.readFile(uri));
    }
  }

  private async validate(uri: string, text: string | null): Promise<void> {
    const { documents, templates } = this.context;
    if (documents.get(uri)) return; // open: the server validates the editor's text
    if (text === null) {
      this.clear(uri);
      return;
    }
    const settings = await this.context.settingsFor(templates.folderOf(uri) ?? uri);
    if (documents.get(uri) || !this.known.has(uri)) return;
    if (!templates.mayBePost(uri, text, settings.files)) {
      this.clear(uri);
      return;
    }
    await this.yieldToEdits();
    const post = parsePost(text);
    await this.yieldToEdits();
    if (documents.get(uri) || !this.known.has(uri)) return;
    const findings = templates.analyze(uri, post, settings.files);
    const diagnostics: Diagnostic[] = findings.map((finding) => finding.diagnostic);
    if (diagnostics.length > 0) this.withProblems.add(uri);
    else this.withProblems.delete(uri);
    // Every post gets a publish, clean ones too: the Problems view then reflects the disk.
    await this.context.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Removes the scan's diagnostics of a file that is gone, ignored or no post (open documents keep theirs). */
  private clear(uri: string): void {
    if (!this.withProblems.delete(uri) || this.context.documents.get(uri)) return;
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private startProgress(): void {
    if (this.progress || this.queue.length < PROGRESS_MIN_FILES) return;
    const reporter = this.context.connection.window.createWorkDoneProgress().then((created) => {
      created.begin('Alphanode: checking posts', 0, `${this.queue.length} files`, false);
      return created;
    });
    this.progress = { reporter, done: 0, reportedAt: Date.now() };
  }

  private reportProgress(): void {
    const progress = this.progress;
    if (!progress) return;
    progress.done++;
    const now = Date.now();
    if (now - progress.reportedAt < PROGRESS_INTERVAL_MS) return;
    progress.reportedAt = now;
    const total = progress.done + this.queue.length;
    const { done } = progress;
    void progress.reporter.then((reporter) => reporter.report(Math.floor((100 * done) / total), `${done}/${total} files`));
  }

  private endProgress(): void {
    const progress = this.progress;
    this.progress = undefined;
    void progress?.reporter.then((reporter) => reporter.done());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

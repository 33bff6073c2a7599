/**
 * A small LSP client over the REAL built language server (`dist/server.js --stdio`, or
 * `dist/cli.js lsp --stdio`): initialize, answer `workspace/configuration`, sync documents
 * incrementally, collect every `textDocument/publishDiagnostics`, shut down cleanly.
 * Used by test/lsp/** and bench/**; nothing here knows about the post format.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ConfigurationItem,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  MessageConnection,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { positionOf, REPO_ROOT } from './fixtures';

export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = join(REPO_ROOT, 'dist', 'cli.js');

/** `alphanode.*` settings answered for one `workspace/configuration` item (null: the client has none); a function may answer with a promise. */
export type SettingsProvider = unknown | ((item: ConfigurationItem) => unknown);

export interface LspClientOptions {
  /** The server command; default `node <SERVER_NODE_FLAGS> dist/server.js --stdio`, as the desktop client starts it. */
  command?: string[];
  /** The workspace folder URI sent in `initialize` (also `rootUri`). */
  workspaceFolder: string;
  /** What `workspace/configuration` answers for the `alphanode` section; default null (server defaults). */
  settings?: SettingsProvider;
  /** Announce the `workspace.configuration` capability (default true). */
  configurationCapability?: boolean;
  /** Milliseconds allowed for spawn + initialize (default 10 s). */
  startTimeout?: number;
  /** Answers for server → client requests by method (e.g. `alphanode/findFiles`); others are answered with null. */
  handlers?: Record<string, (params: unknown) => unknown>;
  /** Announce `window.workDoneProgress` (the server may then show progress; default false). */
  workDoneProgress?: boolean;
  /** `initializationOptions` of `initialize` (the extension sends its rollback note owner fallback). */
  initializationOptions?: unknown;
}

/** One `textDocument/publishDiagnostics`, in arrival order. */
export interface Publish {
  seq: number;
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** performance.now() at arrival. */
  at: number;
}

interface Waiter {
  matches: (publish: Publish) => boolean;
  resolve: (publish: Publish) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A protocol-level client driving one server process. */
export class LspClient {
  readonly publishes: Publish[] = [];
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** Other server → client requests (method names), answered with null. */
  readonly otherRequests: string[] = [];
  /** Every `client/registerCapability` registration, in arrival order. */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  /** Server → client notifications other than publishDiagnostics (`$/progress`, `window/logMessage`…), in arrival order. */
  readonly notifications: Array<{ method: string; params: unknown; at: number }> = [];
  settings: SettingsProvider;
  initializeResult: InitializeResult | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly closeMarks = new Map<string, number>();
  private stderr = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private lastPeakRss: number | undefined;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly options: LspClientOptions,
  ) {
    this.settings = options.settings ?? null;
    this.process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      if (this.stderr.length > 64_000) this.stderr = this.stderr.slice(-64_000);
    });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`the server exited (code ${code}, signal ${signal}) while a test waited for diagnostics${this.stderrTail()}`));
        }
        this.waiters.clear();
        resolve({ code, signal });
      });
    });

    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      const publish: Publish = { seq: this.publishes.length, uri: params.uri, version: params.version, diagnostics: params.diagnostics, at: performance.now() };
      this.publishes.push(publish);
      for (const waiter of [...this.waiters]) {
        if (!waiter.matches(publish)) continue;
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(publish);
      }
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      // A settings function may return a promise: tests use that to delay or reorder answers.
      return Promise.all(params.items.map(async (item) => {
        this.configurationRequests.push(item);
        if (item.section !== undefined && item.section !== 'alphanode') return null;
        const settings = this.settings;
        return (typeof settings === 'function' ? await (settings as (item: ConfigurationItem) => unknown)(item) : settings) ?? null;
      }));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return undefined;
    });
    // ProtocolConnection's typings leave out jsonrpc's catch-all handlers; the object has them.
    const any = connection as unknown as Pick<MessageConnection, 'onRequest' | 'onNotification'>;
    any.onRequest((method: string, params: unknown) => {
      const handler = options.handlers?.[method];
      if (handler) return handler(params);
      this.otherRequests.push(method);
      return null;
    });
    any.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params, at: performance.now() }); // window/logMessage and friends
    });
    // `$/progress` bypasses the catch-all: jsonrpc routes it to progress handlers.
    (connection as unknown as Pick<MessageConnection, 'onUnhandledProgress'>).onUnhandledProgress((params) => {
      this.notifications.push({ method: '$/progress', params, at: performance.now() });
    });
  }

  /** Spawns the server and completes `initialize` / `initialized`. */
  static async start(options: LspClientOptions): Promise<LspClient> {
    // The server as the desktop client starts it: with its Node flags.
    const [command, ...args] = options.command ?? [process.execPath, ...SERVER_NODE_FLAGS, SERVER_JS, '--stdio'];
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    connection.listen();
    const initialize = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'alphanode-test-client' },
      rootUri: options.workspaceFolder,
      workspaceFolders: [{ uri: options.workspaceFolder, name: 'workspace' }],
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.configurationCapability ?? true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { workDoneProgress: options.workDoneProgress ?? false },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
    });
    try {
      client.initializeResult = await client.race(initialize, options.startTimeout ?? 10_000, 'initialize');
    } catch (error) {
      client.kill();
      throw error;
    }
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The server's process id. */
  get pid(): number {
    return this.process.pid!;
  }

  async open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.closeMarks.set(uri, this.publishes.length);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server the settings changed (it then pulls them again). */
  async changeSettings(settings: SettingsProvider): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /**
   * The diagnostics of the first publish for `uri` and `version` (already received or still
   * to come). `version: null` waits for an unversioned publish after the last close(uri).
   */
  async waitForDiagnostics(uri: string, version: number | null, timeout = 5_000): Promise<Diagnostic[]> {
    const since = version === null ? this.closeMarks.get(uri) ?? 0 : 0;
    const publish = await this.waitForPublish(
      (p) => p.uri === uri && (version === null ? p.version === undefined && p.seq >= since : p.version === version),
      timeout,
      `diagnostics for ${uri} version ${version ?? '(none, after close)'}`,
    );
    return publish.diagnostics;
  }

  /** The first publish (already received or still to come) that `matches`. */
  waitForPublish(matches: (publish: Publish) => boolean, timeout = 5_000, what = 'a publish'): Promise<Publish> {
    const found = this.publishes.find(matches);
    if (found) return Promise.resolve(found);
    if (this.exit) return Promise.reject(new Error(`the server has exited (code ${this.exit.code}); no ${what}${this.stderrTail()}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.publishes.slice(-5).map((p) => `${p.uri}@${p.version ?? '-'}(${p.diagnostics.length})`).join(', ');
          reject(new Error(`timed out after ${timeout} ms waiting for ${what}; last publishes: ${seen || 'none'}${this.stderrTail()}`));
        }, timeout),
      };
      this.waiters.add(waiter);
    });
  }

  /** Publishes received for `uri`, in arrival order. */
  publishesFor(uri: string): Publish[] {
    return this.publishes.filter((publish) => publish.uri === uri);
  }

  /** Resolves after `ms` with no further condition: lets late (stale) publishes arrive. */
  settle(ms = 100): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** The server process's peak resident set size in bytes (VmHWM), or undefined off Linux or after exit. */
  peakRss(): number | undefined {
    if (this.exit) return this.lastPeakRss;
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      if (match) this.lastPeakRss = Number(match[1]) * 1024;
    } catch {
      // not Linux, or the process is gone
    }
    return this.lastPeakRss;
  }

  /** The server process's current resident set size in bytes (VmRSS), or undefined off Linux or after exit. */
  currentRss(): number | undefined {
    if (this.exit) return undefined;
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** `shutdown` request, `exit` notification; throws unless the process exits with code 0 within `timeout`. */
  async shutdown(timeout = 2_000): Promise<void> {
    this.peakRss();
    await this.race(this.connection.sendRequest(ShutdownRequest.type), timeout, 'the shutdown response');
    await this.connection.sendNotification(ExitNotification.type);
    const result = await this.race(this.exited, timeout, 'the server process to exit after `exit`').catch((error) => {
      this.kill();
      throw error;
    });
    this.connection.dispose();
    if (result.code !== 0) throw new Error(`the server exited with code ${result.code} (signal ${result.signal}) after shutdown/exit, expected 0${this.stderrTail()}`);
  }

  /** Hard stop for cleanup after a failed test; a no-op once the process has exited. */
  kill(): void {
    if (!this.exit && this.process.exitCode === null) this.process.kill('SIGKILL');
    try {
      this.connection.dispose();
    } catch {
      // already disposed
    }
  }

  /** Whether the process has exited, and how. */
  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exit;
  }

  get stderrText(): string {
    return this.stderr;
  }

  private stderrTail(): string {
    const tail = this.stderr.trim().slice(-2_000);
    return tail ? `\n--- server stderr ---\n${tail}` : '';
  }

  private race<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}${this.stderrTail()}`)), timeout);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
  }
}

/**
 * An incremental change replacing the single occurrence of `find` in `text` (throws when it
 * is missing or ambiguous), and the text after it. Positions are UTF-16, like LSP's.
 */
export function replaceOnce(text: string, find: string, replace: string): { text: string; change: { range: Range; text: string } } {
  const at = text.indexOf(find);
  if (at < 0) throw new Error(`replaceOnce: ${JSON.stringify(find)} not found`);
  if (text.indexOf(find, at + 1) >= 0) throw new Error(`replaceOnce: ${JSON.stringify(find)} occurs more than once`);
  return replaceAt(text, at, at + find.length, replace);
}

/** An incremental change replacing the offsets `[start, end)` of `text`, and the text after it. */
export function replaceAt(text: string, start: number, end: number, replace: string): { text: string; change: { range: Range; text: string } } {
  const range = { start: positionOf(text, start), end: positionOf(text, end) };
  return { text: text.slice(0, start) + replace + text.slice(end), change: { range, text: replace } };
}

/**
 * For a suite's `after` hook: the server shuts down cleanly (`shutdown` + `exit` → exit code 0
 * within 2 s) after whatever the suite ran, in any order, and is killed if it does not.
 */
export async function shutDownCleanly(client: LspClient | undefined): Promise<void> {
  if (!client) return;
  try {
    await client.shutdown();
  } finally {
    client.kill();
  }
}

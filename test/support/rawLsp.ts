/**
 * The real server over stdio, spoken to byte by byte: for malformed LSP messages that a
 * well-behaved client library cannot send (broken JSON, bad framing, params of the wrong
 * type). Collects every message the server writes.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { SERVER_JS } from './lspClient';
import { REPO_ROOT } from './fixtures';

export interface RawMessage {
  id?: number | string | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawLsp {
  readonly messages: RawMessage[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  private constructor(readonly process: ChildProcess) {
    process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => process.once('exit', (code, signal) => {
      this.exit = { code, signal };
      resolve();
    }));
  }

  /** Spawns the server and completes initialize/initialized with a minimal client. */
  static async start(): Promise<RawLsp> {
    const server = new RawLsp(spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
    server.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    await server.response('init');
    server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    return server;
  }

  /** Sends one framed message: an object (as JSON) or a body string exactly as given. */
  send(body: object | string): void {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    this.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  /** Writes raw bytes (bad framing). */
  write(bytes: Buffer | string): void {
    this.process.stdin!.write(bytes);
  }

  /** The response to request `id` (waits up to `timeout` ms). */
  async response(id: number | string, timeout = 5_000): Promise<RawMessage> {
    return this.waitFor((message) => message.id === id && message.method === undefined, timeout, `the response to ${id}`);
  }

  async waitFor(matches: (message: RawMessage) => boolean, timeout = 5_000, what = 'a message'): Promise<RawMessage> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.messages.find(matches);
      if (found) return found;
      if (this.exit) throw new Error(`the server exited (${JSON.stringify(this.exit)}) before ${what}; stderr: ${this.stderr.slice(-2_000)}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The `window/logMessage` texts so far. */
  logMessages(): string[] {
    return this.messages.filter((message) => message.method === 'window/logMessage').map((message) => String(message.params?.message));
  }

  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exit;
  }

  /** shutdown + exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    this.send({ jsonrpc: '2.0', id: 'shutdown', method: 'shutdown' });
    await this.response('shutdown');
    this.send({ jsonrpc: '2.0', method: 'exit' });
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    return this.exit?.code ?? null;
  }

  kill(): void {
    if (!this.exit) this.process.kill('SIGKILL');
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.messages.push(JSON.parse(body) as RawMessage);
    }
  }
}

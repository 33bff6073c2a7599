import type { Connection } from 'vscode-languageserver';

/**
 * The document sync notifications are the one place where a client's bad params used to
 * kill the server: `TextDocuments` stores whatever `didOpen` sends, and the validation
 * scheduled for it then threw outside any handler. Requests are safe by construction (a
 * handler that throws becomes an LSP error response), but these notifications have no
 * response, so bad params are dropped here with a log line instead.
 */
type SyncMethod = 'onDidOpenTextDocument' | 'onDidChangeTextDocument' | 'onDidCloseTextDocument' | 'onWillSaveTextDocument' | 'onWillSaveTextDocumentWaitUntil' | 'onDidSaveTextDocument';

/** Each notification's LSP name and the check of its params (what is wrong, or undefined). */
const SYNC: Record<SyncMethod, { name: string; check: (params: unknown) => string | undefined }> = {
  onDidOpenTextDocument: { name: 'textDocument/didOpen', check: (params) => {
    const document = field(params, 'textDocument');
    return uriProblem(document)
      ?? (typeof field(document, 'text') !== 'string' ? '`textDocument.text` is not a string' : undefined)
      ?? (!Number.isInteger(field(document, 'version')) ? '`textDocument.version` is not an integer' : undefined)
      ?? (typeof field(document, 'languageId') !== 'string' ? '`textDocument.languageId` is not a string' : undefined);
  } },
  onDidChangeTextDocument: { name: 'textDocument/didChange', check: (params) => {
    const document = field(params, 'textDocument');
    const changes = field(params, 'contentChanges');
    return uriProblem(document)
      ?? (!Number.isInteger(field(document, 'version')) ? '`textDocument.version` is not an integer' : undefined)
      ?? (!Array.isArray(changes) ? '`contentChanges` is not an array' : changes.map(changeProblem).find((problem) => problem !== undefined));
  } },
  onDidCloseTextDocument: { name: 'textDocument/didClose', check: documentProblem },
  onWillSaveTextDocument: { name: 'textDocument/willSave', check: documentProblem },
  onWillSaveTextDocumentWaitUntil: { name: 'textDocument/willSaveWaitUntil', check: documentProblem },
  onDidSaveTextDocument: { name: 'textDocument/didSave', check: documentProblem },
};

/**
 * The connection as `TextDocuments.listen` sees it: each sync notification's params are
 * checked first, and bad ones are ignored with `log` called (the method and what is wrong).
 */
export function checkedDocumentSync(connection: Connection, log: (message: string) => void): Connection {
  const checked = Object.create(connection) as Connection;
  for (const method of Object.keys(SYNC) as SyncMethod[]) {
    const register = connection[method].bind(connection) as (handler: (params: unknown, ...rest: unknown[]) => unknown) => unknown;
    const { name, check } = SYNC[method];
    Object.defineProperty(checked, method, {
      value: (handler: (params: unknown, ...rest: unknown[]) => unknown) => register((params, ...rest) => {
        const problem = check(params);
        if (problem === undefined) return handler(params, ...rest);
        log(`alphanode: ignored a ${name} with bad params: ${problem}.`);
        return method === 'onWillSaveTextDocumentWaitUntil' ? [] : undefined;
      }),
    });
  }
  return checked;
}

function changeProblem(change: unknown): string | undefined {
  if (typeof field(change, 'text') !== 'string') return 'a content change has no text string';
  const range = field(change, 'range');
  if (range === undefined) return undefined;
  return [field(range, 'start'), field(range, 'end')].every(isPosition) ? undefined : 'a content change has a malformed range';
}

/** An LSP position: non-negative integer line and character. */
export function isPosition(position: unknown): position is { line: number; character: number } {
  const line = field(position, 'line');
  const character = field(position, 'character');
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

function documentProblem(params: unknown): string | undefined {
  return uriProblem(field(params, 'textDocument'));
}

function uriProblem(document: unknown): string | undefined {
  if (document === null || typeof document !== 'object') return '`textDocument` is missing';
  return typeof field(document, 'uri') === 'string' ? undefined : '`textDocument.uri` is not a string';
}

/** `value[key]` when `value` is an object (params from a client may be anything). */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

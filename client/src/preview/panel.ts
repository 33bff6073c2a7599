import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CONFIG_SECTION, LANGUAGE_ID, META_BOX_REQUEST, META_BOX_STYLES_REQUEST, META_BOX_VIEW_TYPE, MetaBoxParams, MetaBoxResult, MetaBoxStylesResult,
  POST_PAGE_REQUEST, POST_PAGE_STYLES_REQUEST, POST_PREVIEW_VIEW_TYPE,
} from '../../../server/src/protocol';
import { newNonce, previewShell } from './html';
import { PreviewDebugState, PreviewProbe } from './probe';

/** The server may not have the newest text yet when the request overtakes `didChange`: ask again this often. */
const STALE_RETRIES = 5;
const STALE_RETRY_MS = 15;
export const ALLOW_REMOTE_IMAGES = 'preview.allowRemoteImages';

/** What differs between the two previews: the meta box alone, and the whole post page. */
export interface PreviewKind {
  viewType: string;
  /** The panel title before `: file.md`, and the name in messages. */
  title: string;
  what: string;
  request: string;
  stylesRequest: string;
  /** The page's blocks carry `data-line`: the webview scrolls with the editor. */
  scrollSync: boolean;
}

export const META_BOX_KIND: PreviewKind = {
  viewType: META_BOX_VIEW_TYPE, title: 'Meta Box', what: 'meta box', request: META_BOX_REQUEST, stylesRequest: META_BOX_STYLES_REQUEST, scrollSync: false,
};
export const POST_PAGE_KIND: PreviewKind = {
  viewType: POST_PREVIEW_VIEW_TYPE, title: 'Post Preview', what: 'post preview', request: POST_PAGE_REQUEST, stylesRequest: POST_PAGE_STYLES_REQUEST, scrollSync: true,
};

/** What the webview script stores with `setState` (kept across reloads; the serializer reads `uri`). */
export interface PreviewState {
  uri?: string;
  scroll?: Record<string, number>;
}

type Message =
  | { type: 'ready'; uri?: string }
  | { type: 'error'; message: string }
  | { type: 'rendered'; uri: string; version: number; paintMs?: number; paintedAt?: number }
  | { type: 'reveal'; uri: string; range: [number, number, number, number] }
  | { type: 'scrolled'; uri: string; line: number; scrollY: number }
  | { type: 'text'; id: number; text: string; scrollY: number };

/**
 * A preview (the meta box, or the whole post page): one panel beside the editor that
 * follows the active Markdown editor, re-renders (through the language server's
 * `alphanode/metaBox` or `alphanode/postPage`) as the author types, and selects a field's or
 * block's source when it is clicked. The post page also scrolls with the editor.
 */
export class MetaBoxPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private dirty = false;
  private sequence = 0;
  private postedSequence = 0;
  private allowRemote = false;
  private last: { uri: string; version: number; html: string } | undefined;
  private renderedVersion: number | undefined;
  private error: string | undefined;
  /** Measurements for the tests (probe.ts). */
  private readonly probe = new PreviewProbe();

  /** The webview's last scroll report: the source line of the block at its top. */
  private scrolled: { line: number; scrollY: number } | undefined;
  private readonly textRequests = new Map<number, (page: { text: string; scrollY: number }) => void>();
  private textRequestId = 0;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly client: () => BaseLanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
    private readonly kind: PreviewKind = META_BOX_KIND,
  ) {
    if (kind.scrollSync) {
      this.disposables.push(
        vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
          if (!this.panel?.visible || event.textEditor.document.uri.toString() !== this.uri?.toString()) return;
          const top = event.visibleRanges[0]?.start.line;
          if (top !== undefined) void this.panel.webview.postMessage({ type: 'scrollTo', uri: this.uri.toString(), line: top });
        }),
      );
    }
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isMarkdown(editor.document) && editor.document.uri.toString() !== this.uri?.toString()) this.show(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!this.panel || event.document.uri.toString() !== this.uri?.toString() || event.contentChanges.length === 0) return;
        this.probe.changed(event.document.version);
        this.schedule();
      }),
      // Restored after a reload before its post's editor: the server gets the post now.
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.panel && document.uri.toString() === this.uri?.toString()) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && event.affectsConfiguration(`${CONFIG_SECTION}.${ALLOW_REMOTE_IMAGES}`)) this.load();
      }),
    );
  }

  /** The command: show the preview of `uri` (default: the active Markdown editor) beside it. */
  open(uri?: vscode.Uri): void {
    const target = uri ?? activeMarkdown()?.uri;
    if (!target) {
      void vscode.window.showInformationMessage(`Open a runbook post (a Markdown file) to see its ${this.kind.what}.`);
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(this.kind.viewType, this.kind.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
      this.attach(panel);
    }
    this.show(target);
  }

  /** The serializer: a panel VS Code kept across a window reload. */
  restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): void {
    if (this.panel) {
      // Only one preview: a second restored panel is not needed.
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    const uri = state?.uri ? vscode.Uri.parse(state.uri) : activeMarkdown()?.uri;
    if (uri) this.show(uri);
  }

  /** Test-only: the page's visible text (innerText) in the webview, reviewer-only elements hidden, and its scroll position. */
  debugText(): Promise<{ text: string; scrollY: number } | undefined> {
    const panel = this.panel;
    if (!panel) return Promise.resolve(undefined);
    const id = ++this.textRequestId;
    return new Promise((resolve) => {
      this.textRequests.set(id, resolve);
      void panel.webview.postMessage({ type: 'probeText', id });
    });
  }

  debugState(): PreviewDebugState {
    return {
      scrolledLine: this.scrolled?.line,
      scrollY: this.scrolled?.scrollY,
      open: this.panel !== undefined,
      visible: this.panel?.visible ?? false,
      uri: this.uri?.toString(),
      version: this.last?.version,
      html: this.last?.html,
      renderedVersion: this.renderedVersion,
      error: this.error,
      ...this.probe.snapshot(),
    };
  }

  /** Handles a message as if the webview had sent it (the reveal path, for tests). */
  handleMessage(message: Message): Promise<void> {
    return this.onMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extension.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.panelDisposables = [
      panel.onDidDispose(() => {
        for (const disposable of this.panelDisposables) disposable.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
        this.uri = undefined;
        this.last = undefined;
        this.renderedVersion = undefined;
        clearTimeout(this.timer);
        this.timer = undefined;
      }),
      panel.webview.onDidReceiveMessage((message: Message) => void this.onMessage(message)),
    ];
    this.load();
  }

  /** (Re)loads the webview document with a new nonce; the script asks for the box when it is ready. */
  private load(): void {
    const panel = this.panel;
    if (!panel) return;
    this.allowRemote = this.uri ? allowRemoteImages(this.uri) : false;
    const allowRemote = this.allowRemote;
    void Promise.all([this.scriptText(), this.styles()]).then(
      ([script, css]) => {
        if (panel !== this.panel || allowRemote !== this.allowRemote) return;
        this.probe.loaded();
        panel.webview.html = previewShell({ cspSource: panel.webview.cspSource, nonce: newNonce(), script, css, allowRemoteImages: allowRemote, loading: `Rendering the ${this.kind.what}…` });
      },
      (error: unknown) => this.output.error(`Meta box preview: cannot read media/preview.js: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private script: Thenable<string> | undefined;
  private css: Promise<string> | undefined;

  /** The box's stylesheet, from the server (it waits for the server to start); '' while it cannot answer. */
  private styles(): Promise<string> {
    const client = this.client();
    if (!client) return Promise.resolve('');
    this.css ??= client.sendRequest<MetaBoxStylesResult>(this.kind.stylesRequest).then(
      (css) => css,
      (error: unknown) => {
        this.css = undefined; // asked again on the next load
        this.output.warn(`${this.kind.title}: no stylesheet from the server: ${error instanceof Error ? error.message : String(error)}`);
        return '';
      },
    );
    return this.css;
  }

  private scriptText(): Thenable<string> {
    this.script ??= vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extension.extensionUri, 'media', 'preview.js')).then((bytes) => new TextDecoder().decode(bytes));
    return this.script;
  }

  private show(uri: vscode.Uri): void {
    if (!this.panel) return;
    const switched = uri.toString() !== this.uri?.toString();
    this.uri = uri;
    this.panel.title = `${this.kind.title}: ${basename(uri)}`;
    if (switched) {
      this.probe.switched();
      this.last = undefined;
    }
    // The CSP names the image sources: a document with another setting needs a new page.
    if (allowRemoteImages(uri) !== this.allowRemote) this.load();
    else void this.refresh();
  }

  /**
   * A change starts a render at once (on the next tick, after the language client has sent
   * the change); changes that arrive while one is in flight are coalesced into one more
   * render of the newest text when it returns. So an edit repaints after one server round
   * trip, and a burst of keystrokes costs at most one render in flight. A hidden panel
   * renders nothing: its webview asks for the box (`ready`) when it is shown again.
   */
  private schedule(): void {
    if (!this.panel?.visible) return;
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = true;
      void this.refresh().finally(() => {
        this.inFlight = false;
        if (this.dirty) {
          this.dirty = false;
          this.schedule();
        }
      });
    }, 0);
  }

  /** Asks the server for the box of the shown document and posts it to the webview. */
  private async refresh(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    const client = this.client();
    if (!panel || !uri) return;
    const sequence = ++this.sequence;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    const wanted = document?.version;
    const requested = Date.now();
    let attempts = 0;
    let result: MetaBoxResult | null = null;
    try {
      if (!client) throw new Error('the Alphanode language server is not running');
      const params: MetaBoxParams = { uri: client.code2ProtocolConverter.asUri(uri), allowRemoteImages: this.allowRemote };
      for (let attempt = 0; ; attempt++) {
        attempts++;
        result = await client.sendRequest<MetaBoxResult | null>(this.kind.request, params);
        // The request overtook the text change (or the open) it should see: ask again shortly.
        if (attempt < STALE_RETRIES && wanted !== undefined && (!result || result.version < wanted)) {
          await new Promise((resolve) => setTimeout(resolve, STALE_RETRY_MS));
          continue;
        }
        break;
      }
      this.error = undefined;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.output.warn(`${this.kind.title}: ${this.error}`);
    }
    // A newer refresh already posted, or the panel moved on to another document.
    if (sequence < this.postedSequence || panel !== this.panel || uri.toString() !== this.uri?.toString()) return;
    this.postedSequence = sequence;
    const html = result ? result.html : notice(this.error ? `The ${this.kind.what} could not be rendered: ${this.error}` : `Open this file in an editor to see its ${this.kind.what}.`);
    const unchanged = this.last?.uri === uri.toString() && this.last.html === html;
    this.last = { uri: uri.toString(), version: result?.version ?? wanted ?? 0, html };
    this.probe.posted(this.last.version, requested, attempts);
    // The same box again (an edit of the body): the webview only acknowledges the version.
    void panel.webview.postMessage({ type: 'update', uri: uri.toString(), version: this.last.version, ...(unchanged ? {} : { html }) });
  }

  private async onMessage(message: Message): Promise<void> {
    this.probe.message(message.type, 'version' in message ? message.version : undefined);
    if (message.type === 'error') {
      this.output.warn(`${this.kind.title} (webview): ${message.message}`);
    } else if (message.type === 'ready') {
      // A new webview document (opened, shown again, reloaded): it has no box yet.
      this.last = undefined;
      await this.refresh();
    } else if (message.type === 'rendered') {
      if (message.uri !== this.uri?.toString()) return;
      this.renderedVersion = message.version;
      this.probe.rendered(message.version, message.paintMs, message.paintedAt);
    } else if (message.type === 'reveal') {
      await this.reveal(message.uri, message.range);
    } else if (message.type === 'scrolled') {
      if (message.uri === this.uri?.toString() && Number.isInteger(message.line)) this.scrolled = { line: message.line, scrollY: message.scrollY };
    } else if (message.type === 'text') {
      this.textRequests.get(message.id)?.({ text: String(message.text), scrollY: Number(message.scrollY) });
      this.textRequests.delete(message.id);
    }
  }

  /** Selects `range` of the document in its editor (opening one beside the preview if none shows it). */
  private async reveal(uriText: string, range: [number, number, number, number]): Promise<void> {
    // Only the post the panel shows: the webview names no other file.
    if (uriText !== this.uri?.toString()) return;
    if (!Array.isArray(range) || range.length !== 4 || !range.every((n) => Number.isInteger(n) && n >= 0)) return;
    const uri = vscode.Uri.parse(uriText);
    const selection = new vscode.Selection(range[0], range[1], range[2], range[3]);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

function activeMarkdown(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isMarkdown(document)) return document;
  return vscode.window.visibleTextEditors.find((editor) => isMarkdown(editor.document))?.document;
}

function allowRemoteImages(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION, uri).get<boolean>(ALLOW_REMOTE_IMAGES, false) === true;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** A message in the box's look, for when there is no box to show. */
function notice(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<article class="anp-box"><div class="notice"><p>${escaped}</p></div></article>`;
}

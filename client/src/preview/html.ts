/** A fresh CSP nonce for each load of the webview's document (Web Crypto: Node and browser alike). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

export interface ShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /**
   * The text of media/preview.js, put inline with the nonce (read once from the extension's
   * media folder): the page then fetches nothing through the webview's resource loader
   * before it can ask for the box.
   */
  script: string;
  /** The box stylesheet (the renderer's `css`). */
  css: string;
  allowRemoteImages: boolean;
  /** Shown until the first render arrives. */
  loading?: string;
}

/**
 * A webview page's Content-Security-Policy: nothing but this nonce's style and script, and
 * images only from `images` (none when left out). `cspSource` also lets styles load from the
 * extension's `media/`.
 */
export function webviewCsp({ nonce, cspSource, images }: { nonce: string; cspSource?: string; images?: string }): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource ? `${cspSource} ` : ''}'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    ...(images ? [`img-src ${images}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The preview page's Content-Security-Policy: this script, these styles, images from the extension (and https when allowed). */
export function previewCsp({ cspSource, nonce, allowRemoteImages }: Pick<ShellOptions, 'cspSource' | 'nonce' | 'allowRemoteImages'>): string {
  return webviewCsp({ nonce, cspSource, images: `${cspSource}${allowRemoteImages ? ' https:' : ''}` });
}

export interface WebviewDocument {
  csp: string;
  nonce: string;
  css: string;
  /** Markup the caller escaped. */
  body: string;
  script: string;
  /** Plain text (escaped here). */
  title?: string;
}

/** The one HTML shell of the extension's webviews: the CSP, then one nonce'd stylesheet and one nonce'd script. */
export function webviewDocument({ csp, nonce, css, body, script, title }: WebviewDocument): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${title === undefined ? '' : `<title>${escapeHtml(title)}</title>\n`}<style nonce="${nonce}">${css}</style>
</head>
<body>
${body}
<script nonce="${nonce}">${script.replace(/<\/(script)/gi, '<\\/$1')}</script>
</body>
</html>`;
}

/** Text safe in HTML content and in double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Page chrome around the box (the box's own look is the renderer's stylesheet). */
const CHROME = `
body { padding: 0 16px; }
.anp-page .blk.anp-flash { background: color-mix(in srgb, var(--vscode-editor-findMatchHighlightBackground, #ffd33d) 35%, transparent); }
body.anp-reader [data-review] { display: none !important; }
.anp-loading { margin: 24px auto; max-width: 820px; color: var(--vscode-descriptionForeground); font-style: italic; }
`;

/**
 * The webview document: loaded once per panel (and again when the CSP must change);
 * updates arrive as messages, so typing never reloads the page or loses its scroll.
 */
export function previewShell(options: ShellOptions): string {
  return webviewDocument({
    csp: previewCsp(options),
    nonce: options.nonce,
    css: options.css + CHROME,
    body: `<main id="root" aria-live="polite"><p class="anp-loading">${(options.loading ?? 'Rendering the meta box…').replace(/[&<>"']/g, '')}</p></main>`,
    script: options.script,
  });
}

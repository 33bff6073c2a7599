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

/** The preview page's Content-Security-Policy: this script, these styles, images from the extension (and https when allowed). */
export function previewCsp({ cspSource, nonce, allowRemoteImages }: Pick<ShellOptions, 'cspSource' | 'nonce' | 'allowRemoteImages'>): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}${allowRemoteImages ? ' https:' : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
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
  const { nonce } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${previewCsp(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${options.css}${CHROME}</style>
</head>
<body>
<main id="root" aria-live="polite"><p class="anp-loading">${(options.loading ?? 'Rendering the meta box…').replace(/[&<>"']/g, '')}</p></main>
<script nonce="${nonce}">${options.script.replace(/<\/(script)/gi, '<\\/$1')}</script>
</body>
</html>`;
}

import { escapeHtml } from './escape';
import type { MetaBoxHtml } from './metaBoxHtml';

export interface StandaloneOptions {
  /** The page title (escaped here). */
  title: string;
  /** The CSP source that allows the inline stylesheet: `'sha256-…'` of `box.css` (the host hashes it; the core has no crypto). */
  styleSource: string;
  /** Allow `https:` images (the box only has `<img>` elements when it was rendered with remote images allowed). */
  allowRemoteImages: boolean;
}

/**
 * A complete HTML page for the box (`alphanode render --format html`): its own strict
 * Content-Security-Policy (nothing but the inline stylesheet, and https images when
 * allowed), no scripts, the stylesheet inline, so reviewers can open it anywhere.
 */
export function metaBoxDocument(box: MetaBoxHtml, options: StandaloneOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${options.styleSource}`,
    `img-src ${options.allowRemoteImages ? 'https:' : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="en">\n<head>\n' +
    '<meta charset="utf-8">\n' +
    // The policy holds no `"`, `<` or `&` (its parts are fixed or hashes): no escaping needed.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="color-scheme" content="light dark">\n' +
    `<title>${escapeHtml(options.title)}</title>\n` +
    `<style>${box.css}</style>\n` +
    '</head>\n' +
    `<body class="anp-standalone">\n${box.html}\n</body>\n</html>\n`
  );
}

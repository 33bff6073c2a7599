import { META_BOX_CSS } from './styles';

/**
 * The page preview's stylesheet: the meta box's theme variables (light, dark, high contrast;
 * VS Code's colors in the editor, fallbacks standalone) and the page's own rules.
 *
 * The text comparison with the export reads the page like innerText does, so no element
 * whose text is a line part (meta labels and values, markers) may become block-level
 * here (no flex or grid on their parents, only inline and inline-block), and no text of
 * the site's gets `text-transform` (innerText applies it; the e2e test reads innerText).
 */
const PAGE_RULES = `
.anp-page {
  box-sizing: border-box; max-width: 760px; margin: 0 auto; padding: 8px 0 48px;
  color: var(--an-fg); font-family: var(--an-font); font-size: 15px; line-height: 1.6; overflow-wrap: anywhere;
}
.anp-page *, .anp-page *::before, .anp-page *::after { box-sizing: border-box; }
.anp-page .blk { position: relative; margin: 0; padding: 2px 0 2px 12px; border-left: 3px solid transparent; }
.anp-page .blk[data-range] { cursor: pointer; }
.anp-page .blk:hover { border-left-color: var(--an-line); }
.anp-page .blk-error { border-left-color: var(--an-error); }
.anp-page .blk-warning { border-left-color: var(--an-warning); }
.anp-page .blk-info { border-left-color: var(--an-info); }
.anp-page .blk.anp-current { background: color-mix(in srgb, var(--an-accent) 6%, transparent); }
.anp-page p { margin: 0 0 14px; }
.anp-page .page-title { margin: 12px 0 16px; font-size: 26px; line-height: 1.25; font-weight: 700; }
.anp-page h2.page-heading { margin: 28px 0 10px; font-size: 20px; line-height: 1.3; font-weight: 650; padding-bottom: 4px; border-bottom: 1px solid var(--an-line); }
.anp-page h3.page-heading, .anp-page h4.page-heading, .anp-page h5.page-heading, .anp-page h6.page-heading { margin: 20px 0 8px; font-size: 16px; }
.anp-page code { font-family: var(--an-mono); font-size: .88em; padding: 1px 5px; border-radius: 4px; background: var(--an-track); }
.anp-page pre.code, .anp-page .rollback-note pre { margin: 0 0 14px; padding: 10px 12px; border-radius: 6px; background: var(--an-card); border: 1px solid var(--an-line); overflow-x: auto; line-height: 1.45; }
.anp-page pre code { padding: 0; background: none; font-size: 13px; }
.anp-page .raw-html { margin: 0 0 14px; font-family: var(--an-mono); font-size: 13px; color: var(--an-muted); }
.anp-page .link { color: var(--an-accent); text-decoration: underline; }
.anp-page .inline-image { font-style: italic; color: var(--an-muted); }
.anp-page hr { border: 0; border-top: 1px solid var(--an-line); margin: 18px 0; }

.anp-page .list { list-style: none; margin: 0 0 14px; padding-left: 8px; }
.anp-page .list .list { margin: 0; padding-left: 20px; }
.anp-page .list li { padding: 1px 0; }
.anp-page .marker { color: var(--an-accent); font-weight: 600; }
.anp-page .item-more { padding-left: 16px; }

.anp-page .page-image { margin: 4px 0 16px; border: 1px solid var(--an-line); border-radius: 8px; overflow: hidden; background: var(--an-card); }
.anp-page .image-media { display: block; width: 100%; aspect-ratio: 1200 / 630; object-fit: cover; }
.anp-page .image-placeholder { max-height: 220px; }
.anp-page .image-placeholder { position: relative; background: repeating-linear-gradient(135deg, var(--an-track) 0 10px, transparent 10px 20px); color: var(--an-muted); }
.anp-page .image-placeholder::after { position: absolute; left: 0; right: 0; bottom: 10px; text-align: center; font-size: 12px; }
.anp-page .image-off::after { content: "image not loaded: remote images are off"; }
.anp-page .image-bad::after { content: "image not loaded: not an https URL"; }
.anp-page .placeholder-icon { position: absolute; left: 50%; top: 50%; width: 40px; height: 30px; margin: -15px 0 0 -20px; border: 2px solid currentColor; border-radius: 4px; opacity: .7; }
.anp-page figcaption { padding: 8px 12px; font-size: 13px; }
.anp-page .image-caption { font-weight: 600; }
.anp-page .image-credit { color: var(--an-muted); font-size: 12px; }

/* Hidden characters (bidi controls, zero widths): a marker drawn from data-char, not part of the text. */
.anp-page .hidden-char::before {
  content: "⟨" attr(data-char) "⟩"; display: inline-block; margin: 0 1px; padding: 0 4px; border-radius: 3px; unicode-bidi: isolate; direction: ltr;
  font-family: var(--an-mono); font-size: 10px; font-style: normal; font-weight: 700; color: var(--an-bg); background: var(--an-warning);
}

.anp-page .page-meta { margin: 32px 0 0; padding: 12px 16px; border: 1px solid var(--an-line); border-radius: 10px; background: var(--an-card); font-size: 13px; }
.anp-page .meta-title { margin: 0 0 8px; font-size: 13px; font-weight: 700; letter-spacing: .04em; color: var(--an-muted); }
.anp-page .meta-row { padding: 4px 0 4px 8px; border-left: 3px solid transparent; border-top: 1px solid var(--an-line); }
.anp-page .meta-label { display: inline-block; min-width: 9em; margin-right: 12px; color: var(--an-muted); font-weight: 600; }
.anp-page .meta-value { font-variant-numeric: tabular-nums; }
.anp-page .meta-items { list-style: none; margin: 0; padding-left: 16px; }
.anp-page .meta-items.nested { padding-left: 16px; }
.anp-page .meta-group + .meta-group { border-top: 1px dashed var(--an-line); }

.anp-page .page-review { position: sticky; top: 0; z-index: 1; margin: 0 0 8px; padding: 6px 0; background: var(--an-bg); border-bottom: 1px solid var(--an-line); font-size: 12px; }
.anp-page .page-summary { display: inline-block; margin-right: 12px; padding: 1px 10px; border-radius: 999px; border: 1px solid currentColor; font-weight: 600; text-decoration: none; }
.anp-page .status-ok { color: var(--an-good); }
.anp-page .status-error { color: var(--an-error); }
.anp-page .status-warning { color: var(--an-warning); }
.anp-page .status-info { color: var(--an-info); }
.anp-page .rollback-toggle { position: absolute; width: 1px; height: 1px; opacity: 0; }
.anp-page .rollback-switch { cursor: pointer; color: var(--an-fg); user-select: none; }
.anp-page .rollback-switch::before { content: "☐ "; }
.anp-page .rollback-toggle:checked ~ .page-review .rollback-switch::before { content: "☑ "; }
.anp-page .rollback-toggle:focus-visible ~ .page-review .rollback-switch { outline: 1px solid var(--vscode-focusBorder, var(--an-accent)); outline-offset: 2px; }
.anp-page .rollback-toggle:checked ~ .blk-rollback, .anp-page .rollback-toggle:checked ~ .blk .rollback-note { display: none; }
.anp-page .rollback-note { margin: 0 0 14px; padding: 8px 12px; border: 2px dashed var(--an-warning); border-radius: 8px; background: color-mix(in srgb, var(--an-warning) 8%, var(--an-bg)); }
.anp-page .rollback-title { margin: 0 0 6px; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--an-warning); }

.anp-page .problems { list-style: none; margin: 0 0 12px; padding: 0; font-size: 12px; line-height: 1.45; }
.anp-page .problem { scroll-margin-top: 56px; margin: 2px 0; padding: 4px 8px; border-radius: 6px; border: 1px solid var(--an-hc); }
.anp-page .problem-error { background: color-mix(in srgb, var(--an-error) 12%, var(--an-bg)); }
.anp-page .problem-warning { background: color-mix(in srgb, var(--an-warning) 12%, var(--an-bg)); }
.anp-page .problem-info { background: color-mix(in srgb, var(--an-info) 12%, var(--an-bg)); }
.anp-page .problem-level { margin-right: 8px; font-size: 10px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; }
.anp-page .problem-error .problem-level { color: var(--an-error); }
.anp-page .problem-warning .problem-level { color: var(--an-warning); }
.anp-page .problem-info .problem-level { color: var(--an-info); }
.anp-page .problem-rule { margin-left: 8px; font-family: var(--an-mono); font-size: 11px; color: var(--an-accent); }
.anp-page .problem:target { outline: 2px solid var(--vscode-focusBorder, var(--an-accent)); }
body.vscode-high-contrast .anp-page .blk:hover, body.vscode-high-contrast-light .anp-page .blk:hover { outline: 1px dashed var(--vscode-contrastActiveBorder, var(--an-hc)); }
@media (max-width: 480px) {
  .anp-page { font-size: 14px; }
  .anp-page .page-title { font-size: 21px; }
  .anp-page h2.page-heading { font-size: 17px; }
  .anp-page .blk { padding-left: 8px; }
  .anp-page .meta-label { min-width: 0; }
}
`;

export const PAGE_CSS = `${META_BOX_CSS}${PAGE_RULES}`;

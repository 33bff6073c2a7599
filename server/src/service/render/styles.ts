/**
 * The meta box stylesheet. Colours come from VS Code's theme variables (`--vscode-*`), so
 * the preview follows the light, dark and high contrast themes; each has a fallback for
 * the standalone page of `alphanode render --format html` (light, or dark when the
 * browser prefers it). No inline styles anywhere: the score bars use `pct-N` classes, so
 * a strict Content-Security-Policy needs nothing but this one stylesheet.
 */
const THEME_LIGHT = `
  --an-fg: var(--vscode-foreground, #1f2328);
  --an-muted: var(--vscode-descriptionForeground, #59636e);
  --an-bg: var(--vscode-editor-background, #ffffff);
  --an-accent: var(--vscode-textLink-foreground, #0969da);
  --an-error: var(--vscode-editorError-foreground, #cf222e);
  --an-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --an-info: var(--vscode-editorInfo-foreground, #0969da);
  --an-good: var(--vscode-charts-green, #1a7f37);
  --an-mid: var(--vscode-charts-yellow, #bf8700);
  --an-low: var(--vscode-charts-red, #cf222e);
  --an-purple: var(--vscode-charts-purple, #8250df);
  --an-blue: var(--vscode-charts-blue, #0969da);
`;

const THEME_DARK = `
  --an-fg: var(--vscode-foreground, #d1d7e0);
  --an-muted: var(--vscode-descriptionForeground, #9198a1);
  --an-bg: var(--vscode-editor-background, #0d1117);
  --an-accent: var(--vscode-textLink-foreground, #4493f8);
  --an-error: var(--vscode-editorError-foreground, #f85149);
  --an-warning: var(--vscode-editorWarning-foreground, #d29922);
  --an-info: var(--vscode-editorInfo-foreground, #4493f8);
  --an-good: var(--vscode-charts-green, #3fb950);
  --an-mid: var(--vscode-charts-yellow, #d29922);
  --an-low: var(--vscode-charts-red, #f85149);
  --an-purple: var(--vscode-charts-purple, #ab7df8);
  --an-blue: var(--vscode-charts-blue, #4493f8);
`;

const widths = Array.from({ length: 101 }, (_, n) => `.anp-box .pct-${n}{width:${n}%}`).join('\n');

export const META_BOX_CSS = `:root {${THEME_LIGHT}
  --an-hc: var(--vscode-contrastBorder, transparent);
  /* Not --vscode-charts-orange: VS Code defines it translucent. */
  --an-orange: color-mix(in srgb, var(--an-low) 50%, var(--an-mid));
  --an-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --an-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace);
  --an-card: color-mix(in srgb, var(--an-fg) 4%, var(--an-bg));
  --an-line: color-mix(in srgb, var(--an-fg) 13%, var(--an-bg));
  --an-track: color-mix(in srgb, var(--an-fg) 11%, var(--an-bg));
  --an-chip: color-mix(in srgb, var(--an-accent) 12%, var(--an-bg));
  --an-chip-line: color-mix(in srgb, var(--an-accent) 30%, var(--an-bg));
}
@media (prefers-color-scheme: dark) {
  :root {${THEME_DARK}
  }
}
body.vscode-high-contrast, body.vscode-high-contrast-light {
  --an-card: var(--an-bg);
  --an-line: var(--an-hc);
  --an-chip: var(--an-bg);
  --an-chip-line: var(--an-hc);
  --an-track: var(--an-bg);
}
body.anp-standalone { margin: 0; padding: 32px 16px; background: var(--an-bg); color: var(--an-fg); font-family: var(--an-font); }

.anp-box {
  box-sizing: border-box; max-width: 820px; margin: 16px auto 32px; padding: 0 0 8px;
  color: var(--an-fg); font-family: var(--an-font); font-size: 13px; line-height: 1.5;
  background: var(--an-card); border: 1px solid var(--an-line); border-radius: 10px; overflow: hidden;
}
.anp-box *, .anp-box *::before, .anp-box *::after { box-sizing: border-box; }
.anp-box [data-range] { cursor: pointer; }
.anp-box .box-head {
  display: flex; align-items: center; justify-content: space-between; gap: 12px;
  padding: 10px 20px; border-bottom: 1px solid var(--an-line); background: color-mix(in srgb, var(--an-accent) 7%, var(--an-card));
}
.anp-box .box-title { margin: 0; font-size: 11px; font-weight: 700; letter-spacing: .09em; text-transform: uppercase; color: var(--an-muted); }
.anp-box .box-status { font-size: 11px; font-weight: 600; padding: 2px 10px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.anp-box .status-ok { color: var(--an-good); }
.anp-box .status-error { color: var(--an-error); }
.anp-box .status-warning { color: var(--an-warning); }
.anp-box .status-info { color: var(--an-info); }

.anp-box .field { position: relative; padding: 12px 20px; border-top: 1px solid var(--an-line); min-width: 0; }
.anp-box > .field:first-of-type, .anp-box > .box-problems + .field { border-top: 0; }
.anp-box .field[data-range]:hover { background: color-mix(in srgb, var(--an-accent) 4%, transparent); }
.anp-box .field-error { box-shadow: inset 3px 0 0 var(--an-error); }
.anp-box .field-warning { box-shadow: inset 3px 0 0 var(--an-warning); }
.anp-box .field-info { box-shadow: inset 3px 0 0 var(--an-info); }
.anp-box .label { margin: 0 0 6px; font-size: 11px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--an-muted); }
.anp-box p { margin: 0; }
.anp-box .prose { max-width: 72ch; }
.anp-box .field-topic { padding-top: 18px; }
.anp-box .topic { font-size: 20px; font-weight: 600; line-height: 1.3; }
.anp-box .field-summary .prose { font-size: 14px; }
.anp-box .field-ai_brief .prose { color: var(--an-muted); font-style: italic; }
.anp-box .mono, .anp-box code { font-family: var(--an-mono); font-size: 12px; }
.anp-box code { padding: 1px 5px; border-radius: 4px; color: var(--an-fg); background: var(--an-track); }
.anp-box pre code, .anp-box .image-url.mono { padding: 0; background: none; }
.anp-box .empty, .anp-box .missing { color: var(--an-muted); font-style: italic; }

.anp-not-post .prose + .prose { margin-top: 8px; }
.anp-not-post .label { margin-top: 14px; }
.anp-not-post .not-post-ways { margin: 0; padding-left: 20px; }
.anp-box .row { display: grid; border-top: 1px solid var(--an-line); }
.anp-box .row > .field { border-top: 0; }
.anp-box .row > .field + .field { border-left: 1px solid var(--an-line); }
.anp-box .row-problems { grid-column: 1 / -1; padding: 0 20px 12px; }
.anp-box .row-problems .problems { margin-top: 0; }
.anp-box .group-team-fields { border-top: 2px solid var(--an-line); }
.anp-box .group-label { margin: 0; padding: 12px 20px 0; font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.06em; opacity: 0.7; }
.anp-box .row-pair { grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); }
/*
 * The stats: four columns when the box has room for "CODE LANGUAGE" and "157,046 views" in each,
 * two below 640 px, one below 360 px (never three and an orphan, never a label or a unit that
 * wraps, never content under the next cell's error bar). The box is the query container, so
 * this holds in a side-by-side preview as in a full-width one.
 */
.anp-box { container: anp-box / inline-size; }
.anp-box .row-stats { grid-template-columns: repeat(4, minmax(0, 1fr)); }
.anp-box .row-stats > .field .label, .anp-box .unit { white-space: nowrap; }
.anp-box .row-stats > .field .label { overflow: hidden; text-overflow: ellipsis; }
.anp-box .stat { font-size: 18px; font-weight: 600; line-height: 1.4; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
@container anp-box (max-width: 639px) {
  .anp-box .row-stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .anp-box .row-stats > .field:nth-child(2n + 1) { border-left: 0; }
  .anp-box .row-stats > .field:nth-child(n + 3) { border-top: 1px solid var(--an-line); }
}
@container anp-box (max-width: 359px) {
  .anp-box .row-stats { grid-template-columns: minmax(0, 1fr); }
  .anp-box .row-stats > .field + .field { border-left: 0; border-top: 1px solid var(--an-line); }
  .anp-box .field { padding-left: 14px; padding-right: 14px; }
}
.anp-box .stat code { font-size: 15px; padding: 1px 8px; border-radius: 4px; background: var(--an-chip); border: 1px solid var(--an-chip-line); }
.anp-box .unit { font-size: 12px; font-weight: 400; color: var(--an-muted); }
.anp-box .difficulty { display: flex; align-items: center; gap: 8px; }
.anp-box .dots { display: inline-flex; gap: 3px; }
.anp-box .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--an-track); border: 1px solid var(--an-hc); }
.anp-box .dot-on { background: var(--an-accent); }
.anp-box .ident code { font-size: 13px; word-break: break-all; }

.anp-box .kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.anp-box .kv-row { display: contents; }
.anp-box .kv dt { color: var(--an-muted); }
.anp-box .kv dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.anp-box .kv .kv { grid-template-columns: max-content 1fr; }

.anp-box .chips, .anp-box .entities, .anp-box .flags { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.anp-box .chip, .anp-box .entity {
  display: inline-flex; align-items: center; gap: 6px; padding: 1px 10px; border-radius: 999px;
  background: var(--an-chip); border: 1px solid var(--an-chip-line); line-height: 20px; max-width: 100%; overflow-wrap: anywhere;
}
.anp-box .entity { padding-left: 3px; }
.anp-box .entity-type {
  font-size: 10px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; padding: 0 7px; border-radius: 999px;
  color: var(--an-bg); background: var(--an-muted); line-height: 16px;
}
.anp-box .entity-type-stack { background: var(--an-blue); }
.anp-box .entity-type-area { background: var(--an-purple); }
.anp-box .entity-type-problem { background: var(--an-orange); }
.anp-box .entity-type-tool { background: var(--an-good); }

.anp-box .scores { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 6px 28px; }
.anp-box .score { display: grid; grid-template-columns: 72px 1fr 40px; align-items: center; gap: 10px; }
.anp-box .score-name { color: var(--an-muted); }
.anp-box .score-value { text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
.anp-box .meter { position: relative; display: block; height: 8px; border-radius: 999px; background: var(--an-track); border: 1px solid var(--an-hc); overflow: hidden; }
.anp-box .meter-fill { display: block; height: 100%; border-radius: 999px; }
.anp-box .level-high { background: var(--an-good); }
.anp-box .level-mid { background: var(--an-mid); }
.anp-box .level-low { background: var(--an-low); }
${widths}

.anp-box .revision { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; }
.anp-box .badge { font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; padding: 1px 10px; border-radius: 999px; border: 1px solid currentColor; }
.anp-box .status-drafted { color: var(--an-muted); }
.anp-box .status-expanded { color: var(--an-blue); }
.anp-box .status-reviewed { color: var(--an-purple); }
.anp-box .status-published { color: var(--an-good); }
.anp-box .status-other { color: var(--an-warning); }
.anp-box .version { font-weight: 600; }
.anp-box .reviewed { color: var(--an-fg); }
.anp-box .ago { color: var(--an-muted); }

.anp-box .flag { display: inline-flex; align-items: center; gap: 8px; padding: 2px 4px 2px 10px; border-radius: 6px; border: 1px solid var(--an-line); background: var(--an-bg); }
.anp-box .flag-state { font-size: 10px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; padding: 0 7px; border-radius: 4px; line-height: 16px; }
.anp-box .flag-on .flag-state { color: var(--an-bg); background: var(--an-good); }
.anp-box .flag-off .flag-state { color: var(--an-muted); background: var(--an-track); }
.anp-box .flag-off .flag-name { color: var(--an-muted); }
.anp-box .flag-bad .flag-state { color: var(--an-bg); background: var(--an-warning); text-transform: none; }

.anp-box .checklist, .anp-box .notes, .anp-box .list { margin: 0; padding-left: 22px; }
.anp-box .checklist li, .anp-box .notes li, .anp-box .list li { padding: 1px 0; }
.anp-box .checklist { list-style: none; padding-left: 0; counter-reset: step; }
.anp-box .checklist > li { counter-increment: step; display: flex; gap: 10px; align-items: baseline; }
.anp-box .checklist > li::before {
  content: counter(step); flex: none; width: 20px; height: 20px; line-height: 18px; text-align: center; border-radius: 50%;
  font-size: 11px; font-weight: 700; color: var(--an-accent); border: 1px solid var(--an-chip-line); background: var(--an-chip);
}
.anp-box .notes { color: var(--an-muted); }

.anp-box .images { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.anp-box .image { margin: 0; border: 1px solid var(--an-line); border-radius: 8px; overflow: hidden; background: var(--an-bg); }
.anp-box .image-media { display: block; width: 100%; aspect-ratio: 1200 / 630; object-fit: cover; }
.anp-box .image-placeholder {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px; padding: 12px; text-align: center;
  background: repeating-linear-gradient(135deg, var(--an-track) 0 10px, transparent 10px 20px); color: var(--an-muted);
}
.anp-box .placeholder-icon { width: 28px; height: 22px; border: 2px solid currentColor; border-radius: 4px; position: relative; opacity: .7; }
.anp-box .placeholder-icon::after { content: ""; position: absolute; left: 4px; right: 4px; bottom: 3px; height: 8px; border-left: 6px solid transparent; border-right: 6px solid transparent; border-bottom: 8px solid currentColor; }
.anp-box .placeholder-caption { color: var(--an-fg); font-weight: 600; }
.anp-box .placeholder-note { font-size: 11px; }
.anp-box figcaption { display: flex; flex-direction: column; gap: 2px; padding: 8px 10px; font-size: 12px; }
.anp-box .image-caption { font-weight: 600; }
.anp-box .image-source { color: var(--an-muted); }
.anp-box .image-url { color: var(--an-muted); font-size: 11px; word-break: break-all; }

/* A hidden character of a value (bidi control, zero width…) shown as ⟨U+202E⟩: isolated and left-to-right, so it reads the same inside right-to-left text. */
.anp-box .hidden-char {
  display: inline-block; margin: 0 1px; padding: 0 4px; border-radius: 3px; unicode-bidi: isolate; direction: ltr;
  font-family: var(--an-mono); font-size: 10px; font-style: normal; font-weight: 700; line-height: 1.5; text-transform: none; letter-spacing: 0;
  color: var(--an-bg); background: var(--an-warning); border: 1px solid var(--an-warning);
}
body.vscode-high-contrast .anp-box .hidden-char, body.vscode-high-contrast-light .anp-box .hidden-char { color: var(--an-warning); background: var(--an-bg); border-color: var(--an-warning); }

.anp-box .mark { text-decoration: underline wavy; text-decoration-skip-ink: none; text-underline-offset: 3px; }
.anp-box .mark-error { text-decoration-color: var(--an-error); }
.anp-box .mark-warning { text-decoration-color: var(--an-warning); }
.anp-box .mark-info { text-decoration-color: var(--an-info); }
.anp-box .chip.mark-error, .anp-box .entity.mark-error, .anp-box .flag.mark-error, .anp-box .image.mark-error { border-color: var(--an-error); }
.anp-box .chip.mark-warning, .anp-box .entity.mark-warning, .anp-box .flag.mark-warning, .anp-box .image.mark-warning { border-color: var(--an-warning); }

.anp-box .problems { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.anp-box .box-problems { margin: 0; padding: 10px 20px; border-bottom: 1px solid var(--an-line); }
.anp-box .problem { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; padding: 4px 8px; border-radius: 6px; font-size: 12px; border: 1px solid var(--an-hc); }
.anp-box .problem-error { background: color-mix(in srgb, var(--an-error) 10%, var(--an-bg)); }
.anp-box .problem-warning { background: color-mix(in srgb, var(--an-warning) 10%, var(--an-bg)); }
.anp-box .problem-info { background: color-mix(in srgb, var(--an-info) 10%, var(--an-bg)); }
.anp-box .problem-level { flex: none; font-size: 10px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; }
.anp-box .problem-error .problem-level { color: var(--an-error); }
.anp-box .problem-warning .problem-level { color: var(--an-warning); }
.anp-box .problem-info .problem-level { color: var(--an-info); }
.anp-box .problem-message { flex: 1 1 16em; min-width: 0; overflow-wrap: anywhere; }
.anp-box .problem-rule, .anp-box .problem-where { flex: none; color: var(--an-muted); font-family: var(--an-mono); font-size: 11px; }

.anp-box .notice { padding: 16px 20px; }
.anp-box .yaml-errors { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.anp-box .yaml-excerpt { margin: 6px 0 0; padding: 8px 10px; border-radius: 6px; background: var(--an-bg); border: 1px solid var(--an-line); overflow-x: auto; }
.anp-box .yaml-excerpt mark { color: inherit; background: color-mix(in srgb, var(--an-error) 25%, transparent); text-decoration: underline wavy var(--an-error); text-decoration-skip-ink: none; }
.anp-box .yaml-context { color: var(--an-muted); }

body.vscode-high-contrast .anp-box .field[data-range]:hover, body.vscode-high-contrast-light .anp-box .field[data-range]:hover { outline: 1px dashed var(--vscode-contrastActiveBorder, var(--an-hc)); outline-offset: -1px; background: transparent; }
@media (max-width: 520px) {
  .anp-box .row > .field + .field { border-left: 0; border-top: 1px solid var(--an-line); }
  .anp-box .field { padding: 10px 14px; }
}
`;

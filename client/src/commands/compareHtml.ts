import type { ComparePostsChange, ComparePostsResult } from '../../../server/src/protocol';
import { escapeHtml, webviewCsp, webviewDocument } from '../preview/html';

// The Compare Post with Revision page. No vscode import: unit tests render it with hostile values.

export { escapeHtml };

/** The most of a value a cell shows (a whole rollback note can be long); the title attribute has it all. */
const MAX_SHOWN = 200;

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN - 1)}…`;
}

function valueCell(present: boolean, value: unknown): string {
  if (!present) return '<td class="none">—</td>';
  const text = JSON.stringify(value) ?? String(value);
  return `<td title="${escapeHtml(text)}"><code>${escapeHtml(shown(value))}</code></td>`;
}

function row(change: ComparePostsChange): string {
  const where = change.kind === 'reordered' && change.from ? `${change.path} (was ${change.from})` : change.path;
  // data-line is a number we wrote, read back by the page script as a number only.
  const line = change.line === undefined ? '' : ` data-line="${Number(change.line)}" tabindex="0" role="button"`;
  return `<tr class="${change.kind}"${line}><td>${escapeHtml(change.area)}</td><td><span class="kind">${escapeHtml(change.kind)}</span></td><td><code>${escapeHtml(where)}</code></td>${valueCell(change.kind !== 'added', change.old)}${valueCell(change.kind !== 'removed', change.new)}</tr>`;
}

const STYLE = `
body { padding: 0 16px; font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
h1 { font-size: 1.2em; }
.summary { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); overflow-wrap: break-word; }
th, td:nth-child(-n+2) { white-space: nowrap; }
td:nth-child(3) { min-width: 10ch; }
td:nth-child(n+4) { width: 40%; }
td code { white-space: pre-wrap; }
tr[data-line] { cursor: pointer; }
tr[data-line]:hover, tr[data-line]:focus { background: var(--vscode-list-hoverBackground); outline: none; }
.kind { font-weight: 600; }
.added .kind { color: var(--vscode-gitDecoration-addedResourceForeground, #3fb950); }
.removed .kind { color: var(--vscode-gitDecoration-deletedResourceForeground, #f85149); }
.changed .kind, .reordered .kind { color: var(--vscode-gitDecoration-modifiedResourceForeground, #d29922); }
.none { color: var(--vscode-descriptionForeground); }
/* A narrow panel: each change as a block, its values one under the other. */
@media (max-width: 560px) {
  thead { display: none; }
  table, tbody, tr, td, td:nth-child(n+4) { display: block; width: auto; }
  tr { padding: 6px 0; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
  td { border: none; padding: 2px 0; }
  td:nth-child(-n+2) { display: inline-block; margin-right: 8px; }
  td:nth-child(4)::before { content: 'Before: '; color: var(--vscode-descriptionForeground); }
  td:nth-child(5)::before { content: 'After: '; color: var(--vscode-descriptionForeground); }
}
.note { border-left: 3px solid var(--vscode-editorWarning-foreground, #d29922); padding-left: 8px; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
function reveal(target) {
  const row = target.closest('tr[data-line]');
  if (row) vscode.postMessage({ type: 'reveal', line: Number(row.dataset.line) });
}
document.addEventListener('click', (event) => reveal(event.target));
document.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') reveal(event.target); });
`;

export interface ComparePage {
  /** The post's name as the workspace shows it. */
  post: string;
  /** The revision as the user picked it (`HEAD`, a branch, a commit). */
  revision: string;
  diff: ComparePostsResult;
  nonce: string;
}

/** The whole page: strict CSP (nothing but this nonce's style and script), every value escaped. */
export function comparePageHtml({ post, revision, diff, nonce }: ComparePage): string {
  const title = `${post} compared with ${revision}`;
  const statusText = {
    added: `New since ${revision}: the post does not exist there.`,
    deleted: `Deleted since ${revision}.`,
    unchanged: `No change since ${revision}.`,
    modified: diff.changes.length === 0 ? `Only prose or code changed since ${revision} (no meta, section, checklist or rollback note change).` : `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} since ${revision}. Click a row to show its line.`,
  }[diff.status] ?? '';
  const table = diff.changes.length === 0 ? '' : `<table><thead><tr><th>Part</th><th>Change</th><th>Where</th><th>Before</th><th>After</th></tr></thead><tbody>${diff.changes.map(row).join('')}</tbody></table>`;
  const notes = diff.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('');
  return webviewDocument({
    csp: webviewCsp({ nonce }),
    nonce,
    title,
    css: STYLE,
    body: `<h1>${escapeHtml(title)}</h1>\n<p class="summary" data-status="${escapeHtml(diff.status)}">${escapeHtml(statusText)}</p>\n${notes}${table}`,
    script: SCRIPT,
  });
}

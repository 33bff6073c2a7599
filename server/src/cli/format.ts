import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

/** One checked file: its diagnostics, or why it could not be read. */
export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  error?: string;
  /** The file could not be read at all (then `error` says why): it was not checked. */
  unreadable?: boolean;
  /** With --fix: how many problems were fixed in the file. */
  fixed?: number;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
}

const SEVERITY_NAME: Record<number, 'error' | 'warning' | 'info' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(diagnostic: Diagnostic): string {
  return SEVERITY_NAME[diagnostic.severity ?? DiagnosticSeverity.Error];
}

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function summarize(results: FileResult[]): Summary {
  const all = results.flatMap((result) => result.diagnostics);
  return {
    files: results.length,
    errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length + results.filter((r) => r.error).length,
    warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
  };
}

/** The JSON contract of spec §7; teams' CI parses it, so its shape never changes. */
export function formatJson(results: FileResult[]): string {
  const files = results.map((result) => ({
    path: result.path,
    ...(result.error ? { error: result.error } : {}),
    ...(result.fixed !== undefined ? { fixed: result.fixed } : {}),
    diagnostics: result.diagnostics.map((diagnostic) => ({
      rule: String(diagnostic.code),
      severity: severityName(diagnostic),
      message: messageOf(diagnostic),
      range: diagnostic.range,
    })),
  }));
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}

/** `path:line:column: severity rule message` with 1-based line and column, as compilers print. */
export function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.error) lines.push(`${result.path}: error: ${result.error}`);
    if (result.fixed) lines.push(`${result.path}: fixed ${result.fixed} problem${result.fixed === 1 ? '' : 's'}`);
    for (const diagnostic of result.diagnostics) {
      const { line, character } = diagnostic.range.start;
      lines.push(`${result.path}:${line + 1}:${character + 1}: ${severityName(diagnostic)} ${String(diagnostic.code)} ${messageOf(diagnostic)}`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}

/** `N files checked: N errors, N warnings.`, the last line of the text and github formats. */
export function summaryLine(results: FileResult[]): string {
  // A file that could not be read was not checked: it is counted apart, not as "1 file checked: 1 error".
  const unreadable = results.filter((result) => result.unreadable).length;
  const summary = summarize(results.filter((result) => !result.unreadable));
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const unread = unreadable > 0 ? `; ${plural(unreadable, 'file')} could not be read` : '';
  return `${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${unread}.`;
}

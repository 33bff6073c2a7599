import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { FileResult, messageOf, summaryLine } from './format';

/**
 * `alphanode check --format github`: one GitHub Actions workflow command per diagnostic
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule-id::message`), which the
 * runner turns into annotations on the pull request's diff. Lines and columns are 1-based
 * (UTF-16 columns, end column exclusive, as in the SARIF output). Infos become notices.
 * A file that could not be read is an `::error file=…::` without a position. The last line,
 * a plain summary, stays in the job's log.
 */
export function formatGithub(results: FileResult[], cwd: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = `file=${escapeProperty(annotationPath(result.path, cwd))}`;
    if (result.error) lines.push(`::error ${file}::${escapeData(result.error)}`);
    if (result.fixed) lines.push(`::notice ${file}::${escapeData(`fixed ${result.fixed} problem${result.fixed === 1 ? '' : 's'}`)}`);
    for (const diagnostic of result.diagnostics) {
      const { start, end } = diagnostic.range;
      const properties = [
        file,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(String(diagnostic.code))}`,
      ];
      lines.push(`::${commandOf(diagnostic)} ${properties.join(',')}::${escapeData(messageOf(diagnostic))}`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}

/**
 * GitHub places an annotation by its path relative to the repository (the job's working folder):
 * a path inside the working folder is made relative, with forward slashes.
 */
function annotationPath(path: string, cwd: string): string {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const inside = relative(cwd, absolute);
  const outside = inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  const shown = outside ? absolute : inside;
  return shown.split(sep).join('/');
}

function commandOf(diagnostic: Diagnostic): 'error' | 'warning' | 'notice' {
  if (diagnostic.severity === DiagnosticSeverity.Warning) return 'warning';
  if (diagnostic.severity === DiagnosticSeverity.Information || diagnostic.severity === DiagnosticSeverity.Hint) return 'notice';
  return 'error';
}

/**
 * The runner's own escaping (actions/toolkit, `@actions/core` command.ts): a message may not
 * hold a line break or it would end the command; `%` comes first so an escape is never re-read.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also may not hold `:` (ends the properties) or `,` (separates them). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

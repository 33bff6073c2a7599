import { isAbsolute, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { INTERNAL_ERROR, RULE_DOCS_URL, RULES } from '../service';
import { SUPPRESSION_DIAGNOSTICS } from '../service/check';
import { TEMPLATE_DIAGNOSTICS } from '../service/workspace';
import type { FileResult } from './format';

/**
 * `alphanode check --format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning
 * and other CI annotators read. One run; the driver lists every rule with its description,
 * default level and help URI (docs/rules.md#<id>); each diagnostic is a result whose
 * location is relative to %SRCROOT% (the working folder), with 1-based lines and UTF-16
 * columns (`columnKind`), end column exclusive, as LSP ranges are. Files that could not be
 * read are tool execution notifications, and make the invocation unsuccessful.
 */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/alphanode/alphanode-runbooks';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; fixable: boolean };
}

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

const LEVEL: Record<string, Level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The tool version (package.json's). */
  version: string;
  /** The working folder: result paths are relative to it (%SRCROOT%). */
  cwd: string;
}

export function formatSarif(results: FileResult[], options: SarifOptions): string {
  const rules = ruleDescriptors();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarifResults = results.flatMap((result) =>
    result.diagnostics.map((diagnostic) => {
      const ruleId = String(diagnostic.code ?? INTERNAL_ERROR);
      if (!ruleIndex.has(ruleId)) {
        ruleIndex.set(ruleId, rules.length);
        rules.push(descriptor(ruleId, `Diagnostics with the code ${ruleId}.`, 'warning', false));
      }
      const sarifResult: Record<string, unknown> = {
        ruleId,
        ruleIndex: ruleIndex.get(ruleId),
        level: levelOf(diagnostic),
        message: { text: messageOf(diagnostic) },
        locations: [{ physicalLocation: physicalLocation(result.path, diagnostic, options.cwd) }],
      };
      return sarifResult;
    }),
  );
  const unreadable = results.filter((result) => result.error);
  const run = {
    tool: {
      driver: {
        name: 'alphanode',
        fullName: 'Alphanode Runbooks',
        version: options.version,
        ...(/^\d+\.\d+\.\d+/.test(options.version) ? { semanticVersion: options.version } : {}),
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: unreadable.length === 0,
        toolExecutionNotifications: unreadable.map((result) => ({
          level: 'error',
          message: { text: `${result.path}: ${result.error}` },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.path, options.cwd) } }],
        })),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
  };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

/** Every rule of the registry, then the other codes the checker reports (templates, suppressions, internal errors). */
function ruleDescriptors(): ReportingDescriptor[] {
  return [
    ...RULES.map((rule) => descriptor(rule.id, rule.description, rule.defaultSeverity, rule.fixable)),
    ...[...TEMPLATE_DIAGNOSTICS, ...SUPPRESSION_DIAGNOSTICS].map((entry) => descriptor(entry.id, entry.description, entry.severity, false)),
    descriptor(INTERNAL_ERROR, 'A rule crashed on the post (the other rules still ran); please report it with the post.', 'error', false),
  ];
}

function descriptor(id: string, description: string, severity: string, fixable: boolean): ReportingDescriptor {
  const helpUri = `${RULE_DOCS_URL}#${id}`;
  const text = plain(description);
  return {
    id,
    name: id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text },
    fullDescription: { text },
    helpUri,
    help: { text: `${text} See ${helpUri}`, markdown: `${description} [Rule documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[severity] ?? 'warning' },
    properties: { tags: ['alphanode', 'runbook'], fixable },
  };
}

function physicalLocation(path: string, diagnostic: Diagnostic, cwd: string): PhysicalLocation {
  const { start, end } = diagnostic.range;
  return {
    artifactLocation: artifactLocation(path, cwd),
    region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
  };
}

/** The file relative to %SRCROOT% (percent-encoded, forward slashes), or an absolute file URI outside it. */
function artifactLocation(path: string, cwd: string): PhysicalLocation['artifactLocation'] {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const relativePath = absolute.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep) ? absolute.slice(cwd.length).replace(/^[\\/]+/, '') : undefined;
  if (relativePath === undefined) return { uri: pathToFileURL(absolute).href };
  return { uri: relativePath.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function levelOf(diagnostic: Diagnostic): Level {
  if (diagnostic.severity === DiagnosticSeverity.Warning) return 'warning';
  if (diagnostic.severity === DiagnosticSeverity.Information || diagnostic.severity === DiagnosticSeverity.Hint) return 'note';
  return 'error';
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Markdown code spans read fine as plain text without their backticks. */
function plain(markdown: string): string {
  return markdown.replace(/`+([^`]+?)`+/g, '$1');
}

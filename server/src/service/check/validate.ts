import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isoToday } from '../model/dates';
import type { PostDocument } from '../model/document';
import { Finding, internalErrorDiagnostic, toDiagnostic } from './diagnostics';
import { MetaAccess } from '../model/meta';
import { applySuppressions } from './suppression';
import { RULES } from '../rules';
import type { Rule, RuleContext } from '../rules';
import { DEFAULT_TEMPLATE, Severity, Template } from '../workspace/template';

// Re-exported: the adapters and the tests take these from here.
export { DIAGNOSTIC_SOURCE, RULE_DOCS_URL, internalErrorDiagnostic } from './diagnostics';
export type { Finding } from './diagnostics';

export interface ValidationOptions {
  template?: Template;
  /** `YYYY-MM-DD`; defaults to today (UTC). */
  today?: string;
  /** The file matched the `files` globs: then a missing front matter is an error. Default true. */
  matchedByFiles?: boolean;
  /**
   * The owner fixes write into a rollback note: the host resolves it (editor: the
   * `alphanode.owner` setting, else git's user.name, else the OS user; CLI: `--owner`, else
   * git, else the OS user). It changes fixes only, never diagnostics.
   */
  owner?: string;
  /** Rules to run instead of the registry (tests of the registry's crash guard). */
  rules?: readonly Rule[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Runs every enabled rule over one parsed post. Never throws: a crashing rule becomes one diagnostic. */
export function validatePost(post: PostDocument, options: ValidationOptions = {}): Diagnostic[] {
  return analyzePost(post, options).map((finding) => finding.diagnostic);
}

/** Like validatePost, with each diagnostic's fixes (code actions, fix-all, `check --fix`). */
export function analyzePost(post: PostDocument, options: ValidationOptions = {}): Finding[] {
  if (post.unreadable !== undefined) {
    return [internalError(post, `This file could not be checked: ${post.unreadable}. No other check ran on it.`)];
  }
  try {
    return runRules(post, options);
  } catch (error) {
    // The rules are guarded one by one; this catches the shared steps (suppressions, sorting).
    return [internalError(post, `Internal error while checking this post: ${describeError(error)}. Please report this with the post.`)];
  }
}

function runRules(post: PostDocument, options: ValidationOptions): Finding[] {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const today = options.today ?? isoToday();
  const context: RuleContext = { post, template, today, meta: new MetaAccess(post, template, today), matchedByFiles: options.matchedByFiles ?? true, owner: options.owner?.replace(/\s+/g, ' ').trim() || undefined };
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = template.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    try {
      for (const problem of rule.check(context)) {
        findings.push({ diagnostic: toDiagnostic(rule.id, SEVERITY[setting], problem.range, problem.message, problem.data), fixes: problem.fixes ?? [] });
      }
    } catch (error) {
      findings.push(internalError(post, `Internal error in rule ${rule.id}: ${describeError(error)}. The other rules still ran; please report this with the post.`));
    }
  }
  // Reading order; for one place, the catalog order (sort is stable).
  // Inline `alphanode-disable…` comments drop what they cover and report unknown rule ids.
  return applySuppressions(post, findings).sort((a, b) => comparePositions(a.diagnostic.range.start, b.diagnostic.range.start));
}

function internalError(post: PostDocument, message: string): Finding {
  return { diagnostic: internalErrorDiagnostic(message, post.index.lineRange(0)), fixes: [] };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function comparePositions(a: Diagnostic['range']['start'], b: Diagnostic['range']['start']): number {
  return a.line - b.line || a.character - b.character;
}

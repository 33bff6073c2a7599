import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { capMessage } from '../model/messages';
import { INTERNAL_ERROR } from '../rules';
import type { Fix } from '../rules';

/**
 * How every alphanode diagnostic is shaped: the rule registry (validate.ts) and the
 * suppression comments (suppression.ts) both build theirs here, so the source, the docs
 * link and the message cap are the same everywhere.
 */
export const DIAGNOSTIC_SOURCE = 'alphanode';
/** Where each rule is documented; `#<rule-id>` anchors into docs/rules.md. */
export const RULE_DOCS_URL = 'https://github.com/alphanode/alphanode-runbooks/blob/main/docs/rules.md';

/** A diagnostic with the quick fixes its rule offers for it. */
export interface Finding {
  diagnostic: Diagnostic;
  fixes: Fix[];
}

export function toDiagnostic(code: string, severity: DiagnosticSeverity, range: Diagnostic['range'], message: string, data: unknown): Diagnostic {
  // The last guard against echoing a hostile value in full: rules elide values themselves.
  const diagnostic: Diagnostic = { range, severity, code, codeDescription: { href: `${RULE_DOCS_URL}#${code}` }, source: DIAGNOSTIC_SOURCE, message: capMessage(message) };
  if (data !== undefined) diagnostic.data = data;
  return diagnostic;
}

/** The `internal-error` diagnostic: something kept a file from being checked (adapters use it for failures outside the rules). */
export function internalErrorDiagnostic(message: string, range: Diagnostic['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }): Diagnostic {
  return toDiagnostic(INTERNAL_ERROR, DiagnosticSeverity.Error, range, message, undefined);
}

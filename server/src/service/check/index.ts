/**
 * Checking a post: run the rules over the model, apply the template's severities and the
 * author's `alphanode-disable` comments, and turn findings into LSP diagnostics.
 */
export { analyzePost, validatePost } from './validate';
export type { ValidationOptions } from './validate';
export { DIAGNOSTIC_SOURCE, RULE_DOCS_URL, internalErrorDiagnostic } from './diagnostics';
export type { Finding } from './diagnostics';
export { SUPPRESSION_DIAGNOSTICS, SUPPRESSION_UNKNOWN_RULE } from './suppression';
export { DUE_SOON_DAYS, groupByOwner, staleEntry } from './stale';
export type { StaleEntry, StaleGroup } from './stale';

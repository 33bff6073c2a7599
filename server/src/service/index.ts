/**
 * The alphanode language service: a pure library (text and settings in, LSP data out).
 * No `vscode`, no connection, no file system: the server, the CLI and the extension are
 * thin adapters over these functions.
 */
export { parsePost, metaObject } from './document';
export type { PostDocument } from './document';
export { analyzePost, validatePost, DIAGNOSTIC_SOURCE, RULE_DOCS_URL } from './validate';
export type { Finding, ValidationOptions } from './validate';
export { classifyPost, matchesFiles } from './isPost';
export { RULES, RULE_IDS, INTERNAL_ERROR, ruleById } from './rules';
export type { Fix, Rule, Problem } from './rules';
export { DEFAULT_TEMPLATE } from './template';
export type { Template, Severity, SeveritySetting } from './template';
export { isoToday } from './dates';
export { fixAll, applyEdits, minimalEdit, MAX_FIX_PASSES } from './fixAll';
export type { FixAllResult } from './fixAll';
export { importExport } from './export/importExport';
export type { ImportResult, ImportWarning } from './export/types';
export { renderText } from './export/renderText';
export { stripRollbackNotes } from './export/stripRollback';
export type { PostClassification } from './isPost';
export { completePost, COMPLETION_TRIGGER_CHARACTERS } from './completion';
export type { AssistOptions } from './completion';
export { hoverPost } from './hover';
export type { HoverOptions } from './hover';
export { documentSymbols, foldingRanges } from './symbols';
export { markReviewed } from './review';

/**
 * The alphanode language service: a pure library (text and settings in, LSP data out).
 * No `vscode`, no connection, no file system: the server, the CLI and the extension are
 * thin adapters over these functions.
 */
export { parsePost, metaObject } from './document';
export type { PostDocument } from './document';
export { validatePost, DIAGNOSTIC_SOURCE, RULE_DOCS_URL } from './validate';
export type { ValidationOptions } from './validate';
export { classifyPost, matchesFiles } from './isPost';
export { RULES, RULE_IDS, INTERNAL_ERROR, ruleById } from './rules';
export type { Rule, Problem } from './rules';
export { DEFAULT_TEMPLATE } from './template';
export type { Template, Severity, SeveritySetting } from './template';
export { isoToday } from './dates';

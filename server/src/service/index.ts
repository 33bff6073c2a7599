/**
 * The alphanode language service: a pure library (text and settings in, LSP data out).
 * No `vscode`, no connection, no file system: the server, the CLI and the extension are
 * thin adapters over these functions. Each group has an index, and adapters import only
 * this file or a group's index:
 *   model/     the post: text, front matter and its YAML parse, meta, body, checklist, rollback notes
 *   rules/     one module per rule, and the registry
 *   check/     running the rules: severities, suppression comments, diagnostics
 *   assist/    completion, hover, symbols, fixes, generators
 *   render/    the previews' HTML
 *   export/    the site's text export, both ways
 *   workspace/ templates, post globs, ignore files, over a host that reads the workspace
 *   compare/   the semantic diff of two versions of a post
 */
export * from './model';
export * from './check';
export * from './assist';
export * from './render';
export * from './export';
export * from './workspace';
export * from './compare';
export { RULES, RULE_IDS, INTERNAL_ERROR, ruleById } from './rules';
export type { Fix, Rule, Problem } from './rules';
export { INSERT_ROLLBACK_NOTE, INSERT_ROLLBACK_NOTE_FOR_SECTION } from './rules/rollback-missing';

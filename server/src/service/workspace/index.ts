/**
 * The workspace side of the core: which team template applies to a file, which files are
 * posts, and what `.alphanodeignore` skips, over a host that reads the workspace (the
 * server's client requests, the CLI's node:fs, a map in tests). No file system here.
 */
export { WorkspaceResolver, SKIPPED_FOLDERS } from './resolver';
export type { Resolution, ResolverOptions, TemplateFile } from './resolver';
export { MemoryHost } from './host';
export type { EntryKind, WorkspaceHost } from './host';
export { IGNORE_FILE, isIgnored, parseIgnore } from './ignore';
export type { IgnoreRules } from './ignore';
export { DEFAULT_TEMPLATE, CHECKLIST_SECTION, FINAL_SECTION } from './template';
export type { Template, Severity, SeveritySetting } from './template';
export { TEMPLATE_FILE, TEMPLATE_DIAGNOSTICS, TEMPLATE_CODES, TEMPLATE_DOCS_URL, parseTemplate, templateFileSchema } from './templateSchema';
export type { ParsedTemplate } from './templateSchema';
export { effectiveTemplate, effectiveYaml, DEFAULT_SOURCE } from './effective';
export type { EffectiveTemplate } from './effective';
export { resolveBase, MAX_EXTENDS_DEPTH } from './extends';
export { hoverTemplate } from './templateHover';

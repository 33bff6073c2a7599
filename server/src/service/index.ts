/**
 * The alphanode language service: a pure library (text and settings in, LSP data out).
 * No `vscode`, no connection, no file system: the server, the CLI and the extension are
 * thin adapters over these functions.
 */
export { parsePost, metaObject, oversizedPost, MAX_POST_LENGTH } from './document';
export type { PostDocument } from './document';
export { analyzePost, validatePost, internalErrorDiagnostic, DIAGNOSTIC_SOURCE, RULE_DOCS_URL } from './validate';
export type { Finding, ValidationOptions } from './validate';
export { classifyPost, matchesFiles } from './isPost';
export type { PostClassification } from './isPost';
export { RULES, RULE_IDS, INTERNAL_ERROR, ruleById } from './rules';
export type { Fix, Rule, Problem } from './rules';
export { DEFAULT_TEMPLATE } from './template';
export type { Template, Severity, SeveritySetting } from './template';
export { isoToday } from './dates';
export { fixAll, fixPass, applyEdits, minimalEdit, MAX_FIX_PASSES } from './fixAll';
export type { FixAllResult } from './fixAll';
export { importExport } from './export/importExport';
export type { ImportResult, ImportWarning } from './export/types';
export { renderText } from './export/renderText';
export { stripRollbackNotes } from './export/stripRollback';
export { completePost, COMPLETION_TRIGGER_CHARACTERS } from './completion';
export type { AssistOptions } from './completion';
export { hoverPost } from './hover';
export type { HoverOptions } from './hover';
export { documentSymbols, foldingRanges } from './symbols';
export { markReviewed } from './review';
export { rollbackNoteInsertion, rollbackNoteSnippetLines, rollbackNoteTextLines, escapeSnippetText } from './rollbackNote';
export type { RollbackNoteInsertion, RollbackNoteMode } from './rollbackNote';
export { newPost, checkNewPostAnswer, normalizeAnswer, newPostFileName, newPostPath, defaultChecklistPreset, NEW_POST_QUESTIONS, MAX_SEED } from './newPost';
export type { NewPostInput, NewPostField } from './newPost';
export { INSERT_ROLLBACK_NOTE, INSERT_ROLLBACK_NOTE_FOR_SECTION } from './rules/rollback-missing';
export { renderMetaBox } from './render/metaBoxHtml';
export { renderNotAPost } from './render/notAPost';
export type { MetaBoxHtml, MetaBoxOptions } from './render/metaBoxHtml';
export { metaBoxDocument } from './render/document';
export type { StandaloneOptions } from './render/document';
export { escapeHtml, safeImageUrl } from './render/escape';

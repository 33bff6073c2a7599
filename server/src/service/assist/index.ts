/**
 * Helping the author write: completion, hover, outline and folding, fixes (one and all),
 * the rollback note and new post generators, and Mark post reviewed.
 */
export { completePost, COMPLETION_TRIGGER_CHARACTERS } from './completion';
export type { AssistOptions } from './completion';
export { hoverPost } from './hover';
export type { HoverOptions } from './hover';
export { documentSymbols, foldingRanges } from './symbols';
export { fixAll, fixPass, applyEdits, minimalEdit, MAX_FIX_PASSES } from './fixAll';
export type { FixAllResult } from './fixAll';
export { markReviewed, reviewedToday, reviewedVersion } from './review';
export { rollbackNoteInsertion, rollbackNoteSnippetLines, rollbackNoteTextLines, escapeSnippetText } from './rollbackNote';
export type { RollbackNoteInsertion, RollbackNoteMode } from './rollbackNote';
export { newPost, checkNewPostAnswer, normalizeAnswer, newPostFileName, newPostPath, defaultChecklistPreset, NEW_POST_QUESTIONS, MAX_SEED } from './newPost';
export type { NewPostInput, NewPostField } from './newPost';

/** The site's rendered text export: import it into a post, and render a post back to it. */
export { importExport } from './importExport';
export type { ImportResult, ImportWarning } from './types';
export { renderText } from './renderText';
export { stripRollbackNotes } from './stripRollback';

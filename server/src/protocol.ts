/**
 * Names shared by the client and the server. Kept free of dependencies so the client
 * bundle does not pull in the server's libraries.
 */
export const CONFIG_SECTION = 'alphanode';
export const LANGUAGE_ID = 'markdown';
export const SERVER_NAME = 'Alphanode Runbooks';

/**
 * `initializationOptions` of the client: `ownerFallback` is the rollback note owner after the
 * `alphanode.owner` setting (desktop: git's user.name, else the OS user; absent in the
 * browser). Quick fixes and Fix all name the same owner as Insert Rollback Note.
 */
export interface InitializationOptions {
  ownerFallback?: string;
}

/** The meta box preview's webview panel type (serializer, `onWebviewPanel:` activation). */
export const META_BOX_VIEW_TYPE = 'alphanode.metaBoxPreview';
/** Custom request: the meta box of an open document, rendered by the server (features/preview.ts). */
export const META_BOX_REQUEST = 'alphanode/metaBox';
export interface MetaBoxParams {
  /** The document, as the client names it in `textDocument/didOpen`. */
  uri: string;
  /** `alphanode.preview.allowRemoteImages` for that document: load https images, or show placeholders. */
  allowRemoteImages: boolean;
}
/** The box of one document version; `null` instead when the server does not have the document open. */
export interface MetaBoxResult {
  uri: string;
  version: number;
  /** The box (an `<article>`), every post value escaped; elements carry `data-range="l:c:l:c"` of their source. */
  html: string;
  /** Its stylesheet (theme variables; no inline styles needed). */
  css: string;
}

/**
 * Workspace files reach the server through the client (the server never touches the file
 * system, so it can run in the browser too). `alphanode/findFiles`: the files of a
 * workspace folder matching any `include` glob (relative to the folder) and no `exclude`
 * glob, as URIs. `alphanode/readFile`: a file's text (UTF-8), or null when it cannot be read.
 */
export const FIND_FILES_REQUEST = 'alphanode/findFiles';
export interface FindFilesParams {
  folderUri: string;
  include: string[];
  exclude?: string;
  maxResults?: number;
}
export type FindFilesResult = string[];

export const READ_FILE_REQUEST = 'alphanode/readFile';
export interface ReadFileParams {
  uri: string;
}
export type ReadFileResult = string | null;

/** The files whose changes on disk the server watches (`workspace/didChangeWatchedFiles`). */
export const WATCHED_FILES = ['**/.alphanode.yaml', '**/.alphanodeignore', '**/*.{md,markdown}'];

/** Custom request: a rendered export (the site's plain-text page) turned into a source post (features/convert.ts). */
export const IMPORT_EXPORT_REQUEST = 'alphanode/importExport';
export interface ImportExportParams {
  text: string;
  /** Where the export lives: the team template of that folder names the sections. */
  uri: string;
}
/** The source post and what could not be classified (1-based lines of the export), or why it is not an export. */
export type ImportExportResult = { ok: true; source: string; warnings: Array<{ line: number; message: string }> } | { ok: false; error: string };

/**
 * The editor commands that insert a rollback note (at the cursor, or at the end of the section
 * around it). The rollback-missing quick fixes name the same ids (service/rules/rollback-missing.ts;
 * test/lsp/authoring.test.ts checks that they agree).
 */
export const INSERT_ROLLBACK_NOTE_COMMAND = 'alphanode.insertRollbackNote';
export const INSERT_ROLLBACK_NOTE_FOR_SECTION_COMMAND = 'alphanode.insertRollbackNoteForSection';

/**
 * Custom request: where a new rollback note goes in `text` and what it reads, as a snippet
 * (features/authoring.ts). The client sends the editor's text as it is now: the server's copy
 * may be a change behind, and untitled or unsynced editors work too.
 */
export const ROLLBACK_NOTE_REQUEST = 'alphanode/rollbackNote';
export interface RollbackNoteParams {
  text: string;
  /** The cursor (or the line a quick fix names). */
  position: { line: number; character: number };
  /** `cursor`: at the cursor, or after the block around it; `section`: at the end of the `## ` section around it. */
  mode: 'cursor' | 'section';
  /** Filled in as the note's owner; absent: a tab stop. */
  owner?: string;
}
export interface RollbackNoteResult {
  /** Where the snippet is inserted (nothing is replaced). */
  position: { line: number; character: number };
  /** The note with the blank lines it needs around it, in the text's line break (snippet syntax: tab stops). */
  snippet: string;
}

/** Custom request: the questions of the New Runbook Post command, in order (features/authoring.ts). */
export const NEW_POST_QUESTIONS_REQUEST = 'alphanode/newPostQuestions';
export interface NewPostQuestion {
  field: string;
  prompt: string;
  placeHolder: string;
}
export type NewPostQuestionsResult = NewPostQuestion[];

/** Custom request: why an answer can't be used (the input box's message), or null when it can. */
export const CHECK_NEW_POST_ANSWER_REQUEST = 'alphanode/checkNewPostAnswer';
export interface CheckNewPostAnswerParams {
  field: string;
  value: string;
}
export type CheckNewPostAnswerResult = string | null;

/**
 * Custom request: the text of a complete new post from the answers (one per question field).
 * `today` (`YYYY-MM-DD`, default: the server's UTC day) and `seed` (default: a random one) make
 * the text reproducible for tests.
 */
export const NEW_POST_REQUEST = 'alphanode/newPost';
export interface NewPostParams {
  answers: Record<string, string>;
  /** The rollback note's owner; "unassigned" when absent or empty. */
  owner?: string;
  today?: string;
  seed?: number;
}
/** The post, or the first answer's problem (or a bad `today`/`seed`). */
export type NewPostResult = { ok: true; text: string } | { ok: false; error: string };

/** Custom request: the meta box stylesheet, for the preview page before its first box arrives. */
export const META_BOX_STYLES_REQUEST = 'alphanode/metaBoxStyles';
export type MetaBoxStylesResult = string;

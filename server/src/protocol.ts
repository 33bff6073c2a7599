/**
 * Names shared by the client and the server. Kept free of dependencies so the client
 * bundle does not pull in the server's libraries.
 */
export const CONFIG_SECTION = 'alphanode';
export const LANGUAGE_ID = 'markdown';
export const SERVER_NAME = 'Alphanode Runbooks';

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

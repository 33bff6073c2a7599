/**
 * Names shared by the client and the server. Kept free of dependencies so the client
 * bundle does not pull in the server's libraries.
 */
export const CONFIG_SECTION = 'alphanode';
export const LANGUAGE_ID = 'markdown';
export const SERVER_NAME = 'Alphanode Runbooks';
/**
 * Node flags of the server process (the desktop client's execArgv), a complement to keeping
 * little (only the open posts' newest parse): the live heap after editing a 1 MB post is about
 * 16 MB, but by default V8 lets each version's garbage (its text, the parse of the part that
 * changed) pile up to 150 MB of RSS. A 2 MB young generation and a 10 % heap growth step keep
 * the peak under 100 MB at no cost in median latency (2 MB against 4 MB: about 2.5 MB lower
 * peak, the same medians on the 1 MB and 5 MB posts). No heap limit: a 5 MB post still opens.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=10'];

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
  /** False for Markdown that is not a post (then `html` explains why, and how to make it one). */
  isPost: boolean;
}

/**
 * Server → client notification: whether an open document is a post (README "What is a post"),
 * sent when it is first validated and whenever that changes; the client's `alphanode.isPost`
 * context key (the preview button) follows it for the active editor.
 */
export const POST_STATUS_NOTIFICATION = 'alphanode/postStatus';
export interface PostStatusParams {
  uri: string;
  isPost: boolean;
}
/** The context key: the active editor holds a post. */
export const IS_POST_CONTEXT_KEY = 'alphanode.isPost';

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

/**
 * Custom request: the effective team template of a document (a post, or a template file),
 * as YAML with the file each value came from (the editor's Show Effective Template; the
 * CLI's `alphanode config`).
 */
export const EFFECTIVE_TEMPLATE_REQUEST = 'alphanode/effectiveTemplate';
export interface EffectiveTemplateParams {
  uri: string;
}
export interface EffectiveTemplateResult {
  text: string;
}
export const SHOW_EFFECTIVE_TEMPLATE_COMMAND = 'alphanode.showEffectiveTemplate';

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
  /** The workspace folder the post is for: then the result proposes where to save it. */
  folderUri?: string;
}
/**
 * The post, or the first answer's problem (or a bad `today`/`seed`). `proposedUri`: with a
 * `folderUri`, `<slug>.post.md` in the folder its post globs point to (else `posts/`).
 */
export type NewPostResult = { ok: true; text: string; proposedUri?: string } | { ok: false; error: string };

/** Custom request: the meta box stylesheet, for the preview page before its first box arrives. */
export const META_BOX_STYLES_REQUEST = 'alphanode/metaBoxStyles';
export type MetaBoxStylesResult = string;

/** The post preview's webview panel type (serializer, `onWebviewPanel:` activation). */
export const POST_PREVIEW_VIEW_TYPE = 'alphanode.postPreview';
/**
 * Custom request: the whole post as the site renders it, with problems and rollback notes
 * marked for reviewers (features/preview.ts). Params and result as for the meta box: the
 * `html` is one `<article class="anp-page">` whose blocks carry `data-line`/`data-range`.
 */
export const POST_PAGE_REQUEST = 'alphanode/postPage';
export type PostPageParams = MetaBoxParams;
export type PostPageResult = MetaBoxResult;
/** Custom request: the post preview's stylesheet, for the page before its first render. */
export const POST_PAGE_STYLES_REQUEST = 'alphanode/postPageStyles';
export type PostPageStylesResult = string;
/**
 * Custom request: the semantic diff of a post against its text at a git revision (features/compare.ts),
 * the same diff as `alphanode diff`. The client reads the base text from git (the server has no git);
 * `oldText` null: the post did not exist at the revision.
 */
export const COMPARE_POSTS_REQUEST = 'alphanode/comparePosts';
export interface ComparePostsParams {
  oldText: string | null;
  newText: string;
}
export interface ComparePostsChange {
  area: 'meta' | 'sections' | 'paragraphs' | 'checklist' | 'rollback';
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  /** `score.difficulty`, `tags[2]`, `checklist[0]`, `rollback["Deploy"].owner`… */
  path: string;
  old?: unknown;
  new?: unknown;
  /** For `reordered`: where the item stood at the revision. */
  from?: string;
  /** 0-based line in `newText` that shows the change. */
  line?: number;
}
export interface ComparePostsResult {
  status: 'added' | 'deleted' | 'modified' | 'unchanged';
  changes: ComparePostsChange[];
  notes: string[];
}
/** The command that opens the diff beside a post (desktop: it needs git). */
export const COMPARE_WITH_REVISION_COMMAND = 'alphanode.compareWithRevision';

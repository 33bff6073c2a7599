import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { classifyPost, classifyText, DEFAULT_POST_GLOBS, PostClassification } from '../model/isPost';
import { DEFAULT_TEMPLATE, Template } from './template';
import { fallbackDiagnostic, ParsedTemplate, parseTemplate, TEMPLATE_FILE, templateCandidates } from './templateSchema';
import { analyzePost, Finding } from '../check/validate';
import type { WorkspaceHost } from './host';
import { IGNORE_FILE, IgnoreRules, isIgnored, parseIgnore } from './ignore';

/** Folders no walk or template search enters. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A `.alphanode.yaml` as read and parsed once. */
export interface TemplateFile extends ParsedTemplate {
  uri: string;
  /** The folder holding it (its URI without `/.alphanode.yaml`). */
  dir: string;
  text: string;
}

/** What applies to one Markdown file: its template file (if any), the post globs and the path they match. */
export interface Resolution {
  /** The template file that applies (nearest, or `--config`); undefined: the defaults. */
  file: TemplateFile | undefined;
  /** The template to validate with: the file's, or the defaults when there is none or it is broken. */
  template: Template;
  /** Globs that make a file a post, and the path (forward slashes, decoded) they match against. */
  globs: readonly string[];
  globPath: string | undefined;
}

export interface ResolverOptions {
  /** The root folders (workspace folders; the CLI's working folder), as URIs. */
  roots: () => readonly string[];
  /** One template for every file (`alphanode check --config`); its globs are relative to the file's root. */
  fixedTemplate?: string;
  /** How a template's URI is shown in messages (default: relative to its root). */
  label?: (uri: string) => string;
}

/**
 * One answer, for the editor and the CLI alike, to: which `.alphanode.yaml` applies to a
 * path (the nearest between its folder and its root), which globs make a Markdown file a
 * post, and what `.alphanodeignore` files skip (folders and files told apart). Files outside
 * every root take the file system's root as theirs. It reads through a WorkspaceHost and
 * caches what it parsed; `forget(uri)` drops a template or ignore file that changed.
 */
export class WorkspaceResolver {
  private readonly templates = new Map<string, TemplateFile>();
  private readonly ignores = new Map<string, IgnoreRules | null>();

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: ResolverOptions,
  ) {}

  /** Drops what was parsed of `uri` (a template or ignore file changed or was deleted), or of everything. */
  forget(uri?: string): void {
    if (uri === undefined) {
      this.templates.clear();
      this.ignores.clear();
    } else {
      this.templates.delete(uri);
      this.ignores.delete(uri);
    }
  }

  /** The root holding `uri`: the longest root containing it, else the file system's root (`file://`), undefined without a path. */
  rootOf(uri: string): string | undefined {
    if (uri.startsWith('untitled:')) return undefined;
    let best: string | undefined;
    for (const folder of this.options.roots()) {
      const root = trimSlash(folder);
      if ((uri.startsWith(`${root}/`) || uri === root) && (best === undefined || root.length > best.length)) best = root;
    }
    return best ?? /^[a-zA-Z][\w+.-]*:(?:\/\/[^/]*)?(?=\/)/.exec(uri)?.[0];
  }

  /** Whether `uri` is one of the roots or inside one. */
  isInRoot(uri: string): boolean {
    return this.options.roots().some((folder) => uri === trimSlash(folder) || uri.startsWith(`${trimSlash(folder)}/`));
  }

  /** The parsed template file at `uri` (cached), undefined when there is none. */
  templateAt(uri: string): TemplateFile | undefined {
    let loaded = this.templates.get(uri);
    if (!loaded && this.host.stat(uri) === 'file') {
      const text = this.host.readFile(uri) ?? '';
      loaded = { ...parseTemplate(text), uri, dir: uri.slice(0, uri.lastIndexOf('/')), text };
      this.templates.set(uri, loaded);
    }
    return loaded;
  }

  /** The template file that applies to the file at `uri`: `--config`, else the nearest between its folder and its root. */
  templateFileFor(uri: string): TemplateFile | undefined {
    if (this.options.fixedTemplate !== undefined) return this.templateAt(this.options.fixedTemplate);
    const root = this.rootOf(uri);
    if (root === undefined) return undefined;
    const inRoot = this.isInRoot(uri);
    for (const candidate of templateCandidates(uri, inRoot ? root : undefined)) {
      const found = this.templateAt(candidate);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Whether `.alphanodeignore` files skip `uri` (a folder when `isFolder`): those of its root
   * and of every folder down to its parent, each relative to its own folder.
   */
  isIgnored(uri: string, isFolder: boolean): boolean {
    const root = this.rootOf(uri);
    if (root === undefined || uri.length <= root.length + 1) return false;
    const segments = trimSlash(uri).slice(root.length + 1).split('/');
    const rules: IgnoreRules[] = [];
    let dir = root;
    for (let i = 0; i < segments.length; i++) {
      const own = this.ignoreIn(dir);
      if (own) rules.push({ ...own, base: decode(segments.slice(0, i).join('/')) });
      dir = `${dir}/${segments[i]}`;
    }
    return isIgnored(decode(segments.join('/')), rules, isFolder);
  }

  /**
   * The template, post globs and glob path of the Markdown file at `uri`. The globs are the
   * template's `files` (relative to the template's folder) when it sets them and is not
   * broken; otherwise `fallbackGlobs` (the editor's `alphanode.files` setting; the CLI has
   * none, so the defaults) relative to the file's root.
   */
  resolve(uri: string, fallbackGlobs: readonly string[] = DEFAULT_POST_GLOBS): Resolution {
    const file = this.templateFileFor(uri);
    const template = file?.template ?? DEFAULT_TEMPLATE;
    if (file && file.hasFiles && !file.broken) {
      const base = this.options.fixedTemplate !== undefined ? this.rootOf(uri) : file.dir;
      return { file, template, globs: file.template.files, globPath: base === undefined ? undefined : relativeTo(uri, base) };
    }
    const root = this.rootOf(uri);
    return { file, template, globs: fallbackGlobs, globPath: root === undefined ? undefined : relativeTo(uri, root) };
  }

  /** Whether the Markdown file at `uri` is a post (README "What is a post"): not ignored, and matched by the globs or identified by its front matter. */
  classify(uri: string, post: PostDocument, fallbackGlobs?: readonly string[]): PostClassification {
    if (this.isIgnored(uri, false)) return { isPost: false, matchedByFiles: false };
    const { globs, globPath } = this.resolve(uri, fallbackGlobs);
    return classifyPost(globPath, post, globs);
  }

  /** classify before parsing (the workspace scan reads many files that are not posts): the same answer, from the text. */
  mayBePost(uri: string, text: string, fallbackGlobs?: readonly string[]): boolean {
    if (this.isIgnored(uri, false)) return false;
    const { globs, globPath } = this.resolve(uri, fallbackGlobs);
    return classifyText(globPath, text, globs).isPost;
  }

  /** The findings of the file at `uri` ([] when it is no post; `owner`: see ValidationOptions), with the `template-fallback` note when its template is broken. */
  analyze(uri: string, post: PostDocument, fallbackGlobs?: readonly string[], owner?: string): Finding[] {
    const classification = this.classify(uri, post, fallbackGlobs);
    if (!classification.isPost) return [];
    const { file, template } = this.resolve(uri, fallbackGlobs);
    const findings = analyzePost(post, { template, matchedByFiles: classification.matchedByFiles, owner });
    const fallback = this.fallbackFor(file, post.index.trimmedLineRange(0));
    if (fallback) findings.unshift({ diagnostic: fallback, fixes: [] });
    return findings;
  }

  /** The one info diagnostic of a post whose template is broken, at `range`; undefined when it is not. */
  fallbackFor(file: TemplateFile | undefined, range: Range): Diagnostic | undefined {
    if (!file?.broken) return undefined;
    return fallbackDiagnostic(range, this.label(file.uri), file.uri, file.diagnostics[0]);
  }

  /** The template files applying to `uris` that have problems of their own (each once, in order of first use). */
  templateProblems(uris: readonly string[]): TemplateFile[] {
    const used = new Map<string, TemplateFile>();
    for (const uri of uris) {
      const file = this.templateFileFor(uri);
      if (file && !used.has(file.uri)) used.set(file.uri, file);
    }
    return [...used.values()].filter((file) => file.diagnostics.length > 0);
  }

  /**
   * The Markdown files under the folder `uri`, sorted by name per folder, skipping VCS and
   * dependency folders and what `.alphanodeignore` files say (as `alphanode check FOLDER`).
   * Markdown entries that are neither files nor folders go to `onSkipped`.
   */
  markdownFiles(folderUri: string, onSkipped?: (uri: string) => void): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      const entries = [...this.host.readDirectory(dir)].sort((a, b) => a[0].localeCompare(b[0]));
      for (const [name, kind] of entries) {
        const uri = `${dir}/${name}`;
        if (kind === 'folder') {
          if (!SKIPPED_FOLDERS.has(name) && !this.isIgnored(uri, true)) walk(uri);
        } else if (!/\.(md|markdown)$/i.test(name) || this.isIgnored(uri, false)) continue;
        else if (kind === 'file') found.push(uri);
        // A FIFO, socket or device named like a post: never read (it could block or never end).
        else onSkipped?.(uri);
      }
    };
    walk(trimSlash(folderUri));
    return found;
  }

  private label(uri: string): string {
    if (this.options.label) return this.options.label(uri);
    const root = this.rootOf(uri);
    return root === undefined ? TEMPLATE_FILE : relativeTo(uri, root);
  }

  private ignoreIn(dir: string): IgnoreRules | null {
    const uri = `${dir}/${IGNORE_FILE}`;
    let rules = this.ignores.get(uri);
    if (rules === undefined) {
      const text = this.host.stat(uri) === 'file' ? this.host.readFile(uri) : undefined;
      rules = text === undefined ? null : parseIgnore(text);
      this.ignores.set(uri, rules);
    }
    return rules;
  }
}

/** The decoded path of `uri` below `base` (forward slashes, no leading slash). */
function relativeTo(uri: string, base: string): string {
  return decode(uri.slice(trimSlash(base).length).replace(/^\/+/, ''));
}

function trimSlash(uri: string): string {
  return uri.replace(/\/+$/, '');
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

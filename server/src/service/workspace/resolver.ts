import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PostDocument } from '../model/document';
import { classifyPost, classifyText, DEFAULT_POST_GLOBS, PostClassification } from '../model/isPost';
import { DEFAULT_TEMPLATE, Template } from './template';
import { fallbackDiagnostic, ParsedTemplate, parseTemplate, TEMPLATE_FILE, templateCandidates } from './templateSchema';
import { analyzePost, Finding } from '../check/validate';
import type { WorkspaceHost } from './host';
import { resolveExtends } from './extends';
import { IGNORE_FILE, IgnoreRules, isIgnored, parseIgnore } from './ignore';
import { childOf, fileSystemRoot, isWithin, parentOf, parseUri, relativePath } from './uris';
import type { URI } from 'vscode-uri';

/**
 * The walk's order of names in a folder: by UTF-16 code units, the same on every machine. A
 * locale's order (localeCompare) differs between a laptop and CI (a Danish locale sorts "aa"
 * after "z"), and its first use loads ICU's collation data, 8-14 ms of a warm `check --cache`.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Folders no walk or template search enters. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A `.alphanode.yaml` as read and parsed once. */
export interface TemplateFile extends ParsedTemplate {
  uri: string;
  /** The folder holding it (its URI without `/.alphanode.yaml`). */
  dir: string;
  text: string;
  /** The base templates its `extends` chain read (URIs), for invalidation and file watching. */
  bases: string[];
  /** Key path → the URI of the file its value came from (`alphanode config`); empty when broken. */
  sources: Record<string, string>;
  /** The files applied, bases first, as labels (hover on `extends`). */
  chain: string[];
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
  /**
   * The files and roots do not change while this resolver lives (a CLI run sees one state of
   * the disk): the template of each folder is then looked up once, not once per file.
   */
  unchanging?: boolean;
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
  /** Each template or base file as parsed on its own, before its `extends` is applied. */
  private readonly layers = new Map<string, ParsedTemplate & { text: string }>();
  /** With `unchanging`: the template file (null: none) of each folder, by the folder's URI. */
  private readonly folderTemplates = new Map<string, TemplateFile | null>();
  /** With `unchanging`: the ignore rules that apply to the entries of each folder, by the folder's URI. */
  private readonly folderIgnores = new Map<string, IgnoreRules[]>();
  private roots: URI[] | undefined;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: ResolverOptions,
  ) {}

  /** Drops what was parsed of `uri` (a template or ignore file changed or was deleted), or of everything. */
  forget(uri?: string): void {
    this.folderTemplates.clear();
    this.folderIgnores.clear();
    this.roots = undefined;
    if (uri === undefined) {
      this.templates.clear();
      this.ignores.clear();
      this.layers.clear();
    } else {
      this.templates.delete(uri);
      this.ignores.delete(uri);
      this.layers.delete(uri);
      // A base changed: every template whose chain read it resolves again.
      for (const [known, file] of this.templates) if (file.bases.includes(uri)) this.templates.delete(known);
    }
  }

  /** The root holding `uri`: the longest root containing it, else the file system's root (`file:///`), undefined without a path. */
  rootOf(uri: string): string | undefined {
    const file = parseUri(uri);
    return file && this.rootUriOf(file).toString();
  }

  private rootUriOf(file: URI): URI {
    let best: URI | undefined;
    for (const root of this.parsedRoots()) {
      if (isWithin(file, root) && (best === undefined || root.path.length > best.path.length)) best = root;
    }
    return best ?? fileSystemRoot(file);
  }

  /** The roots as URIs (with `unchanging`, parsed once: the walk asks for each entry). */
  private parsedRoots(): URI[] {
    if (this.roots) return this.roots;
    const roots = this.options.roots().flatMap((folder) => parseUri(folder) ?? []);
    if (this.options.unchanging) this.roots = roots;
    return roots;
  }

  /** Whether `uri` is one of the roots or inside one. */
  isInRoot(uri: string): boolean {
    const file = parseUri(uri);
    return file !== undefined && this.options.roots().some((folder) => {
      const root = parseUri(folder);
      return root !== undefined && isWithin(file, root);
    });
  }

  /** The parsed template file at `uri` (cached), undefined when there is none. */
  templateAt(uri: string): TemplateFile | undefined {
    let loaded = this.templates.get(uri);
    if (!loaded && this.host.stat(uri) === 'file') {
      const own = this.layerAt(uri) ?? { ...parseTemplate(''), text: '' };
      const text = own.text;
      const parsed = parseUri(uri);
      const dir = parsed ? parentOf(parsed).toString() : uri;
      if (own.broken || own.extendsPaths.length === 0) {
        loaded = { ...own, uri, dir, text, bases: [], sources: own.broken ? {} : sourcesOf(own.layer ?? {}, uri), chain: [this.label(uri)] };
      } else {
        const resolved = resolveExtends(this.host, uri, own, (base) => this.layerAt(base), (file) => this.label(file));
        const broken = resolved.diagnostics.length > 0;
        loaded = {
          ...own,
          template: broken ? DEFAULT_TEMPLATE : resolved.template,
          diagnostics: resolved.diagnostics,
          broken,
          hasFiles: !broken && resolved.sources.files !== undefined,
          uri,
          dir,
          text,
          bases: resolved.bases,
          sources: resolved.sources,
          chain: resolved.chain,
        };
      }
      this.templates.set(uri, loaded);
    }
    return loaded;
  }

  /** A template or base file parsed on its own (cached), undefined when it cannot be read. */
  private layerAt(uri: string): (ParsedTemplate & { text: string }) | undefined {
    let layer = this.layers.get(uri);
    if (!layer) {
      const text = this.host.readFile(uri);
      if (text === undefined) return undefined;
      layer = { ...parseTemplate(text), text };
      this.layers.set(uri, layer);
    }
    return layer;
  }

  /** The template file that applies to the file at `uri`: `--config`, else the nearest between its folder and its root. */
  templateFileFor(uri: string): TemplateFile | undefined {
    if (this.options.fixedTemplate !== undefined) return this.templateAt(this.options.fixedTemplate);
    if (!this.options.unchanging) return this.lookUpTemplateFile(uri);
    // Every file of a folder has the same candidates (and root): the folder's URI is the key.
    const folder = uri.slice(0, uri.lastIndexOf('/'));
    let found = this.folderTemplates.get(folder);
    if (found === undefined) {
      found = this.lookUpTemplateFile(uri) ?? null;
      this.folderTemplates.set(folder, found);
    }
    return found ?? undefined;
  }

  private lookUpTemplateFile(uri: string): TemplateFile | undefined {
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
    const file = parseUri(uri);
    return file !== undefined && this.isIgnoredAt(file, uri, isFolder);
  }

  /** isIgnored for `uri` already parsed (`file`). */
  private isIgnoredAt(file: URI, uri: string, isFolder: boolean): boolean {
    // With `unchanging`, the entries of a folder share its rules (a walk asks for each entry).
    const folder = uri.slice(0, uri.lastIndexOf('/'));
    let rules = this.options.unchanging ? this.folderIgnores.get(folder) : undefined;
    // The common case, a folder no ignore file speaks about: nothing more to work out.
    if (rules?.length === 0) return false;
    const root = this.rootUriOf(file);
    const path = relativePath(file, root);
    if (path === '') return false;
    if (!rules) {
      rules = this.ignoreRulesAbove(root, path.split('/'));
      if (this.options.unchanging) this.folderIgnores.set(folder, rules);
    }
    return isIgnored(path, rules, isFolder);
  }

  /** The rules of the ignore files from `root` down to the folder holding the path `segments` (below `root`), each relative to its own folder. */
  private ignoreRulesAbove(root: URI, segments: string[]): IgnoreRules[] {
    const rules: IgnoreRules[] = [];
    let dir = root;
    for (let i = 0; i < segments.length; i++) {
      const own = this.ignoreIn(dir);
      if (own) rules.push({ ...own, base: segments.slice(0, i).join('/') });
      dir = childOf(dir, segments[i]);
    }
    return rules;
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
   * The Markdown files under the folder `uri`, sorted by name per folder (byCodeUnits), skipping VCS and
   * dependency folders and what `.alphanodeignore` files say (as `alphanode check FOLDER`).
   * Markdown entries that are neither files nor folders go to `onSkipped`.
   */
  markdownFiles(folderUri: string, onSkipped?: (uri: string) => void): string[] {
    return [...this.walkMarkdownFiles(folderUri, onSkipped)];
  }

  /** markdownFiles one file at a time, as the walk finds them (the CLI starts checking before the walk ends). */
  *walkMarkdownFiles(folderUri: string, onSkipped?: (uri: string) => void): Generator<string> {
    const folder = parseUri(folderUri);
    if (folder) yield* this.walk(folder, onSkipped);
  }

  private *walk(dir: URI, onSkipped: ((uri: string) => void) | undefined): Generator<string> {
    const entries = [...this.host.readDirectory(dir.toString())].sort((a, b) => byCodeUnits(a[0], b[0]));
    for (const [name, kind] of entries) {
      const child = childOf(dir, name);
      const uri = child.toString();
      if (kind === 'folder') {
        if (!SKIPPED_FOLDERS.has(name) && !this.isIgnoredAt(child, uri, true)) yield* this.walk(child, onSkipped);
      } else if (!/\.(md|markdown)$/i.test(name) || this.isIgnoredAt(child, uri, false)) continue;
      else if (kind === 'file') yield uri;
      // A FIFO, socket or device named like a post: never read (it could block or never end).
      else onSkipped?.(uri);
    }
  }

  /** How a template file's URI reads in messages: relative to its root (or as the adapter says). */
  label(uri: string): string {
    if (this.options.label) return this.options.label(uri);
    const root = this.rootOf(uri);
    return root === undefined ? TEMPLATE_FILE : relativeTo(uri, root);
  }

  private ignoreIn(dir: URI): IgnoreRules | null {
    const uri = childOf(dir, IGNORE_FILE).toString();
    let rules = this.ignores.get(uri);
    if (rules === undefined) {
      const text = this.host.stat(uri) === 'file' ? this.host.readFile(uri) : undefined;
      rules = text === undefined ? null : parseIgnore(text);
      this.ignores.set(uri, rules);
    }
    return rules;
  }
}

/** Every key path of a single file's template, from that file (`alphanode config` without `extends`). */
function sourcesOf(layer: Record<string, unknown>, uri: string, path: string[] = [], into: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(layer)) {
    const keyPath = [...path, key];
    const wholeEntry = path.length === 1 && (path[0] === 'rules' || path[0] === 'fields');
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !wholeEntry) sourcesOf(value as Record<string, unknown>, uri, keyPath, into);
    else into[keyPath.join('.')] = uri;
  }
  return into;
}

/** The decoded path of `uri` below `base` (forward slashes, no leading slash). */
function relativeTo(uri: string, base: string): string {
  const file = parseUri(uri);
  const folder = parseUri(base);
  return file && folder ? relativePath(file, folder) : '';
}
